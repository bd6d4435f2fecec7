"""A confirmed road-map import is written by a worker; the editor follows it on a status page and by email."""

import re

from django.core import mail
from django.urls import reverse

from hub.models import ImportRun
from roadmaps.models import Action, Section
from tests.background import run_worker

from . import test_admin
from .test_admin import import_url, xlsx

editor = test_admin.editor  # the editor reads the back office in English

ROWS = [
    [1, 1, "Бір", "Один", "One", "ecology", "", "2025-01-01", "2025-03-01"],
    [1, 2, "Екі", "Два", "Two", "ecology", "", "2025-02-01", "2025-04-01"],
]


def _confirm(client, roadmap):
    preview = client.post(import_url(roadmap), {"file": xlsx(ROWS)})
    return client.post(import_url(roadmap), {"token": preview.context["token"]})


def test_the_import_is_queued_then_written_by_the_worker_and_the_editor_is_told(
    client_for,
    editor,
    roadmap,
    section,
    database_tasks,
):
    client = client_for(editor)
    response = _confirm(client, roadmap)
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response.url == reverse("hub_tasks_admin:import_run", args=[run.pk])
    page = client.get(response.url).content.decode()
    assert "Queued: waiting for a worker." in page and 'http-equiv="refresh"' in page
    assert not Action.objects.exists() and mail.outbox == []

    run_worker()
    assert [a.code for a in Action.objects.of_roadmap(roadmap).numbered()] == ["1.1", "1.2"]
    page = client.get(response.url).content.decode()
    assert "Done with 2 rows." in page and "Imported: 2 new actions, 0 updated." in page
    assert 'http-equiv="refresh"' not in page
    run.refresh_from_db()
    assert run.status == "done" and run.rows == 2 and run.content in (b"", memoryview(b""))
    # In the editor's language (Kazakh unless they chose another), with the status page's address.
    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert mail.outbox[0].subject == "Импорт аяқталды: belsendi-megapolis.xlsx" and response.url in mail.outbox[0].body


def test_an_import_that_fails_in_the_worker_shows_the_reason_and_writes_nothing(
    client_for,
    editor,
    roadmap,
    section,
    database_tasks,
):
    client = client_for(editor)
    response = _confirm(client, roadmap)
    Section.objects.all().delete()  # the road map changed between the preview and the run
    run_worker()
    page = client.get(response.url).content.decode()
    status = re.search(r'data-import-status="failed">(.*?)</p>', page, re.S)
    assert status, re.search(r"data-import-status.*?</p>", page, re.S).group(0)
    assert "Failed:" in status.group(1) and "Row 2: section: the road map has no section 1." in status.group(1)
    assert not Action.objects.exists()
    assert mail.outbox[0].subject == "Импорт сәтсіз аяқталды: belsendi-megapolis.xlsx"


def test_with_tasks_run_at_once_the_confirm_answers_as_before(client_for, editor, roadmap, section):
    client = client_for(editor)
    response = _confirm(client, roadmap)
    assert response.status_code == 302 and "/import" not in response.url
    assert Action.objects.count() == 2
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Imported: 2 new actions, 0 updated."]


def test_only_the_person_who_asked_and_administrators_see_an_import(
    client_for,
    editor,
    moderator,
    admin_user,
    roadmap,
    section,
    database_tasks,
):
    response = _confirm(client_for(editor), roadmap)
    assert client_for(moderator).get(response.url, follow=True).status_code == 404
    assert client_for(admin_user).get(response.url).status_code == 200
