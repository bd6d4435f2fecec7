"""Rate limits kept in Django's cache, keyed by a short-lived hash: no address is ever stored.

Every check of a receipt code (tracking, the receipt steps, the printable confirmation) goes through
``receipt_check``. Failed guesses are counted per client and per case number:

- a client that fails ``TRACK_LIMIT`` times in the window is refused for every case;
- a case number that collected ``TRACK_CASE_LIMIT`` failures (from any clients) is "under attack": it
  is not locked, but every client may then try it only ``TRACK_SLOW_LIMIT`` times in the window, so
  guessing is slowed to a trickle and the reporter, from a fresh device or address, still gets a try;
- a device that once proved the code (a signed cookie, see ``device_tags``) is never refused for that
  case: nobody else's guesses can lock its reporter out.

The counters live in the shared cache, which falls back to each process's memory when it fails
(``hub.cache``); should counting fail all the same, the guess is refused (fail closed), except on the
reporter's own device.
"""

import contextlib
import hashlib
import hmac
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils import timezone

from . import codes, services

logger = logging.getLogger("anticorruption.ratelimit")

DEVICE_COOKIE = "adaldyq_device"
DEVICE_SALT = "anticorruption.device"
DEVICE_MAX_CASES = 20


def client_key(request):
    """A hash of the client address that changes every day, so it cannot be kept or traced back."""
    day = timezone.now().strftime("%Y-%m-%d")
    secret = f"{settings.SECRET_KEY}:ratelimit:{day}".encode()
    address = request.META.get("REMOTE_ADDR", "")
    return hmac.new(secret, address.encode(), hashlib.sha256).hexdigest()[:32]


def _cache_key(scope, key):
    return f"ac-rl:{scope}:{hashlib.sha256(key.encode()).hexdigest()[:32]}"


def is_limited(scope, key, limit):
    return (cache.get(_cache_key(scope, key)) or 0) >= limit


def hit(scope, key, window):
    """Count one event; returns the count in the current window."""
    cache_key = _cache_key(scope, key)
    if cache.add(cache_key, 1, window):
        return 1
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, window)
        return 1


def refund(scope, key):
    """Give back one event counted by ``hit``: the action failed on the site's side, not the client's."""
    with contextlib.suppress(ValueError):  # the window ended meanwhile
        cache.decr(_cache_key(scope, key))


def setting(name, default):
    return getattr(settings, f"ANTICORRUPTION_{name}", default)


# --- Receipt codes -----------------------------------------------------------------------------


def device_tag(case_number):
    """What the reporter's device keeps for a case: a keyed hash, so the cookie does not name the case."""
    secret = f"{settings.SECRET_KEY}:adaldyq-device".encode()
    return hmac.new(secret, case_number.encode(), hashlib.sha256).hexdigest()[:24]


def device_tags(request):
    """The cases this device proved the receipt code for (tags from the signed cookie), or ()."""
    try:
        value = request.get_signed_cookie(DEVICE_COOKIE, salt=DEVICE_SALT, max_age=_device_seconds())
    except (KeyError, signing.BadSignature):
        return ()
    return tuple(value.split(",")[:DEVICE_MAX_CASES])


def _device_seconds():
    return setting("DEVICE_DAYS", 90) * 86400


def device_remember(request, response, case_number):
    """Mark this device as holding the receipt of ``case_number`` (newest first, a bounded list)."""
    tag = device_tag(case_number)
    tags = [tag, *(t for t in device_tags(request) if t != tag)][:DEVICE_MAX_CASES]
    _set_device_cookie(response, tags)


def device_forget(request, response, case_number):
    tags = [t for t in device_tags(request) if t != device_tag(case_number)]
    if tags:
        _set_device_cookie(response, tags)
    else:
        response.delete_cookie(DEVICE_COOKIE, samesite="Lax")


def _set_device_cookie(response, tags):
    response.set_signed_cookie(
        DEVICE_COOKIE,
        ",".join(tags),
        salt=DEVICE_SALT,
        max_age=_device_seconds(),
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Lax",
    )


@dataclass(frozen=True)
class ReceiptCheck:
    report: object = None
    limited: bool = False


def _limits(client, number):
    return [
        ("track-client", client, setting("TRACK_LIMIT", 10)),
        ("track-case", number, setting("TRACK_CASE_LIMIT", 5)),
        ("track-client-case", f"{client}:{number}", setting("TRACK_SLOW_LIMIT", 1)),
    ]


def _refused(client, number):
    (_, _, client_limit), (_, _, case_limit), (_, pair, slow_limit) = _limits(client, number)
    if is_limited("track-client", client, client_limit):
        return True
    return is_limited("track-case", number, case_limit) and is_limited("track-client-case", pair, slow_limit)


def _count_failure(client, number):
    window = setting("TRACK_WINDOW", 900)
    for scope, key, _limit in _limits(client, number):
        hit(scope, key, window)


def _safely(operation, *args, failing):
    try:
        return operation(*args)
    except Exception:  # noqa: BLE001 - whatever broke the counters, the answer is ``failing``
        logger.exception("The receipt limiter could not use its counters.")
        return failing


def receipt_check(*, client, device, case_number, receipt_code):
    """The report a case number and receipt code open, unless this client must wait; the one limiter.

    ``client`` is ``client_key(request)``, ``device`` the tags of ``device_tags(request)``.
    """
    raw = "".join((case_number or "").split()).upper()
    number = codes.normalise_case_number(raw) or raw[:40]
    holder = device_tag(number) in device
    if not holder and _safely(_refused, client, number, failing=True):
        return ReceiptCheck(limited=True)
    report = services.report_find(case_number=number, receipt_code=receipt_code)
    if report is None and not holder:
        _safely(_count_failure, client, number, failing=None)
    return ReceiptCheck(report=report)
