"""Search without the engine: while the index is missing, damaged or not built yet.

Every public document is built from the database again (the same documents a rebuild
writes) and matched in Python with the same analysis, so the reader finds the same things,
only slower and ranked simply: documents with the words in the title first, newest first.
"""

import datetime
from collections import Counter

from . import registry
from .backends.base import Hit, Results


def documents(filters):
    """The public documents of the filtered type (every type without one), read from the database."""
    for type_, searchable in registry.searchables().items():
        if filters.get("type") in (None, type_):
            yield from searchable.documents()


def matches(document, query):
    """Whether a document has every word of the query (any analysis of it) and every facet value."""
    if any(value not in facet_values(document, name) for name, value in query.filters.items()):
        return False
    terms = set(document.title_terms()) | set(document.body_terms())
    skeletons = set(document.skeleton_terms())
    return all(skeleton in skeletons or terms.intersection(options) for options, skeleton in query.clauses)


def facet_values(document, name):
    return {"type": [document.type], "fields": document.fields, "district": document.districts}.get(name, [])


def found(query):
    return [document for document in documents(query.filters) if matches(document, query)]


def search(query):
    """A :class:`Results` page for a query, with facet counts over every match."""
    hits = sorted(found(query), key=lambda document: rank(document, query))
    facets = {name: Counter() for name in ("type", "fields", "district")}
    for document in hits:
        for name, counter in facets.items():
            counter.update(facet_values(document, name))
    page = hits[query.offset : query.offset + query.per_page]
    return Results(
        hits=[hit_for(document) for document in page],
        total=len(hits),
        facets={name: dict(counter) for name, counter in facets.items()},
    )


def keys(query):
    return {document.id for document in found(query)}


def rank(document, query):
    title = set(document.title_terms())
    in_title = sum(1 for options, _skeleton in query.clauses if title.intersection(options))
    date = document.sort_date or datetime.datetime.min
    return (-in_title, -date.toordinal(), document.id)


def hit_for(document):
    return Hit(
        id=document.id,
        type=document.type,
        stored=document.stored(),
        fields=list(document.fields),
        districts=document.districts,
        date=document.sort_date,
    )
