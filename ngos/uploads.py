"""Uploaded documents are recognised by their bytes, never by their name alone.

One checker for every document upload of the site's NGO side (initiative attachments here, road map
evidence in ``roadmaps``): PDF by its ``%PDF-`` header, Office Open XML by the zip parts it must contain,
OpenDocument by its ``mimetype`` member, JPEG and PNG by Pillow reading them. A ``.pdf`` that is really an
executable or a web page is refused, and so is a document with macros.
"""

import zipfile

from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _
from PIL import Image

# extension -> (kind found in the bytes, content type, label in messages)
DOCUMENT_TYPES = {
    "pdf": ("pdf", "application/pdf", "PDF"),
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
    "odt": ("odt", "application/vnd.oasis.opendocument.text", "ODT"),
    "ods": ("ods", "application/vnd.oasis.opendocument.spreadsheet", "ODS"),
    "jpg": ("jpeg", "image/jpeg", "JPEG"),
    "jpeg": ("jpeg", "image/jpeg", "JPEG"),
    "png": ("png", "image/png", "PNG"),
}
DOCUMENT_EXTENSIONS = tuple(DOCUMENT_TYPES)
CONTENT_TYPES = {kind: content_type for kind, content_type, _label in DOCUMENT_TYPES.values()}
OFFICE_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}
OPENDOCUMENT_MIMETYPES = {CONTENT_TYPES["odt"].encode(): "odt", CONTENT_TYPES["ods"].encode(): "ods"}
IMAGE_FORMATS = {"JPEG": "jpeg", "PNG": "png"}
MAX_ZIP_MEMBERS = 5000
MACRO = "macro"


def extension_of(name):
    name = (name or "").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _zip_kind(handle):
    try:
        archive = zipfile.ZipFile(handle)
        names = archive.namelist()
        if len(names) > MAX_ZIP_MEMBERS:
            return None
        if any(name.lower().endswith("vbaproject.bin") for name in names):
            return MACRO
        if "[Content_Types].xml" in names:
            return next((kind for part, kind in OFFICE_PARTS.items() if part in names), None)
        if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
            return OPENDOCUMENT_MIMETYPES.get(archive.read("mimetype").strip())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, KeyError, EOFError):
        return None
    return None


def _image_kind(handle):
    try:
        with Image.open(handle) as image:
            kind = IMAGE_FORMATS.get(image.format)
            image.verify()
    except Exception:  # Pillow raises many kinds of errors on damaged or hostile images
        return None
    return kind


def sniff(handle):
    """The kind of document in an open binary file ("pdf", "docx", "xlsx", "odt", "ods", "jpeg", "png",
    "macro" for an office document with macros), or None; the file is left at its start."""
    handle.seek(0)
    head = handle.read(8)
    try:
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head.startswith(b"PK\x03\x04"):
            handle.seek(0)
            return _zip_kind(handle)
        if head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"\xff\xd8\xff"):
            handle.seek(0)
            return _image_kind(handle)
        return None
    finally:
        handle.seek(0)


def content_type_of(handle):
    """The real content type of an open file, or application/octet-stream when it is none we accept."""
    return CONTENT_TYPES.get(sniff(handle), "application/octet-stream")


def validate_document(value, extensions=DOCUMENT_EXTENSIONS):
    """Model and form validator: the extension is accepted and the bytes are what the extension says.

    A stored file that is not being replaced is not read again.
    """
    if isinstance(value, FieldFile):
        if getattr(value, "_committed", True):
            return
        value = value.file
    extension = extension_of(getattr(value, "name", ""))
    if extension not in extensions or extension not in DOCUMENT_TYPES:
        raise ValidationError(_("This type of file cannot be attached."), code="document_type")
    expected, _content_type, label = DOCUMENT_TYPES[extension]
    found = sniff(value)
    if found == MACRO:
        raise ValidationError(_("Documents with macros cannot be attached."), code="document_macros")
    if found != expected:
        raise ValidationError(
            _("“%(name)s” is not really a %(type)s file: its content does not match its name.")
            % {"name": value.name.rsplit("/", 1)[-1], "type": label},
            code="document_content",
        )
