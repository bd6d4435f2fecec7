"""What search shows on other apps' pages (see hub/panels.py): its part of /healthz."""

from . import services


def health_check():
    """The search index: it opens and answers a query, or why not (search then runs reduced)."""
    return {"part": "search", "error": services.index_problem()}
