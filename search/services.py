"""What the rest of the code calls: index, remove, search, rebuild.

Apps do not call these for their own objects: :mod:`search.signals` keeps the index up
to date after each commit. Views call :func:`search`; commands call :func:`rebuild`.
Searches never fail for a broken index: :func:`answered` turns to :mod:`search.fallback`.
"""

import logging
from dataclasses import dataclass, field

from hub.page_cache import bump_generation

from . import analysis, fallback, registry
from .backends import get_backend
from .backends.base import FACETS, Query, Results
from .documents import pick
from .highlight import Marker

logger = logging.getLogger(__name__)

MAX_PAGE = 100


def index_document(document):
    """Add or replace one document now."""
    get_backend().index([document])


def remove_document(type_, key):
    get_backend().remove([f"{type_}:{key}"])


def refresh(type_, keys):
    """Re-read ``keys`` of a type from the database: index what is public, remove the rest."""
    searchable = registry.get(type_)
    if searchable is None:
        return
    found, gone = [], []
    for key, document in searchable.documents_for(keys).items():
        if document is None:
            gone.append(f"{type_}:{key}")
        else:
            found.append(document)
    backend = get_backend()
    if gone:
        backend.remove(gone)
    if found:
        backend.index(found)


def all_documents():
    for searchable in registry.searchables().values():
        yield from searchable.documents()


def rebuild():
    """Index every public thing again from the database; returns how many documents."""
    count = 0

    def counted():
        nonlocal count
        for document in all_documents():
            count += 1
            yield document

    get_backend().rebuild(counted())
    # Pages and lists kept while the index was empty or broken carry the reduced-mode notice.
    bump_generation()
    return count


def answered(from_engine, from_database):
    """``(answer, reduced)``: the engine's answer, or the database's (``reduced``) while the
    index is missing, damaged or not built yet. The one fallback of every search."""
    try:
        backend = get_backend()
        with backend.reading():
            if not backend.is_empty():
                return from_engine(backend), False
        logger.warning("The search index is empty: run manage.py rebuild_search_index. Searching the database.")
    except Exception:
        logger.exception("The search index failed: searching the database until rebuild_search_index repairs it.")
    return from_database(), True


def index_problem():
    """Why the index cannot serve searches, for /healthz; None when it opens and answers."""
    try:
        if get_backend().check():
            return None
    except Exception as error:
        # One line: monitoring asks every few seconds; searches log the full traceback.
        logger.warning("The search index failed its health check: %r", error)
        return f"failing ({type(error).__name__})"
    if any(searchable.public_objects().exists() for searchable in registry.searchables().values()):
        return "empty (run manage.py rebuild_search_index)"
    return None


@dataclass
class Result:
    """One hit ready for a template: marked title and snippet in the active language."""

    type: str
    type_label: str
    title: str
    snippet: str
    url: str
    date: object = None
    districts: list = field(default_factory=list)
    fields: list = field(default_factory=list)


@dataclass
class SearchPage:
    query: str
    results: list
    total: int
    facets: dict
    page: int
    per_page: int
    suggestion: str = ""
    # Answered from the database because the index failed: the page says so.
    reduced: bool = False

    @property
    def num_pages(self):
        return max(1, -(-self.total // self.per_page))


def parse(text, filters=None, page=1, per_page=10):
    try:
        page = min(max(1, int(page)), MAX_PAGE)
    except (TypeError, ValueError):
        page = 1
    filters = {name: str(value)[:100] for name, value in (filters or {}).items() if name in FACETS and value}
    return Query(clauses=analysis.parse_query(text), filters=filters, page=page, per_page=per_page)


def search(text, *, filters=None, page=1, per_page=10):
    """A :class:`SearchPage` for what a user typed. Never raises for any input text."""
    query = parse(text, filters, page, per_page)
    results, suggestion, reduced = Results(hits=[], total=0), "", False
    if query.clauses:
        (results, suggestion), reduced = answered(
            lambda backend: engine_results(backend, text, query), lambda: (fallback.search(query), "")
        )
    return SearchPage(
        query=analysis.clean_query(text),
        results=present(results.hits, query.clauses),
        total=results.total,
        facets=results.facets,
        page=query.page,
        per_page=query.per_page,
        suggestion=suggestion,
        reduced=reduced,
    )


def engine_results(backend, text, query):
    results = backend.search(query)
    return results, did_you_mean(text, query.filters) if results.total == 0 else ""


@dataclass
class Matches:
    """The keys of the things a text matches, and whether the database answered (see :func:`answered`)."""

    keys: set
    reduced: bool = False


def matching_keys(type_, text):
    """The keys of every public ``type_`` thing that matches what a user typed, in no order.

    For lists that filter by text but keep their own order, facets and pages (the NGO
    directory): they match exactly what the search page would find. Never raises for any
    input text; text without a single word matches nothing.
    """
    query = parse(text, {"type": type_})
    if not query.clauses:
        return Matches(keys=set())
    ids, reduced = answered(lambda backend: backend.keys(query), lambda: fallback.keys(query))
    prefix = f"{type_}:"
    return Matches(keys={id_.removeprefix(prefix) for id_ in ids if id_.startswith(prefix)}, reduced=reduced)


def did_you_mean(text, filters=None):
    """The query with each unknown word replaced by a close known one, if that finds something."""
    backend = get_backend()
    words = analysis.query_words(text)
    corrected = [correct(word, backend, filters) for word in words]
    if corrected == words:
        return ""
    # Words kept as they were are shown as the user typed them (case, ё).
    typed = {analysis.fold(w): w for w in reversed(analysis.WORD_RE.findall(analysis.clean_query(text)))}
    suggestion = " ".join(typed.get(new, new) if new == old else new for old, new in zip(words, corrected, strict=True))
    query = Query(clauses=analysis.parse_query(suggestion), filters=filters or {}, per_page=1)
    return suggestion if backend.search(query).total else ""


def correct(word, backend, filters=None):
    """A close known word for an unknown one: a title word, else the closest stem plus the word's ending."""
    if word in analysis.STOPWORDS or word.isdigit():
        return word
    alone = Query(clauses=analysis.parse_query(word), filters=filters or {}, per_page=1)
    if backend.search(alone).total:
        return word
    title_word = backend.suggest(word)
    if title_word and title_word != word:
        return title_word
    for stem in analysis.query_terms(word):
        close = backend.suggest_term(stem) if word.startswith(stem) else None
        if close and close != stem:
            ending = word[len(stem) :]
            # With no typed ending to keep, the stem alone ("stepp") is often not a word.
            return close + ending if ending else written_word(backend, close, filters) or close
    return word


def written_word(backend, term, filters=None):
    """A word as the documents indexed under ``term`` write it ("steppe" for "stepp")."""
    query = Query(clauses=[([term], "")], filters=filters or {}, per_page=3)
    for hit in backend.search(query).hits:
        for part in ("title", "body"):
            for language, text in hit.stored.get(part, {}).items():
                for found in analysis.words(text):
                    if term in analysis.stems(found, language):
                        return found
    return ""


def pick_matching(bodies, marker):
    """The body to quote: the active language's if it has a match, else any that has one."""
    language, body = pick(bodies)
    if not body or marker.spans(body, language):
        return language, body
    for other, text in bodies.items():
        if text and marker.spans(text, other):
            return other, text
    return language, body


def present(hits, clauses):
    marker = Marker(clauses)
    labels = registry.type_labels()
    results = []
    for hit in hits:
        title_language, title = pick(hit.stored.get("title", {}))
        body_language, body = pick_matching(hit.stored.get("body", {}), marker)
        _url_language, url = pick(hit.stored.get("url", {}))
        results.append(
            Result(
                type=hit.type,
                type_label=labels.get(hit.type, hit.type),
                title=marker.mark(title, title_language),
                snippet=marker.snippet(body, body_language) if body else "",
                url=url,
                date=hit.date,
                districts=hit.districts,
                fields=hit.fields,
            )
        )
    return results
