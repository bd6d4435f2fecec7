"""Where uploaded files are written: public media, and private files outside MEDIA_ROOT.

Every storage of the hub writes images without their metadata (EXIF with GPS, XMP, comments), as the
anticorruption channel does: NGO logos, initiative attachments, road-map evidence and Wagtail images all
pass through ``_save`` here, whichever form, admin screen or service stored them.

Apps keep a module-level ``private_storage()`` callable (migrations refer to it) that returns
:func:`private_storage_at` for their own folder; views send the files after checking permissions.
"""

from functools import cache

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from hub.uploads import KINDS, extension_of, image_without_metadata


class MetadataFreeImages:
    """A storage mixin: an image that carries metadata is re-encoded without it before it is written
    (a WebP or GIF becomes PNG, its name following)."""

    def _save(self, name, content):
        content.seek(0)
        cleaned = image_without_metadata(content.read())
        content.seek(0)
        if cleaned is not None:
            data, kind = cleaned
            if extension_of(name) not in KINDS[kind].extensions:
                name = f"{name.rpartition('.')[0] or name}.{KINDS[kind].extensions[0]}"
            content = ContentFile(data)
        return super()._save(name, content)


class PublicStorage(MetadataFreeImages, FileSystemStorage):
    """MEDIA_ROOT, served by URL (``STORAGES["default"]``)."""


class PrivateStorage(MetadataFreeImages, FileSystemStorage):
    """Files on disk with no URL: asking for one is a programming error, not a broken link."""

    def url(self, name):
        raise ValueError("Private files have no public URL; link to the view that checks permissions.")


@cache
def private_storage_at(location):
    return PrivateStorage(location=location, file_permissions_mode=0o600, directory_permissions_mode=0o700)
