"""Checking what the public sends: files by their real content, text for hidden characters.

Images are re-encoded without metadata (EXIF, GPS) before anyone opens them; PDF and office
documents are recognised by their bytes, never by their name; everything else is refused.
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
from PIL import Image, ImageOps

# Bidirectional overrides and isolates can disguise "invoice\u202egpj.exe" as "invoiceexe.jpg".
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

IMAGE_FORMATS = {
    "JPEG": ("image/jpeg", {"jpg", "jpeg"}),
    "PNG": ("image/png", {"png"}),
    "WEBP": ("image/webp", {"webp"}),
    "GIF": ("image/gif", {"gif"}),
}
OFFICE_TYPES = {
    "docx": ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pptx": ("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}
OPENDOCUMENT_TYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
PDF_ACTIVE_CONTENT = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)\b")
ALLOWED_EXTENSIONS = {"jpg", "jpeg", "png", "webp", "gif", "pdf", *OFFICE_TYPES, *OPENDOCUMENT_TYPES}


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


def check_text(value):
    """Refuse NUL, control characters and bidirectional overrides in typed text."""
    if value and (CONTROL.search(value) or BIDI_CONTROLS.search(value)):
        raise ValidationError(_("The text contains invisible control characters. Please retype it."))
    return value


@dataclass
class CheckedFile:
    name: str
    content: bytes
    content_type: str

    @property
    def sha256(self):
        return hashlib.sha256(self.content).hexdigest()


def clean_name(raw_name):
    """A safe display name: no path, no control or direction characters, a known extension."""
    if CONTROL.search(raw_name) or BIDI_CONTROLS.search(raw_name):
        raise ValidationError(_("The file name contains invisible control characters."))
    name = unicodedata.normalize("NFC", os.path.basename(raw_name.replace("\\", "/"))).strip()
    stem, dot, extension = name.rpartition(".")
    extension = extension.lower()
    if not dot or not stem or extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("%(name)s: this type of file is not accepted. Send images, PDF or office documents.") % {"name": name}
        )
    return f"{stem[:100]}.{extension}", extension


def _reencode_image(data, name, extension):
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > max_pixels() or max(width, height) > max_side():
                raise ValidationError(_("%(name)s: the image is too large in pixels.") % {"name": name})
            expected = IMAGE_FORMATS.get(image.format)
            if expected is None or extension not in expected[1]:
                raise ValidationError(_("%(name)s: the file is not what its name says.") % {"name": name})
            image.load()
            image = ImageOps.exif_transpose(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ValidationError(_("%(name)s: the image is too large in pixels.") % {"name": name})
        except (OSError, SyntaxError, ValueError):
            raise ValidationError(_("%(name)s: the image cannot be read.") % {"name": name})
    output = io.BytesIO()
    stem = name.rpartition(".")[0]
    if image.format == "JPEG" or extension in {"jpg", "jpeg"}:
        image.convert("RGB").save(output, "JPEG", quality=88)
        return CheckedFile(f"{stem}.jpg", output.getvalue(), "image/jpeg")
    mode = "RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB"
    image.convert(mode).save(output, "PNG")
    return CheckedFile(f"{stem}.png", output.getvalue(), "image/png")


def _check_zip(data, name):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ValidationError(_("%(name)s: the file is not what its name says.") % {"name": name})
    unpacked = sum(member.file_size for member in members)
    if len(members) > 2000 or unpacked > 20 * max_file_bytes():
        raise ValidationError(_("%(name)s: the document is too large when unpacked.") % {"name": name})
    names = {member.filename for member in members}
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise ValidationError(_("%(name)s: documents with macros are not accepted.") % {"name": name})
    return archive, names


def _check_document(data, name, extension):
    if extension == "pdf":
        if not data.startswith(b"%PDF-"):
            raise ValidationError(_("%(name)s: the file is not what its name says.") % {"name": name})
        if PDF_ACTIVE_CONTENT.search(data):
            raise ValidationError(
                _("%(name)s: PDF files with scripts or embedded files are not accepted.") % {"name": name}
            )
        return CheckedFile(name, data, "application/pdf")
    if not data.startswith(b"PK\x03\x04"):
        raise ValidationError(_("%(name)s: the file is not what its name says.") % {"name": name})
    archive, names = _check_zip(data, name)
    if extension in OFFICE_TYPES:
        part, content_type = OFFICE_TYPES[extension]
        if "[Content_Types].xml" not in names or part not in names:
            raise ValidationError(_("%(name)s: the file is not what its name says.") % {"name": name})
        return CheckedFile(name, data, content_type)
    content_type = OPENDOCUMENT_TYPES[extension]
    if "mimetype" not in names or archive.read("mimetype").strip() != content_type.encode():
        raise ValidationError(_("%(name)s: the file is not what its name says.") % {"name": name})
    return CheckedFile(name, data, content_type)


def check_upload(upload):
    """One uploaded file, checked and (for images) re-encoded; raises ValidationError."""
    name, extension = clean_name(upload.name or "")
    if upload.size > max_file_bytes():
        raise ValidationError(_("%(name)s: the file is larger than allowed.") % {"name": name})
    data = upload.read(max_file_bytes() + 1)
    if len(data) > max_file_bytes():
        raise ValidationError(_("%(name)s: the file is larger than allowed.") % {"name": name})
    if extension in {"jpg", "jpeg", "png", "webp", "gif"}:
        return _reencode_image(data, name, extension)
    return _check_document(data, name, extension)


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
