from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnticorruptionConfig(AppConfig):
    name = "anticorruption"
    verbose_name = _("Adaldyq alany")
