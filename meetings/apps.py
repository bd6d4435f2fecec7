from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from wagtail.signals import published

        from .models import Meeting

        # Any publication (the editor's button, a scheduled one, a revision published in code):
        # a larger room promotes people from the waiting list.
        published.connect(fill_free_seats, sender=Meeting, dispatch_uid="meetings-fill-free-seats")


def fill_free_seats(sender, instance, **kwargs):
    from . import services

    services.meeting_fill_free_seats(meeting=instance)
