"""Every link that leaves the site (feeds, emails, Open Graph) names SITE_URL, never the request's host
or Wagtail's Site record (which says http://localhost); the Atom feed names its author."""

import xml.etree.ElementTree as ET

import pytest

from hub.links import absolute_url, on_site

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://hub.example.kz"


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE
    return SITE


def test_absolute_url_joins_paths_once():
    assert absolute_url("/ru/ngos/?page=2") == "http://127.0.0.1:8000/ru/ngos/?page=2"
    assert absolute_url("ru/ngos/") == "http://127.0.0.1:8000/ru/ngos/"
    assert absolute_url("https://elsewhere.kz/a") == "https://elsewhere.kz/a"
    assert (
        on_site("http://testserver/en/accounts/confirm/abc/?x=1")
        == "http://127.0.0.1:8000/en/accounts/confirm/abc/?x=1"
    )


@pytest.mark.parametrize("language,author", [("ru", "Акимат города Алматы"), ("kk", "Алматы қаласының әкімдігі")])
def test_every_link_and_id_of_the_reports_feed_comes_from_site_url(visitor, site_pages, site_url, language, author):
    response = visitor.get(f"/{language}/reports/feed/")
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    ids = [element.text for element in feed.iter(f"{ATOM}id")]
    assert len(feed.findall(f"{ATOM}entry")) == 3 and len(links) == 5 and len(ids) == 4
    assert all(value.startswith(f"{SITE}/{language}/reports/") for value in links + ids), links + ids
    assert f"{SITE}/{language}/reports/feed/" in links
    assert feed.find(f"{ATOM}author/{ATOM}name").text == author
    assert feed.find(f"{ATOM}author/{ATOM}uri").text == f"{SITE}/"
    assert b"localhost" not in response.content and b"testserver" not in response.content


def test_account_emails_link_to_site_url(client, member, site_url, mailoutbox):
    client.post("/en/accounts/password/reset/", {"email": member.email})
    body = mailoutbox[-1].body
    assert f"{SITE}/en/accounts/password/reset/key/" in body
    assert "testserver" not in body and "example.com" not in body


def test_open_graph_url_comes_from_site_url(visitor, site_pages, site_url):
    html = visitor.get("/en/about/").content.decode()
    assert f'<meta property="og:url" content="{SITE}/en/about/">' in html
