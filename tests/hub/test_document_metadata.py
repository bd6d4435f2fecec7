"""Every storage writes PDF and office documents without their authors' names (issue 15), whichever path
stored them; Wagtail documents, public downloads, are checked for active content like other uploads."""

import hashlib
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from wagtail.documents import get_document_model

from hub.storage import RenderedBySite, private_storage_at
from hub.uploads import document_without_metadata, sniff
from tests.files import (
    NAME,
    RELATIONSHIPS,
    assert_no_author,
    docx_with,
    docx_with_authors,
    pdf_with_author,
    scripted_pdf,
    unpacked,
    upload,
    xlsx_bytes,
    zip_bytes,
)

AUTHORED = [("act.docx", docx_with_authors()), ("act.pdf", pdf_with_author())]


def stored(storage, name):
    with storage.open(name) as handle:
        return handle.read()


@pytest.mark.parametrize("name, content", AUTHORED)
def test_the_public_storage_writes_documents_without_their_authors(db, name, content):
    saved = default_storage.save(f"tests/{name}", ContentFile(content))
    assert saved.endswith(name.rpartition(".")[2])
    assert_no_author(stored(default_storage, saved))
    default_storage.delete(saved)


@pytest.mark.parametrize("name, content", AUTHORED)
def test_private_storages_write_documents_without_their_authors(tmp_path, name, content):
    """NGO attachments, registry imports and the channel's attachments are kept in private storages."""
    storage = private_storage_at(str(tmp_path / "private"))
    assert_no_author(stored(storage, storage.save(name, ContentFile(content))))


def test_spreadsheets_and_opendocuments_lose_their_authors_too(tmp_path):
    storage = private_storage_at(str(tmp_path / "private"))
    odt = zip_bytes(
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "meta.xml": f"<office:document-meta><meta:initial-creator>{NAME}</meta:initial-creator>"
            "</office:document-meta>",
            "content.xml": "<office:document-content/>",
        }
    )
    for name, content in [("text.odt", odt), ("table.xlsx", xlsx_bytes())]:
        kept = stored(storage, storage.save(name, ContentFile(content)))
        assert NAME.encode() not in unpacked(kept) and b"openpyxl" not in unpacked(kept)
        assert sniff(io.BytesIO(kept)) == sniff(io.BytesIO(content))


@pytest.mark.parametrize("name, content", AUTHORED)
def test_cleaning_a_cleaned_document_changes_nothing(name, content):
    """The channel fingerprints a file after cleaning it; the storage cleans it again: same bytes."""
    kind = name.rpartition(".")[2]
    once = document_without_metadata(content, kind)
    assert document_without_metadata(once, kind) == once


def test_a_pdf_the_site_rendered_is_stored_as_made(db):
    content = pdf_with_author()
    saved = default_storage.save("tests/minutes.pdf", RenderedBySite(content))
    assert hashlib.sha256(stored(default_storage, saved)).digest() == hashlib.sha256(content).digest()
    default_storage.delete(saved)


def test_other_files_are_stored_as_sent(db):
    content = f"name;company\n{NAME};LLP\n".encode()
    saved = default_storage.save("tests/list.csv", ContentFile(content))
    assert stored(default_storage, saved) == content
    default_storage.delete(saved)


def add_document(client, name, content):
    return client.post(reverse("wagtaildocs:add"), {"title": "Report", "file": upload(name, content)})


@pytest.mark.parametrize("name, content", AUTHORED)
def test_a_wagtail_document_uploaded_by_an_editor_loses_its_authors(client_for, editor, name, content):
    response = add_document(client_for(editor), name, content)
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Report")
    with document.open_file() as handle:
        assert_no_author(handle.read())


@pytest.mark.parametrize(
    "name, content",
    [
        ("report.pdf", scripted_pdf()),
        ("report.docx", docx_with({"word/_rels/settings.xml.rels": RELATIONSHIPS["remote template"]})),
        ("report.pdf", b"MZ not a pdf"),
    ],
)
def test_a_wagtail_document_with_active_content_or_remote_parts_is_refused(client_for, editor, name, content):
    response = add_document(client_for(editor), name, content)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_document_model().objects.exists()


def test_a_wagtail_text_document_is_accepted_as_it_is(client_for, editor):
    response = add_document(client_for(editor), "list.csv", b"a;b\n1;2\n")
    assert response.status_code == 302
    with get_document_model().objects.get().open_file() as handle:
        assert handle.read() == b"a;b\n1;2\n"


@pytest.mark.parametrize("name, content", AUTHORED)
def test_the_documents_uploaded_in_these_tests_do_name_their_author(name, content):
    with pytest.raises(AssertionError):
        assert_no_author(content)
