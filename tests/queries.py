"""Counting the queries of one page view, for the tests that pages run a fixed number as data grows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, url, params=None):
    """The number of queries one GET of ``url`` runs; the page must answer 200."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)
