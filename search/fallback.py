"""Search without the engine: while the index is missing, damaged or not built yet.

Every public document is built from the database again (the same documents a rebuild
writes) and matched in Python with the same analysis, so the reader finds the same things,
only ranked simply: documents with the words in the title first, newest first. Building
and analysing the documents is the slow part (2,000 organisations: about 5 s on a loaded
machine), so each process keeps them for one state of public content.
"""

import datetime
import time
from collections import Counter
from dataclasses import dataclass

from hub.page_cache import generation, shared_cache_seconds

from . import registry
from .backends.base import Hit, Results

_corpus = {"generation": None, "built": 0.0, "types": {}}


@dataclass(frozen=True)
class Entry:
    """A public document with its analysed terms, as an index would hold them."""

    document: object
    terms: frozenset
    title: frozenset
    skeletons: frozenset

    @classmethod
    def of(cls, document):
        title = frozenset(document.title_terms())
        terms = title | frozenset(document.body_terms())
        return cls(document=document, terms=terms, title=title, skeletons=frozenset(document.skeleton_terms()))


def entries(filters):
    """The public documents of the filtered type (every type without one), analysed once per
    state of public content in this process (and at least every SHARED_CACHE_SECONDS, for
    changes made without signals, as the shared cache does)."""
    current, now = generation(), time.monotonic()
    if _corpus["generation"] != current or now - _corpus["built"] >= shared_cache_seconds():
        _corpus.update(generation=current, built=now, types={})
    types = _corpus["types"]
    for type_, searchable in registry.searchables().items():
        if filters.get("type") in (None, type_):
            if type_ not in types:
                types[type_] = [Entry.of(document) for document in searchable.documents()]
            yield from types[type_]


def matches(entry, query):
    """Whether a document has every word of the query (any analysis of it) and every facet value."""
    if any(value not in facet_values(entry.document, name) for name, value in query.filters.items()):
        return False
    return all(skeleton in entry.skeletons or entry.terms.intersection(options) for options, skeleton in query.clauses)


def facet_values(document, name):
    return {"type": [document.type], "fields": document.fields, "district": document.districts}.get(name, [])


def found(query):
    return [entry for entry in entries(query.filters) if matches(entry, query)]


def search(query):
    """A :class:`Results` page for a query, with facet counts over every match."""
    ranked = sorted(found(query), key=lambda entry: rank(entry, query))
    facets = {name: Counter() for name in ("type", "fields", "district")}
    for entry in ranked:
        for name, counter in facets.items():
            counter.update(facet_values(entry.document, name))
    page = ranked[query.offset : query.offset + query.per_page]
    return Results(
        hits=[hit_for(entry.document) for entry in page],
        total=len(ranked),
        facets={name: dict(counter) for name, counter in facets.items()},
    )


def keys(query):
    return {entry.document.id for entry in found(query)}


def rank(entry, query):
    in_title = sum(1 for options, _skeleton in query.clauses if entry.title.intersection(options))
    date = entry.document.sort_date or datetime.datetime.min
    return (-in_title, -date.toordinal(), entry.document.id)


def hit_for(document):
    return Hit(
        id=document.id,
        type=document.type,
        stored=document.stored(),
        fields=list(document.fields),
        districts=document.districts,
        date=document.sort_date,
    )
