"""A panel of counts for the admin dashboard, shared by the apps: each app builds its own sections.

A section is a count that links to the filtered list it counts, with a few rows from the top of
that list. Apps fetch the numbers (a fixed number of queries each) and hand them over as data.
"""

from dataclasses import dataclass, field

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component

SHOWN = 5


@dataclass
class Row:
    label: str
    url: str
    note: str = ""


@dataclass
class Section:
    title: str
    count: int
    url: str
    rows: list = field(default_factory=list)
    empty: str = ""


class CountsPanel(Component):
    """A dashboard panel: a heading and its sections, each a linked count with its first rows."""

    template_name = "hub/admin/dashboard_panel.html"

    def __init__(self, *, name, heading, sections, order=100):
        self.name, self.heading, self.sections, self.order = name, heading, sections, order

    def get_context_data(self, parent_context=None):
        return {"panel_id": self.name.replace("_", "-"), "heading": self.heading, "sections": self.sections}


def listing(title, queryset, url, row, empty=""):
    """A section counting ``queryset`` and showing its first rows, ``row(obj)`` making each one."""
    return Section(title, queryset.count(), url, [row(obj) for obj in queryset[:SHOWN]], empty)


class OverdueFilterSet(WagtailFilterSet):
    """A listing's filters plus "overdue", read from the model's ``objects.overdue()``, for dashboard links."""

    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")

    def filter_overdue(self, queryset, name, value):
        overdue = self._meta.model.objects.overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)
