"""Where initiative attachments live: private, sent only by ``ngos.views.initiative_attachment``."""

from django.conf import settings

from hub.storage import private_storage_at


def private_storage():
    """The storage of initiative attachments (a callable, so tests and settings can move it)."""
    return private_storage_at(str(settings.NGOS_PRIVATE_ROOT))
