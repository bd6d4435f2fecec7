"""Where attachments live: outside MEDIA_ROOT, so no web server ever serves them by URL."""

from functools import cache

from django.conf import settings
from django.core.files.storage import FileSystemStorage


@cache
def _storage(location):
    return FileSystemStorage(location=location, base_url=None, file_permissions_mode=0o600)


def private_storage():
    """The storage of report attachments (a callable, so tests and settings can move it)."""
    return _storage(str(getattr(settings, "ANTICORRUPTION_PRIVATE_ROOT", settings.VAR_DIR / "private")))
