"""Checking what the public sends: files by their real content, text for hidden characters.

``hub.uploads`` says what kind of file the bytes are. On top of it the public channel limits sizes and
counts, refuses names with hidden characters, PDF files with active content and documents that unpack
too large, and re-encodes images without metadata (EXIF, GPS) before anyone opens them. PDF and office
documents are checked on their parsed structure and stored without their authors' names
(``hub.uploads.document_cleaned``); every file is scanned by ClamAV when ``CLAMD_SOCKET`` is set.
"""

import hashlib
import io
import os
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image

from hub.text import BIDI_CONTROLS, CONTROL
from hub.uploads import (
    IMAGE_KINDS,
    KIND_OF_EXTENSION,
    KINDS,
    MACRO,
    ZIP_ERRORS,
    UnsafeDocument,
    VirusFound,
    document_cleaned,
    document_refusal,
    image_cleaned,
    sniff,
    virus_scan,
)

PDF_ACTIVE_CONTENT = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)\b")
# More than the site's document fields take: presentations, WebP and GIF too.
ACCEPTED_KINDS = {"pdf", "docx", "xlsx", "pptx", "odt", "ods", "jpeg", "png", "webp", "gif"}


def limit(name, default):
    return getattr(settings, f"ANTICORRUPTION_{name}", default)


def max_files():
    return limit("MAX_FILES", 5)


def max_file_bytes():
    return limit("MAX_FILE_BYTES", 5 * 1024 * 1024)


def max_total_bytes():
    return limit("MAX_TOTAL_BYTES", 15 * 1024 * 1024)


def max_pixels():
    return limit("MAX_IMAGE_PIXELS", 25_000_000)


def max_side():
    return limit("MAX_IMAGE_SIDE", 8000)


@dataclass
class CheckedFile:
    name: str
    content: bytes
    content_type: str

    @property
    def sha256(self):
        return hashlib.sha256(self.content).hexdigest()


def clean_name(raw_name):
    """A safe display name (no path, no control or direction characters) and the accepted kind its
    extension announces."""
    if CONTROL.search(raw_name) or BIDI_CONTROLS.search(raw_name):
        raise ValidationError(_("The file name contains invisible control characters."))
    name = unicodedata.normalize("NFC", os.path.basename(raw_name.replace("\\", "/"))).strip()
    stem, dot, extension = name.rpartition(".")
    extension = extension.lower()
    kind = KIND_OF_EXTENSION.get(extension)
    if not dot or not stem or kind not in ACCEPTED_KINDS:
        raise ValidationError(
            _("%(name)s: this type of file is not accepted. Send images, PDF or office documents.") % {"name": name}
        )
    return f"{stem[:100]}.{extension}", kind


def _reencode_image(data, name, kind):
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > max_pixels() or max(width, height) > max_side():
                raise ValidationError(_("%(name)s: the image is too large in pixels.") % {"name": name})
            if IMAGE_KINDS.get(image.format) != kind:
                raise ValidationError(_("%(name)s: the file is not what its name says.") % {"name": name})
            image.load()
            content, kind = image_cleaned(image, kind)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ValidationError(_("%(name)s: the image is too large in pixels.") % {"name": name})
        except (OSError, SyntaxError, ValueError):
            raise ValidationError(_("%(name)s: the image cannot be read.") % {"name": name})
    return CheckedFile(f"{name.rpartition('.')[0]}.{KINDS[kind].extensions[0]}", content, KINDS[kind].content_type)


def _unpacks_too_large(data):
    """An office document (a zip archive) with too many parts or too many bytes once unpacked."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except ZIP_ERRORS:
        return False  # no archive at all: hub.uploads finds it is no office document
    return len(members) > 2000 or sum(member.file_size for member in members) > 20 * max_file_bytes()


def _check_document(data, name, kind):
    if kind != "pdf" and _unpacks_too_large(data):
        raise ValidationError(_("%(name)s: the document is too large when unpacked.") % {"name": name})
    found = sniff(io.BytesIO(data))
    if found == MACRO:
        raise ValidationError(_("%(name)s: documents with macros are not accepted.") % {"name": name})
    if found != kind:
        raise ValidationError(_("%(name)s: the file is not what its name says.") % {"name": name})
    try:
        if kind == "pdf" and PDF_ACTIVE_CONTENT.search(data):
            raise UnsafeDocument("active")
        cleaned = document_cleaned(data, kind)  # no author, no "last modified by", no XMP
    except UnsafeDocument as error:
        raise ValidationError(document_refusal(str(error)) % {"name": name}) from error
    return CheckedFile(name, cleaned, KINDS[kind].content_type)


def _scan(data, name):
    """ClamAV reads the bytes as sent, before any parser touches them."""
    try:
        virus_scan(data)
    except VirusFound as error:
        raise ValidationError(_("%(name)s: the file did not pass the virus scan.") % {"name": name}) from error


def check_upload(upload):
    """One uploaded file, checked and (for images) re-encoded; raises ValidationError."""
    name, kind = clean_name(upload.name or "")
    if upload.size > max_file_bytes():
        raise ValidationError(_("%(name)s: the file is larger than allowed.") % {"name": name})
    data = upload.read(max_file_bytes() + 1)
    if len(data) > max_file_bytes():
        raise ValidationError(_("%(name)s: the file is larger than allowed.") % {"name": name})
    _scan(data, name)
    if kind in IMAGE_KINDS.values():
        return _reencode_image(data, name, kind)
    return _check_document(data, name, kind)


def check_uploads(uploads, already=0):
    """All files of one submission, within the count and total size limits."""
    if len(uploads) + already > max_files():
        raise ValidationError(_("You can attach at most %(count)d files.") % {"count": max_files()})
    if sum(upload.size for upload in uploads) > max_total_bytes():
        raise ValidationError(_("The files together are larger than allowed."))
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append(check_upload(upload))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return checked
