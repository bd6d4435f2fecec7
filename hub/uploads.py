"""What kind of file an upload is, read from its bytes, never from its name alone.

PDF by its ``%PDF-`` header, Office Open XML by ``[Content_Types].xml`` and the part its kind must
contain, OpenDocument by its ``mimetype`` member, images by Pillow reading them. An office document
with macros (``vbaProject.bin``) is a kind of its own, "macro", that no place accepts.

``validate_document`` is the check of the site's document fields (NGO initiatives, road map evidence);
the anticorruption channel asks ``sniff`` and adds its own limits (``anticorruption.files``).
"""

import io
import re
import zipfile
import zlib
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps


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


# --- What a document must not carry: active content, external links, the author's name -----------

# PDF names that run code, open other files or carry files; pypdf decodes #-hex escapes (/J#61vaScript).
PDF_ACTIVE_NAMES = {
    "/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/XFA", "/SubmitForm",
    "/ImportData", "/GoToR", "/GoToE",
}  # fmt: skip
# Relationship types an office document may point outside itself with: clicking a hyperlink is the
# reader's choice; a remote template, a linked OLE object or an external image load on opening.
HARMLESS_EXTERNAL_RELATIONSHIPS = ("/hyperlink",)
EXTERNAL_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*\bTargetMode\s*=\s*[\"']External[\"'][^>]*>", re.I)
RELATIONSHIP_TYPE = re.compile(rb"\bType\s*=\s*[\"']([^\"']*)[\"']")
# Office metadata parts, replaced by empty ones; attributes naming people in comments and revisions.
EMPTY_PARTS = {
    "docProps/core.xml": b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"/>',
    "docProps/app.xml": b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>',
    "docProps/custom.xml": b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>',
    "meta.xml": b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2">'
    b"<office:meta/></office:document-meta>",
}
PERSON_ATTRIBUTES = re.compile(rb"\b((?:w:)?author|(?:w:)?initials|displayName|userId|providerId)\s*=\s*\"[^\"]*\"")
PERSON_ELEMENTS = re.compile(rb"<(dc:creator|author|meta:initial-creator)>[^<]*</\1>")


class UnsafeDocument(ValueError):
    """A document with active content or links outside itself; the message says which."""


def _pdf_names(value, seen):
    """Every name (dictionary key or value) reachable from ``value`` in a parsed PDF."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, NameObject):
            yield str(item)
        elif isinstance(item, DictionaryObject):
            yield from (str(key) for key in item)
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)


def _read_pdf(data):
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        reader.trailer  # noqa: B018 -- parses the cross-reference table
        return reader
    except Exception as error:  # pypdf raises many kinds of errors on damaged or hostile files
        raise UnsafeDocument("unreadable") from error


def pdf_check(data):
    """Refuse a PDF whose parsed structure holds scripts, launch actions, embedded files or links."""
    reader = _read_pdf(data)
    try:
        names = set(_pdf_names(reader.trailer, set()))
    except Exception as error:
        raise UnsafeDocument("unreadable") from error
    if names & PDF_ACTIVE_NAMES:
        raise UnsafeDocument("active")


def pdf_without_metadata(data):
    """The PDF rewritten without its Info dictionary and XMP metadata (document and pages)."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=_read_pdf(data))
    writer._info = None  # the Info dictionary (/Author, /Creator, /Producer...) is not written at all
    for holder in [writer._root_object, *writer.pages]:
        for key in ("/Metadata", "/PieceInfo"):
            holder.pop(NameObject(key), None)
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)  # the XMP stream too
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def office_check(data):
    """Refuse an office document with relationships that load something from outside on opening."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not name.endswith(".rels"):
                continue
            for relationship in EXTERNAL_RELATIONSHIP.findall(archive.read(name)):
                kind = RELATIONSHIP_TYPE.search(relationship)
                if not (kind and kind.group(1).decode(errors="replace").endswith(HARMLESS_EXTERNAL_RELATIONSHIPS)):
                    raise UnsafeDocument("external")


def office_without_metadata(data):
    """The OOXML or OpenDocument archive with empty properties and no names of authors or commenters."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w") as target:
        for member in source.infolist():  # same order: an OpenDocument's "mimetype" stays first and stored
            content = EMPTY_PARTS.get(member.filename)
            if content is None:
                content = source.read(member)
                if member.filename.endswith(".xml"):
                    content = PERSON_ELEMENTS.sub(rb"<\1></\1>", PERSON_ATTRIBUTES.sub(rb'\1=""', content))
            target.writestr(member, content, compress_type=member.compress_type)
    return output.getvalue()


def document_cleaned(data, kind):
    """Check a PDF or office document and return it without identifying metadata; raises UnsafeDocument."""
    if kind == "pdf":
        pdf_check(data)
        return pdf_without_metadata(data)
    if kind in ("docx", "xlsx", "pptx"):
        office_check(data)
    if kind in ("docx", "xlsx", "pptx", "odt", "ods"):
        return office_without_metadata(data)
    return data


# --- Virus scan with ClamAV (clamd), when a socket is configured ------------------------------------

CLAMD_CHUNK = 64 * 1024


class VirusFound(ValueError):
    """clamd found a signature in the file (or could not be asked: the file is refused, not let through)."""


def _clamd_connection(address, timeout):
    import socket

    if address.startswith("/"):
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.settimeout(timeout)
        connection.connect(address)
        return connection
    host, _colon, port = address.rpartition(":")
    return socket.create_connection((host, int(port)), timeout=timeout)


def virus_scan(data):
    """Scan bytes with clamd's INSTREAM command when ``CLAMD_SOCKET`` is set (a Unix socket path or
    host:port); without it no scan runs. Raises VirusFound on a signature or when clamd cannot answer."""
    from django.conf import settings

    address = getattr(settings, "CLAMD_SOCKET", "")
    if not address:
        return
    try:
        with _clamd_connection(address, getattr(settings, "CLAMD_TIMEOUT", 30)) as connection:
            connection.sendall(b"zINSTREAM\0")
            for start in range(0, len(data), CLAMD_CHUNK):
                chunk = data[start : start + CLAMD_CHUNK]
                connection.sendall(len(chunk).to_bytes(4, "big") + chunk)
            connection.sendall(b"\0\0\0\0")
            reply = b""
            while not reply.endswith(b"\0"):
                received = connection.recv(4096)
                if not received:
                    break
                reply += received
    except OSError as error:
        raise VirusFound("unavailable") from error
    if not reply.rstrip(b"\0").endswith(b"OK"):
        raise VirusFound(reply.rstrip(b"\0").decode(errors="replace"))


# --- Images without what identifies the photographer: EXIF (GPS, camera serial), XMP, IPTC, comments ------

# Pillow's keys for metadata that can say where, when and by whom a picture was taken; PNG text chunks too.
IMAGE_METADATA_KEYS = {"exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc"}


def image_cleaned(image, kind):
    """An open Pillow image, turned upright as its EXIF said, re-encoded with no metadata at all:
    (bytes, kind), where JPEG stays JPEG and every other kind becomes PNG."""
    image = ImageOps.exif_transpose(image)
    output = io.BytesIO()
    if kind == "jpeg":
        image.convert("RGB").save(output, "JPEG", quality=88)
        return output.getvalue(), "jpeg"
    image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB").save(output, "PNG")
    return output.getvalue(), "png"


def _carries_metadata(image):
    return bool(IMAGE_METADATA_KEYS & set(image.info) or getattr(image, "text", None) or image.getexif())


def image_without_metadata(data):
    """The bytes of an image that carries metadata, cleaned by ``image_cleaned``, as (bytes, kind);
    None when ``data`` is no image or carries none (so a clean image is stored untouched)."""
    try:
        with Image.open(io.BytesIO(data), formats=list(IMAGE_KINDS)) as image:
            if not _carries_metadata(image):
                return None
            image.load()
            return image_cleaned(image, IMAGE_KINDS[image.format])
    except Exception:  # Pillow raises many kinds of errors on what is no image or a damaged one
        return None
