"""Where uploaded files are written: public media, and private files outside MEDIA_ROOT.

Every storage of the hub writes files without what identifies their authors, as the anticorruption
channel does: images without EXIF (GPS), XMP or comments; PDF without Info and XMP; office documents
without core and app properties or comment authors. NGO logos, initiative attachments, road-map evidence,
registry imports and Wagtail images and documents all pass through ``_save`` here, whichever form, admin
screen or service stored them. Only a PDF the site rendered itself (``RenderedBySite``) is kept as made.

Apps keep a module-level ``private_storage()`` callable (migrations refer to it) that returns
:func:`private_storage_at` for their own folder; views send the files after checking permissions.
"""

import contextlib
import contextvars
import logging
from functools import cache

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.utils.translation import gettext

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


# --- when the upload folder cannot be written ----------------------------------------------------

logger = logging.getLogger(__name__)
_written = contextvars.ContextVar("hub_storage_written", default=None)


class StorageUnavailable(ValidationError):
    """The upload folder could not be written (permissions, a full disk, a lost mount).

    A ValidationError so that every form view shows it where it shows a service's refusals, with what
    was typed kept; raised inside the service's transaction, it also rolls the rows back.
    """

    def __init__(self):
        message = gettext(
            "Your files could not be saved: the site's file storage is not available right now, so nothing "
            "was saved. What you typed is kept below; choose the files again and send the form in a few minutes."
        )
        super().__init__(message, code="storage_unavailable")


class GuardedWrites:
    """A storage mixin: a failed write becomes ``StorageUnavailable`` (logged), and every file written
    is noted for ``atomic_with_files``."""

    def save(self, name, content, max_length=None):
        try:
            name = super().save(name, content, max_length=max_length)
        except OSError as error:
            logger.error(
                "Could not write an upload under %s: %s", self.location, error.strerror or type(error).__name__
            )
            raise StorageUnavailable from error
        written = _written.get()
        if written is not None:
            written.append((self, name))
        return name


class PublicStorage(GuardedWrites, MetadataFreeFiles, FileSystemStorage):
    """MEDIA_ROOT, served by URL (``STORAGES["default"]``)."""


class PrivateStorage(GuardedWrites, MetadataFreeFiles, FileSystemStorage):
    """Files on disk with no URL: asking for one is a programming error, not a broken link."""

    def url(self, name):
        raise ValueError("Private files have no public URL; link to the view that checks permissions.")


@cache
def private_storage_at(location):
    return PrivateStorage(location=location, file_permissions_mode=0o600, directory_permissions_mode=0o700)


@contextlib.contextmanager
def atomic_with_files(**atomic_options):
    """``transaction.atomic`` for writes that store files: the files written inside are deleted when the
    block rolls back, so no file outlives the rows that were to name it.

    Files of a block that commits are handed to an enclosing ``atomic_with_files`` (deleted if that one
    rolls back); a rollback further out, in a plain ``transaction.atomic``, is left to
    ``sweep_orphan_files``. Usable as a decorator too.
    """
    outer = _written.get()
    written = []
    token = _written.set(written)
    try:
        with transaction.atomic(**atomic_options):
            yield
    except BaseException:
        _delete_quietly(written)
        raise
    else:
        if outer is not None:
            outer.extend(written)
    finally:
        _written.reset(token)


def _delete_quietly(written):
    for storage, name in written:
        try:
            storage.delete(name)
        except OSError:
            logger.warning(
                "Could not delete %s under %s after a rollback; the orphan sweep will.", name, storage.location
            )
