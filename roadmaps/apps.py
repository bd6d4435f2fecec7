from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadmapsConfig(AppConfig):
    name = "roadmaps"
    verbose_name = _("Road maps")

    def ready(self):
        from wagtail.signals import published

        from . import followables
        from .models import RoadMap

        followables.register()
        # Any publication (the editor's button, a scheduled one): followers hear of the first.
        published.connect(roadmap_published, sender=RoadMap, dispatch_uid="roadmaps-tell-followers")


def roadmap_published(sender, instance, **kwargs):
    from . import services

    services.roadmap_published(roadmap=instance)
