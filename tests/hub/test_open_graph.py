"""Shared links show the page: Open Graph and Twitter card tags on every page, absolute from SITE_URL."""

import re

import pytest

from tests.ngos.conftest import make_organisation


def meta(html):
    tags = re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', html)
    found = {}
    for key, value in tags:
        found.setdefault(key, []).append(value)
    return {key: values[0] if len(values) == 1 else values for key, values in found.items()}


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = "https://hub.almaty.example"
    return settings.SITE_URL


@pytest.mark.parametrize(
    ("path", "title", "locale"),
    [
        ("/en/ngos/", "NGO directory", "en_GB"),
        ("/kk/adaldyq-alany/", None, "kk_KZ"),
        ("/ru/meetings/", None, "ru_RU"),
    ],
)
def test_every_page_carries_open_graph_tags(visitor, site_pages, site_url, path, title, locale):
    html = visitor.get(path).content.decode()
    tags = meta(html)
    page_title = re.search(r"<title>(.*?) · ", html).group(1)
    assert tags["og:title"] == tags["twitter:title"] == page_title
    if title:
        assert page_title == title
    assert tags["og:url"] == f"{site_url}{path}"
    assert tags["og:locale"] == locale
    assert locale not in tags["og:locale:alternate"] and len(tags["og:locale:alternate"]) == 2
    assert tags["og:description"] == tags["description"] == tags["twitter:description"] != ""
    assert tags["og:type"] == "website" and tags["twitter:card"] == "summary"
    assert "og:image" not in tags


def test_wagtail_pages_use_their_title_and_search_description(visitor, site_pages, site_url):
    from hub.models import ReportPage

    page = ReportPage.objects.live().filter(locale__language_code="en").first()
    page.search_description = "What the akimat did about the air in 2024."
    page.save_revision().publish()
    tags = meta(visitor.get(page.url).content.decode())
    assert tags["og:title"] == page.title
    assert tags["og:description"] == "What the akimat did about the air in 2024."
    assert tags["og:url"] == f"{site_url}{page.url}"


def test_an_organisation_shares_its_logo_and_description(visitor, db, site_url, settings, tmp_path):
    from django.core.files.base import ContentFile

    from tests.anticorruption.conftest import png_bytes

    settings.MEDIA_ROOT = tmp_path
    organisation = make_organisation(
        slug="clean-air", name_en="Clean Air & Co", description_en='Measures "PM2.5" in <Turksib>.'
    )
    organisation.logo.save("logo.png", ContentFile(png_bytes((64, 64))), save=True)
    html = visitor.get(f"/en/ngos/{organisation.slug}/").content.decode()
    tags = meta(html)
    assert tags["og:title"] == "Clean Air &amp; Co"
    assert tags["og:description"] == "Measures &quot;PM2.5&quot; in &lt;Turksib&gt;."
    assert tags["og:image"].startswith(f"{site_url}/") and tags["og:image"].endswith(".png")
    assert "<Turksib>" not in html
