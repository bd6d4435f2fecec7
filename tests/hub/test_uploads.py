"""Files are recognised by their bytes, and the site's document fields refuse a disguised one."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hub.uploads import content_type_of, sniff, validate_document
from tests.files import (
    EXECUTABLE,
    HTML,
    docx_bytes,
    image_bytes,
    opendocument_bytes,
    pdf_bytes,
    pptx_bytes,
    upload,
    xlsx_bytes,
    zip_bytes,
    zip_with_a_mimetype_zipfile_cannot_read,
)

ODS = "application/vnd.oasis.opendocument.spreadsheet"


@pytest.mark.parametrize(
    "content,kind,content_type",
    [
        (pdf_bytes(), "pdf", "application/pdf"),
        (docx_bytes(), "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (xlsx_bytes(), "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (pptx_bytes(), "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        (opendocument_bytes(), "odt", "application/vnd.oasis.opendocument.text"),
        (opendocument_bytes(ODS), "ods", ODS),
        (image_bytes("JPEG"), "jpeg", "image/jpeg"),
        (image_bytes("PNG"), "png", "image/png"),
        (image_bytes("WEBP"), "webp", "image/webp"),
        (image_bytes("GIF"), "gif", "image/gif"),
    ],
)
def test_the_kind_and_content_type_are_read_from_the_bytes(content, kind, content_type):
    file = upload("x.bin", content)
    assert sniff(file) == kind
    assert file.tell() == 0, "the file is left at its start for saving"
    assert content_type_of(file) == content_type


def test_an_office_document_with_macros_is_its_own_kind():
    assert sniff(upload("act.docx", docx_bytes(macros=True))) == "macro"
    assert content_type_of(upload("act.docx", docx_bytes(macros=True))) == "application/octet-stream"


@pytest.mark.parametrize(
    "content",
    [
        EXECUTABLE,
        HTML,
        b"",
        zip_bytes(),
        b"PK\x03\x04not really a zip",
        b"\x89PNG\r\n\x1a\nbroken",
        image_bytes("BMP"),
        opendocument_bytes("application/x-other"),
        zip_bytes({"[Content_Types].xml": "<Types/>", "custom/part.xml": "<x/>"}),
        zip_bytes(
            {
                "[Content_Types].xml": "<Types/>",
                "word/document.xml": "<w/>",
                **{f"word/{i}.xml": "" for i in range(5000)},
            }
        ),
        zip_with_a_mimetype_zipfile_cannot_read("encrypted"),
        zip_with_a_mimetype_zipfile_cannot_read("unknown method"),
        zip_with_a_mimetype_zipfile_cannot_read("damaged"),
    ],
    ids=[
        "executable",
        "html",
        "empty",
        "plain-zip",
        "broken-zip",
        "broken-png",
        "bmp",
        "other-mimetype",
        "unknown-office-part",
        "5001-members",
        "encrypted-member",
        "unknown-compression",
        "damaged-member",
    ],
)
def test_what_is_no_known_kind_is_none(content):
    handle = io.BytesIO(content)
    assert sniff(handle) is None
    assert handle.tell() == 0
    assert content_type_of(handle) == "application/octet-stream"


@pytest.mark.parametrize(
    "name,content",
    [
        ("act.pdf", pdf_bytes()),
        ("act.docx", docx_bytes()),
        ("table.xlsx", xlsx_bytes()),
        ("text.odt", opendocument_bytes()),
        ("sheet.ods", opendocument_bytes(ODS)),
        ("photo.png", image_bytes("PNG")),
        ("photo.jpg", image_bytes("JPEG")),
        ("photo.JPEG", image_bytes("JPEG")),
    ],
)
def test_real_documents_pass(name, content):
    validate_document(upload(name, content))


@pytest.mark.parametrize(
    "name,content",
    [
        ("act.pdf", EXECUTABLE),
        ("act.pdf", HTML),
        ("act.pdf", image_bytes("PNG")),
        ("act.docx", zip_bytes()),
        ("act.docx", xlsx_bytes()),
        ("table.xlsx", pdf_bytes()),
        ("text.odt", opendocument_bytes(ODS)),
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


@pytest.mark.parametrize(
    "name,content",
    [
        ("run.exe", pdf_bytes()),
        ("page.html", pdf_bytes()),
        ("noextension", pdf_bytes()),
        ("act.pdf.exe", pdf_bytes()),
        # Only the anticorruption channel takes these.
        ("slides.pptx", pptx_bytes()),
        ("photo.webp", image_bytes("WEBP")),
        ("photo.gif", image_bytes("GIF")),
    ],
)
def test_other_kinds_are_refused(name, content):
    with pytest.raises(ValidationError) as error:
        validate_document(upload(name, content))
    assert error.value.code == "document_type"


def test_allowed_extensions_can_be_narrowed():
    with pytest.raises(ValidationError):
        validate_document(upload("photo.png", image_bytes()), extensions=("pdf",))
