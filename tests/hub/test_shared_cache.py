"""Fragments shared by every visitor (issue 17): reused until public content changes, never personal."""

from django.template import Context, Template
from django.utils import translation

from hub.page_cache import bump_generation, shared
from tests.conftest import make_user


def render(source, **context):
    return Template("{% load shared_cache %}" + source).render(Context(context))


def test_a_value_is_computed_once_until_public_content_changes(shared_cache):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert shared("test", ["a"], compute) == 1
    assert shared("test", ["a"], compute) == 1
    assert shared("test", ["b"], compute) == 2  # another state of the filters
    bump_generation()
    assert shared("test", ["a"], compute) == 3


def test_with_the_cache_off_every_request_computes(settings, db):
    settings.SHARED_CACHE_SECONDS = 0
    values = iter([1, 2])
    assert shared("test", [], lambda: next(values)) == 1
    assert shared("test", [], lambda: next(values)) == 2


def test_a_fragment_is_shared_per_language_and_vary_values(shared_cache):
    template = '{% sharedcache "t" key %}{{ value }}{% endsharedcache %}'
    assert render(template, key=1, value="first") == "first"
    assert render(template, key=1, value="second") == "first"
    assert render(template, key=2, value="second") == "second"
    with translation.override("kk"):
        assert render(template, key=1, value="kazakh") == "kazakh"


def test_a_fragment_with_a_csrf_token_is_never_shared(shared_cache):
    template = '{% sharedcache "form" %}<input name="csrfmiddlewaretoken" value="{{ token }}">{% endsharedcache %}'
    assert "one" in render(template, token="one")
    assert "two" in render(template, token="two")


def test_home_page_account_menu_stays_personal_with_the_shared_fragment(shared_cache, client, site_pages):
    staff = make_user("staff@example.kz", is_staff=True)
    person = make_user("person@example.kz")
    client.force_login(staff)
    assert "/admin/" in client.get("/ru/").content.decode()  # the back-office link, for staff only
    client.force_login(person)
    page = client.get("/ru/").content.decode()
    assert "/admin/" not in page
    client.logout()
    assert "/accounts/login/" in client.get("/ru/").content.decode()
