"""Initiative attachments are checked by their bytes (hub.uploads) and sent with the type found in them."""

import io

import pytest
from django.urls import reverse
from django.utils import translation

from hub.uploads import sniff
from ngos.models import FieldOfActivity, Initiative, InitiativeAttachment, Organisation
from tests.files import (
    EXECUTABLE,
    HTML,
    RELATIONSHIPS,
    assert_no_author,
    assert_no_metadata,
    docx_bytes,
    docx_with,
    docx_with_authors,
    pdf_bytes,
    pdf_with_author,
    photo_with_gps,
    scripted_pdf,
    upload,
    xlsx_bytes,
)

from .conftest import make_initiative


def _create(client, organisation, attachment):
    return client.post(
        reverse("ngos:initiative_create", args=[organisation.slug]),
        {
            "title_en": "T",
            "problem_en": "P",
            "proposal_en": "P",
            "expected_result_en": "R",
            "field": FieldOfActivity.objects.get(slug="ecology").pk,
            "attachment": attachment,
        },
    )


@pytest.mark.parametrize("content", [EXECUTABLE, HTML])
def test_initiative_form_refuses_a_pdf_that_is_not_one(client_for, member, organisation, content):
    with translation.override("en"):
        response = _create(client_for(member), organisation, upload("plan.pdf", content))
    assert response.status_code == 200
    assert response.context["form"].errors["attachment"] == [
        "“plan.pdf” is not really a PDF file: its content does not match its name."
    ]
    assert not Initiative.objects.exists()


@pytest.mark.parametrize(
    "name,content", [("plan.pdf", pdf_bytes()), ("plan.docx", docx_bytes()), ("budget.xlsx", xlsx_bytes())]
)
def test_initiative_form_accepts_real_documents(client_for, member, organisation, name, content):
    response = _create(client_for(member), organisation, upload(name, content))
    assert response.status_code == 302
    assert sniff(InitiativeAttachment.objects.get().file) == sniff(io.BytesIO(content))


def test_download_sends_the_content_type_found_in_the_bytes(visitor, organisation):
    initiative = make_initiative(organisation, status=Initiative.Status.SUBMITTED)
    attachment = InitiativeAttachment.objects.create(initiative=initiative, file=upload("budget.xlsx", xlsx_bytes()))
    response = visitor.get(attachment.get_absolute_url())
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_a_stored_file_that_is_not_replaced_is_not_read_again(organisation):
    attachment = InitiativeAttachment.objects.create(
        initiative=make_initiative(organisation), file=upload("legacy.pdf", HTML)
    )
    attachment.refresh_from_db()
    attachment.full_clean()  # an old upload does not block editing the row


def test_an_ngo_logo_loses_its_gps(client_for, leader):
    from .test_registration import identity_data

    client = client_for(leader)
    client.post(reverse("ngos:register"), identity_data())
    organisation = Organisation.objects.get()
    response = client.post(
        reverse("ngos:register_step", args=[organisation.slug, "contacts"]),
        {"email": "a@example.kz", "logo": upload("logo.jpg", photo_with_gps(), "image/jpeg")},
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert_no_metadata(organisation.logo.read())


def test_an_initiative_image_loses_its_gps(client_for, member, organisation):
    response = client_for(member).post(
        reverse("ngos:initiative_create", args=[organisation.slug]),
        {
            "title_en": "Trees",
            "problem_en": "P",
            "proposal_en": "P",
            "expected_result_en": "R",
            "field": FieldOfActivity.objects.get(slug="ecology").pk,
            "attachment": upload("yard.jpg", photo_with_gps(), "image/jpeg"),
        },
    )
    assert response.status_code == 302
    attachment = organisation.initiatives.get().attachments.get()
    assert_no_metadata(attachment.file.read())


@pytest.mark.parametrize("name, content", [("plan.docx", docx_with_authors()), ("plan.pdf", pdf_with_author())])
def test_an_initiative_attachment_loses_its_authors(client_for, member, organisation, name, content):
    response = _create(client_for(member), organisation, upload(name, content))
    assert response.status_code == 302
    assert_no_author(InitiativeAttachment.objects.get().file.read())


@pytest.mark.parametrize(
    "name, content",
    [
        ("plan.pdf", scripted_pdf("/Launch", "/L#61unch")),
        ("plan.docx", docx_with({"word/_rels/document.xml.rels": RELATIONSHIPS["linked object"]})),
    ],
)
def test_initiative_form_refuses_active_content_and_remote_parts(client_for, member, organisation, name, content):
    with translation.override("en"):
        response = _create(client_for(member), organisation, upload(name, content))
    assert response.status_code == 200
    assert response.context["form"].errors["attachment"][0].startswith(f"{name}: ")
    assert not Initiative.objects.exists()
