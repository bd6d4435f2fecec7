"""Evidence documents are checked by their bytes (hub.uploads), not by their name."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from hub.uploads import sniff
from roadmaps.models import Evidence, ProgressUpdate
from tests.files import (
    EXECUTABLE,
    HTML,
    RELATIONSHIPS,
    assert_no_author,
    assert_no_metadata,
    docx_bytes,
    docx_with,
    docx_with_authors,
    image_bytes,
    pdf_bytes,
    pdf_with_author,
    photo_with_gps,
    scripted_pdf,
    upload,
    xlsx_bytes,
)


def post_update(client, action, **data):
    url = reverse("roadmaps:action_update", kwargs={"slug": action.section.roadmap.slug, "code": action.code})
    payload = {"occurred_on": datetime.date.today().isoformat(), "note": "Work done", **data}
    return client.post(url, payload)


@pytest.mark.parametrize("content", [EXECUTABLE, HTML])
def test_a_pdf_that_is_really_an_executable_or_a_web_page_is_refused(client_for, member, action, content):
    response = post_update(
        client_for(member), action, evidence_title="Act", evidence_document=upload("act.pdf", content)
    )
    assert response.status_code == 400
    assert response.context["form"].errors["evidence_document"] == [
        "“act.pdf” is not really a PDF file: its content does not match its name."
    ]
    assert not ProgressUpdate.objects.exists() and not Evidence.objects.exists()


@pytest.mark.parametrize(
    "language,expected", [("ru", "на самом деле не файл PDF"), ("kk", "шын мәнінде PDF файлы емес")]
)
def test_refusal_is_translated(client_for, member, action, language, expected):
    with translation.override(language):
        response = post_update(
            client_for(member), action, evidence_title="Act", evidence_document=upload("act.pdf", EXECUTABLE)
        )
    assert expected in response.context["form"].errors["evidence_document"][0]


@pytest.mark.parametrize(
    "name,content",
    [
        ("act.pdf", pdf_bytes()),
        ("act.docx", docx_bytes()),
        ("table.xlsx", xlsx_bytes()),
        ("photo.jpg", image_bytes("JPEG")),
    ],
)
def test_real_documents_are_accepted_as_evidence(client_for, member, action, name, content):
    response = post_update(client_for(member), action, evidence_title="Act", evidence_document=upload(name, content))
    assert response.status_code == 302
    evidence = action.evidence.get()
    assert sniff(evidence.document) == sniff(io.BytesIO(content))  # stored without metadata, same kind


def test_the_model_refuses_a_disguised_document_too(action):
    """The Wagtail admin's evidence panel goes through the model field's validator."""
    evidence = Evidence(action=action, title="Act", document=upload("act.pdf", HTML))
    with pytest.raises(ValidationError) as error:
        evidence.full_clean()
    assert "document" in error.value.message_dict
    Evidence(action=action, title="Act", document=upload("act.pdf", pdf_bytes())).full_clean()


def test_road_map_evidence_loses_its_gps(client_for, member, action):
    url = reverse("roadmaps:action_update", kwargs={"slug": action.section.roadmap.slug, "code": action.code})
    response = client_for(member).post(
        url,
        {
            "occurred_on": datetime.date.today().isoformat(),
            "note": "Trees planted",
            "evidence_title": "Photo",
            "evidence_document": upload("trees.jpg", photo_with_gps(), "image/jpeg"),
        },
    )
    assert response.status_code == 302
    assert_no_metadata(action.evidence.get().document.read())


def test_an_evidence_title_with_line_breaks_is_stored_on_one_line(client_for, member, action):
    response = post_update(client_for(member), action, evidence_title="Акт\r\n№ 5", evidence_url="https://a.kz/act")
    assert response.status_code == 302
    assert action.evidence.get().title == "Акт № 5"


@pytest.mark.parametrize("name, content", [("act.docx", docx_with_authors()), ("act.pdf", pdf_with_author())])
def test_road_map_evidence_loses_its_authors(client_for, member, action, name, content):
    response = post_update(client_for(member), action, evidence_title="Act", evidence_document=upload(name, content))
    assert response.status_code == 302
    assert_no_author(action.evidence.get().document.read())


@pytest.mark.parametrize("name, content", [("act.docx", docx_with_authors()), ("act.pdf", pdf_with_author())])
def test_evidence_saved_through_the_model_loses_its_authors(action, name, content):
    """The Wagtail admin's evidence panel saves the model: the storage cleans the file there too."""
    evidence = Evidence.objects.create(action=action, title="Act", document=upload(name, content))
    assert_no_author(evidence.document.read())


REMOTE_TEMPLATE = docx_with({"word/_rels/settings.xml.rels": RELATIONSHIPS["remote template"]})


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("act.pdf", scripted_pdf(), "act.pdf: PDF files with scripts or embedded files are not accepted."),
        (
            "act.docx",
            REMOTE_TEMPLATE,
            "act.docx: documents that load content from outside themselves (a remote template, a linked object) "
            "are not accepted.",
        ),
        ("act.pdf", b"%PDF-1.4\n%%EOF", "act.pdf: the document cannot be read."),
    ],
)
def test_evidence_with_active_content_or_remote_parts_is_refused(client_for, member, action, name, content, message):
    response = post_update(client_for(member), action, evidence_title="Act", evidence_document=upload(name, content))
    assert response.status_code == 400
    assert response.context["form"].errors["evidence_document"] == [message]
    with pytest.raises(ValidationError):  # the admin's model validation too
        Evidence(action=action, title="Act", document=upload(name, content)).full_clean()
    assert not Evidence.objects.exists()
