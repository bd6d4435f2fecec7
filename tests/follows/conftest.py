"""Follows fixtures: a published road map with an action, a meeting, and people who follow them."""

import pytest
from django.utils import translation

from follows.models import Preference
from hub.models import Department
from roadmaps.models import Action, Section
from tests.conftest import make_user
from tests.meetings.conftest import make_meeting
from tests.roadmaps.conftest import make_organisation, make_roadmap


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def department(db):
    return Department.objects.get(slug="ecology")


@pytest.fixture
def roadmap(department):
    return make_roadmap(department=department)


@pytest.fixture
def action(roadmap, department):
    titles = {"title_kk": "Экология", "title_ru": "Экология", "title_en": "Ecology"}
    section = Section.objects.create(roadmap=roadmap, number=1, **titles)
    action = Action.objects.create(
        section=section,
        number=1,
        title_kk="Ағаш отырғызу",
        title_ru="Посадка деревьев",
        title_en="Plant trees",
        start_date="2025-02-01",
        due_date="2099-06-30",
        status=Action.Status.IN_PROGRESS,
        progress=40,
    )
    action.departments.add(department)
    return action


@pytest.fixture
def meeting(db):
    return make_meeting()


@pytest.fixture
def ngo(member):
    return make_organisation("Taza Aua", members=[member])


def follower(email, *, language="en", frequency=None, **flags):
    user = make_user(email, **flags)
    user.language = language
    user.save(update_fields=["language"])
    if frequency:
        Preference.objects.create(user=user, email=frequency)
    return user
