"""Meetings fixtures: a verified NGO with our member, and a factory for published meetings."""

import datetime
import itertools

import pytest
from django.utils import timezone

from hub.models import Department
from meetings.models import Meeting, Official
from ngos.models import Membership, Organisation

_counter = itertools.count(1)


def make_organisation(user=None, *, role="member", status="verified", name="Экология үшін"):
    number = next(_counter)
    organisation = Organisation.objects.create(
        slug=f"ngo-{number}",
        name_kk=f"{name} {number}",
        name_ru=f"За экологию {number}",
        name_en=f"For ecology {number}",
        legal_form="public_foundation",
        bin=f"{number:012d}",
        status=status,
        verified_at=timezone.now() if status == "verified" else None,
    )
    if user is not None:
        Membership.objects.create(organisation=organisation, user=user, role=role)
    return organisation


def make_meeting(**overrides):
    number = next(_counter)
    starts = overrides.pop("starts_at", timezone.now() + datetime.timedelta(days=7))
    values = {
        "slug": f"meeting-{number}",
        "title_kk": f"Әкіммен кездесу {number}",
        "title_ru": f"Встреча с акимом {number}",
        "title_en": f"Meeting with the akim {number}",
        "topic_ru": "Качество воздуха",
        "kind": Meeting.Kind.DIALOGUE_PLATFORM,
        "starts_at": starts,
        "ends_at": overrides.pop("ends_at", starts + datetime.timedelta(hours=2)),
        "venue_ru": "Акимат, зал 1",
        "capacity": 10,
        "audience": Meeting.Audience.ANYONE,
        "live": True,
    }
    values.update(overrides)
    return Meeting.objects.create(**values)


@pytest.fixture
def organisation(member):
    """A verified NGO the ``member`` persona belongs to."""
    return make_organisation(member)


@pytest.fixture
def meeting(db):
    return make_meeting()


@pytest.fixture
def department(db):
    return Department.objects.active().first()


@pytest.fixture
def official(department):
    return Official.objects.create(
        name_kk="Ерболат Досаев",
        name_ru="Ерболат Досаев",
        name_en="Yerbolat Dossayev",
        position_kk="Алматы қаласының әкімі",
        position_ru="Аким города Алматы",
        position_en="Akim of Almaty",
        department=department,
    )
