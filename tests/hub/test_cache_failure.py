"""The shared cache fails (Redis stopped, the cache table never made): the site keeps serving."""

import logging
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection

from anticorruption.models import Report
from hub.cache import RETRY_SECONDS
from tests.anticorruption.test_public import category, post_report  # noqa: F401 - fixture
from tests.conftest import PASSWORD

BROKEN_CACHES = {
    "redis stopped": {"BACKEND": "hub.cache.FailSafeRedisCache", "LOCATION": "redis://127.0.0.1:1/5"},
    "table missing": {"BACKEND": "hub.cache.FailSafeDatabaseCache", "LOCATION": "hub_cache_never_created"},
}


@pytest.fixture(params=list(BROKEN_CACHES))
def broken_cache(request, settings):
    settings.CACHES = {**settings.CACHES, "default": BROKEN_CACHES[request.param]}
    settings.PAGE_CACHE_SECONDS = 60
    from django.core.cache import cache

    cache.fallback.clear()  # the memory fallback outlives a test, like a server process
    return request.param


@pytest.mark.parametrize(
    "path", ["/kk/", "/ru/ngos/", "/en/roadmaps/", "/kk/adaldyq-alany/", "/ru/accounts/login/", "/en/search/?q=water"]
)
def test_pages_are_served_uncached_when_the_cache_fails(visitor, site_pages, broken_cache, path):
    first, second = visitor.get(path), visitor.get(path)
    assert (first.status_code, second.status_code) == (200, 200)
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second


def test_a_failing_cache_is_logged(visitor, site_pages, broken_cache, caplog):
    with caplog.at_level(logging.ERROR, logger="hub.cache"):
        visitor.get("/kk/")
    assert "The shared cache failed" in caplog.text


def test_healthy_cache_still_caches_pages(visitor, site_pages, settings):
    settings.PAGE_CACHE_SECONDS = 60
    visitor.get("/kk/")
    assert visitor.get("/kk/")["X-Page-Cache"] == "hit"


def test_filing_stays_rate_limited_when_the_cache_fails(client, category, broken_cache, settings):  # noqa: F811
    settings.ANTICORRUPTION_FILE_LIMIT = 3
    statuses = [post_report(client, category).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert Report.objects.count() == 3


def test_login_stays_throttled_when_the_cache_fails(client, member, broken_cache):
    for _attempt in range(5):
        client.post("/en/accounts/login/", {"login": member.email, "password": "wrong-password"})
    response = client.post("/en/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sessions_do_not_depend_on_the_cache(client, member, broken_cache):
    response = client.post("/en/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/en/accounts/").status_code == 200


def test_health_check_names_the_failing_cache_and_liveness_stays_up(visitor, db, broken_cache):
    response = visitor.get("/healthz")
    assert response.status_code == 503
    assert "cache: failing" in response.content.decode()
    assert "database: ok" in response.content.decode()
    assert visitor.get("/livez").status_code == 200


def test_health_check_answers_200_when_every_part_works(visitor, db):
    response = visitor.get("/healthz")
    assert response.status_code == 200, response.content
    assert "cache: ok" in response.content.decode()


def test_health_check_names_unwritable_storage(visitor, db, settings, tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    settings.MEDIA_ROOT = tmp_path / "a-file" / "media"
    response = visitor.get("/healthz")
    assert response.status_code == 503
    assert "storage: not writable (MEDIA_ROOT)" in response.content.decode()


def test_the_shared_cache_is_tried_again_after_a_while(db, broken_cache, monkeypatch):
    from django.core.cache import cache

    cache.get("anything")
    assert cache.is_down()
    clock = __import__("time").monotonic() + RETRY_SECONDS + 1
    monkeypatch.setattr("hub.cache.time.monotonic", lambda: clock)
    assert not cache.is_down()


def test_migrations_create_the_cache_table(settings, db):
    settings.CACHES = {**settings.CACHES, "default": {**BROKEN_CACHES["table missing"], "LOCATION": "hub_cache_i14"}}
    migration = import_module("hub.migrations.0005_i14_cache_table")
    migration.create_cache_table(None, SimpleNamespace(connection=connection))
    assert "hub_cache_i14" in connection.introspection.table_names()
    call_command("createcachetable", verbosity=0)  # and running it again changes nothing
