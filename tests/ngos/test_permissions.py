"""Every private view, per role: visitor, member, leader of another NGO, moderator, editor."""

import pytest
from django.urls import reverse

from ngos.models import Initiative, Organisation

from .conftest import make_initiative, make_organisation

ROLES = ["visitor", "member", "other_leader", "moderator", "editor"]


@pytest.fixture
def as_role(request, client_for, visitor):
    def sign_in(role):
        if role == "visitor":
            return visitor
        return client_for(request.getfixturevalue(role))

    return sign_in


def _status(response):
    return response.status_code


def admin_denied(response):
    """Wagtail turns a PermissionDenied into a redirect to the dashboard with a message."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")


# Member-only pages of an organisation: a member gets 200, outsiders 404 (or the login page).
MEMBER_PAGES = ["ngos:edit", "ngos:members", "ngos:initiative_create"]


@pytest.mark.parametrize("name", MEMBER_PAGES)
@pytest.mark.parametrize(
    "role,expected", [("visitor", 302), ("member", 200), ("other_leader", 404), ("moderator", 404), ("editor", 404)]
)
def test_member_pages_per_role(as_role, organisation, other_organisation, name, role, expected):
    response = as_role(role).get(reverse(name, args=[organisation.slug]))
    assert _status(response) == expected


@pytest.mark.parametrize(
    "role,expected", [("visitor", 404), ("member", 200), ("other_leader", 404), ("moderator", 200), ("editor", 404)]
)
def test_draft_organisation_page_per_role(as_role, member, other_organisation, role, expected):
    draft = make_organisation(slug="draft-ngo", status=Organisation.Status.DRAFT, members=[member])
    assert _status(as_role(role).get(draft.get_absolute_url())) == expected


@pytest.mark.parametrize(
    "role,expected", [("visitor", 404), ("member", 200), ("other_leader", 404), ("moderator", 404), ("editor", 404)]
)
def test_draft_initiative_per_role(as_role, organisation, other_organisation, role, expected):
    initiative = make_initiative(organisation)
    assert _status(as_role(role).get(initiative.get_absolute_url())) == expected


@pytest.mark.parametrize("role", ROLES)
def test_submitted_initiative_is_public(as_role, organisation, role):
    initiative = make_initiative(organisation, status=Initiative.Status.SUBMITTED)
    assert _status(as_role(role).get(initiative.get_absolute_url())) == 200


@pytest.mark.parametrize(
    "role,expected", [("visitor", 302), ("member", 302), ("other_leader", 403), ("moderator", 404), ("editor", 403)]
)
def test_initiative_edit_per_role(as_role, organisation, other_organisation, role, expected):
    initiative = make_initiative(organisation)
    response = as_role(role).get(reverse("ngos:initiative_edit", args=[initiative.pk]))
    if role == "member":
        expected = 200
    if role in ("other_leader", "moderator", "editor"):
        expected = 404  # a draft is invisible to them
    assert _status(response) == expected


def test_other_leader_cannot_post_profile_changes(client_for, other_leader, organisation, other_organisation):
    response = client_for(other_leader).post(
        reverse("ngos:edit", args=[organisation.slug]), {"identity-name_ru": "Hacked"}
    )
    assert response.status_code == 404
    organisation.refresh_from_db()
    assert organisation.name_ru != "Hacked"


def test_member_who_is_not_leader_cannot_invite(client_for, member, organisation):
    response = client_for(member).post(
        reverse("ngos:members", args=[organisation.slug]), {"email": "new@example.kz", "role": "member"}
    )
    assert response.status_code == 403
    assert not organisation.invitations.exists()


def test_other_leader_cannot_change_roles(client_for, other_leader, organisation, other_organisation, member):
    membership = organisation.memberships.get(user=member)
    response = client_for(other_leader).post(
        reverse("ngos:membership_role", args=[organisation.slug, membership.pk]), {"role": "leader"}
    )
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.role == "member"


# Back-office pages: moderators verify and import, editors handle initiatives.
ADMIN_PAGES = {
    "ngos_admin:verification_queue": {"moderator": 200, "editor": 403},
    "ngos_admin:organisation_index": {"moderator": 200, "editor": 403},
    "ngos_admin:import": {"moderator": 200, "editor": 403},
    "ngos_admin:initiative_index": {"moderator": 403, "editor": 200},
}


@pytest.mark.parametrize("name", ADMIN_PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_admin_pages_per_role(as_role, organisation, name, role):
    response = as_role(role).get(reverse(name))
    if role in ("visitor", "member", "other_leader"):
        assert response.status_code == 302 and "login" in response.url  # not staff
    elif ADMIN_PAGES[name][role] == 403:
        assert admin_denied(response)
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("role,expected", [("moderator", 200), ("editor", 403)])
def test_organisation_review_per_role(as_role, organisation, role, expected):
    response = as_role(role).get(reverse("ngos_admin:organisation_review", args=[organisation.pk]))
    assert admin_denied(response) if expected == 403 else response.status_code == 200


@pytest.mark.parametrize("role,expected", [("moderator", 403), ("editor", 200)])
def test_initiative_handle_per_role(as_role, organisation, role, expected):
    initiative = make_initiative(organisation, status=Initiative.Status.SUBMITTED)
    response = as_role(role).get(reverse("ngos_admin:initiative_handle", args=[initiative.pk]))
    assert admin_denied(response) if expected == 403 else response.status_code == 200


def test_editor_cannot_verify(client_for, editor):
    pending = make_organisation(slug="pending", status=Organisation.Status.AWAITING_VERIFICATION)
    response = client_for(editor).post(
        reverse("ngos_admin:organisation_decide", args=[pending.pk]), {"action": "verify"}
    )
    assert admin_denied(response)
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.AWAITING_VERIFICATION


def _post_targets(organisation, member):
    membership = organisation.memberships.get(user=member)
    initiative = make_initiative(organisation)
    return [
        reverse("ngos:register_step", args=[organisation.slug, "contacts"]),
        reverse("ngos:submit", args=[organisation.slug]),
        reverse("ngos:membership_remove", args=[organisation.slug, membership.pk]),
        reverse("ngos:leadership_handover", args=[organisation.slug, membership.pk]),
        reverse("ngos:initiative_submit", args=[initiative.pk]),
    ]


@pytest.mark.parametrize("role", ["visitor", "other_leader", "moderator", "editor"])
def test_outsiders_cannot_post_to_member_actions(as_role, organisation, other_organisation, member, role):
    from ngos.models import Membership

    client = as_role(role)
    for url in _post_targets(organisation, member):
        response = client.post(url, {"email": "x@example.kz"})
        if role == "visitor":
            assert response.status_code == 302 and "login" in response.url, url
        else:
            assert response.status_code in (403, 404), url
    assert Membership.objects.filter(organisation=organisation).count() == 2
    assert organisation.initiatives.get().status == Initiative.Status.DRAFT


def test_plain_member_cannot_remove_or_promote_others(client_for, member, leader, organisation):
    leader_membership = organisation.memberships.get(user=leader)
    client = client_for(member)
    client.post(reverse("ngos:membership_remove", args=[organisation.slug, leader_membership.pk]))
    client.post(reverse("ngos:leadership_handover", args=[organisation.slug, leader_membership.pk]))
    assert organisation.memberships.get(user=leader).role == "leader"
    assert organisation.memberships.get(user=member).role == "member"


@pytest.mark.parametrize("role", ROLES)
def test_registry_export_of_every_status_is_for_moderators(as_role, organisation, role):
    response = as_role(role).get(reverse("ngos_admin:export", args=["csv"]))
    if role in ("visitor", "member", "other_leader"):
        assert response.status_code == 302 and "login" in response.url
    elif role == "moderator":
        assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    else:
        assert admin_denied(response)


@pytest.mark.parametrize("role", [role for role in ROLES if role != "moderator"])
def test_only_those_who_import_may_confirm_an_import(as_role, organisation, role):
    response = as_role(role).post(reverse("ngos_admin:import_confirm"), {"token": "anything"})
    if role in ("visitor", "member", "other_leader"):
        assert response.status_code == 302 and "login" in response.url
    else:
        assert admin_denied(response)
    assert Organisation.objects.count() == 1


def test_admin_organisation_list_pages_keep_the_search_intact(as_role, organisation):
    for number in range(60):
        make_organisation(slug=f"fund-{number}", name_ru=f"Фонд A&B {number}")
    response = as_role("moderator").get(reverse("ngos_admin:organisation_index"), {"q": "A&B"})
    content = response.content.decode()
    assert response.context["page_obj"].has_next()
    assert "q=A%26B" in content and "p=2" in content
