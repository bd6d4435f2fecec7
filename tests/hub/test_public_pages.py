import xml.etree.ElementTree as ET

import pytest
from django.conf import settings

from hub.models import ReportPage

LANGUAGES = ["kk", "ru", "en"]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "path",
    [
        "",
        "about/",
        "reports/",
        "reports/air-quality-2024/",
        "accounts/login/",
        "accounts/signup/",
        "accounts/password/reset/",
    ],
)
def test_public_page_answers_in_every_language(visitor, site_pages, language, path):
    response = visitor.get(f"/{language}/{path}")
    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.content.decode()


def test_bare_root_sends_visitor_to_their_language(visitor, site_pages):
    response = visitor.get("/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 302
    assert response["Location"] == "/ru/"


def test_home_page_says_what_the_hub_is_and_links_to_reports(visitor, site_pages):
    html = visitor.get("/en/").content.decode()
    assert "An open space where the Almaty akimat and the city&#x27;s NGOs work together." in html
    assert 'href="/en/reports/"' in html
    assert "Skip to main content" in html


def test_home_page_has_the_site_search_box(visitor, site_pages):
    html = visitor.get("/kk/").content.decode()
    assert 'role="search"' in html and 'action="/kk/search/"' in html and 'name="q"' in html


def test_unknown_address_gives_translated_404(visitor, site_pages):
    response = visitor.get("/ru/no-such-page/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_report_feed_is_valid_atom(visitor, site_pages, language):
    response = visitor.get(f"/{language}/reports/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == ReportPage.objects.live().filter(locale__language_code=language).count() == 3
    assert all(entry.find(f"{ATOM}link").get("href").startswith("http") for entry in entries)


def test_report_index_filters_by_department_and_year(visitor, site_pages):
    html = visitor.get("/en/reports/", {"department": "youth"}).content.decode()
    assert "Youth employment: 2024" in html
    assert "Air quality: 2024 report" not in html
    html = visitor.get("/en/reports/", {"year": "2025"}).content.decode()
    assert "Help for large families" in html
    assert "Youth employment" not in html


def test_report_page_shows_plain_language_summary(visitor, site_pages):
    html = visitor.get("/kk/reports/air-quality-2024/").content.decode()
    assert "Тұрғындар үшін не өзгерді" in html
    assert "ЖЭО-2 газға көшірілді" in html


def test_language_switcher_keeps_the_visitor_on_the_same_page(visitor, site_pages):
    html = visitor.get("/ru/reports/youth-employment-2024/").content.decode()
    assert 'href="/kk/reports/youth-employment-2024/"' in html
    assert 'href="/en/reports/youth-employment-2024/"' in html


def test_language_switcher_on_account_pages(visitor, site_pages):
    html = visitor.get("/kk/accounts/login/").content.decode()
    assert 'href="/en/accounts/login/"' in html


def test_low_vision_cookie_changes_the_rendered_page(visitor, site_pages):
    assert 'class="low-vision"' not in visitor.get("/en/").content.decode()
    visitor.cookies[settings.LOW_VISION_COOKIE] = "1"
    html = visitor.get("/en/").content.decode()
    assert '<html lang="en" class="low-vision lv-size-1 lv-bw lv-images-off">' in html
    assert "Standard version" in html


def test_low_vision_toggle_remembers_choice_and_returns_to_the_page(visitor, site_pages):
    response = visitor.get("/preferences/low-vision/", {"next": "/en/reports/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/reports/"
    assert response.cookies[settings.LOW_VISION_COOKIE].value == "1-bw-off"
    response = visitor.get("/preferences/low-vision/", {"next": "/en/"})
    assert response.cookies[settings.LOW_VISION_COOKIE].value == ""


def test_low_vision_toggle_refuses_to_redirect_elsewhere(visitor, db):
    response = visitor.get("/preferences/low-vision/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_public_pages_send_strict_security_headers(visitor, site_pages):
    response = visitor.get("/en/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_use_no_external_assets(visitor, site_pages):
    html = visitor.get("/en/").content.decode()
    assert "//cdn" not in html
    assert 'src="http' not in html
    assert 'href="http' not in html.replace("hreflang", "")


def test_report_body_shows_key_figures_in_the_pages_language(visitor, site_pages):
    html = visitor.get("/ru/reports/youth-employment-2024/").content.decode()
    assert '<span class="value">4 200</span> первых рабочих мест' in html


def test_liveness_answers_without_touching_the_database(visitor, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = visitor.get("/livez")
    assert response.content == b"ok"
