"""NGO logos on cards and pages (alt text, fixed size, lazy, initials without one); the registration step
indicator marks the current step."""

import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from ngos.models import Organisation
from tests.anticorruption.conftest import png_bytes

from .conftest import make_organisation
from .test_registration import identity_data


@pytest.fixture
def with_logo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    organisation = make_organisation(slug="green-city", name_en="Green City Foundation")
    organisation.logo.save("green.png", ContentFile(png_bytes((64, 64))), save=True)
    return organisation


def test_directory_cards_show_a_lazy_fixed_size_logo_with_alt_text(visitor, with_logo):
    make_organisation(slug="no-logo", name_en="«Taza Almaty» public foundation")
    html = visitor.get("/en/ngos/").content.decode()
    assert re.search(
        r'<img src="[^"]+green[^"]*\.png" alt="Logo of Green City Foundation" width="64" height="64" '
        r'loading="lazy" decoding="async" class="logo logo-64">',
        html,
    )
    assert '<span class="logo-initials logo-64" aria-hidden="true">TA</span>' in html


def test_organisation_page_shows_the_logo_or_initials(visitor, with_logo):
    html = visitor.get(with_logo.get_absolute_url()).content.decode()
    assert 'alt="Logo of Green City Foundation" width="120" height="120" loading="lazy"' in html
    plain = make_organisation(slug="plain", name_en="Plain Words Union")
    html = visitor.get(plain.get_absolute_url()).content.decode()
    assert '<span class="logo-initials logo-120" aria-hidden="true">PW</span>' in html


@pytest.mark.parametrize(
    ("name", "initials"),
    [("«Жасыл қала» қоғамдық қоры", "ЖҚ"), ("Adal", "A"), ("ОФ «Bolashak»", "ОB"), ("— Ümit —", "Ü")],
)
def test_initials(name, initials):
    assert Organisation(name_en=name, name_kk=name, name_ru=name).initials == initials


def test_registration_marks_the_current_step(client_for, leader):
    client = client_for(leader)
    html = client.get(reverse("ngos:register")).content.decode()
    steps = re.search(r'<ol class="steps">(.*?)</ol>', html).group(1)
    assert steps.count("<li") == 4
    assert re.match(r'<li aria-current="step">[^<]+<span class="visually-hidden"> \(current step\)</span></li>', steps)
    client.post(reverse("ngos:register"), identity_data())
    organisation = Organisation.objects.get()
    html = client.get(reverse("ngos:register_step", args=[organisation.slug, "contacts"])).content.decode()
    steps = re.search(r'<ol class="steps">(.*?)</ol>', html).group(1)
    current = re.findall(r'<li aria-current="step">([^<]+)<', steps)
    assert len(current) == 1
    links = re.findall(r'<a href="([^"]+)">', steps)
    assert reverse("ngos:register_step", args=[organisation.slug, "identity"]) in links
    assert reverse("ngos:register_step", args=[organisation.slug, "contacts"]) not in links
    assert len(links) == 3
