from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnticorruptionConfig(AppConfig):
    name = "anticorruption"
    verbose_name = _("Adaldyq alany")

    def ready(self):
        from . import followables

        followables.register()
        from django.db.backends.signals import connection_created

        from .stats import register_sqlite_functions

        # The statistics compute medians in the database; SQLite needs the function registered.
        connection_created.connect(register_sqlite_functions, dispatch_uid="anticorruption_sqlite_median")

        from hub.admin_menu import menu_depends_on

        from .models import DepartmentStaff

        # The report queue's menu entry is shown to department staff (wagtail_hooks.handles_reports).
        menu_depends_on(DepartmentStaff)
