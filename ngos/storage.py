"""Where initiative attachments live: outside MEDIA_ROOT, so no web server serves them by URL.

They are sent only by ``ngos.views.initiative_attachment``, which applies the initiative's visibility rule.
"""

from functools import cache

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files on disk with no URL: asking for one is a programming error, not a broken link."""

    def url(self, name):
        raise ValueError("Initiative attachments have no public URL; link to ngos:initiative_attachment.")


@cache
def _storage(location):
    return PrivateStorage(location=location, file_permissions_mode=0o600, directory_permissions_mode=0o700)


def private_storage():
    """The storage of initiative attachments (a callable, so tests and settings can move it)."""
    return _storage(str(getattr(settings, "NGOS_PRIVATE_ROOT", settings.VAR_DIR / "private" / "ngos")))
