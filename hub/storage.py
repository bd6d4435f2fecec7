"""Where uploaded files are written: public media, and private files outside MEDIA_ROOT.

Every storage of the hub writes files without what identifies their authors, as the anticorruption
channel does: images without EXIF (GPS), XMP or comments; PDF without Info and XMP; office documents
without core and app properties or comment authors. NGO logos, initiative attachments, road-map evidence,
registry imports and Wagtail images and documents all pass through ``_save`` here, whichever form, admin
screen or service stored them. Only a PDF the site rendered itself (``RenderedBySite``) is kept as made.

Apps keep a module-level ``private_storage()`` callable (migrations refer to it) that returns
:func:`private_storage_at` for their own folder; views send the files after checking permissions.
"""

from functools import cache

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from hub.uploads import KIND_OF_EXTENSION, KINDS, extension_of, file_without_metadata


class RenderedBySite(ContentFile):
    """Bytes the site rendered itself (minutes PDFs): they name no uploader, keep their title, and
    their recorded SHA-256 stays that of the stored file."""


class MetadataFreeFiles:
    """A storage mixin: documents and images are written without identifying metadata
    (``hub.uploads.file_without_metadata``; a WebP or GIF with metadata becomes PNG, its name following)."""

    def _save(self, name, content):
        if isinstance(content, RenderedBySite):
            return super()._save(name, content)
        content.seek(0)
        cleaned = file_without_metadata(content.read())
        content.seek(0)
        if cleaned is not None:
            data, kind = cleaned
            if KIND_OF_EXTENSION.get(extension_of(name), kind) != kind:  # a WebP became PNG
                name = f"{name.rpartition('.')[0] or name}.{KINDS[kind].extensions[0]}"
            content = ContentFile(data)
        return super()._save(name, content)


class PublicStorage(MetadataFreeFiles, FileSystemStorage):
    """MEDIA_ROOT, served by URL (``STORAGES["default"]``)."""


class PrivateStorage(MetadataFreeFiles, FileSystemStorage):
    """Files on disk with no URL: asking for one is a programming error, not a broken link."""

    def url(self, name):
        raise ValueError("Private files have no public URL; link to the view that checks permissions.")


@cache
def private_storage_at(location):
    return PrivateStorage(location=location, file_permissions_mode=0o600, directory_permissions_mode=0o700)
