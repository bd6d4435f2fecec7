"""Dashboard panels of editors and moderators: what each counts, where each links, fixed queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hub.models import Department
from meetings.models import Assignment
from ngos.models import Initiative, Organisation, ProfileChange
from roadmaps.models import Action, Proposal, RoadMap, Section
from tests.meetings.conftest import make_meeting
from tests.ngos.conftest import make_initiative, make_organisation
from tests.roadmaps.conftest import make_roadmap

HOME = "/admin/"
PANELS = {
    "initiatives": 'id="ngos-initiatives-section"',
    "roadmaps": 'id="roadmaps-work-section"',
    "meetings": 'id="meetings-work-section"',
    "changed": 'id="ngos-changed-profiles-section"',
}


def dashboard(client):
    return client.get(HOME).content.decode()


def count_at(html, href):
    start = html.index(f'href="{href}"')
    return int(html[html.index('class="dashboard-count">', start) + 24 : html.index("</strong>", start)])


def add_assignment(meeting, department, due, status="open", n=0):
    return Assignment.objects.create(
        meeting=meeting, title_kk=f"Тапсырма {n}", title_ru=f"Поручение {n}", department=department,
        due_date=due, status=status,
    )  # fmt: skip


def add_action(section, number, due, status=Action.Status.IN_PROGRESS):
    return Action.objects.create(
        section=section, number=number, title_kk=f"Іс {number}", title_ru=f"Мера {number}",
        start_date=due - datetime.timedelta(days=30), due_date=due, status=status,
    )  # fmt: skip


@pytest.fixture
def editor_world(db, other_leader):
    today = timezone.localdate()
    ngo = make_organisation(slug="taza-aua", leader=other_leader)
    make_initiative(ngo, status=Initiative.Status.SUBMITTED, title="Trees on Abay")
    make_initiative(ngo, status=Initiative.Status.UNDER_REVIEW, title="Bike lanes")
    make_initiative(ngo, status=Initiative.Status.ACCEPTED, title="Already answered")
    bodies = list(Department.objects.active().order_by("slug")[:2])
    roadmap = make_roadmap(department=bodies[0], status=RoadMap.Status.DRAFTING)
    section = Section.objects.create(roadmap=roadmap, number=1, title_kk="Экология", title_ru="Экология")
    add_action(section, 1, today - datetime.timedelta(days=3))
    add_action(section, 2, today - datetime.timedelta(days=3), status=Action.Status.DONE)
    add_action(section, 3, today + datetime.timedelta(days=3))
    Proposal.objects.create(roadmap=roadmap, organisation=ngo, title="More trees", rationale="Air.")
    this_week = make_meeting(starts_at=timezone.now())
    make_meeting(starts_at=timezone.now() + datetime.timedelta(days=30))
    add_assignment(this_week, bodies[0], today - datetime.timedelta(days=1), n=1)
    add_assignment(this_week, bodies[0], today - datetime.timedelta(days=2), n=2)
    add_assignment(this_week, bodies[1], today - datetime.timedelta(days=2), n=3)
    add_assignment(this_week, bodies[1], today - datetime.timedelta(days=2), status="done", n=4)
    add_assignment(this_week, bodies[1], today + datetime.timedelta(days=2), n=5)
    return {"bodies": bodies, "this_week": this_week}


def test_editor_dashboard_counts_and_links(client_for, editor, editor_world):
    html = dashboard(client_for(editor))
    assert all(PANELS[name] in html for name in ("initiatives", "roadmaps", "meetings"))
    assert PANELS["changed"] not in html
    assert count_at(html, "/admin/ngos/initiatives/?status=waiting") == 2
    assert count_at(html, "/admin/roadmap-tools/proposals/?status=submitted") == 1
    assert count_at(html, "/admin/snippets/roadmaps/action/?overdue=true") == 1
    assert count_at(html, "/admin/meetings-desk/?week=this") == 1
    assert count_at(html, "/admin/snippets/meetings/assignment/?overdue=true") == 3
    first, second = editor_world["bodies"]
    assert f"/admin/snippets/meetings/assignment/?overdue=true&amp;department={first.pk}" in html
    assert editor_world["this_week"].title in html


def test_editor_panel_links_list_what_they_count(client_for, editor, editor_world):
    client = client_for(editor)
    waiting = client.get("/admin/ngos/initiatives/", {"status": "waiting"}).content.decode()
    assert "Trees on Abay" in waiting and "Bike lanes" in waiting and "Already answered" not in waiting
    actions = client.get("/admin/snippets/roadmaps/action/", {"overdue": "true"}).content.decode()
    assert "Іс 1" in actions or "Мера 1" in actions
    assert "Мера 3" not in actions and "Іс 3" not in actions
    body = editor_world["bodies"][0]
    overdue = client.get(
        "/admin/snippets/meetings/assignment/", {"overdue": "true", "department": body.pk}
    ).content.decode()
    assert ("Поручение 1" in overdue or "Тапсырма 1" in overdue) and "Тапсырма 3" not in overdue
    week = client.get("/admin/meetings-desk/", {"week": "this"}).content.decode()
    assert editor_world["this_week"].title in week


def test_moderator_sees_profiles_changed_after_verification(client_for, moderator, other_leader):
    changed = make_organisation(slug="ozgergen", leader=other_leader)
    ProfileChange.objects.create(organisation=changed, changes={"phone": ["1", "2"]})
    quiet = make_organisation(slug="tynysh")
    ProfileChange.objects.create(organisation=quiet, changes={"phone": ["1", "2"]})
    ProfileChange.objects.filter(organisation=quiet).update(created_at=timezone.now() - datetime.timedelta(days=5))
    Organisation.objects.filter(pk=quiet.pk).update(verified_at=timezone.now() - datetime.timedelta(days=1))
    client = client_for(moderator)
    html = dashboard(client)
    assert PANELS["changed"] in html and PANELS["initiatives"] not in html and PANELS["meetings"] not in html
    assert count_at(html, "/admin/ngos/organisations/?status=verified&amp;changed=1") == 1
    listed = client.get("/admin/ngos/organisations/", {"status": "verified", "changed": "1"}).content.decode()
    assert changed.name in listed and quiet.name not in listed


@pytest.mark.parametrize("persona", ["officer", "member"])
def test_other_roles_see_no_editor_or_moderator_panels(request, client_for, persona, editor_world):
    html = client_for(request.getfixturevalue(persona)).get(HOME, follow=True).content.decode()
    assert not any(marker in html for marker in PANELS.values())


@pytest.mark.parametrize("persona", ["editor", "moderator"])
def test_dashboard_queries_do_not_grow(request, client_for, persona, editor_world):
    client = client_for(request.getfixturevalue(persona))
    client.get(HOME)
    with CaptureQueriesContext(connection) as few:
        client.get(HOME)
    today = timezone.localdate()
    section = Section.objects.get()
    bodies = list(Department.objects.active().order_by("slug")[:6])
    ngo = Organisation.objects.get(slug="taza-aua")
    for n in range(12):
        add_assignment(editor_world["this_week"], bodies[n % 6], today - datetime.timedelta(days=n + 1), n=10 + n)
        add_action(section, 10 + n, today - datetime.timedelta(days=n + 1))
        make_meeting(starts_at=timezone.now() + datetime.timedelta(minutes=n))
        make_initiative(ngo, status=Initiative.Status.SUBMITTED, title=f"Idea {n}")
        Proposal.objects.create(roadmap=section.roadmap, organisation=ngo, title=f"P{n}", rationale="r")
        changed = make_organisation(slug=f"changed-{n}")
        ProfileChange.objects.create(organisation=changed, changes={"phone": ["1", "2"]})
    with CaptureQueriesContext(connection) as many:
        client.get(HOME)
    assert len(many.captured_queries) == len(few.captured_queries)
