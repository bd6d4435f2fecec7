"""The public directory's filters and facet counts, shared by the page and the open-data download."""

from django.db.models import Count

from hub.i18n import translated_order_by
from hub.models import District

from .models import FieldOfActivity, Organisation, TargetGroup

FACETS = {
    # parameter -> (lookup on Organisation, reference model or None for legal form)
    "field": ("fields__slug", FieldOfActivity),
    "target": ("target_groups__slug", TargetGroup),
    "district": ("districts__slug", District),
    "legal_form": ("legal_form", None),
}
SORTS = {"name": None, "newest": "-verified_at"}


def read_filters(params):
    """The filters in a query string, cleaned: unknown values are ignored."""
    filters = {name: params.get(name, "").strip()[:60] for name in FACETS}
    filters["q"] = params.get("q", "").strip()[:200]
    filters["active"] = params.get("active") == "1"
    filters["sort"] = params.get("sort") if params.get("sort") in SORTS else "name"
    return filters


def filtered(filters, *, skip=None, base=None):
    """Verified organisations matching the filters; ``skip`` leaves one facet out (for its counts)."""
    queryset = base if base is not None else Organisation.objects.verified()
    if filters["q"]:
        queryset = queryset.search(filters["q"])
    if filters["active"]:
        queryset = queryset.active()
    for name, (lookup, _model) in FACETS.items():
        if name != skip and filters[name]:
            queryset = queryset.filter(**{lookup: filters[name]})
    return queryset


def ordered(queryset, sort):
    if sort == "newest":
        return queryset.order_by("-verified_at", "-pk")
    return queryset.order_by(translated_order_by("name"), "pk")


def facet_counts(filters):
    """For each facet, its options with the number of organisations each would give. One query per facet."""
    result = {}
    for name, (lookup, _model) in FACETS.items():
        ids = filtered(filters, skip=name).values("pk")
        rows = (
            Organisation.objects.filter(pk__in=ids)
            .exclude(**{f"{lookup}__isnull": True})
            .values(lookup)
            .annotate(n=Count("pk", distinct=True))
        )
        counts = {row[lookup]: row["n"] for row in rows}
        result[name] = counts
    return result


def facet_options(filters, counts, references):
    """The options for each facet with their counts, in display order."""
    options = {}
    for name, (_lookup, model) in FACETS.items():
        if model is None:
            choices = Organisation.LegalForm.choices
        else:
            choices = [(item.slug, item.name) for item in references[name]]
        options[name] = [
            {"value": value, "label": label, "count": counts[name].get(value, 0), "selected": filters[name] == value}
            for value, label in choices
        ]
    return options


def reference_lists():
    return {
        "field": list(FieldOfActivity.objects.ordered()),
        "target": list(TargetGroup.objects.ordered()),
        "district": list(District.objects.ordered()),
    }
