import logging

import pytest
from django.core.management import call_command

from hub.models import ReportPage
from search import services
from search.backends import get_backend


def found(text):
    return [str(r.title).replace("<mark>", "").replace("</mark>", "") for r in services.search(text).results]


@pytest.fixture
def indexed_pages(site_pages, backend):
    services.rebuild()
    return site_pages


def air_report(language):
    return ReportPage.objects.get(slug="air-quality-2024", locale__language_code=language)


def test_rebuild_indexes_each_report_once_with_all_its_languages(indexed_pages):
    assert get_backend().count() == ReportPage.objects.live().values("translation_key").distinct().count()
    assert found("газ") == ["Ауа сапасы: 2024 жылғы есеп"]  # Kazakh title on the default language
    assert found("smog") == found("смог") == found("газға")


def test_results_are_the_same_in_every_interface_language(indexed_pages, client):
    for language, title in [("kk", "Ауа сапасы"), ("ru", "Качество воздуха"), ("en", "Air quality")]:
        response = client.get(f"/{language}/search/", {"q": "smog"})
        assert response.status_code == 200
        assert title in response.content.decode()


def test_command_rebuilds_the_index(site_pages, backend, capsys):
    call_command("rebuild_search_index")
    assert "documents" in capsys.readouterr().out
    assert found("smog")


def test_publishing_a_change_reindexes_after_commit(indexed_pages, django_capture_on_commit_callbacks):
    page = air_report("en")
    page.summary = "Trolleybus lines were extended."
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert found("trolleybus") == ["Ауа сапасы: 2024 жылғы есеп"]
    assert found("smog") == []


def test_a_draft_change_is_never_found(indexed_pages, django_capture_on_commit_callbacks):
    page = air_report("en")
    page.summary = "Secret draft about trolleybuses."
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision()
    assert found("trolleybus") == []
    assert found("smog")


def test_unpublishing_removes_at_once_and_keeps_other_languages(indexed_pages, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        air_report("en").unpublish()
    assert found("smog") == []
    assert found("газ")
    with django_capture_on_commit_callbacks(execute=True):
        for language in ("kk", "ru"):
            air_report(language).unpublish()
    assert found("газ") == []


def test_deleting_a_page_removes_it(indexed_pages, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for language in ("kk", "ru", "en"):
            air_report(language).delete()
    assert found("газ") == []


def test_nothing_is_indexed_before_commit(indexed_pages, django_capture_on_commit_callbacks):
    page = air_report("en")
    page.summary = "Trolleybus lines were extended."
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.save_revision().publish()
    assert found("trolleybus") == []
    assert callbacks
    for callback in callbacks:
        callback()
    assert found("trolleybus")


def test_a_failing_index_never_fails_the_save(indexed_pages, django_capture_on_commit_callbacks, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(type(get_backend()), "index", broken)
    page = air_report("en")
    page.summary = "Trolleybus lines were extended."
    with caplog.at_level(logging.ERROR, logger="search.signals"), django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert "Search index update failed" in caplog.text
    assert ReportPage.objects.get(pk=page.pk).summary == "Trolleybus lines were extended."


def test_the_index_is_written_by_a_worker_after_commit_not_by_the_request(
    indexed_pages, database_tasks, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from tests.background import run_worker

    page = air_report("en")
    page.summary = "Trolleybus lines were extended."
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert found("trolleybus") == []  # the request only queued the update
    assert DBTaskResult.objects.filter(task_path="search.signals.refresh_documents").exists()
    run_worker()
    assert found("trolleybus") == ["Ауа сапасы: 2024 жылғы есеп"]
