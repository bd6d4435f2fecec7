"""Whole-page cache for what anonymous visitors read.

A page is cached only when nothing in it can belong to one person: the request is an
anonymous GET without a session, and the response is a plain 200 that set no cookie and
used no CSRF token (so no form with a token is ever cached). Entries are keyed by path,
language and low-vision mode, and carry a generation number: every change to public
content (a saved or deleted row in a content app, a page published or unpublished)
bumps the generation, so the next visitor gets a freshly rendered page. Anything that
changes without a signal (a queryset ``update()``) is at most ``PAGE_CACHE_SECONDS`` old.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.translation import get_language

from .cache import shared_cache_down
from .preferences import low_vision_from_cookie

GENERATION_KEY = "page-cache:generation"
SKIPPED_PREFIXES = ("/admin/", "/preferences/", "/documents/", "/static/", "/media/", "/healthz", "/livez")
NEVER_CACHED_PATH_PARTS = ("/accounts/",)
STORED_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Vary")


def page_cache_seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 60)


def shared_cache_seconds():
    return getattr(settings, "SHARED_CACHE_SECONDS", 300)


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def bump_generation(**_signal_kwargs):
    """Forget every cached page: public content has changed."""
    try:
        cache.incr(GENERATION_KEY)  # hub/cache.py keeps a failing cache from breaking the caller
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def shared(name, parts, compute):
    """``compute()``, kept in the shared cache until public content changes (or SHARED_CACHE_SECONDS pass).

    For what is the same for every visitor, signed in or not: counts and facets of a list for one
    state of its filters, a fragment of a page in one language and mode. ``parts`` must name
    everything the value depends on besides public content (filters, language, low-vision mode);
    never use it for anything personal. The generation in the key makes every change to public
    content (see :func:`bump_generation`) read fresh values on the next request.
    """
    seconds = shared_cache_seconds()
    if seconds <= 0:
        return compute()
    raw = "|".join(str(part) for part in parts)
    key = f"shared:{name}:{generation()}:{hashlib.sha256(raw.encode()).hexdigest()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def _cache_key(request):
    # Normalised, so made-up cookie values cannot fill the cache with copies of a page.
    low_vision = str(low_vision_from_cookie(request.COOKIES.get(settings.LOW_VISION_COOKIE)) or "")
    raw = "|".join([request.get_host(), request.get_full_path(), get_language() or "", low_vision])
    return f"page-cache:{generation()}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _request_is_cacheable(request):
    if request.method not in ("GET", "HEAD") or page_cache_seconds() <= 0 or shared_cache_down(cache):
        return False
    if request.path.startswith(SKIPPED_PREFIXES) or any(part in request.path for part in NEVER_CACHED_PATH_PARTS):
        return False
    # Any other cookie (a session, pending messages...) may change the page for this visitor.
    harmless = {settings.CSRF_COOKIE_NAME, settings.LOW_VISION_COOKIE, settings.LANGUAGE_COOKIE_NAME}
    return set(request.COOKIES) <= harmless and len(request.get_full_path()) <= 1000


def _response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # get_token() marks the request: the page holds a form token and must stay private.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(request, "_page_cache_skip", False):
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def never_cache_page(request):
    """Views call this when a response must not be shared even though it looks public."""
    request._page_cache_skip = True


class AnonymousPageCacheMiddleware:
    """Serve anonymous visitors from the shared cache; see the module docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _request_is_cacheable(request):
            return self.get_response(request)
        key = _cache_key(request)
        stored = cache.get(key)
        if stored is not None:
            return self._rebuild(stored)
        response = self.get_response(request)
        if _response_is_cacheable(request, response) and not shared_cache_down(cache):
            headers = {name: response[name] for name in STORED_HEADERS if name in response}
            cache.set(key, (response.status_code, headers, response.content), page_cache_seconds())
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _rebuild(stored):
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response


CSRF_SLOT = "hub-csrf-token-slot"


def render_with_fresh_tokens(request, template, make_context, *, fresh_tokens=None):
    """A form page that every anonymous visitor shares, rendered once; only its tokens are new.

    A page with a form cannot be cached whole (its CSRF and form tokens belong to one visitor),
    but everything around the tokens is the same for every anonymous visitor in one language
    and mode. The page is rendered with placeholders, kept in the shared cache like any page,
    and each request gets a copy with fresh tokens put in. ``make_context`` is called only when
    the page is rendered; ``fresh_tokens`` maps a placeholder that the context carries to a
    function that makes the real value.
    """
    slots = {CSRF_SLOT: lambda: get_token(request), **(fresh_tokens or {})}
    shared = _request_is_cacheable(request) and not request.user.is_authenticated
    key = _cache_key(request) + ":form" if shared else None
    html = cache.get(key) if shared else None
    if html is None:
        html = render_to_string(template, {**make_context(), "csrf_token": CSRF_SLOT}, request)
        if shared and not shared_cache_down(cache):
            cache.set(key, html, page_cache_seconds())
    for slot, make in slots.items():
        html = html.replace(slot, make())
    never_cache_page(request)
    return HttpResponse(html)
