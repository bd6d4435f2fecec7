from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowsConfig(AppConfig):
    """Following things on the hub, the events they go through, and telling the followers.

    Sits at the bottom of the house beside ``hub``: every domain app may use it, it imports none
    of them. Apps register what may be followed (``follows.registry``) in their ``ready()``.
    """

    name = "follows"
    verbose_name = _("Follows and notifications")
    default_auto_field = "django.db.models.BigAutoField"
