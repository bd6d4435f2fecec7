"""Registration, verification, profile history, members and invitations."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from hub.models import District
from ngos import services
from ngos.models import FieldOfActivity, Invitation, Membership, Organisation, ProfileChange
from tests.conftest import make_user

from .conftest import make_organisation, valid_bin


def identity_data(**overrides):
    data = {
        "name_kk": "«Жасыл қала» қоғамдық қоры",
        "name_ru": "Общественный фонд «Зелёный город»",
        "name_en": "",
        "short_name": "Жасыл қала",
        "legal_form": "public_foundation",
        "bin": valid_bin(),
        "registration_date": "",
        "founding_year": "2015",
    }
    data.update(overrides)
    return data


def test_leader_registers_step_by_step_and_submits(client_for, leader):
    client = client_for(leader)
    response = client.post(reverse("ngos:register"), identity_data())
    organisation = Organisation.objects.get()
    assert response.url == reverse("ngos:register_step", args=[organisation.slug, "activity"])
    assert organisation.status == "draft"
    assert organisation.memberships.get().role == "leader"
    ecology = FieldOfActivity.objects.get(slug="ecology")
    district = District.objects.get(slug="medeu")
    response = client.post(
        reverse("ngos:register_step", args=[organisation.slug, "activity"]),
        {"fields": [ecology.pk], "districts": [district.pk], "original_language": "ru", "description_ru": "Деревья"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("ngos:register_step", args=[organisation.slug, "contacts"]), {"email": "green@example.kz"}
    )
    assert response.url.endswith("/review/")
    client.post(reverse("ngos:register_step", args=[organisation.slug, "review"]))
    organisation.refresh_from_db()
    assert organisation.status == "awaiting_verification"
    assert list(organisation.status_changes.values_list("to_status", flat=True)) == [
        "draft",
        "awaiting_verification",
    ]


def test_registration_requires_a_verified_email(db, client_for):
    unverified = make_user("new@example.kz", verified=False)
    response = client_for(unverified).post(reverse("ngos:register"), identity_data())
    assert not Organisation.objects.exists()
    assert response.status_code == 200  # allauth's "verify your email" page


@pytest.mark.parametrize("bad_bin", ["12345", "abcdefghijkl", "123456789012"])
def test_registration_rejects_a_wrong_bin(client_for, leader, bad_bin):
    from ngos.validators import is_valid_bin

    assert not is_valid_bin(bad_bin)
    response = client_for(leader).post(reverse("ngos:register"), identity_data(bin=bad_bin))
    assert response.status_code == 200
    assert "bin" in response.context["form"].errors
    assert not Organisation.objects.exists()


def test_registration_rejects_a_duplicate_bin(client_for, leader, organisation):
    response = client_for(leader).post(reverse("ngos:register"), identity_data(bin=organisation.bin))
    assert response.context["form"].errors["bin"]
    assert Organisation.objects.count() == 1


def test_registration_rejects_a_missing_required_field(client_for, leader):
    response = client_for(leader).post(reverse("ngos:register"), identity_data(name_ru=""))
    assert "name_ru" in response.context["form"].errors
    assert not Organisation.objects.exists()


def test_logo_must_be_a_small_image(client_for, leader):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(leader)
    client.post(reverse("ngos:register"), identity_data())
    organisation = Organisation.objects.get()
    not_image = SimpleUploadedFile("logo.png", b"not an image at all", content_type="image/png")
    response = client.post(
        reverse("ngos:register_step", args=[organisation.slug, "contacts"]),
        {"email": "a@example.kz", "logo": not_image},
    )
    assert "logo" in response.context["form"].errors


def test_cannot_submit_without_fields_of_activity(leader):
    organisation = services.organisation_register(
        user=leader, data=identity_data(registration_date=None, founding_year=None)
    )
    with pytest.raises(ValidationError):
        services.organisation_submit(user=leader, organisation=organisation)
    assert organisation.status == "draft"


def test_moderator_verifies_and_leader_is_emailed(moderator, leader, django_capture_on_commit_callbacks):
    organisation = make_organisation(slug="pending", status="awaiting_verification", leader=leader)
    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_verify(user=moderator, organisation=organisation)
    assert organisation.status == "verified" and organisation.verified_at
    assert [message.to for message in mail.outbox] == [[leader.email]]


def test_moderator_rejects_with_reason_through_admin(client_for, moderator, leader, django_capture_on_commit_callbacks):
    organisation = make_organisation(slug="pending", status="awaiting_verification", leader=leader)
    client = client_for(moderator)
    url = reverse("ngos_admin:organisation_decide", args=[organisation.pk])
    client.post(url, {"action": "reject", "reason": ""})
    organisation.refresh_from_db()
    assert organisation.status == "awaiting_verification"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "reject", "reason": "Выписка не приложена."})
    organisation.refresh_from_db()
    assert organisation.status == "rejected"
    assert "Выписка не приложена." in mail.outbox[0].body


def test_member_cannot_verify_own_organisation(leader):
    organisation = make_organisation(slug="pending", status="awaiting_verification", leader=leader)
    with pytest.raises(PermissionDenied):
        services.organisation_verify(user=leader, organisation=organisation)


def test_verification_queue_and_dashboard_panel(client_for, moderator):
    waiting = make_organisation(slug="waiting", status="awaiting_verification")
    client = client_for(moderator)
    assert waiting.bin in client.get(reverse("ngos_admin:verification_queue")).content.decode()
    assert "ngos-verification" in client.get("/admin/").content.decode()


def test_moderator_archives_and_restores(client_for, moderator, organisation):
    client = client_for(moderator)
    client.post(reverse("ngos_admin:organisation_decide", args=[organisation.pk]), {"action": "archive"})
    organisation.refresh_from_db()
    assert organisation.status == "archived"
    assert not Organisation.objects.verified().exists()
    client.post(reverse("ngos_admin:organisation_decide", args=[organisation.pk]), {"action": "restore"})
    organisation.refresh_from_db()
    assert organisation.status == "verified"


def test_profile_changes_of_verified_organisation_are_kept(client_for, member, organisation):
    response = client_for(member).post(
        reverse("ngos:edit", args=[organisation.slug]),
        {
            "identity-name_kk": organisation.name_kk,
            "identity-name_ru": "ОФ «Эко Алматы Плюс»",
            "identity-legal_form": organisation.legal_form,
            "identity-bin": organisation.bin,
            "activity-fields": [FieldOfActivity.objects.get(slug="ecology").pk],
            "activity-city_wide": "on",
            "contacts-email": "new@eco.kz",
        },
    )
    assert response.status_code == 302
    change = ProfileChange.objects.get()
    assert change.actor == member
    # A member (not a leader) cannot rename it (issue 18): the name field is shown disabled and ignored.
    assert "name_ru" not in change.changes
    assert change.changes["email"] == ["eco-almaty@example.kz", "new@eco.kz"]
    organisation.refresh_from_db()
    assert "плюс" not in organisation.search_text
    assert organisation.activities.filter(kind="profile").exists()


def test_moderator_reads_profile_changes_under_field_names(client_for, member, moderator, organisation):
    from ngos.models import ProfileChange

    ProfileChange.objects.create(organisation=organisation, actor=member, changes={"email": ["a@x.kz", "b@x.kz"]})
    page = client_for(moderator).get(reverse("ngos_admin:organisation_review", args=[organisation.pk]))
    content = page.content.decode()
    from django.utils import translation
    from django.utils.text import capfirst

    with translation.override(page.wsgi_request.LANGUAGE_CODE):
        label = capfirst(str(Organisation._meta.get_field("email").verbose_name))
    assert label != "email" and f"<strong>{label}</strong>: a@x.kz → b@x.kz" in content


def test_leader_invites_and_colleague_accepts(client_for, leader, organisation, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(leader).post(
            reverse("ngos:members", args=[organisation.slug]), {"email": "colleague@example.kz", "role": "member"}
        )
    invitation = Invitation.objects.get()
    assert invitation.token in mail.outbox[0].body
    colleague = make_user("colleague@example.kz")
    client_for(colleague).post(reverse("ngos:invitation_accept", args=[invitation.token]))
    assert organisation.memberships.filter(user=colleague, role="member").exists()


def test_expired_invitation_does_not_work(leader, organisation):
    invitation = services.invitation_create(user=leader, organisation=organisation, email="late@example.kz")
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    invitation.refresh_from_db()
    with pytest.raises(ValidationError):
        services.invitation_accept(user=make_user("late@example.kz"), invitation=invitation)


def test_invitation_is_only_for_its_address(leader, organisation, other_leader):
    invitation = services.invitation_create(user=leader, organisation=organisation, email="someone@example.kz")
    with pytest.raises(PermissionDenied):
        services.invitation_accept(user=other_leader, invitation=invitation)


def test_leader_hands_over_leadership(client_for, leader, member, organisation):
    target = organisation.memberships.get(user=member)
    client_for(leader).post(reverse("ngos:leadership_handover", args=[organisation.slug, target.pk]))
    assert organisation.memberships.get(user=member).role == "leader"
    assert organisation.memberships.get(user=leader).role == "member"


def test_last_leader_cannot_step_down(leader, organisation):
    own = organisation.memberships.get(user=leader)
    with pytest.raises(ValidationError):
        services.membership_set_role(user=leader, membership=own, role=Membership.Role.MEMBER)


def test_user_can_belong_to_several_organisations(member, organisation, other_organisation, client_for):
    Membership.objects.create(organisation=other_organisation, user=member)
    response = client_for(member).get(reverse("account_home"))
    content = response.content.decode()
    assert organisation.name in content and other_organisation.name in content


def test_logo_larger_than_2_mb_is_refused(client_for, leader):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(leader)
    client.post(reverse("ngos:register"), identity_data())
    organisation = Organisation.objects.get()
    big = SimpleUploadedFile("logo.png", b"\x89PNG" + b"0" * (2 * 1024 * 1024 + 10), content_type="image/png")
    response = client.post(
        reverse("ngos:register_step", args=[organisation.slug, "contacts"]), {"email": "a@example.kz", "logo": big}
    )
    assert "logo" in response.context["form"].errors
    organisation.refresh_from_db()
    assert not organisation.logo


def test_social_links_must_be_web_addresses(client_for, leader):
    client = client_for(leader)
    client.post(reverse("ngos:register"), identity_data())
    organisation = Organisation.objects.get()
    response = client.post(
        reverse("ngos:register_step", args=[organisation.slug, "contacts"]),
        {"email": "a@example.kz", "social_links": "javascript:alert(1)"},
    )
    assert "social_links" in response.context["form"].errors
    organisation.social_links = "javascript:alert(1)\nhttps://instagram.com/eco"
    assert organisation.social_link_list() == ["https://instagram.com/eco"]


@pytest.mark.parametrize("role,allowed", [("editor", True), ("moderator", False)])
def test_editors_manage_fields_of_activity(client_for, db, request, role, allowed):
    response = client_for(request.getfixturevalue(role)).get("/admin/snippets/ngos/fieldofactivity/")
    assert (response.status_code == 200) is allowed


def test_a_name_with_line_breaks_is_registered_on_one_line(client_for, leader):
    client_for(leader).post(reverse("ngos:register"), identity_data(name_ru="Фонд\r\nFrom: akim@almaty.kz"))
    assert Organisation.objects.get().name_ru == "Фонд From: akim@almaty.kz"


def test_a_name_with_a_nul_byte_is_refused(client_for, leader):
    response = client_for(leader).post(reverse("ngos:register"), identity_data(short_name="Жасыл\x00"))
    assert "short_name" in response.context["form"].errors
    assert not Organisation.objects.exists()


def test_an_invitation_subject_stays_one_line_even_for_a_name_stored_with_a_line_break(
    leader, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    Organisation.objects.filter(pk=organisation.pk).update(name_kk="Қор\nBcc: all@example.kz")
    organisation.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(user=leader, organisation=organisation, email="guest@example.kz")
    subject = mailoutbox[-1].subject
    assert "\n" not in subject and "\r" not in subject and "Bcc: all@example.kz" in subject
    assert "Bcc" not in str(mailoutbox[-1].message().get("Bcc", ""))
