"""The embedded default: a Whoosh index in local files.

Text arrives already analysed (:mod:`search.analysis`), so the fields only split on
spaces. Every write takes Whoosh's file lock, waiting for it rather than failing
(``SEARCH_WRITE_TIMEOUT`` seconds, default 60): two saves at the same time queue up and
both land, in this process or another one on the same machine.
"""

import logging
from pathlib import Path

from django.conf import settings
from whoosh import index, scoring, sorting, writing
from whoosh.analysis import RegexTokenizer
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.query import And, Every, Or, Term

from .. import analysis
from .base import FACETS, Hit, Results, SearchBackend

logger = logging.getLogger(__name__)

TERMS = RegexTokenizer(r"[^ ]+")


def make_schema():
    return Schema(
        id=ID(unique=True, stored=True),
        type=ID(stored=True, sortable=True),
        fields=KEYWORD(stored=True, scorable=False),
        district=ID(stored=True, sortable=True),
        date=DATETIME(stored=True, sortable=True),
        # Title terms are written twice, which ranks title matches first at no extra cost.
        text=TEXT(analyzer=TERMS, phrase=False),
        skel=TEXT(analyzer=TERMS, phrase=False, field_boost=0.5),
        words=KEYWORD(scorable=False),
        data=STORED(),
    )


def fields_for(document):
    """The Whoosh fields of one document."""
    title = document.title_terms()
    values = {
        "id": document.id,
        "type": document.type,
        "text": " ".join(title + title + document.body_terms()),
        "skel": " ".join(document.skeleton_terms()),
        "words": " ".join(dict.fromkeys(analysis.words(" ".join(document.title.values())))),
        "data": document.stored(),
    }
    if document.fields:
        values["fields"] = " ".join(document.fields)
    if document.district:
        values["district"] = document.district
    if document.sort_date:
        values["date"] = document.sort_date
    return values


def build_query(clauses):
    """Every clause must match; a clause matches by any of its terms or by its skeleton."""
    parts = [Or([Term("text", term) for term in terms] + [Term("skel", skeleton)]) for terms, skeleton in clauses]
    return And(parts) if len(parts) > 1 else parts[0]


def build_filter(filters):
    terms = [Term(name, value) for name, value in filters.items() if value and name in FACETS]
    return And(terms) if terms else None


class WhooshBackend(SearchBackend):
    def __init__(self, path, weighting=None):
        self.path = Path(path)
        self.weighting = weighting or scoring.BM25F()
        self._index = None

    # ------------------------------------------------------------ index files

    @property
    def ix(self):
        if self._index is None:
            self.path.mkdir(parents=True, exist_ok=True)
            if index.exists_in(str(self.path)):
                self._index = index.open_dir(str(self.path))
            else:
                self._index = index.create_in(str(self.path), make_schema())
        return self._index

    def writer(self, **kwargs):
        """A writer that waits for the lock instead of failing with LockError."""
        timeout = getattr(settings, "SEARCH_WRITE_TIMEOUT", 60)
        return self.ix.writer(timeout=timeout, delay=0.05, **kwargs)

    # ------------------------------------------------------------ writing

    def index(self, documents):
        with self.writer() as writer:
            for document in documents:
                writer.update_document(**fields_for(document))

    def remove(self, ids):
        with self.writer() as writer:
            for id_ in ids:
                writer.delete_by_term("id", id_)

    def rebuild(self, documents, procs=1, limitmb=128):
        """Write every document into a new segment and drop all old ones in the same commit."""
        options = {"limitmb": limitmb}
        if procs > 1:
            options.update(procs=procs, multisegment=True)
        writer = self.writer(**options)
        try:
            for document in documents:
                writer.add_document(**fields_for(document))
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=writing.CLEAR)

    def optimize(self):
        self.ix.optimize()

    # ------------------------------------------------------------ reading

    def count(self):
        return self.ix.doc_count()

    def search(self, query):
        if not query.clauses:
            return Results(hits=[], total=0)
        facets = {
            "type": sorting.FieldFacet("type"),
            "fields": sorting.FieldFacet("fields", allow_overlap=True),
            "district": sorting.FieldFacet("district"),
        }
        with self.ix.searcher(weighting=self.weighting) as searcher:
            results = searcher.search(
                build_query(query.clauses),
                limit=query.offset + query.per_page,
                filter=build_filter(query.filters),
                groupedby=facets,
                maptype=sorting.Count,
            )
            hits = [self._hit(hit) for hit in results[query.offset : query.offset + query.per_page]]
            counts = {name: {k: v for k, v in results.groups(name).items() if k} for name in facets}
            return Results(hits=hits, total=len(results), facets=counts)

    def top(self, clauses, limit=10):
        """Only the best ``limit`` ids, without counts or facets (what the benchmark times)."""
        with self.ix.searcher(weighting=self.weighting) as searcher:
            return [hit["id"] for hit in searcher.search(build_query(clauses), limit=limit)]

    @staticmethod
    def _hit(hit):
        return Hit(
            id=hit["id"],
            type=hit["type"],
            stored=hit.get("data") or {},
            fields=(hit.get("fields") or "").split(),
            district=hit.get("district") or "",
            date=hit.get("date"),
            score=hit.score or 0.0,
        )

    def suggest(self, word):
        with self.ix.searcher() as searcher:
            suggestions = searcher.corrector("words").suggest(word, limit=1, maxdist=2)
        return suggestions[0] if suggestions else None

    def all_ids(self):
        with self.ix.searcher() as searcher:
            return sorted(hit["id"] for hit in searcher.search(Every(), limit=None))
