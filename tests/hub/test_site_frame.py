"""The frame every public page shares: the header a resident finds their way with, the footer with the
akimat's contacts and the hub's information pages, and consent to the terms at sign-up."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from hub.info_pages import FOOTER_SLUGS
from hub.models import User
from tests.conftest import PASSWORD


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_footer_links_to_information_pages_that_exist_in_each_language(client, site_pages, language):
    html = _page(client, f"/{language}/")
    for slug in FOOTER_SLUGS:
        assert f'href="/{language}/{slug}/"' in html
        page = _page(client, f"/{language}/{slug}/")
        assert f'<html lang="{language}"' in page


def test_footer_gives_the_akimats_contacts_and_the_channel_guide(client, site_pages):
    html = _page(client, "/ru/")
    footer = html[html.index('<footer class="site-footer">') :]
    assert 'href="tel:109"' in footer
    assert "площадь Республики, 4" in footer
    assert "9:00–18:00" in footer
    assert "eOtinish" in footer and "1424" in footer
    guide = _page(client, "/ru/channels/")
    assert "eotinish.kz" in guide and "1424" in guide and "109" in guide


def test_current_section_is_marked_in_the_menu(client, site_pages):
    html = _page(client, "/en/roadmaps/")
    menu = html[html.index('aria-label="Main"') :]
    assert re.search(r'<a href="/en/roadmaps/" aria-current="page">Road maps</a>', menu)
    assert '<a href="/en/ngos/">NGO directory</a>' in menu
    assert menu.count('aria-current="page"') == 1


def test_report_and_track_are_one_tap_away_outside_the_folding_menu(client, site_pages):
    html = _page(client, "/kk/ngos/")
    quick = html[html.index('class="quick-actions"') : html.index('id="site-menu"')]
    with translation.override("kk"):
        assert gettext("Report a problem") in quick
        assert gettext("Track a report") in quick
    assert 'href="/kk/adaldyq-alany/"' in quick and 'href="/kk/adaldyq-alany/track/"' in quick
    assert 'aria-controls="site-menu"' in html
    assert "/static/js/site.js" in html


def test_home_page_is_organised_by_what_people_want_to_do(client, site_pages):
    html = _page(client, "/en/")
    tasks = html[html.index('id="tasks-title"') :]
    for text, url in [
        ("Report a problem or corruption", "/en/adaldyq-alany/"),
        ("Find an NGO or help", "/en/ngos/"),
        ("Come to a meeting", "/en/meetings/"),
        ("Check what the akimat promised and did", "/en/roadmaps/"),
    ]:
        assert f'<a href="{url}">{text}</a>' in tasks
    assert 'href="/en/adaldyq-alany/track/"' in tasks


def test_sign_up_without_accepting_the_terms_is_refused_in_the_users_language(client, site_pages):
    response = client.post(
        "/ru/accounts/signup/", {"email": "dana@example.kz", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 200
    assert "Чтобы создать учётную запись, примите условия использования" in response.content.decode()
    assert not User.objects.filter(email="dana@example.kz").exists()


def test_sign_up_records_when_the_terms_were_accepted(client, site_pages):
    html = _page(client, "/kk/accounts/signup/")
    assert 'href="/kk/terms/"' in html and 'href="/kk/privacy/"' in html
    client.post(
        "/kk/accounts/signup/",
        {"email": "dana@example.kz", "password1": PASSWORD, "password2": PASSWORD, "accept_terms": "on"},
    )
    assert User.objects.get(email="dana@example.kz").terms_accepted_at is not None
