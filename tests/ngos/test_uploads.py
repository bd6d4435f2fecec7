"""Uploads are checked by their bytes: a disguised file is refused with a translated message."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from ngos.models import FieldOfActivity, Initiative, InitiativeAttachment
from ngos.uploads import content_type_of, sniff, validate_document

from .conftest import make_initiative
from .files import EXECUTABLE, HTML, docx_bytes, image_bytes, pdf_bytes, upload, xlsx_bytes, zip_bytes


@pytest.mark.parametrize(
    "name,content,kind",
    [
        ("act.pdf", pdf_bytes(), "pdf"),
        ("act.docx", docx_bytes(), "docx"),
        ("table.xlsx", xlsx_bytes(), "xlsx"),
        ("photo.png", image_bytes("PNG"), "png"),
        ("photo.jpg", image_bytes("JPEG"), "jpeg"),
        ("photo.JPEG", image_bytes("JPEG"), "jpeg"),
    ],
)
def test_real_documents_pass(name, content, kind):
    file = upload(name, content)
    validate_document(file)
    assert sniff(file) == kind
    assert file.tell() == 0, "the file is left at its start for saving"


@pytest.mark.parametrize(
    "name,content",
    [
        ("act.pdf", EXECUTABLE),
        ("act.pdf", HTML),
        ("act.pdf", image_bytes("PNG")),
        ("act.docx", zip_bytes()),
        ("act.docx", xlsx_bytes()),
        ("table.xlsx", pdf_bytes()),
        ("photo.png", image_bytes("JPEG")),
        ("photo.jpg", HTML),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"broken"),
    ],
)
def test_disguised_files_are_refused(name, content):
    with pytest.raises(ValidationError) as error:
        validate_document(upload(name, content))
    assert error.value.code == "document_content"


def test_disguised_pdf_message_names_the_file_and_is_translated():
    messages = {}
    for language in ("en", "ru", "kk"):
        with translation.override(language), pytest.raises(ValidationError) as error:
            validate_document(upload("act.pdf", EXECUTABLE))
        messages[language] = error.value.messages[0]
    assert messages["en"] == "“act.pdf” is not really a PDF file: its content does not match its name."
    assert "act.pdf" in messages["ru"] and "PDF" in messages["ru"] and messages["ru"] != messages["en"]
    assert (
        "act.pdf" in messages["kk"]
        and "PDF" in messages["kk"]
        and messages["kk"] not in (messages["en"], messages["ru"])
    )


def test_documents_with_macros_are_refused():
    with pytest.raises(ValidationError) as error:
        validate_document(upload("act.docx", docx_bytes(macros=True)))
    assert error.value.code == "document_macros"


@pytest.mark.parametrize("name", ["run.exe", "page.html", "noextension", "act.pdf.exe"])
def test_unknown_extensions_are_refused(name):
    with pytest.raises(ValidationError) as error:
        validate_document(upload(name, pdf_bytes()))
    assert error.value.code == "document_type"


def test_allowed_extensions_can_be_narrowed():
    with pytest.raises(ValidationError):
        validate_document(upload("photo.png", image_bytes()), extensions=("pdf",))


def test_content_type_is_read_from_the_bytes():
    assert content_type_of(upload("x.bin", pdf_bytes())) == "application/pdf"
    assert content_type_of(upload("x.pdf", HTML)) == "application/octet-stream"


def _create(client, organisation, attachment):
    return client.post(
        reverse("ngos:initiative_create", args=[organisation.slug]),
        {
            "title": "T",
            "problem": "P",
            "proposal": "P",
            "expected_result": "R",
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
    assert InitiativeAttachment.objects.get().file.read() == content


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
