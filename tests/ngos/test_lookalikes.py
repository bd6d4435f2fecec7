"""Moderators are warned of look-alike names and BINs, and may request changes instead of rejecting."""

import time

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from ngos import services
from ngos.lookalikes import bins_near, lookalike_warnings, mixed_script_words, skeleton, sound_key
from ngos.models import Organisation, OrganisationStatusChange

from .conftest import make_organisation, valid_bin

LATIN = "Almaty Azamattyk Alyansy"
FAKE = "\u0410lmaty Azamattyk Alyansy"  # a Cyrillic А first


@pytest.fixture
def alliance(db):
    return make_organisation(slug="alliance", name_kk=LATIN, name_ru=LATIN, name_en=LATIN, bin="123456789012")


def candidate(slug="candidate", **names):
    return make_organisation(slug=slug, status=Organisation.Status.AWAITING_VERIFICATION, **names)


def kinds(organisation):
    return [warning.kind for warning in lookalike_warnings(organisation)]


def test_cyrillic_letter_in_a_latin_name_looks_identical(alliance):
    fake = candidate(name_kk=FAKE, name_ru=FAKE)
    assert FAKE != LATIN and skeleton(FAKE) == skeleton(LATIN)
    assert kinds(fake) == ["mixed", "looks_identical"]
    assert lookalike_warnings(fake)[1].other == alliance


def test_same_name_in_another_script_is_found(alliance):
    cyrillic = candidate(name_kk="Алматы Азаматтық Альянсы", name_ru="Алматы Азаматтық Альянсы")
    assert sound_key("Алматы Азаматтық Альянсы") == sound_key(LATIN)
    assert kinds(cyrillic) == ["same_in_other_script"]


def test_near_duplicate_name_and_bin(alliance):
    assert kinds(candidate(name_kk="Almaty Azamattar Alyansy", name_ru="Алматы")) == ["near_name"]
    swapped = candidate("swapped", name_kk="Taza Qala", name_ru="Таза Қала", bin="123456789021")
    assert kinds(swapped) == ["near_bin"]
    assert bins_near("123456789012", "123456789013") and not bins_near("123456789012", "123456789099")


def test_unrelated_names_raise_no_warning(alliance):
    assert kinds(candidate(name_kk="Жасыл Ел", name_ru="Зелёная страна", name_en="Green Country")) == []
    assert mixed_script_words("Алматы Almaty") == []


def test_review_page_shows_the_warning(client_for, moderator, alliance):
    fake = candidate(name_kk=FAKE, name_ru=FAKE)
    html = client_for(moderator).get(reverse("ngos_admin:organisation_review", args=[fake.pk])).content.decode()
    assert 'class="lookalike-warnings"' in html
    assert reverse("ngos_admin:organisation_review", args=[alliance.pk]) in html


def test_warnings_read_every_organisation_in_one_pass(db, alliance):
    for n in range(300):
        make_organisation(slug=f"org-{n}", name_kk=f"Ұйым {n}", name_ru=f"Организация номер {n}", bin=valid_bin())
    fake = candidate(name_kk=FAKE, name_ru=FAKE)
    started = time.perf_counter()
    assert "looks_identical" in kinds(fake)
    assert time.perf_counter() - started < 2


def test_moderator_requests_changes_and_leader_is_emailed(
    client_for, moderator, leader, django_capture_on_commit_callbacks
):
    organisation = make_organisation(slug="needs-work", status=Organisation.Status.AWAITING_VERIFICATION, leader=leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(moderator).post(
            reverse("ngos_admin:organisation_decide", args=[organisation.pk]),
            {"action": "request_changes", "reason": "Add the registration date."},
        )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.DRAFT
    assert organisation.rejection_reason == "Add the registration date."
    assert OrganisationStatusChange.objects.filter(organisation=organisation, to_status="draft").exists()
    sent = [message for message in mail.outbox if leader.email in message.to]
    assert sent and "Add the registration date." in sent[0].body


def test_request_changes_needs_a_reason(moderator, leader):
    organisation = make_organisation(slug="no-reason", status=Organisation.Status.AWAITING_VERIFICATION, leader=leader)
    with pytest.raises(ValidationError):
        services.organisation_request_changes(user=moderator, organisation=organisation, reason=" ")
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.AWAITING_VERIFICATION


def test_only_moderators_request_changes(client_for, editor, leader):
    organisation = make_organisation(slug="guarded", status=Organisation.Status.AWAITING_VERIFICATION, leader=leader)
    for user in (editor, leader):
        client_for(user).post(
            reverse("ngos_admin:organisation_decide", args=[organisation.pk]),
            {"action": "request_changes", "reason": "x"},
        )
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.AWAITING_VERIFICATION
