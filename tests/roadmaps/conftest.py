"""Road-map fixtures: a running road map with a section, an action, verified NGOs and their members."""

import datetime
import itertools

import pytest
from django.utils import translation

from hub.models import Department
from ngos.models import Membership, Organisation
from roadmaps.models import Action, ActionPartner, Indicator, ProgressUpdate, RoadMap, Section

_bins = itertools.count(100000000001)


@pytest.fixture(autouse=True)
def english():
    """Assertions read English messages; tests of Kazakh and Russian switch language themselves."""
    with translation.override("en"):
        yield


def make_organisation(name, *, status=Organisation.Status.VERIFIED, members=(), leaders=()):
    organisation = Organisation.objects.create(
        slug=name.lower().replace(" ", "-"),
        name_kk=f"{name} ҚҚ",
        name_ru=f"{name} ОФ",
        name_en=name,
        legal_form=Organisation.LegalForm.PUBLIC_FOUNDATION,
        bin=str(next(_bins)),
        status=status,
    )
    for user in members:
        Membership.objects.create(organisation=organisation, user=user, role=Membership.Role.MEMBER)
    for user in leaders:
        Membership.objects.create(organisation=organisation, user=user, role=Membership.Role.LEADER)
    return organisation


@pytest.fixture
def department(db):
    return Department.objects.get(slug="ecology")


@pytest.fixture
def other_department(db):
    return Department.objects.get(slug="youth")


@pytest.fixture
def ngo(member):
    """A verified NGO; the ``member`` persona belongs to it."""
    return make_organisation("Taza Aua", members=[member])


@pytest.fixture
def other_ngo(other_leader):
    """Another verified NGO, led by ``other_leader``."""
    return make_organisation("Jastar Kushi", leaders=[other_leader])


@pytest.fixture
def unverified_ngo(db):
    return make_organisation("Jana Bastama", status=Organisation.Status.AWAITING_VERIFICATION)


def make_roadmap(slug="belsendi-megapolis", *, department, status=RoadMap.Status.IMPLEMENTATION, live=True, **extra):
    roadmap = RoadMap.objects.create(
        slug=slug,
        title_kk="Белсенді мегаполис",
        title_ru="Активный мегаполис",
        title_en="Active megapolis",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        owner=department,
        status=status,
        live=live,
        **extra,
    )
    return roadmap


@pytest.fixture
def roadmap(department):
    return make_roadmap(department=department)


@pytest.fixture
def section(roadmap):
    return Section.objects.create(
        roadmap=roadmap, number=1, title_kk="Экология", title_ru="Экология", title_en="Ecology"
    )


@pytest.fixture
def action(section, department, ngo):
    """Action 1.1: due in the past, in progress, so it is overdue; ``ngo`` is a partner allowed to post."""
    action = Action.objects.create(
        section=section,
        number=1,
        title_kk="Ағаш отырғызу",
        title_ru="Посадка деревьев",
        title_en="Plant trees",
        start_date=datetime.date(2025, 2, 1),
        due_date=datetime.date(2025, 6, 30),
        status=Action.Status.IN_PROGRESS,
        progress=40,
    )
    action.departments.add(department)
    ActionPartner.objects.create(action=action, organisation=ngo, may_post_updates=True)
    return action


@pytest.fixture
def indicator(action):
    return Indicator.objects.create(
        action=action,
        name_kk="Отырғызылған ағаштар",
        name_ru="Посажено деревьев",
        name_en="Trees planted",
        unit_kind=Indicator.UnitKind.COUNT,
        unit="trees",
        baseline=0,
        target=1000,
    )


@pytest.fixture
def drafting_roadmap(department):
    return make_roadmap(
        "akimat-ngo-2026",
        department=department,
        status=RoadMap.Status.DRAFTING,
        proposals_until=datetime.date.today() + datetime.timedelta(days=10),
    )


@pytest.fixture
def big_roadmap(department, other_department, editor):
    """200 actions in 10 sections, 2,000 updates, two partners per action."""
    roadmap = make_roadmap("big", department=department)
    ngos = [make_organisation(f"Partner {n}") for n in range(5)]
    actions = []
    for number in range(1, 11):
        section = Section.objects.create(
            roadmap=roadmap, number=number, title_kk=f"Бөлім {number}", title_ru=f"Раздел {number}"
        )
        for index in range(1, 21):
            actions.append(
                Action(
                    section=section,
                    number=index,
                    title_kk=f"Іс-шара {number}.{index}",
                    title_ru=f"Мероприятие {number}.{index}",
                    start_date=datetime.date(2025, 1, 1),
                    due_date=datetime.date(2025, 1, 1) + datetime.timedelta(days=index * 30),
                    status=Action.Status.values[index % 4],
                    progress=index * 5,
                )
            )
    actions = Action.objects.bulk_create(actions)
    Through = Action.departments.through
    Through.objects.bulk_create(
        [Through(action=a, department=department if a.number % 2 else other_department) for a in actions]
    )
    ActionPartner.objects.bulk_create(
        [ActionPartner(action=a, organisation=ngos[(a.number + k) % 5]) for a in actions for k in range(2)]
    )
    ProgressUpdate.objects.bulk_create(
        [
            ProgressUpdate(
                action=a,
                occurred_on=datetime.date(2025, 2, 1),
                author=editor,
                note=f"Update {k}",
                progress_after=k * 10,
            )
            for a in actions
            for k in range(10)
        ]
    )
    return roadmap


@pytest.fixture
def big_roadmap_for_pdf(big_roadmap):
    return big_roadmap
