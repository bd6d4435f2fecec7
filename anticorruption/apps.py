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
