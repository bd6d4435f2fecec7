"""Road-map pieces shown on other apps' pages (see hub.panels)."""

from django.db.models import Avg, Count, Q

from .models import Action, ActionQuerySet, RoadMap, today

HOME_LIMIT = 3


def organisation_section(request, organisation):
    """On an NGO's page: the road-map actions it partners on, in published road maps."""
    actions = list(
        Action.objects.filter(partner_links__organisation=organisation, section__roadmap__live=True)
        .select_related("section", "section__roadmap")
        .with_overdue()
        .order_by("-section__roadmap__period_start", "section__number", "number")
    )
    if not actions:
        return None
    return {"template": "roadmaps/includes/organisation_section.html", "actions": actions}


def home_section(request):
    """On the home page: progress of the current road maps, then the latest completed ones and their results."""
    late = Q(sections__actions__due_date__lt=today(), sections__actions__status__in=ActionQuerySet.OPEN)
    roadmaps = list(
        RoadMap.objects.published()
        .current_first()
        .select_related("owner")
        .annotate(
            action_total=Count("sections__actions"),
            action_done=Count("sections__actions", filter=Q(sections__actions__status="done")),
            action_overdue=Count("sections__actions", filter=late),
            average_progress=Avg("sections__actions__progress"),
        )[:HOME_LIMIT]
    )
    if not roadmaps:
        return None
    return {"template": "roadmaps/includes/home_section.html", "roadmaps": roadmaps}
