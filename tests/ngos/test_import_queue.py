"""A confirmed registry import is written by a worker; the moderator follows it on a status page and by email."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hub.models import ImportRun
from ngos.models import Organisation
from tests.background import run_worker
from tests.conftest import back_office_in_english

from .conftest import valid_bin
from .test_import import csv_rows


@pytest.fixture
def moderator(moderator):
    return back_office_in_english(moderator)


def test_the_registry_import_is_queued_then_written_by_the_worker(client_for, moderator, database_tasks):
    client = client_for(moderator)
    upload = SimpleUploadedFile("registry.csv", csv_rows(valid_bin(), valid_bin(), name="Фонд Алматы").encode())
    preview = client.post(reverse("ngos_admin:import"), {"file": upload})
    response = client.post(reverse("ngos_admin:import_confirm"), {"token": preview.context["token"]})
    run = ImportRun.objects.get()
    assert response.url == reverse("hub_tasks_admin:import_run", args=[run.pk])
    assert run.status == "queued" and run.file_name == "registry.csv" and not Organisation.objects.exists()
    assert "Queued" in client.get(response.url).content.decode()

    run_worker()
    assert Organisation.objects.count() == 2
    page = client.get(response.url).content.decode()
    assert "Done with 2 rows." in page and "2 new" in page
    # The worker announced the rows to search: the directory's search box finds them.
    assert client.get(reverse("ngos:directory"), {"q": "алматы"}).context["page_obj"].paginator.count == 2
    assert [message.to for message in mail.outbox] == [[moderator.email]]
