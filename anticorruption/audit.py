"""The append-only audit log: every line hashes the previous one, so a change anywhere shows."""

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from .models import AuditEntry

GENESIS = "0" * 64
# Any constant: serialises appends so the chain never forks on PostgreSQL.
CHAIN_LOCK_KEY = 0x4144414C  # "ADAL"


def _lock_chain():
    # SQLite runs every transaction as IMMEDIATE (see settings), which already serialises writers.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])


def _chain_head():
    last = AuditEntry.objects.order_by("-sequence").values_list("sequence", "entry_hash").first()
    return last or (0, GENESIS)


def chain(entries, head=None):
    """Give unsaved entries their sequence and hashes, continuing from ``head``."""
    sequence, previous = head or _chain_head()
    for entry in entries:
        sequence += 1
        entry.sequence, entry.prev_hash = sequence, previous
        entry.entry_hash = previous = entry.compute_hash()
    return entries


def audit_append(*, action, actor_label, report=None, actor=None, from_status="", to_status="", comment=""):
    """Append one entry; call inside the transaction of the change it records."""
    _lock_chain()
    entry = AuditEntry(
        report=report,
        actor=actor,
        actor_label=actor_label,
        action=action,
        from_status=from_status,
        to_status=to_status,
        comment=comment,
    )
    chain([entry])
    entry.save()
    return entry


def audit_bulk_append(entries):
    """Append many entries at once (demo data, purges), chained in order."""
    _lock_chain()
    return AuditEntry.objects.bulk_create(chain(entries))


def verify_chain():
    """(number of entries checked, first broken sequence or None)."""
    expected_sequence, previous = 1, GENESIS
    for entry in AuditEntry.objects.order_by("sequence").iterator(chunk_size=2000):
        if entry.sequence != expected_sequence or entry.prev_hash != previous:
            return expected_sequence - 1, entry.sequence
        if entry.compute_hash() != entry.entry_hash:
            return expected_sequence - 1, entry.sequence
        expected_sequence, previous = expected_sequence + 1, entry.entry_hash
    return expected_sequence - 1, None


CHAIN_STATUS_KEY = "anticorruption:audit-chain-status"
CHAIN_STATUS_SECONDS = 600


def chain_status(refresh=False):
    """The result of :func:`verify_chain` for the audit page, recomputed at most every ten minutes
    (a full check reads every line) unless staff ask for a fresh check."""
    status = None if refresh else cache.get(CHAIN_STATUS_KEY)
    if status is None:
        checked, broken = verify_chain()
        status = {"checked": checked, "broken": broken, "at": timezone.now()}
        cache.set(CHAIN_STATUS_KEY, status, CHAIN_STATUS_SECONDS)
    return status
