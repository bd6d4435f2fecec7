"""One run at a time across every machine: for periodic jobs that two workers or two crons may start.

On PostgreSQL the lock is an advisory lock of the database every machine shares (released by the
server if the holder dies); SQLite serves one machine only, where a lock on a file does the same.
"""

import contextlib
import fcntl
import functools
import hashlib

from django.conf import settings
from django.db import connection


def _key(name):
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


@contextlib.contextmanager
def exclusive(name):
    """Yield True while holding the lock called ``name``; False at once if someone else holds it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [_key(name)])
            acquired = cursor.fetchone()[0]
        try:
            yield acquired
        finally:
            if acquired:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [_key(name)])
        return
    folder = settings.VAR_DIR / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{hashlib.sha256(name.encode()).hexdigest()[:16]}.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True


def exclusive_command(handle):
    """Decorate a command's ``handle``: a second run while one is going (here or on another machine) skips."""

    @functools.wraps(handle)
    def locked(self, *args, **options):
        name = type(self).__module__.rsplit(".", 1)[-1]
        with exclusive(f"command:{name}") as acquired:
            if not acquired:
                self.stdout.write(f"{name} is already running elsewhere; skipped.")
                return None
            return handle(self, *args, **options)

    return locked
