"""Low-vision presets as regional government sites offer them: text size A / A+ / A++, three colour schemes,
images off that really removes images (their alt text is shown), all remembered and working without JavaScript."""

import json
import re

import pytest
from django.conf import settings

from hub.preferences import LowVision, low_vision_from_cookie, low_vision_with

TOGGLE = "/preferences/low-vision/"


def html_class(html):
    return re.search(r'<html lang="\w+"(?: class="([^"]*)")?>', html).group(1) or ""


@pytest.mark.parametrize(
    ("cookie", "expected"),
    [
        (None, None),
        ("", None),
        ("1", LowVision()),  # written before the presets existed
        ("3-wb-on", LowVision(size="3", scheme="wb", images="on")),
        ("9-pink-maybe", LowVision()),
        ("<script>", LowVision()),
    ],
)
def test_cookie_values_are_read_safely(cookie, expected):
    assert low_vision_from_cookie(cookie) == expected


def test_choices_not_offered_are_ignored():
    assert low_vision_with(None, size="2", scheme="red", colour="x") == LowVision(size="2")


def test_standard_visitors_see_no_panel(visitor, site_pages):
    html = visitor.get("/en/").content.decode()
    assert html_class(html) == ""
    assert "lv-panel" not in html
    assert "Low-vision version" in html


def test_switching_on_shows_the_labelled_panel_with_the_defaults_marked(visitor, site_pages):
    response = visitor.get(TOGGLE, {"next": "/en/"})
    assert response.cookies[settings.LOW_VISION_COOKIE].value == "1-bw-off"
    html = visitor.get("/en/").content.decode()
    assert html_class(html) == "low-vision lv-size-1 lv-bw lv-images-off"
    panel = re.search(r'<nav class="lv-panel" aria-label="Low-vision settings">(.*?)</nav>', html, re.S).group(1)
    assert re.findall(r'aria-labelledby="lv-(\w+)"', panel) == ["size", "scheme", "images"]
    current = re.findall(r'class="lv-option lv-option-(\w+-\w+)" href="[^"]+" aria-current="true"', panel)
    assert current == ["size-1", "scheme-bw", "images-off"]
    assert 'A++<span class="visually-hidden"> (largest text)</span>' in panel


@pytest.mark.parametrize(
    ("choice", "cookie", "css"),
    [
        ({"size": "3"}, "3-bw-off", "lv-size-3"),
        ({"scheme": "wb"}, "1-wb-off", "lv-wb"),
        ({"scheme": "blue"}, "1-blue-off", "lv-blue"),
        ({"images": "on"}, "1-bw-on", "lv-images-on"),
    ],
)
def test_each_preset_is_a_plain_link_that_is_remembered(visitor, site_pages, choice, cookie, css):
    visitor.get(TOGGLE, {"next": "/en/"})
    html = visitor.get("/en/").content.decode()
    key, value = next(iter(choice.items()))
    link = re.search(rf'class="lv-option lv-option-{key}-{value}" href="([^"]+)"', html).group(1)
    response = visitor.get(link.replace("&amp;", "&"))
    assert response.status_code == 302 and response["Location"] == "/en/"
    assert response.cookies[settings.LOW_VISION_COOKIE].value == cookie
    assert css in html_class(visitor.get("/en/").content.decode())


def test_choosing_a_preset_keeps_the_others(visitor, db):
    visitor.cookies[settings.LOW_VISION_COOKIE] = "2-blue-on"
    response = visitor.get(TOGGLE, {"size": "3", "next": "/en/"})
    assert response.cookies[settings.LOW_VISION_COOKIE].value == "3-blue-on"


def test_the_toggle_without_a_choice_returns_to_the_standard_version(visitor, db):
    visitor.cookies[settings.LOW_VISION_COOKIE] = "2-blue-on"
    response = visitor.get(TOGGLE, {"next": "/en/"})
    assert response.cookies[settings.LOW_VISION_COOKIE].value == ""


def test_images_off_removes_images_and_shows_their_alt_text(visitor, db, tmp_path, settings):
    from tests.ngos.conftest import make_organisation

    settings.MEDIA_ROOT = tmp_path
    organisation = make_organisation(slug="green-almaty", name_en="Green Almaty")
    organisation.logo.save("logo.png", _png(), save=True)
    url = f"/en/ngos/{organisation.slug}/"
    visitor.cookies[settings.LOW_VISION_COOKIE] = "1-bw-on"
    shown = visitor.get(url).content.decode()
    assert re.search(r'<img src="[^"]+logo[^"]*\.png" alt="Logo of Green Almaty"', shown)
    visitor.cookies[settings.LOW_VISION_COOKIE] = "1-bw-off"
    hidden = visitor.get(url).content.decode()
    main = hidden[hidden.index("<main") :]
    assert "<img" not in main and 'class="brand-mark"' not in hidden
    assert '<span class="image-off logo logo-120">Logo of Green Almaty</span>' in main


def test_the_presets_are_translated(visitor, site_pages):
    visitor.cookies[settings.LOW_VISION_COOKIE] = "1-bw-off"
    html = visitor.get("/kk/").content.decode()
    assert "Мәтін өлшемі" in html and "Суреттер" in html and "ақ түстегі қара" in html


def _png():
    from django.core.files.base import ContentFile

    from tests.anticorruption.conftest import png_bytes

    return ContentFile(png_bytes((64, 64)))


def test_images_off_turns_images_in_editorial_pages_into_their_alt_text(visitor, site_pages, tmp_path, settings):
    """Rich text and image blocks on pages editors write (about, akimat reports) render no image either."""
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    from hub.models import StandardPage

    settings.MEDIA_ROOT = tmp_path
    image = get_image_model().objects.create(title="Park", file=ImageFile(_png(), name="park.png"))
    page = StandardPage.objects.get(slug="about", locale__language_code="en")
    embedded = (
        f'<p>We planted trees.</p><embed alt="Volunteers &amp; trees" embedtype="image" format="left" id="{image.pk}"/>'
    )
    page.body = json.dumps(
        [
            {"type": "text", "value": embedded},
            {"type": "image", "value": {"image": image.pk, "decorative": False, "alt_text": "The new park"}},
            {"type": "image", "value": {"image": image.pk, "decorative": True, "alt_text": ""}},
        ]
    )
    page.save_revision().publish()
    visitor.cookies[settings.LOW_VISION_COOKIE] = "1-bw-on"
    shown = _main(visitor.get("/en/about/").content.decode())
    assert shown.count("<img") == 3 and 'alt="Volunteers &amp; trees"' in shown and 'alt="The new park"' in shown
    visitor.cookies[settings.LOW_VISION_COOKIE] = "1-bw-off"
    hidden = _main(visitor.get("/en/about/").content.decode())
    assert "<img" not in hidden and "park" not in hidden.replace("The new park", "")
    assert '<span class="image-off">Volunteers &amp; trees</span>' in hidden
    assert '<span class="image-off">The new park</span>' in hidden
    assert "<p>We planted trees.</p>" in hidden


def _main(html):
    return html[html.index("<main") : html.index("</main>")]
