"""Each test gets its own empty index; backends are parametrised where a test says so."""

import pytest
from django.db import connection
from django.utils import translation


@pytest.fixture(autouse=True)
def search_index(search_index, settings):
    """The test's own index (tests/conftest.py) on the default engine, in the default language."""
    settings.SEARCH_BACKEND = "whoosh"
    with translation.override("kk"):  # results show the active language's text; start from the default
        yield search_index


@pytest.fixture(params=["whoosh", "postgres"])
def backend_name(request, settings, db):
    """Run a test once per engine; PostgreSQL only when the database is PostgreSQL."""
    if request.param == "postgres" and connection.vendor != "postgresql":
        pytest.skip("PostgreSQL full-text search needs DATABASE_URL=postgres://...")
    settings.SEARCH_BACKEND = request.param
    return request.param


@pytest.fixture
def backend(backend_name):
    from search.backends import get_backend

    return get_backend()
