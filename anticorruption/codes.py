"""Public case numbers and secret receipt codes.

The case number is printed and shared and grants nothing. The receipt code is 16 digits from
``secrets``, shown once and stored only as an HMAC keyed with the site's secret.
"""

import hashlib
import hmac
import re
import secrets

from django.conf import settings

RECEIPT_DIGITS = 16
CASE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # no 0/O, 1/I/L, U: easy to read aloud
CASE_PATTERN = re.compile(r"^AA-[2-9A-Z]{4}-[2-9A-Z]{4}$")


def new_receipt_code():
    return "".join(secrets.choice("0123456789") for _ in range(RECEIPT_DIGITS))


def _receipt_key():
    secret = getattr(settings, "ANTICORRUPTION_RECEIPT_KEY", settings.SECRET_KEY)
    return hashlib.sha256(b"adaldyq-alany-receipt\x00" + secret.encode()).digest()


def receipt_hash(code):
    return hmac.new(_receipt_key(), code.encode(), hashlib.sha256).hexdigest()


def receipt_matches(stored_hash, code):
    """Constant-time comparison of a typed code with the stored hash."""
    return hmac.compare_digest(stored_hash, receipt_hash(code))


def normalise_receipt(value):
    """Digits only (spaces and dashes people type are dropped); None unless exactly 16 digits."""
    digits = re.sub(r"[\s-]", "", value or "")
    return digits if re.fullmatch(r"\d{16}", digits) else None


def format_receipt(code):
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def new_case_number():
    part = lambda: "".join(secrets.choice(CASE_ALPHABET) for _ in range(4))  # noqa: E731
    return f"AA-{part()}-{part()}"


def normalise_case_number(value):
    value = re.sub(r"\s", "", value or "").upper()
    return value if CASE_PATTERN.match(value) else None
