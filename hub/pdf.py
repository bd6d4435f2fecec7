"""The one place that renders PDF, with WeasyPrint.

User text reaches PDFs, so the URL fetcher only ever reads the site's own static and
media files from disk: a stylesheet or image link to a local path, ``file://`` or an
internal address inside user text is refused, never fetched.
"""

import hashlib
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

# DejaVu Sans covers Kazakh Cyrillic (ә ғ қ ң ө ұ ү һ і); Makefile installs fonts-dejavu-core.
PDF_FONT_FAMILY = '"DejaVu Sans", "Noto Sans", sans-serif'


class RefusedResource(Exception):
    pass


def _local_file(url):
    parsed = urlparse(url)
    if parsed.scheme not in ("", "http", "https") or parsed.netloc not in ("", "hub.local"):
        return None
    path = unquote(parsed.path)
    if path.startswith(settings.STATIC_URL):
        found = finders.find(path[len(settings.STATIC_URL) :])
        return Path(found) if found else None
    if path.startswith(settings.MEDIA_URL):
        media_root = Path(settings.MEDIA_ROOT).resolve()
        candidate = (media_root / path[len(settings.MEDIA_URL) :]).resolve()
        if candidate.is_file() and media_root in candidate.parents:
            return candidate
    return None


def safe_url_fetcher(url, *args, **kwargs):
    """Serve /static/ and /media/ files from disk; refuse everything else."""
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url)
    path = _local_file(url)
    if path is None:
        raise RefusedResource(f"Refused to fetch {url!r} while rendering a PDF.")
    mime_type, _encoding = mimetypes.guess_type(str(path))
    return {"string": path.read_bytes(), "mime_type": mime_type or "application/octet-stream", "filename": path.name}


def render_pdf(template, context, *, language=None):
    """Render a template to PDF bytes in one language."""
    from weasyprint import HTML

    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        html = render_to_string(template, {"pdf_font_family": PDF_FONT_FAMILY, **context})
    return HTML(string=html, base_url="https://hub.local/", url_fetcher=safe_url_fetcher).write_pdf()


def sha256_hex(data):
    return hashlib.sha256(data).hexdigest()
