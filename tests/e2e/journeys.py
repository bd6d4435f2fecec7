"""Helpers shared by the journeys: people signing in as they do in the browser, and isolated state."""

import io
import itertools
import re
from importlib import import_module
from importlib.util import find_spec

import pytest
from django.core import mail

from hub import demo
from hub.panels import DOMAIN_APPS

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
    page.get_by_label("I accept the terms of use and the privacy policy").check()
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


@pytest.fixture
def demo_site(transactional_db, clean_state):
    """The demo content of every app, as ``manage.py seed_demo`` makes it, with the search index built."""
    demo.seed()
    for app in DOMAIN_APPS:
        if find_spec(f"{app}.demo") is not None:
            import_module(f"{app}.demo").seed(io.StringIO())
    from search import services as search_services

    search_services.rebuild()
    return _public_paths()


def _public_paths():
    from meetings.models import Meeting
    from ngos.models import Organisation
    from roadmaps.models import RoadMap

    organisation = Organisation.objects.filter(status=Organisation.Status.VERIFIED).order_by("pk").first()
    roadmap = RoadMap.objects.published().order_by("pk").first()
    meeting = Meeting.objects.published().order_by("pk").first()
    outcome = Meeting.objects.published().filter(minutes__status="approved").order_by("pk").first()
    return {
        "organisation": organisation.slug,
        "roadmap": roadmap.slug,
        "meeting": meeting.slug,
        "outcome": outcome.slug,
    }
