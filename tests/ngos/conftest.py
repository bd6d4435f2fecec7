"""Registry fixtures: a verified organisation the ``member`` persona belongs to, and another one."""

import itertools

import pytest
from django.utils import timezone

from hub.models import District
from ngos.models import FieldOfActivity, Initiative, InitiativeTransition, Membership, Organisation
from ngos.validators import bin_check_digit

_counter = itertools.count(10_000_000_001)


def valid_bin():
    """The next BIN with a valid check digit."""
    while True:
        prefix = str(next(_counter))
        digit = bin_check_digit(prefix)
        if digit is not None:
            return prefix + str(digit)


def make_organisation(
    *, slug, status=Organisation.Status.VERIFIED, leader=None, members=(), fields=("ecology",), **extra
):
    organisation = Organisation.objects.create(
        slug=slug,
        name_kk=extra.pop("name_kk", f"{slug} ҚҚ"),
        name_ru=extra.pop("name_ru", f"ОФ {slug}"),
        legal_form=extra.pop("legal_form", Organisation.LegalForm.PUBLIC_FOUNDATION),
        bin=extra.pop("bin", valid_bin()),
        status=status,
        email=extra.pop("email", f"{slug}@example.kz"),
        city_wide=extra.pop("city_wide", True),
        verified_at=timezone.now() if status == Organisation.Status.VERIFIED else None,
        **extra,
    )
    organisation.search_text = organisation.build_search_text()
    organisation.save()
    organisation.fields.set(FieldOfActivity.objects.filter(slug__in=fields))
    if leader:
        Membership.objects.create(organisation=organisation, user=leader, role=Membership.Role.LEADER)
    for user in members:
        Membership.objects.create(organisation=organisation, user=user, role=Membership.Role.MEMBER)
    return organisation


def make_initiative(organisation, *, status=Initiative.Status.DRAFT, title="Clean air in Turksib", **extra):
    initiative = Initiative.objects.create(
        organisation=organisation,
        title=title,
        problem="Smog in winter.",
        proposal="Plant trees along the ring road.",
        expected_result="Cleaner air.",
        field=FieldOfActivity.objects.get(slug="ecology"),
        status=status,
        submitted_at=None if status == Initiative.Status.DRAFT else timezone.now(),
        **extra,
    )
    InitiativeTransition.objects.create(initiative=initiative, from_status="", to_status=status)
    return initiative


@pytest.fixture
def leader(db):
    from tests.conftest import make_user

    return make_user("leader@example.kz", first_name="Dana", last_name="Omarova")


@pytest.fixture
def organisation(db, leader, member):
    """A verified organisation led by ``leader`` with ``member`` as a member."""
    return make_organisation(
        slug="eco-almaty", leader=leader, members=[member], name_ru="ОФ «Эко Алматы»", name_kk="«Эко Алматы» ҚҚ"
    )


@pytest.fixture
def other_organisation(db, other_leader):
    return make_organisation(slug="youth-turksib", leader=other_leader, fields=("youth",))


@pytest.fixture
def district(db):
    return District.objects.get(slug="turksib")


@pytest.fixture
def reindex(db, search_index):
    """Rebuild site search from the test's data: the test database never commits, so the
    index updates that follow a commit do not run by themselves."""
    from search import services

    return services.rebuild
