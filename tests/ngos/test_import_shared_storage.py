"""The registry import preview waits on the storage every app server shares, not on one server's disk."""

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ngos.models import Organisation

from .conftest import valid_bin
from .test_import import csv_rows


def test_a_preview_made_on_one_server_is_confirmed_on_another(
    client_for, moderator, django_capture_on_commit_callbacks
):
    folder = settings.NGOS_PRIVATE_ROOT / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    before = set(folder.iterdir())
    first_server = client_for(moderator)
    upload = SimpleUploadedFile("registry.csv", csv_rows(valid_bin()).encode())
    preview = first_server.post(reverse("ngos_admin:import"), {"file": upload})
    waiting = list(set(folder.iterdir()) - before)
    assert len(waiting) == 1 and waiting[0].stat().st_mode & 0o077 == 0  # private to the app's user

    second_server = Client()  # same database, sessions and shared storage; nothing of the first's memory
    second_server.cookies = first_server.cookies
    with django_capture_on_commit_callbacks(execute=True):
        response = second_server.post(reverse("ngos_admin:import_confirm"), {"token": preview.context["token"]})
    assert response.status_code == 302 and Organisation.objects.count() == 1
    assert set(folder.iterdir()) == before
