"""Near-duplicate reports: the same text, normalised, filed again within a window.

A campaign of identical reports from many addresses must not weigh fifty times in the statistics, and
officers should see the copies side by side. A copy is linked to the earliest report with the same
fingerprint (``Report.duplicate_of``) at filing; it stays a case of its own (a second witness may add
something), but the statistics count it once, with its original.
"""

import datetime
import hashlib
import unicodedata

from django.conf import settings

# Shorter texts ("bribe at the clinic") are too generic to call two reports the same.
MIN_LETTERS = 40


def normalise(text):
    """Letters and digits only, case-folded and NFKC-folded: spacing, punctuation and case do not matter."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def fingerprint(text):
    """SHA-256 of the normalised text, or "" for a text too short to compare."""
    letters = normalise(text)
    if len(letters) < MIN_LETTERS:
        return ""
    return hashlib.sha256(letters.encode()).hexdigest()


def window():
    return datetime.timedelta(days=getattr(settings, "ANTICORRUPTION_DUPLICATE_WINDOW_DAYS", 30))


def original_for(reports, text_fingerprint, now):
    """The earliest report with this fingerprint filed within the window before ``now``, or None."""
    if not text_fingerprint:
        return None
    earlier = reports.filter(text_fingerprint=text_fingerprint, created_at__gte=now - window(), created_at__lte=now)
    return earlier.filter(duplicate_of__isnull=True).order_by("created_at", "pk").first()
