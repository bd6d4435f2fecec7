"""Helpers shared by the journeys: people signing in as they do in the browser, and isolated state."""

import itertools
import re

import pytest
from django.core import mail

from hub import demo

PASSWORD = "correct-horse-battery-9"
_bins = itertools.count(90_000_000_001)


def valid_bin():
    """A BIN with a valid check digit that no demo organisation uses."""
    from ngos.validators import bin_check_digit

    while True:
        prefix = str(next(_bins))
        digit = bin_check_digit(prefix)
        if digit is not None:
            return prefix + str(digit)


def sign_up_and_confirm(page, email, language="en"):
    """Sign up on the public site, open the confirmation link from the email, confirm."""
    page.goto(f"/{language}/accounts/signup/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label(re.compile(r"^Password\b(?! again)")).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(f"**/{language}/accounts/confirm-email/")
    message = next(m for m in reversed(mail.outbox) if email in m.to)
    link = re.search(r"http://[^/]+(/\S+)", message.body).group(1)
    page.goto(link)
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm").click()


def sign_in(page, email, password=PASSWORD, language="en"):
    page.goto(f"/{language}/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def sign_out(page):
    page.context.clear_cookies()


def admin_sign_in(page, email, password=PASSWORD):
    """Staff sign in to the Wagtail admin with its own form."""
    page.goto("/admin/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()


@pytest.fixture
def clean_state(settings, tmp_path):
    """A private search index and no cached figures or rate limits left by other tests."""
    from django.core.cache import cache

    from search.backends import _backends

    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    settings.SEARCH_BACKEND = "whoosh"
    settings.ANTICORRUPTION_STATS_CACHE_SECONDS = 0
    cache.clear()
    yield
    cache.clear()
    _backends.pop(settings.SEARCH_INDEX_DIR, None)


@pytest.fixture
def site(transactional_db, clean_state):
    """The page tree (home, about, reports) that the base template's links need."""
    return demo.build_pages()


CSRF_NULL_ORIGIN = (
    "anticorruption/views.py:43 `_private()` sends `Referrer-Policy: no-referrer`; Chromium then sends "
    "`Origin: null` with the form's POST and Django's CSRF check refuses it (403 'Origin checking failed - "
    "null does not match any trusted origins'), so a real browser cannot file a report, open the tracking page "
    "or confirm the receipt. Fix: `response['Referrer-Policy'] = 'same-origin'` (the site default, "
    "SECURE_REFERRER_POLICY): no referrer leaves the site, and same-origin POSTs carry their Origin."
)


def same_origin_referrer_on_adaldyq_alany(page):
    """Work around CSRF_NULL_ORIGIN for the rest of a journey: serve Adaldyq alany's pages with
    ``Referrer-Policy: same-origin`` (what the fix does), so that their forms post their real Origin."""

    def handler(route):
        request = route.request
        if "multipart/form-data" in (request.headers.get("content-type") or ""):
            # Chromium gives interceptors no file bodies; the page that posts it was served same-origin.
            route.continue_()
            return
        post_data = request.post_data_buffer if request.method == "POST" else None
        headers = request.all_headers()
        if headers.get("origin") == "null":
            headers["origin"] = "/".join(request.url.split("/", 3)[:3])
        response = route.fetch(post_data=post_data, headers=headers, max_redirects=0)
        headers = dict(response.headers)
        if headers.get("referrer-policy") == "no-referrer":
            headers["referrer-policy"] = "same-origin"
        route.fulfill(response=response, headers=headers)

    page.route(re.compile(r"/adaldyq-alany/"), handler)
