from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def ac_percent(share):
    return "—" if share is None else f"{number_format(round(share * 100), 0)}%"


@register.filter
def ac_hours(delta):
    return "—" if delta is None else number_format(delta.total_seconds() / 3600, 1)


@register.filter
def ac_days(delta):
    return "—" if delta is None else number_format(delta.total_seconds() / 86400, 1)


@register.simple_tag
def ac_near_duplicates(report, user):
    """The original and the copies of a report (same text within the window) that ``user`` may open."""
    from django.db.models import Q

    from anticorruption.models import Report

    linked = Q(duplicate_of=report) | (Q(pk=report.duplicate_of_id) if report.duplicate_of_id else Q(pk__in=[]))
    return list(Report.objects.visible_to(user).filter(linked).order_by("created_at").only("case_number", "created_at"))
