"""Absolute links to the site, for wherever a link leaves it: feeds, emails, PDFs, calendar files, QR
codes, open data and Open Graph tags.

They are built from the ``SITE_URL`` setting alone, never from the request's host or Wagtail's Site
record (which says ``http://localhost`` unless an editor changed it), so every copy names the same site.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings


def absolute_url(path):
    """``path`` (``/kk/ngos/``, with any query) on the public site; a URL that is already absolute is kept."""
    if path.startswith(("https://", "http://")):
        return path
    return f"{settings.SITE_URL.rstrip('/')}/{path.lstrip('/')}"


def site_host():
    """The public site's host name (for identifiers such as calendar UIDs)."""
    return urlsplit(settings.SITE_URL).netloc


def page_url(page, request=None):
    """The absolute URL of a Wagtail page, its path from Wagtail and its host from ``SITE_URL``."""
    return absolute_url(page.get_url_parts(request)[2])


def on_site(url):
    """The same path and query as ``url`` (which a library built from the request's host) on ``SITE_URL``."""
    parts = urlsplit(url)
    return absolute_url(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))
