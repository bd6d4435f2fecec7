"""What the public channel takes: every accepted kind, and each refusal with its message."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from anticorruption.files import check_upload
from tests import files as sample

ODS = "application/vnd.oasis.opendocument.spreadsheet"


@pytest.mark.parametrize(
    "name,content,stored_as,content_type",
    [
        ("letter.pdf", sample.pdf_bytes(), "letter.pdf", "application/pdf"),
        (
            "act.docx",
            sample.docx_bytes(),
            "act.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "table.xlsx",
            sample.xlsx_bytes(),
            "table.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "slides.PPTX",
            sample.pptx_bytes(),
            "slides.pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        ("text.odt", sample.opendocument_bytes(), "text.odt", "application/vnd.oasis.opendocument.text"),
        ("sheet.ods", sample.opendocument_bytes(ODS), "sheet.ods", ODS),
        ("photo.jpeg", sample.image_bytes("JPEG"), "photo.jpg", "image/jpeg"),
        ("photo.png", sample.image_bytes("PNG"), "photo.png", "image/png"),
        ("photo.webp", sample.image_bytes("WEBP"), "photo.png", "image/png"),
        ("photo.gif", sample.image_bytes("GIF"), "photo.png", "image/png"),
    ],
)
def test_accepted_kinds_are_stored_with_the_type_of_their_bytes(name, content, stored_as, content_type):
    checked = check_upload(sample.upload(name, content))
    assert (checked.name, checked.content_type) == (stored_as, content_type)


def refusal(name, content):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        check_upload(sample.upload(name, content))
    return error.value.messages


@pytest.mark.parametrize(
    "name,content",
    [
        ("act.pdf", sample.EXECUTABLE),
        ("act.pdf", sample.docx_bytes()),
        ("act.docx", sample.pdf_bytes()),
        ("act.docx", sample.xlsx_bytes()),
        ("act.docx", sample.zip_bytes()),
        ("act.docx", b"PK\x03\x04not really a zip"),
        ("slides.pptx", sample.docx_bytes()),
        ("act.odt", sample.opendocument_bytes(ODS)),
        ("act.odt", sample.zip_bytes()),
        ("act.odt", sample.zip_with_a_mimetype_zipfile_cannot_read("encrypted")),
        ("act.odt", sample.zip_with_a_mimetype_zipfile_cannot_read("damaged")),
        ("table.xlsx", sample.opendocument_bytes(ODS)),
        ("photo.png", sample.image_bytes("JPEG")),
        ("photo.gif", sample.image_bytes("PNG")),
        ("photo.webp", sample.image_bytes("GIF")),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(name, content):
    assert refusal(name, content) == [f"{name}: the file is not what its name says."]


def test_an_image_that_cannot_be_read_is_refused():
    assert refusal("photo.jpg", sample.HTML) == ["photo.jpg: the image cannot be read."]


@pytest.mark.parametrize("name", ["act.docx", "act.xlsx"])
def test_documents_with_macros_are_refused(name):
    assert refusal(name, sample.docx_bytes(macros=True)) == [f"{name}: documents with macros are not accepted."]


@pytest.mark.parametrize("active", [b"/JavaScript", b"/Launch", b"/EmbeddedFile", b"/XFA"])
def test_a_pdf_with_active_content_is_refused(active):
    content = b"%PDF-1.4\n1 0 obj << /OpenAction << /S " + active + b" >> >> endobj"
    assert refusal("act.pdf", content) == ["act.pdf: PDF files with scripts or embedded files are not accepted."]


def test_a_document_with_too_many_parts_is_refused():
    content = sample.zip_bytes({"[Content_Types].xml": "<Types/>", **{f"word/{i}.xml": "" for i in range(2001)}})
    assert refusal("act.docx", content) == ["act.docx: the document is too large when unpacked."]


def test_a_document_too_large_when_unpacked_is_refused(settings):
    settings.ANTICORRUPTION_MAX_FILE_BYTES = 2000
    content = sample.zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "0" * 40_001})
    assert len(content) < 2000
    assert refusal("act.odt", content) == ["act.odt: the document is too large when unpacked."]


def test_an_image_too_large_in_pixels_is_refused(settings):
    settings.ANTICORRUPTION_MAX_IMAGE_PIXELS = 15
    assert refusal("photo.png", sample.image_bytes("PNG")) == ["photo.png: the image is too large in pixels."]


@pytest.mark.parametrize("name", ["run.exe", "page.html", "noextension", "drawing.svg"])
def test_other_kinds_are_refused_by_name(name):
    assert refusal(name, sample.pdf_bytes()) == [
        f"{name}: this type of file is not accepted. Send images, PDF or office documents."
    ]
