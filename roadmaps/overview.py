"""Reading a road map for the public: the overview figures, the chart and the filtered action list.

Every figure is an aggregate in the database, so the page runs the same number of queries
whether the road map has ten actions or two hundred.
"""

from django.db.models import Avg, Count, Q

from hub.models import Department
from hub.params import parse_int

from .models import Action, ActionQuerySet, Section, today


def _open_and_late(prefix=""):
    return Q(**{f"{prefix}due_date__lt": today(), f"{prefix}status__in": ActionQuerySet.OPEN})


def figures(actions):
    """Totals, counts by status, overdue, share done and average progress, in one query."""
    counts = actions.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=_open_and_late()),
        average_progress=Avg("progress"),
        **{status: Count("pk", filter=Q(status=status)) for status in Action.Status.values},
    )
    counted = counts["total"] - counts["cancelled"]
    counts["share_done"] = round(counts["done"] * 100 / counted) if counted else 0
    counts["average_progress"] = round(counts["average_progress"] or 0)
    counts["by_status"] = [
        {"status": status, "label": label, "count": counts[status]} for status, label in Action.Status.choices
    ]
    return counts


def by_department(roadmap):
    """Responsible bodies of a road map with their actions, done and overdue."""
    in_roadmap = Q(roadmap_actions__section__roadmap=roadmap)
    return (
        Department.objects.filter(in_roadmap)
        .annotate(
            action_count=Count("roadmap_actions", distinct=True),
            done_count=Count("roadmap_actions", filter=Q(roadmap_actions__status="done"), distinct=True),
            overdue_count=Count("roadmap_actions", filter=_open_and_late("roadmap_actions__"), distinct=True),
        )
        .order_by("-action_count", "name_en")
    )


def sections_with_progress(roadmap):
    return roadmap.sections.annotate(
        action_count=Count("actions"),
        done_count=Count("actions", filter=Q(actions__status="done")),
        average_progress=Avg("actions__progress"),
    ).order_by("number")


def filter_actions(roadmap, params):
    """The action list with the public filters: section, status, department, partner NGO, overdue."""
    actions = Action.objects.of_roadmap(roadmap)
    selected = {key: params.get(key, "") for key in ("section", "status", "department", "partner", "overdue")}
    if parse_int(selected["section"]) is not None:
        actions = actions.filter(section__number=parse_int(selected["section"]))
    if selected["status"] in Action.Status.values:
        actions = actions.filter(status=selected["status"])
    if selected["department"]:
        actions = actions.filter(departments__slug=selected["department"])
    if selected["partner"]:
        actions = actions.filter(partner_links__organisation__slug=selected["partner"])
    if selected["overdue"] == "1":
        actions = actions.overdue()
    return actions.distinct().for_listing(), selected


def filter_choices(roadmap):
    from ngos.models import Organisation

    return {
        "sections": Section.objects.filter(roadmap=roadmap).order_by("number"),
        "departments": Department.objects.filter(roadmap_actions__section__roadmap=roadmap).distinct().ordered(),
        "partners": Organisation.objects.filter(roadmap_links__action__section__roadmap=roadmap).distinct().ordered(),
        "statuses": Action.Status.choices,
    }
