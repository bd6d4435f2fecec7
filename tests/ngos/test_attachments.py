"""Initiative attachments: kept outside MEDIA_ROOT and sent only to those who may read the initiative."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.views.static import serve

from ngos import storage
from ngos.models import FieldOfActivity, Initiative, InitiativeAttachment
from tests.files import pdf_bytes

from .conftest import make_initiative, make_organisation

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def as_role(request, client_for, visitor):
    def sign_in(role):
        if role == "visitor":
            return visitor
        return client_for(request.getfixturevalue(role))

    return sign_in


def attach(initiative, name="plan.pdf", content=PDF):
    return InitiativeAttachment.objects.create(
        initiative=initiative, file=SimpleUploadedFile(name, content), title="Plan"
    )


def read(response):
    return b"".join(response.streaming_content)


def test_attachment_is_stored_in_private_storage_outside_media_root(organisation):
    attachment = attach(make_initiative(organisation))
    private_root = Path(storage.private_storage().location).resolve()
    media_root = Path(settings.MEDIA_ROOT).resolve()
    assert attachment.file.storage.location == storage.private_storage().location
    assert not private_root.is_relative_to(media_root)
    assert (private_root / attachment.file.name).read_bytes() == PDF
    assert not (media_root / attachment.file.name).exists()
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018 - the storage has no public URL at all


def test_attachment_is_not_reachable_under_media(organisation):
    initiative = make_initiative(organisation, status=Initiative.Status.SUBMITTED)
    attachment = attach(initiative)
    request = RequestFactory().get(settings.MEDIA_URL + attachment.file.name)
    with pytest.raises(Http404):
        serve(request, attachment.file.name, document_root=settings.MEDIA_ROOT)


@pytest.mark.parametrize("role", ["visitor", "member", "moderator", "editor"])
def test_draft_attachment_is_404_for_everyone_outside_the_organisation(as_role, organisation, other_organisation, role):
    attachment = attach(make_initiative(other_organisation))
    assert as_role(role).get(attachment.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "role,expected", [("visitor", 404), ("member", 200), ("other_leader", 404), ("moderator", 404), ("editor", 404)]
)
def test_draft_attachment_per_role(as_role, organisation, other_organisation, role, expected):
    attachment = attach(make_initiative(organisation))
    assert as_role(role).get(attachment.get_absolute_url()).status_code == expected


@pytest.mark.parametrize("role", ["visitor", "member", "other_leader", "moderator", "editor"])
def test_submitted_initiative_attachment_is_sent_to_everyone_with_safe_headers(
    as_role, organisation, other_organisation, role
):
    attachment = attach(make_initiative(organisation, status=Initiative.Status.SUBMITTED))
    response = as_role(role).get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert read(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "plan" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_attachment_of_a_hidden_organisation_is_404(visitor, other_leader):
    hidden = make_organisation(slug="hidden-ngo", status="rejected", leader=other_leader)
    attachment = attach(make_initiative(hidden, status=Initiative.Status.SUBMITTED))
    assert visitor.get(attachment.get_absolute_url()).status_code == 404


def test_attachment_of_another_initiative_is_404(visitor, organisation):
    public = make_initiative(organisation, status=Initiative.Status.SUBMITTED)
    draft_attachment = attach(make_initiative(organisation, title="Draft"))
    url = reverse("ngos:initiative_attachment", args=[public.pk, draft_attachment.pk])
    assert visitor.get(url).status_code == 404


def test_missing_file_is_404_not_500(visitor, organisation):
    attachment = attach(make_initiative(organisation, status=Initiative.Status.SUBMITTED))
    attachment.file.storage.delete(attachment.file.name)
    assert visitor.get(attachment.get_absolute_url()).status_code == 404


def test_initiative_page_links_to_the_checked_download(client_for, member, organisation):
    initiative = make_initiative(organisation)
    attachment = attach(initiative)
    content = client_for(member).get(initiative.get_absolute_url()).content.decode()
    assert f'href="{attachment.get_absolute_url()}"' in content
    assert "/media/" not in content


def test_uploaded_attachment_goes_to_private_storage(client_for, member, organisation):
    client_for(member).post(
        reverse("ngos:initiative_create", args=[organisation.slug]),
        {
            "title_en": "T",
            "problem_en": "P",
            "proposal_en": "P",
            "expected_result_en": "R",
            "field": FieldOfActivity.objects.get(slug="ecology").pk,
            "attachment": SimpleUploadedFile("plan.pdf", pdf_bytes()),
        },
    )
    attachment = InitiativeAttachment.objects.get()
    stored = Path(storage.private_storage().path(attachment.file.name)).read_bytes()
    assert stored.startswith(b"%PDF-")  # rewritten without its Info dictionary (hub.storage)
    assert not (Path(settings.MEDIA_ROOT) / attachment.file.name).exists()


@pytest.mark.parametrize("role,expected", [("visitor", 302), ("member", 302), ("editor", 200)])
def test_staff_download_of_a_submitted_initiative(as_role, organisation, role, expected):
    attachment = attach(make_initiative(organisation, status=Initiative.Status.SUBMITTED))
    url = reverse("ngos_admin:initiative_attachment", args=[attachment.initiative_id, attachment.pk])
    response = as_role(role).get(url)
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Disposition"].startswith("attachment;")


def test_staff_download_of_a_draft_is_404(client_for, editor, organisation):
    attachment = attach(make_initiative(organisation))
    url = reverse("ngos_admin:initiative_attachment", args=[attachment.initiative_id, attachment.pk])
    response = client_for(editor).get(url, follow=True)  # the locale middleware first tries /kk/admin/...
    assert response.status_code == 404


def test_migration_moves_existing_files_out_of_media_root(organisation):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("ngos.migrations.0003_attachments_private_storage")
    initiative = make_initiative(organisation)
    name = f"ngos/initiatives/{initiative.pk}/old/plan.pdf"
    old = Path(settings.MEDIA_ROOT) / name
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_bytes(PDF)
    attachment = InitiativeAttachment.objects.create(initiative=initiative, file=name)
    migration.to_private_storage(apps, None)
    assert not old.exists()
    assert attachment.file.open("rb").read() == PDF
    migration.to_media(apps, None)
    assert old.read_bytes() == PDF
