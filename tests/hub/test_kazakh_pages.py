"""A Kazakh reader never meets an English sentence: a crawl of the demo site in kk, signed out and in.

Django, allauth and our own code all put text on the page; the crawl follows every link under /kk/ from
the home page and the account pages, and reads the visible text (and alt, title, placeholder and
aria-label) for three or more English words in a row.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command

from hub.models import User

# Proper names and codes that stay in Latin letters on Kazakh pages (logos, formats, the language menu).
ALLOWED = [
    "Almaty NGO Hub",
    "Belsendi megapolis",
    "Adaldyq alany",
    "Almaty - Adaldyq alany",
    "English",
]
# Published outcomes are written in one language and carry no lang marker yet: marking people's text in
# another language is the "content in its language" part of issue 13 (branch i13c). Text inside an element
# with a lang other than kk is skipped, so remove the outcomes from this pattern once that lands.
SKIPPED_PATHS = re.compile(
    r"(\.(pdf|csv|xlsx|ics|json)$|/feed/|/logout/|/download|/export|/media/|/static/|/adaldyq-alany/outcomes/)"
)
# A word with two capitals (JPEG, WebP, PDF) is a code, not English prose.
WORD = r"(?:[A-Z]?[a-z][a-z'’]*)"
ENGLISH_RUN = re.compile(rf"{WORD}(?:[ ,:;]+{WORD}){{2,}}")
PAGE_LIMIT = 160
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hidden = 0
        self.open = []
        self.parts = []
        self.links = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        foreign = not (attributes.get("lang") or "kk").startswith("kk")
        if tag in ("script", "style") or foreign:
            self.hidden += 1
        if tag not in VOID:
            self.open.append((tag, tag in ("script", "style") or foreign))
        self.parts += [attributes[a] for a in ("alt", "title", "placeholder", "aria-label") if attributes.get(a)]
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])

    def handle_endtag(self, tag):
        while self.open:
            name, hiding = self.open.pop()
            self.hidden -= hiding
            if name == tag:
                break

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def english_sentences(html):
    """Runs of three or more English-looking words in the visible text, allowed names removed."""
    parser = _VisibleText()
    parser.feed(html)
    found = []
    for part in parser.parts:
        for name in ALLOWED:
            part = part.replace(name, " ")
        found += ENGLISH_RUN.findall(part)
    return found, parser.links


def crawl(client, starts):
    seen, queue, problems = set(), list(starts), {}
    while queue and len(seen) < PAGE_LIMIT:
        path = urldefrag(queue.pop(0))[0]
        if path in seen or not path.startswith("/kk/") or SKIPPED_PATHS.search(urlsplit(path).path):
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        found, links = english_sentences(response.content.decode())
        if found:
            problems[path] = sorted(set(found))
        queue += [link for link in links if link.startswith("/kk/")]
    return seen, problems


@pytest.fixture
def demo_site(db, settings):
    settings.DEBUG = False
    call_command("seed_demo")


def test_kazakh_public_pages_have_no_english_sentence_for_a_visitor(demo_site, client):
    seen, problems = crawl(
        client, ["/kk/", "/kk/accounts/signup/", "/kk/accounts/login/", "/kk/accounts/password/reset/"]
    )
    assert len(seen) > 30
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())


def test_kazakh_pages_have_no_english_sentence_for_a_signed_in_leader(demo_site, client):
    client.force_login(User.objects.get(email="leader@demo.hub.kz"))
    seen, problems = crawl(client, ["/kk/accounts/", "/kk/accounts/password/change/", "/kk/accounts/email/", "/kk/"])
    assert len(seen) > 30
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())


def test_a_failed_kazakh_sign_up_explains_itself_in_kazakh(db, client):
    response = client.post(
        "/kk/accounts/signup/", {"email": "not-an-address", "password1": "12345", "password2": "123456"}
    )
    found, _ = english_sentences(response.content.decode())
    assert response.status_code == 200 and not found, found
    response = client.post(
        "/kk/accounts/signup/", {"email": "new@example.kz", "password1": "password", "password2": "password"}
    )
    found, _ = english_sentences(response.content.decode())
    assert "құпиясөз" in response.content.decode().lower() and not found, found


def test_a_failed_kazakh_password_change_explains_itself_in_kazakh(member, client):
    client.force_login(member)
    response = client.post(
        "/kk/accounts/password/change/", {"oldpassword": "wrong", "password1": "123", "password2": "1234"}
    )
    found, _ = english_sentences(response.content.decode())
    assert response.status_code == 200 and not found, found
