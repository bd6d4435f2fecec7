"""What kind of file an upload is, read from its bytes, never from its name alone.

PDF by its ``%PDF-`` header, Office Open XML by ``[Content_Types].xml`` and the part its kind must
contain, OpenDocument by its ``mimetype`` member, images by Pillow reading them. An office document
with macros (``vbaProject.bin``; an OpenDocument's Basic or script libraries, or events calling macros)
is a kind of its own, "macro", that no place accepts.

``validate_document`` is the check of the site's document fields (NGO initiatives, road map evidence,
Wagtail documents): the kind, then the parsed structure (no PDF scripts, no office document loading
content from outside). The anticorruption channel asks ``sniff`` and adds its own limits
(``anticorruption.files``). Every storage writes documents and images through ``file_without_metadata``
(``hub.storage``), so no author's name or GPS position is stored, whichever path stored the file.
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
DOCUMENT_KINDS = ("pdf", "docx", "xlsx", "pptx", "odt", "ods")
MAX_ZIP_MEMBERS = 5000
# An OpenDocument event (on opening, on a click) calling a macro, possibly one the office suite ships.
OPENDOCUMENT_SCRIPT_CALL = re.compile(
    rb"""(?:xlink:href|script:macro-name)\s*=\s*["'](?:vnd\.sun\.star\.script:|macro:)""", re.I
)
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
            kind = OPENDOCUMENT_MIMETYPES.get(archive.read("mimetype").strip())
            return MACRO if kind and _opendocument_runs_scripts(archive, names) else kind
    except ZIP_ERRORS:
        return None
    return None


def _opendocument_runs_scripts(archive, names):
    """Basic or script libraries in the package, or an event (opening, clicking) that calls a macro,
    which may be one shipped with the office suite."""
    if any(name.startswith(("Basic/", "Scripts/")) for name in names):
        return True
    parts = [name for name in ("content.xml", "styles.xml") if name in names]
    return any(
        OPENDOCUMENT_SCRIPT_CALL.search(archive.read(name))
        for name in parts
        if archive.getinfo(name).file_size < 50 * 1024 * 1024
    )


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
    """Model and form validator: the extension is accepted, the bytes pass the virus scan (when clamd is
    configured), are what the extension says, and a document's structure passes ``document_check``.

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
    _scan(value)
    found = sniff(value)
    if found == MACRO:
        raise ValidationError(_("Documents with macros cannot be attached."), code="document_macros")
    name = value.name.rsplit("/", 1)[-1]
    if found != expected:
        raise ValidationError(
            _("“%(name)s” is not really a %(type)s file: its content does not match its name.")
            % {"name": name, "type": KINDS[expected].label},
            code="document_content",
        )
    _check_structure(value, expected, name)


def _scan(value):
    value.seek(0)
    try:
        virus_scan(value.read())
    except VirusFound as error:
        name = value.name.rsplit("/", 1)[-1]
        raise ValidationError(
            _("%(name)s: the file did not pass the virus scan.") % {"name": name}, code="document_virus"
        ) from error
    finally:
        value.seek(0)


def _check_structure(value, kind, name):
    if kind not in DOCUMENT_KINDS:
        return
    value.seek(0)
    try:
        document_check(value.read(), kind)
    except UnsafeDocument as error:
        raise ValidationError(document_refusal(str(error)) % {"name": name}, code="document_unsafe") from error
    finally:
        value.seek(0)


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
# PowerPoint's list of comment authors names them in an attribute called just "name".
COMMENT_AUTHOR_NAMES = re.compile(rb"(<(?:p:)?cmAuthor\b[^>]*?\bname\s*=\s*)\"[^\"]*\"")
# Excel's record of the folder a workbook was saved in (C:\\Users\\<name>\\...).
SAVED_FROM_FOLDER = re.compile(rb"<x15ac:absPath\b[^>]*/>")
# OpenDocument elements that load what their xlink:href names: outside the package when it has a scheme
# or leaves the package's folder; hyperlinks (text:a, draw:a) are the reader's choice, like OOXML's.
OPENDOCUMENT_LOADING = re.compile(
    rb"<(?:draw:image|draw:object|draw:object-ole|draw:plugin|draw:applet|draw:floating-frame|"
    rb"text:section-source|table:table-source|office:dde-source)\b[^>]*?\bxlink:href\s*=\s*[\"']([^\"']*)"
)
OUTSIDE_THE_PACKAGE = re.compile(rb"[a-zA-Z][a-zA-Z0-9+.-]*:|/|\\|\.\./")


class UnsafeDocument(ValueError):
    """A document with active content or links outside itself; the message says which."""


def _pdf_objects(value):
    """Every object reachable from ``value`` in a parsed PDF, each indirect object once."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen, stack = set(), [value]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        yield item
        if isinstance(item, DictionaryObject):
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)


def _pdf_names(value):
    """Every name (dictionary key or value) reachable from ``value`` in a parsed PDF."""
    from pypdf.generic import DictionaryObject, NameObject

    for item in _pdf_objects(value):
        if isinstance(item, NameObject):
            yield str(item)
        elif isinstance(item, DictionaryObject):
            yield from (str(key) for key in item)


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
        names = set(_pdf_names(reader.trailer))
    except Exception as error:
        raise UnsafeDocument("unreadable") from error
    if names & PDF_ACTIVE_NAMES:
        raise UnsafeDocument("active")


def pdf_without_metadata(data):
    """The PDF rewritten from its catalogue: no Info dictionary (/Author, /Creator...), no XMP or
    /PieceInfo on any object, no comment authors, no earlier revisions or unreferenced objects. Cleaning a cleaned PDF
    gives the same bytes, so a fingerprint taken before storage still matches the stored file."""
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject

    reader = _read_pdf(data)
    holders = [item for item in _pdf_objects(reader.trailer["/Root"]) if isinstance(item, DictionaryObject)]
    for holder in holders:  # the reader's objects: what is dropped here is never copied
        for key in ("/Metadata", "/PieceInfo"):
            holder.pop(NameObject(key), None)
        if "/Rect" in holder and holder.get("/Subtype") != "/Widget":  # a comment's /T is its author
            holder.pop(NameObject("/T"), None)
    writer = PdfWriter()
    writer.clone_reader_document_root(reader)  # the catalogue and what it reaches; the Info is not
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


def opendocument_check(data):
    """Refuse an OpenDocument whose images, objects or sections load from outside the package."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml") and any(
                OUTSIDE_THE_PACKAGE.match(target) for target in OPENDOCUMENT_LOADING.findall(archive.read(name))
            ):
                raise UnsafeDocument("external")


def _member_without_metadata(name, content):
    if name in EMPTY_PARTS or name.endswith("/meta.xml"):  # an OpenDocument's embedded objects have theirs
        return EMPTY_PARTS.get(name, EMPTY_PARTS["meta.xml"])
    if name.endswith(".xml"):
        content = PERSON_ELEMENTS.sub(rb"<\1></\1>", PERSON_ATTRIBUTES.sub(rb'\1=""', content))
        return SAVED_FROM_FOLDER.sub(b"", COMMENT_AUTHOR_NAMES.sub(rb'\1""', content))
    cleaned = image_without_metadata(content)  # a phone photo pasted into the document keeps its GPS
    if cleaned is not None and KIND_OF_EXTENSION.get(extension_of(name)) == cleaned[1]:
        return cleaned[0]
    return content


def office_without_metadata(data):
    """The OOXML or OpenDocument archive with empty properties, no names of authors or commenters, no
    folder it was saved in, and its JPEG and PNG pictures without EXIF or XMP."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w") as target:
        for member in source.infolist():  # same order: an OpenDocument's "mimetype" stays first and stored
            content = _member_without_metadata(member.filename, source.read(member))
            target.writestr(member, content, compress_type=member.compress_type)
    return output.getvalue()


def document_check(data, kind):
    """Refuse a PDF with active content or an office document loading content from outside; raises
    UnsafeDocument ("active", "external" or "unreadable")."""
    try:
        if kind == "pdf":
            pdf_check(data)
        elif kind in ("docx", "xlsx", "pptx"):
            office_check(data)
        elif kind in ("odt", "ods"):
            opendocument_check(data)
    except UnsafeDocument:
        raise
    except ZIP_ERRORS as error:
        raise UnsafeDocument("unreadable") from error


def document_without_metadata(data, kind):
    """``pdf_without_metadata`` or ``office_without_metadata``; raises UnsafeDocument("unreadable") when
    the parsers fail on a file the checks let through."""
    try:
        if kind == "pdf":
            return pdf_without_metadata(data)
        if kind in DOCUMENT_KINDS:
            return office_without_metadata(data)
    except UnsafeDocument:
        raise
    except Exception as error:  # pypdf and zipfile raise many kinds of errors on damaged or hostile files
        raise UnsafeDocument("unreadable") from error
    return data


def document_cleaned(data, kind):
    """Check a PDF or office document and return it without identifying metadata; raises UnsafeDocument."""
    document_check(data, kind)
    return document_without_metadata(data, kind)


def document_refusal(reason):
    """The message (with a %(name)s placeholder) refusing a document for an UnsafeDocument reason."""
    if reason == "active":
        return _("%(name)s: PDF files with scripts or embedded files are not accepted.")
    if reason == "external":
        return _(
            "%(name)s: documents that load content from outside themselves "
            "(a remote template, a linked object) are not accepted."
        )
    return _("%(name)s: the document cannot be read.")


def file_without_metadata(data):
    """What a storage writes instead of ``data``, as (bytes, kind): a PDF or office document without
    its authors' names (always rewritten), an image carrying metadata re-encoded without it; None to
    write ``data`` as it is (clean images, other files, documents the parsers cannot read: the checks
    before storage refuse those on every public upload)."""
    kind = sniff(io.BytesIO(data))
    if kind in DOCUMENT_KINDS:
        try:
            return document_without_metadata(data, kind), kind
        except UnsafeDocument:
            return None
    return image_without_metadata(data) if kind in IMAGE_KINDS.values() else None


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
