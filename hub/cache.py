"""The shared cache, made to fail safe.

The site keeps pages, statistics and rate-limit counters in one shared cache (Redis, or a
database table). When that cache fails (Redis stopped, the table missing) a page must still
be served, so every operation that fails is answered instead from a cache in this process's
memory, and the failure is logged. Each cache object (one per thread) learns of the failure
on its own. Rate limits (ours and allauth's, both kept in this cache)
therefore keep counting, per server process, instead of opening up; pages are not cached at
all while the shared cache is down (``shared_cache_down``), so no process serves a page that
another has changed. After ``RETRY_SECONDS`` the shared cache is tried again.
"""

import logging
import time

from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError, connection, transaction

logger = logging.getLogger("hub.cache")

RETRY_SECONDS = 10
FALLBACK_OPERATIONS = (
    "get", "set", "add", "touch", "delete", "has_key", "incr", "decr",
    "get_many", "set_many", "delete_many", "clear",
)  # fmt: skip


def _failsafe(name):
    def operation(self, *args, **kwargs):
        if self.is_down():
            return getattr(self.fallback, name)(*args, **kwargs)
        try:
            return self._shared(name, *args, **kwargs)
        except self.failures as error:
            self._went_down(error)
            return getattr(self.fallback, name)(*args, **kwargs)

    operation.__name__ = name
    return operation


class FailSafeCacheMixin:
    """Answer from this process's memory, and log, while the shared cache fails."""

    failures = ()
    _down_since = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for name in FALLBACK_OPERATIONS:
            setattr(cls, name, _failsafe(name))

    @property
    def fallback(self):
        # LocMemCache instances with one name share their storage across threads.
        return LocMemCache(f"hub-failsafe-{self.key_prefix}", {"TIMEOUT": self.default_timeout})

    def _shared(self, name, *args, **kwargs):
        return getattr(super(), name)(*args, **kwargs)

    def _went_down(self, error):
        if not self.is_down():
            logger.error("The shared cache failed (%s); using this process's memory for %ss.", error, RETRY_SECONDS)
        self._down_since = time.monotonic()

    def is_down(self):
        return self._down_since is not None and time.monotonic() - self._down_since < RETRY_SECONDS

    def probe(self):
        """Write and read a value in the shared cache itself; raises when it fails."""
        self._shared("set", "hub-cache-probe", 1, 10)
        if self._shared("get", "hub-cache-probe") != 1:
            raise RuntimeError("the value written could not be read back")
        self._down_since = None


class FailSafeRedisCache(FailSafeCacheMixin, RedisCache):
    @property
    def failures(self):
        import redis

        return (redis.RedisError, OSError)


class FailSafeDatabaseCache(FailSafeCacheMixin, DatabaseCache):
    failures = (DatabaseError,)

    def _shared(self, name, *args, **kwargs):
        if not connection.in_atomic_block:
            return super()._shared(name, *args, **kwargs)
        # A savepoint: on PostgreSQL a failed statement would break the caller's transaction.
        with transaction.atomic():
            return super()._shared(name, *args, **kwargs)


def shared_cache_down(cache):
    return getattr(cache, "is_down", lambda: False)()
