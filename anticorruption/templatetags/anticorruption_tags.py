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
