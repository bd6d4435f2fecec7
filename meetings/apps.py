from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from wagtail.signals import published, unpublished

        from . import followables
        from .models import Meeting

        followables.register()

        # Any publication (the editor's button, a scheduled one, a revision published in code):
        # a larger room promotes people from the waiting list.
        published.connect(fill_free_seats, sender=Meeting, dispatch_uid="meetings-fill-free-seats")
        # Followers hear of the announcement, a new time, a cancellation.
        published.connect(tell_followers_published, sender=Meeting, dispatch_uid="meetings-tell-published")
        unpublished.connect(tell_followers_unpublished, sender=Meeting, dispatch_uid="meetings-tell-unpublished")


def fill_free_seats(sender, instance, **kwargs):
    from . import services

    services.meeting_fill_free_seats(meeting=instance)


def tell_followers_published(sender, instance, **kwargs):
    from . import services

    services.meeting_published(meeting=instance)


def tell_followers_unpublished(sender, instance, **kwargs):
    from . import services

    services.meeting_unpublished(meeting=instance)
