"""Where report attachments live: private, sent only by permission-checked views."""

from django.conf import settings

from hub.storage import private_storage_at


def private_storage():
    """The storage of report attachments (a callable, so tests and settings can move it)."""
    return private_storage_at(str(settings.ANTICORRUPTION_PRIVATE_ROOT))
