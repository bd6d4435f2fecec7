"""The public search page: one box, every type of public thing, facets and pages."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import get_language

from hub.page_cache import shared

from . import registry, services

PER_PAGE = 10
# Query-string name of each facet filter, and the facet it narrows.
FILTERS = {"type": "type", "field": "fields", "district": "district"}


def search(request):
    # The same for everyone who asks this in this language: once per state of public content.
    parts = [get_language(), request.GET.get("q", ""), *(request.GET.get(p, "") for p in (*FILTERS, "page"))]
    return render(request, "search/search.html", shared("search-page", parts, lambda: search_context(request)))


def search_context(request):
    text = request.GET.get("q", "")
    selected = {param: request.GET.get(param, "")[:100] for param in FILTERS}
    filters = {FILTERS[param]: value for param, value in selected.items() if value}
    result_page = services.search(text, filters=filters, page=request.GET.get("page", 1), per_page=PER_PAGE)
    paginator = Paginator(range(result_page.total), PER_PAGE)
    labels = {
        "type": registry.type_labels(),
        "field": registry.field_labels(),
        "district": registry.district_labels(),
    }
    context = {
        "query": result_page.query,
        "search": result_page,
        "page_obj": paginator.get_page(result_page.page) if result_page.total else None,
        "facets": facet_groups(result_page, selected, labels),
        "selected": {param: value for param, value in selected.items() if value},
        "suggestion_url": _url(result_page.suggestion, selected) if result_page.suggestion else "",
        "clear_url": _url(result_page.query, {}),
    }
    label_results(result_page.results, labels)
    return context


def _url(text, selected, **changes):
    params = {"q": text, **{k: v for k, v in {**selected, **changes}.items() if v}}
    return "?" + urlencode(params)


def facet_groups(result_page, selected, labels):
    """Each facet as a list of choices with label, count, link and whether it is chosen."""
    groups = {}
    for param, facet in FILTERS.items():
        counts = result_page.facets.get(facet, {})
        choices = [
            {
                "value": value,
                "label": labels[param].get(value, value),
                "count": count,
                "selected": selected[param] == value,
                "url": _url(result_page.query, selected, **{param: "" if selected[param] == value else value}),
            }
            for value, count in counts.items()
        ]
        groups[param] = sorted(choices, key=lambda choice: (-choice["count"], str(choice["label"])))
    return groups


def label_results(results, labels):
    for result in results:
        result.district_label = ", ".join(str(labels["district"].get(slug, slug)) for slug in result.districts)
        result.field_labels = [labels["field"].get(slug, slug) for slug in result.fields]
