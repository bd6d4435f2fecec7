import pytest
from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from hub.models import ReportPage
from hub.page_cache import AnonymousPageCacheMiddleware


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


def test_anonymous_visitor_is_served_from_the_cache_the_second_time(visitor, site_pages):
    assert visitor.get("/en/reports/")["X-Page-Cache"] == "miss"
    second = visitor.get("/en/reports/")
    assert second["X-Page-Cache"] == "hit"
    assert "Akimat reports" in second.content.decode()


def test_cached_pages_differ_by_language_and_low_vision(visitor, site_pages):
    visitor.get("/en/reports/")
    assert visitor.get("/ru/reports/")["X-Page-Cache"] == "miss"
    visitor.cookies[settings.LOW_VISION_COOKIE] = "1"
    response = visitor.get("/en/reports/")
    assert response["X-Page-Cache"] == "miss"
    assert 'class="low-vision"' in response.content.decode()


def test_publishing_a_page_refreshes_what_visitors_see(visitor, site_pages):
    visitor.get("/en/reports/")
    report = ReportPage.objects.get(slug="youth-employment-2024", locale__language_code="en")
    report.title = "Youth employment: corrected figures"
    report.save_revision().publish()
    response = visitor.get("/en/reports/")
    assert "Youth employment: corrected figures" in response.content.decode()


def test_signed_in_user_is_never_served_or_stored_in_the_cache(client_for, member, site_pages, client):
    signed_in = client_for(member)
    first = signed_in.get("/en/reports/")
    assert "X-Page-Cache" not in first
    assert "X-Page-Cache" not in signed_in.get("/en/reports/")
    assert "My account" in signed_in.get("/en/reports/").content.decode()


def test_page_carrying_a_form_token_is_never_cached(db):
    def view_with_form(request):
        return HttpResponse(f'<form><input name="csrfmiddlewaretoken" value="{get_token(request)}"></form>')

    middleware = AnonymousPageCacheMiddleware(view_with_form)
    request = RequestFactory().get("/en/some-form/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert "X-Page-Cache" not in middleware(request)
    request = RequestFactory().get("/en/some-form/")
    request.user = AnonymousUser()
    assert "X-Page-Cache" not in middleware(request)


def test_account_pages_are_never_cached(visitor, db):
    visitor.get("/en/accounts/login/")
    assert "X-Page-Cache" not in visitor.get("/en/accounts/login/")


def test_visitor_with_a_pending_message_gets_a_fresh_page(visitor, site_pages):
    visitor.get("/en/reports/")
    visitor.cookies["messages"] = "pending"
    assert "X-Page-Cache" not in visitor.get("/en/reports/")
