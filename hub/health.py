"""What ``/healthz`` checks: each part the site needs to serve and keep what people send.

Apps add their own parts through the ``health_check`` slot of hub/panels.py. A check returns
``{"part": name, "error": None}`` or a short reason; reasons name an error class, never data.
"""

import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection


def _describe(error):
    return f"failing ({type(error).__name__})"


def database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001 - any failure is the answer
        return {"part": "database", "error": _describe(error)}
    return {"part": "database", "error": None}


def shared_cache():
    probe = getattr(cache, "probe", None)
    try:
        if probe is not None:
            probe()
    except Exception as error:  # noqa: BLE001
        return {"part": "cache", "error": _describe(error)}
    return {"part": "cache", "error": None}


def _writable(path):
    path = Path(path)
    while not path.exists() and path.parent != path:
        path = path.parent  # folders are made on first upload: their parent must be writable
    try:
        with tempfile.TemporaryFile(dir=path):
            return True
    except OSError:
        return False


def storage():
    names = ("MEDIA_ROOT", "NGOS_PRIVATE_ROOT", "ANTICORRUPTION_PRIVATE_ROOT")
    failing = [name for name in names if getattr(settings, name, None) and not _writable(getattr(settings, name))]
    return {"part": "storage", "error": f"not writable ({', '.join(failing)})" if failing else None}


def virus_scanner():
    """Where uploads are scanned (``CLAMD_SOCKET``), clamd must answer a scan of a few clean bytes."""
    from .uploads import virus_scan

    try:
        virus_scan(b"healthz")
    except Exception as error:  # noqa: BLE001
        return {"part": "virus scanner", "error": _describe(error.__cause__ or error)}
    return {"part": "virus scanner", "error": None}


def check_parts():
    parts = [database(), shared_cache(), storage()]
    return [*parts, virus_scanner()] if getattr(settings, "CLAMD_SOCKET", "") else parts
