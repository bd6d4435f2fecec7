"""Only leaders change an organisation's legal identity; on a verified one the change waits for a moderator."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from ngos import services
from ngos.models import IdentityChange, Organisation, ProfileChange

from .conftest import make_organisation

NEW_NAME = "Taza Qala Alliance"


@pytest.fixture
def verified(leader, member):
    return make_organisation(slug="taza-qala", leader=leader, members=[member], name_en="Taza Qala")


def rename(user, organisation, **identity):
    data = {"name_en": NEW_NAME, **identity}
    return services.organisation_update(user=user, organisation=organisation, data=data)


def test_member_cannot_rename_the_organisation(member, verified):
    with pytest.raises(PermissionDenied):
        rename(member, verified)
    verified.refresh_from_db()
    assert verified.name_en == "Taza Qala" and not IdentityChange.objects.exists()


def test_member_still_edits_the_rest_of_the_profile(member, verified):
    services.organisation_update(
        user=member, organisation=verified, data={"phone": "+7 727 000 00 00", "name_en": "Taza Qala"}
    )
    verified.refresh_from_db()
    assert verified.phone == "+7 727 000 00 00"


def test_leaders_rename_of_a_verified_organisation_waits_and_public_page_keeps_the_verified_name(
    client, leader, verified
):
    rename(leader, verified)
    verified.refresh_from_db()
    assert verified.name_en == "Taza Qala" and verified.status == Organisation.Status.VERIFIED
    change = IdentityChange.objects.get(organisation=verified)
    assert change.name_en == NEW_NAME and change.bin == verified.bin
    page = client.get(verified.get_absolute_url())
    assert page.status_code == 200 and NEW_NAME not in page.content.decode()


def test_leaders_rename_of_a_draft_applies_at_once(leader):
    draft = make_organisation(slug="draft-one", status=Organisation.Status.DRAFT, leader=leader)
    rename(leader, draft)
    draft.refresh_from_db()
    assert draft.name_en == NEW_NAME and not IdentityChange.objects.exists()


def test_moderator_approves_the_new_identity(client_for, moderator, leader, verified):
    rename(leader, verified)
    client_for(moderator).post(
        reverse("ngos_admin:organisation_decide", args=[verified.pk]), {"action": "identity_approve"}
    )
    verified.refresh_from_db()
    assert verified.name_en == NEW_NAME and not IdentityChange.objects.exists()
    assert "name_en" in ProfileChange.objects.get(organisation=verified).changes


def test_moderator_declines_and_leader_reads_why(
    client_for, moderator, leader, verified, django_capture_on_commit_callbacks
):
    rename(leader, verified)
    review = reverse("ngos_admin:organisation_review", args=[verified.pk])
    assert NEW_NAME in client_for(moderator).get(review).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(moderator).post(
            reverse("ngos_admin:organisation_decide", args=[verified.pk]),
            {"action": "identity_decline", "reason": "The registry shows another name."},
        )
    verified.refresh_from_db()
    assert verified.name_en == "Taza Qala" and not IdentityChange.objects.exists()
    assert any("The registry shows another name." in m.body for m in mail.outbox if leader.email in m.to)


def test_member_edit_page_shows_identity_but_does_not_send_it(client_for, member, verified):
    client = client_for(member)
    url = reverse("ngos:edit", args=[verified.slug])
    html = client.get(url).content.decode()
    assert 'name="identity-name_en"' in html and "disabled" in html[html.index('name="identity-name_en"') - 200 :][:400]


def test_only_moderators_decide_identity_changes(client_for, editor, leader, verified):
    rename(leader, verified)
    for user in (editor, leader):
        client_for(user).post(
            reverse("ngos_admin:organisation_decide", args=[verified.pk]), {"action": "identity_approve"}
        )
    verified.refresh_from_db()
    assert verified.name_en == "Taza Qala" and IdentityChange.objects.exists()


def test_leader_sees_the_change_waiting_on_the_edit_page(client_for, leader, verified):
    rename(leader, verified)
    html = client_for(leader).get(reverse("ngos:edit", args=[verified.slug])).content.decode()
    assert 'role="status"' in html and verified.bin in html
