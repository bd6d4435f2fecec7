"""Rate limits kept in Django's cache, keyed by a short-lived hash: no address is ever stored."""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone


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


def setting(name, default):
    return getattr(settings, f"ANTICORRUPTION_{name}", default)
