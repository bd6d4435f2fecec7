"""The interface every search engine implements, and what a search returns."""

import datetime
from contextlib import nullcontext
from dataclasses import dataclass, field

FACETS = ("type", "fields", "district")


@dataclass
class Hit:
    """One found document: its identity, what is stored to show it, and its facet values."""

    id: str
    type: str
    stored: dict
    fields: list = field(default_factory=list)
    districts: list = field(default_factory=list)
    date: datetime.datetime | None = None
    score: float = 0.0


@dataclass
class Results:
    """A page of hits, how many there are in all, and facet counts over all of them."""

    hits: list
    total: int
    facets: dict = field(default_factory=dict)


@dataclass
class Query:
    """A parsed query: one clause per word, ``(index terms, skeleton)``; every clause must match."""

    clauses: list
    filters: dict = field(default_factory=dict)
    page: int = 1
    per_page: int = 10

    @property
    def offset(self):
        return (self.page - 1) * self.per_page


class SearchBackend:
    """Indexes :class:`search.documents.Document` objects and answers :class:`Query` objects."""

    def index(self, documents):
        """Add or replace documents (an iterable); they are visible once this returns."""
        raise NotImplementedError

    def remove(self, ids):
        """Remove documents by id ("type:key"); unknown ids are ignored."""
        raise NotImplementedError

    def rebuild(self, documents):
        """Replace the whole index with ``documents``; searches see the old index until done."""
        raise NotImplementedError

    def search(self, query):
        """A :class:`Results` for a :class:`Query`."""
        raise NotImplementedError

    def keys(self, query):
        """The ids of every document matching ``query`` (all its words and filters), in no order."""
        raise NotImplementedError

    def suggest(self, word):
        """A known word close to ``word`` (for "did you mean"), or None."""
        raise NotImplementedError

    def suggest_term(self, term):
        """A known index term close to ``term`` (a stem), or None."""
        raise NotImplementedError

    def count(self):
        raise NotImplementedError

    def reading(self):
        """A context for reads that may fail, leaving the caller able to query the database."""
        return nullcontext()

    def is_empty(self):
        """True before the first rebuild (or after the index was started afresh)."""
        raise NotImplementedError

    def check(self):
        """How many documents the index holds, after reading enough of it to tell that it
        answers queries; raises when it cannot (for /healthz)."""
        raise NotImplementedError
