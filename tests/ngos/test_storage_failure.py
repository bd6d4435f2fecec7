"""An NGO's logo or an initiative's attachment while the upload folder cannot be written: the form comes
back with what was typed and a message in the member's language; nothing is half saved."""

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from ngos import services
from ngos.models import FieldOfActivity, Initiative, InitiativeAttachment, Organisation, ProfileChange
from tests.anticorruption.conftest import png_bytes
from tests.files import pdf_bytes, upload

from .test_registration import identity_data


def test_registration_step_with_a_logo_keeps_the_contacts_typed(client_for, leader, storage_down, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(leader)
    client.post(reverse("ngos:register"), identity_data())
    organisation = Organisation.objects.get()
    with translation.override("ru"):
        url = reverse("ngos:register_step", args=[organisation.slug, "contacts"])
    response = client.post(
        url,
        {"email": "office@zhasyl.kz", "address": "ул. Абая, 10", "logo": upload("logo.png", png_bytes((64, 64)))},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "хранилище файлов сайта сейчас недоступно" in html and "выберите файлы заново" in html
    assert "office@zhasyl.kz" in html and "ул. Абая, 10" in html
    organisation.refresh_from_db()
    assert organisation.email == "" and organisation.address == "" and not organisation.logo
    assert not any(tmp_path.rglob("*.png"))


def test_profile_edit_of_a_verified_organisation_records_no_change(client_for, leader, organisation, storage_down):
    client = client_for(leader)
    with translation.override("kk"):
        url = reverse("ngos:edit", args=[organisation.slug])
    page = client.get(url)
    data = {}
    for form in page.context["forms"]:
        for field in form:
            value = field.value()
            if value in (None, "") or field.name == "logo":
                continue
            data[field.html_name] = [str(v) for v in value] if isinstance(value, list) else str(value)
    data["contacts-address"] = "Абай даңғылы, 10"
    data["contacts-logo"] = upload("logo.png", png_bytes((64, 64)))
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "файлдарды қайта таңдаңыз" in html and "Абай даңғылы, 10" in html
    organisation.refresh_from_db()
    assert organisation.address != "Абай даңғылы, 10" and not organisation.logo
    assert not ProfileChange.objects.exists()


def test_initiative_with_an_attachment_is_not_created(client_for, member, organisation, storage_down):
    response = client_for(member).post(
        reverse("ngos:initiative_create", args=[organisation.slug]),
        {
            "title_en": "Trees for Turksib",
            "problem_en": "No shade in the yards",
            "proposal_en": "Plant 200 elms",
            "expected_result_en": "Shade",
            "field": FieldOfActivity.objects.get(slug="ecology").pk,
            "attachment": upload("plan.pdf", pdf_bytes()),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "choose the files again" in html and "Plant 200 elms" in html
    assert not Initiative.objects.exists() and not InitiativeAttachment.objects.exists()


def test_an_initiative_that_fails_after_its_attachment_is_written_leaves_no_file(member, organisation, monkeypatch):
    storage = InitiativeAttachment._meta.get_field("file").storage
    before = {path for path in Path(storage.location).rglob("*") if path.is_file()}
    monkeypatch.setattr(services, "follow_automatically", lambda **kwargs: 1 / 0)
    data = {
        "title_en": "Trees",
        "problem_en": "P",
        "proposal_en": "P",
        "expected_result_en": "R",
        "original_language": "en",
    }
    data["field"] = FieldOfActivity.objects.get(slug="ecology")
    with pytest.raises(ZeroDivisionError):
        services.initiative_create(
            user=member, organisation=organisation, data=data, attachment=upload("plan.pdf", pdf_bytes())
        )
    assert not InitiativeAttachment.objects.exists()
    assert {path for path in Path(storage.location).rglob("*") if path.is_file()} == before
