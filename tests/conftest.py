"""Shared personas and site fixtures. Each persona is a user as the site sees them."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import translation

from hub import demo
from hub.models import User
from hub.roles import EDITORS, MODERATORS, OFFICERS

PASSWORD = "correct-horse-battery-9"


def pytest_collection_modifyitems(items):
    """Transactional tests flush every table when they end, including the rows that data
    migrations made (Wagtail's root page and locales, staff groups, reference data); restore
    them for the tests that follow."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = (marker is not None and marker.kwargs.get("transaction")) or (
            "transactional_db" in getattr(item, "fixturenames", ())
            or "live_server" in getattr(item, "fixturenames", ())
        )
        if transactional:
            kwargs = {**(marker.kwargs if marker else {}), "transaction": True, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)
    # Serialized rollback restores those rows when a transactional test *starts*; an ordinary test
    # that ran right after one found no staff groups. Transactional tests therefore run last.
    items.sort(
        key=lambda item: (
            item.get_closest_marker("django_db") is not None
            and bool(item.get_closest_marker("django_db").kwargs.get("transaction"))
        )
    )


def make_user(email, *, groups=(), verified=True, **flags):
    user = User.objects.create_user(email=email, password=PASSWORD, **flags)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def back_office_in_english(user):
    """The person reads the Wagtail back office in English, so its messages can be asserted."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Messages raised outside a request read in English unless a test asks for a language;
    requests take theirs from the URL prefix."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def search_index(settings, tmp_path):
    """Site search writes to an index of the test's own: the database rolls back after a test,
    an index folder shared by the tests would not."""
    from search.backends import _backends

    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    yield settings.SEARCH_INDEX_DIR
    _backends.pop(settings.SEARCH_INDEX_DIR, None)


@pytest.fixture
def shared_cache(settings, db):
    """The shared cache of counts and fragments on, as in production, and empty (issue 17)."""
    from django.core.cache import cache

    settings.SHARED_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_pages(db):
    """The demo page tree (home, about, reports) in kk, ru and en."""
    return demo.build_pages()


@pytest.fixture
def visitor(client):
    """The public: no account."""
    return client


@pytest.fixture
def member(db):
    """A signed-up user with a verified email; NGO apps make them a member of an organisation."""
    return make_user("member@example.kz", first_name="Aigerim", last_name="Sadykova")


@pytest.fixture
def other_leader(db):
    """A verified user who leads a different organisation."""
    return make_user("other.leader@example.kz", first_name="Nurlan", last_name="Abenov")


@pytest.fixture
def moderator(db):
    return make_user("moderator@example.kz", groups=[MODERATORS], is_staff=True)


@pytest.fixture
def editor(db):
    return make_user("editor@example.kz", groups=[EDITORS], is_staff=True)


@pytest.fixture
def officer(db):
    return make_user("officer@example.kz", groups=[OFFICERS], is_staff=True)


@pytest.fixture
def admin_user(db):
    return make_user("admin@example.kz", is_staff=True, is_superuser=True)


@pytest.fixture
def client_for(client):
    """Sign a persona in: ``client_for(editor).get(...)``."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def database_tasks(settings):
    """Tasks kept in the database, as in production, until ``tests.background.run_worker()``."""
    from tests.background import DATABASE_TASKS

    settings.TASKS = DATABASE_TASKS
    settings.TASK_RETRY_SECONDS = 0


@pytest.fixture
def storage_down(monkeypatch):
    """Every upload folder refuses writes as a full disk does (the tests run as root, whom a read-only
    folder would not stop); yields the list of attempted names."""
    import errno

    from django.core.files.storage import FileSystemStorage

    attempts = []

    def refuse(storage, name, content):
        attempts.append(name)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", refuse)
    return attempts
