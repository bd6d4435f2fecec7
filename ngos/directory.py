"""The public directory's filters and facet counts, shared by the page and the open-data download.

Its search box finds what the site search finds: the words are matched by the search engine
(stemming, Kazakh endings, Latin and Cyrillic spellings) and the directory keeps its own
order, facets and pages over the organisations the engine returns.
"""

import logging

from django.db.models import Count, Q

from hub.i18n import translated_order_by
from hub.models import District
from hub.page_cache import shared
from hub.params import parse_int
from search import services as search_services

from .models import FieldOfActivity, Organisation, TargetGroup

logger = logging.getLogger(__name__)
SEARCH_TYPE = "organisation"

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
    filters["matching"], filters["reduced"] = None, False
    if filters["q"]:
        filters["matching"], filters["reduced"] = shared(
            "directory-matches", [filters["q"]], lambda: text_matches(filters["q"])
        )
    filters["active"] = params.get("active") == "1"
    filters["sort"] = params.get("sort") if params.get("sort") in SORTS else "name"
    return filters


def followable_filters(filters):
    """The field of activity and the district chosen in the filters, which a visitor may follow."""
    found = []
    for name in ("field", "district"):
        model = FACETS[name][1]
        thing = model.objects.filter(slug=filters[name]).first() if filters[name] else None
        if thing is not None:
            found.append(thing)
    return found


def state(filters):
    """What the list's count and facets depend on besides the content: the filters, in a fixed order."""
    return [(name, filters[name]) for name in (*FACETS, "q", "active")]


def text_matches(q):
    """Primary keys of the verified organisations site search finds for ``q``, and whether
    search answered in its reduced mode (from the database, while the index is broken)."""
    matches = search_services.matching_keys(SEARCH_TYPE, q)
    return sorted(number for number in map(parse_int, matches.keys) if number is not None), matches.reduced


def suggestion(q):
    """A corrected query that finds organisations, for "did you mean" when nothing matched."""
    try:
        return search_services.did_you_mean(q, {"type": SEARCH_TYPE})
    except Exception:
        logger.exception("Site search could not suggest a spelling for the NGO directory.")
        return ""


def filtered(filters, *, skip=None, base=None):
    """Verified organisations matching the filters; ``skip`` leaves one facet out (for its counts)."""
    queryset = base if base is not None else Organisation.objects.verified()
    if filters["matching"] is not None:
        found = Q(pk__in=filters["matching"])
        if filters["q"].isascii() and filters["q"].isdigit():
            found |= Q(bin__startswith=filters["q"])  # the first digits of a BIN
        queryset = queryset.filter(found)
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
