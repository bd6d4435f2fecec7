# ruff: noqa: F811 - fixtures imported from the NGO tests' conftest are used by name
"""A missing or damaged search index never answers 500 (issue 14).

Search answers from the database with a notice, /healthz names the failing part, saves
still commit, and ``rebuild_search_index`` starts a damaged index afresh.
"""

import shutil

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from ngos.models import Organisation
from search import services
from search.backends import get_backend
from tests.ngos.conftest import leader, make_organisation, organisation  # noqa: F401 - fixtures

NOTICE = {
    "kk": "Іздеу жеңілдетілген режимде жұмыс істеп тұр",
    "ru": "Поиск работает в упрощённом режиме",
    "en": "Search is running in a reduced mode",
}
DAMAGES = ["missing folder", "deleted TOC", "truncated TOC", "truncated segment", "garbage postings", "garbage TOC"]


def files(index_dir, suffix):
    return sorted(index_dir.glob(f"*{suffix}"))


def damage(index_dir, how):
    """Break the index's files the way a full disk, a bad copy or a careless hand would."""
    if how == "missing folder":
        shutil.rmtree(index_dir)
        return
    suffix = {"truncated segment": ".trm", "garbage postings": ".pst"}.get(how, ".toc")
    for path in files(index_dir, suffix):
        size = path.stat().st_size
        if how == "deleted TOC":
            path.unlink()
        elif how.startswith("truncated"):
            path.write_bytes(path.read_bytes()[: size // 2])
        else:
            path.write_bytes(bytes(range(256)) * (size // 256 + 1))


@pytest.fixture
def indexed(organisation, search_index):
    """A verified organisation in the database and in a healthy index."""
    services.rebuild()
    assert services.search("Эко").total == 1 and not services.search("Эко").reduced
    return organisation


@pytest.fixture(params=DAMAGES)
def damaged(request, indexed, search_index):
    damage(search_index, request.param)
    return indexed


def search_page(client, language, text):
    response = client.get(f"/{language}/search/", {"q": text})
    assert response.status_code == 200
    return response.content.decode()


def directory_slugs(client, text):
    response = client.get(reverse("ngos:directory"), {"q": text})
    assert response.status_code == 200
    return [org.slug for org in response.context["organisations"]], response.content.decode()


def test_a_healthy_index_answers_without_a_notice(visitor, indexed):
    content = search_page(visitor, "en", "Эко")
    assert NOTICE["en"] not in content
    assert indexed.get_absolute_url() in content


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_search_answers_from_the_database_with_a_notice(visitor, damaged, language, caplog):
    content = search_page(visitor, language, "Эко")
    assert NOTICE[language] in content
    assert f"/{language}/ngos/{damaged.slug}/" in content
    assert "rebuild_search_index" in caplog.text  # the error is logged for the operator


def test_reduced_search_is_ranked_paged_and_filtered(visitor, indexed, search_index):
    for number in range(12):
        make_organisation(slug=f"steppe-{number:02d}", name_ru=f"Степь {number}", description="Эко проект")
    damage(search_index, "garbage TOC")
    page = services.search("эко", per_page=5)
    assert page.reduced and page.total == 13
    assert page.results[0].url.endswith(f"/{indexed.slug}/")  # the word in the title ranks first
    assert len(services.search("эко", page=3, per_page=5).results) == 3
    assert page.facets["type"] == {"organisation": 13}
    assert services.search("эко", filters={"type": "meeting"}).total == 0
    assert services.search("степи", per_page=20).total == 12  # the same stemming as the engine
    assert services.search("zzzz").total == 0 and services.search("zzzz").suggestion == ""


def test_reduced_search_reads_the_documents_once_per_state_of_content(
    indexed, search_index, shared_cache, django_capture_on_commit_callbacks
):
    from django.test.utils import CaptureQueriesContext

    damage(search_index, "garbage TOC")
    with CaptureQueriesContext(connection) as first:
        assert services.search("эко").total == 1
    with CaptureQueriesContext(connection) as second:
        assert services.search("эко").total == 1
    assert len(second) < len(first) and not [q for q in second if "ngos_organisation" in q["sql"]]
    with django_capture_on_commit_callbacks(execute=True):
        make_organisation(slug="eco-two", name_ru="Эко два")
    assert services.search("эко").total == 2  # a change to public content is found at once


def test_directory_text_search_answers_from_the_database_with_a_notice(visitor, damaged):
    make_organisation(slug="other", name_ru="Другой фонд")
    slugs, content = directory_slugs(visitor, "Эко")
    assert slugs == [damaged.slug]
    assert NOTICE["kk"] in content


def test_directory_without_text_shows_no_notice(visitor, damaged):
    response = visitor.get(reverse("ngos:directory"))
    assert response.status_code == 200
    assert NOTICE["kk"] not in response.content.decode()


def test_healthz_names_the_damaged_index_and_liveness_stays_up(visitor, damaged):
    response = visitor.get("/healthz")
    assert response.status_code == 503
    line = next(line for line in response.content.decode().splitlines() if line.startswith("search:"))
    assert line.startswith(("search: failing (", "search: empty (run manage.py rebuild_search_index)"))
    assert "database: ok" in response.content.decode()
    assert visitor.get("/livez").status_code == 200


def test_healthz_reports_a_healthy_index(visitor, indexed):
    response = visitor.get("/healthz")
    assert response.status_code == 200, response.content
    assert "search: ok" in response.content.decode()


def test_healthz_accepts_an_empty_index_while_nothing_is_public(visitor, db, search_index):
    response = visitor.get("/healthz")
    assert "search: ok" in response.content.decode()
    assert not search_index.exists()  # checking creates nothing


def test_rebuild_recovers_and_search_is_back_to_normal(visitor, damaged, search_index, capsys):
    call_command("rebuild_search_index")
    assert "rebuilt: 1 documents" in capsys.readouterr().out
    content = search_page(visitor, "ru", "Эко")
    assert NOTICE["ru"] not in content
    assert f"/ru/ngos/{damaged.slug}/" in content
    assert directory_slugs(visitor, "Эко")[0] == [damaged.slug]
    assert visitor.get("/healthz").status_code == 200
    assert not services.search("Эко").reduced


def test_a_save_while_the_index_is_damaged_commits(
    client_for, moderator, damaged, django_capture_on_commit_callbacks, caplog
):
    url = reverse("ngos_admin:organisation_decide", args=[damaged.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(moderator).post(url, {"action": "archive"})
    assert response.status_code == 302
    damaged.refresh_from_db()
    assert damaged.status == Organisation.Status.ARCHIVED
    services.rebuild()
    assert services.search("Эко").total == 0


def test_a_lock_left_behind_blocks_nothing(visitor, indexed, search_index, django_capture_on_commit_callbacks):
    (search_index / "MAIN_WRITELOCK").write_text("12345")  # a writer that died: the lock is the file's flock
    with django_capture_on_commit_callbacks(execute=True):
        make_organisation(slug="steppe", name_ru="Степной фонд")
    assert services.matching_keys("organisation", "степной").keys != set()
    call_command("rebuild_search_index")
    assert NOTICE["en"] not in search_page(visitor, "en", "Степной")


def test_a_held_lock_fails_neither_the_save_nor_the_rebuild_command(
    indexed, settings, django_capture_on_commit_callbacks, caplog
):
    settings.SEARCH_WRITE_TIMEOUT = 0.2
    lock = get_backend().ix.storage.lock("MAIN_WRITELOCK")
    assert lock.acquire()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            saved = make_organisation(slug="steppe", name_ru="Степной фонд")
        assert Organisation.objects.filter(pk=saved.pk).exists()
        assert "Search index update failed" in caplog.text
        with pytest.raises(CommandError, match="locked"):
            call_command("rebuild_search_index")
    finally:
        lock.release()
    assert not services.search("Эко").reduced  # reading needs no lock


def test_an_unwritable_index_folder(visitor, organisation, settings, tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    settings.SEARCH_INDEX_DIR = tmp_path / "a-file" / "search"
    assert NOTICE["kk"] in search_page(visitor, "kk", "Эко")
    response = visitor.get("/healthz")
    assert response.status_code == 503 and "search: failing" in response.content.decode()
    with pytest.raises(CommandError, match="could not be written"):
        call_command("rebuild_search_index")


# ---------------------------------------------------------------- both engines


def break_engine(backend_name, search_index):
    if backend_name == "whoosh":
        damage(search_index, "garbage TOC")
    else:
        with connection.cursor() as cursor:  # rolled back with the test's transaction
            cursor.execute("ALTER TABLE search_searchdocument RENAME TO search_searchdocument_lost")


def test_each_engine_falls_back_reports_and_keeps_saves(
    backend_name, visitor, indexed, search_index, django_capture_on_commit_callbacks
):
    break_engine(backend_name, search_index)
    assert NOTICE["ru"] in search_page(visitor, "ru", "Эко")
    assert directory_slugs(visitor, "Эко")[0] == [indexed.slug]
    assert visitor.get("/healthz").status_code == 503
    with django_capture_on_commit_callbacks(execute=True):
        make_organisation(slug="steppe", name_ru="Степной фонд")
    assert services.search("степной").total == 1  # found in the database, saved although the index failed
