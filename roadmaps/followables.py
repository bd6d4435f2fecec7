"""What of the road maps may be followed: a road map, one action (only once published)."""

from django.utils.translation import pgettext_lazy

from follows import registry


def register():
    from .models import Action, RoadMap

    label = pgettext_lazy("followed thing", "Road map")
    registry.register("roadmap", RoadMap, label=label, audience=lambda roadmap: roadmap.live)
    label = pgettext_lazy("followed thing", "Road-map action")
    registry.register("action", Action, label=label, audience=lambda action: action.section.roadmap.live)
