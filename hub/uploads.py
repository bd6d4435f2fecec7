"""What kind of file an upload is, read from its bytes, never from its name alone.

PDF by its ``%PDF-`` header, Office Open XML by ``[Content_Types].xml`` and the part its kind must
contain, OpenDocument by its ``mimetype`` member, images by Pillow reading them. An office document
with macros (``vbaProject.bin``) is a kind of its own, "macro", that no place accepts.

``validate_document`` is the check of the site's document fields (NGO initiatives, road map evidence);
the anticorruption channel asks ``sniff`` and adds its own limits (``anticorruption.files``).
"""

import zipfile
import zlib
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _
from PIL import Image


class Kind(NamedTuple):
    content_type: str
    label: str  # in messages
    extensions: tuple


KINDS = {
    "pdf": Kind("application/pdf", "PDF", ("pdf",)),
    "docx": Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX", ("docx",)),
    "xlsx": Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX", ("xlsx",)),
    "pptx": Kind("application/vnd.openxmlformats-officedocument.presentationml.presentation", "PPTX", ("pptx",)),
    "odt": Kind("application/vnd.oasis.opendocument.text", "ODT", ("odt",)),
    "ods": Kind("application/vnd.oasis.opendocument.spreadsheet", "ODS", ("ods",)),
    "jpeg": Kind("image/jpeg", "JPEG", ("jpg", "jpeg")),
    "png": Kind("image/png", "PNG", ("png",)),
    "webp": Kind("image/webp", "WEBP", ("webp",)),
    "gif": Kind("image/gif", "GIF", ("gif",)),
}
KIND_OF_EXTENSION = {extension: kind for kind, details in KINDS.items() for extension in details.extensions}
MACRO = "macro"
OFFICE_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}
OPENDOCUMENT_MIMETYPES = {KINDS[kind].content_type.encode(): kind for kind in ("odt", "ods")}
IMAGE_KINDS = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}  # Pillow's format -> kind
MAX_ZIP_MEMBERS = 5000
# What the registry's documents and road map evidence take; the anticorruption channel takes more.
DOCUMENT_EXTENSIONS = ("pdf", "docx", "xlsx", "odt", "ods", "jpg", "jpeg", "png")
# What zipfile raises on a damaged archive; RuntimeError for an encrypted member or an unknown packing.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    ValueError,
    KeyError,
    EOFError,
    RuntimeError,
    zlib.error,
)


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
    except ZIP_ERRORS:
        return None
    return None


def _image_kind(handle):
    try:
        with Image.open(handle, formats=list(IMAGE_KINDS)) as image:
            kind = IMAGE_KINDS[image.format]
            image.verify()
    except Exception:  # Pillow raises many kinds of errors on damaged or hostile images
        return None
    return kind


def sniff(handle):
    """The kind of file in an open binary file (a key of ``KINDS``, or "macro" for an office document
    with macros), or None; the file is left at its start."""
    handle.seek(0)
    head = handle.read(8)
    try:
        handle.seek(0)
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head.startswith(b"PK\x03\x04"):
            return _zip_kind(handle)
        return _image_kind(handle)
    finally:
        handle.seek(0)


def content_type_of(handle):
    """The real content type of an open file, or application/octet-stream when it is none we know."""
    kind = KINDS.get(sniff(handle))
    return kind.content_type if kind else "application/octet-stream"


def validate_document(value, extensions=DOCUMENT_EXTENSIONS):
    """Model and form validator: the extension is accepted and the bytes are what the extension says.

    A stored file that is not being replaced is not read again.
    """
    if isinstance(value, FieldFile):
        if getattr(value, "_committed", True):
            return
        value = value.file
    extension = extension_of(getattr(value, "name", ""))
    if extension not in extensions or extension not in KIND_OF_EXTENSION:
        raise ValidationError(_("This type of file cannot be attached."), code="document_type")
    expected = KIND_OF_EXTENSION[extension]
    found = sniff(value)
    if found == MACRO:
        raise ValidationError(_("Documents with macros cannot be attached."), code="document_macros")
    if found != expected:
        raise ValidationError(
            _("“%(name)s” is not really a %(type)s file: its content does not match its name.")
            % {"name": value.name.rsplit("/", 1)[-1], "type": KINDS[expected].label},
            code="document_content",
        )
