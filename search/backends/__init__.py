"""The search engine in use, chosen by ``settings.SEARCH_BACKEND``.

- ``"whoosh"`` (default): files under ``VAR_DIR / "search"``; no server, one machine.
- ``"postgres"``: PostgreSQL full-text search in the ``search_searchdocument`` table;
  use it as soon as more than one app server serves the site (Whoosh's files cannot be
  shared between machines) or when the database is PostgreSQL anyway.
"""

from pathlib import Path

from django.conf import settings

_backends = {}


def index_dir():
    return Path(getattr(settings, "SEARCH_INDEX_DIR", None) or settings.VAR_DIR / "search")


def backend_name():
    return getattr(settings, "SEARCH_BACKEND", "whoosh")


def get_backend():
    name = backend_name()
    if name == "postgres":
        from .postgres import PostgresBackend

        return PostgresBackend()
    if name != "whoosh":
        raise ValueError(f"Unknown SEARCH_BACKEND {name!r}: use 'whoosh' or 'postgres'.")
    path = index_dir()
    # One backend per index folder, so the opened index is reused between requests.
    if path not in _backends:
        from whoosh import scoring

        from .whoosh import WhooshBackend

        # "frequency" ranks by how often the words occur (titles count double): three to
        # four times faster than BM25F on very common words; see bench/search_bench.py.
        scoring_name = getattr(settings, "SEARCH_WHOOSH_SCORING", "bm25f")
        weighting = scoring.Frequency() if scoring_name == "frequency" else scoring.BM25F()
        _backends[path] = WhooshBackend(path, weighting=weighting)
    return _backends[path]
