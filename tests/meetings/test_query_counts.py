"""Meeting pages and the tracker run a fixed number of queries, however many rows there are."""

import datetime

import pytest
from django.utils import timezone

from hub.models import Department
from meetings import services
from meetings.models import Assignment, AssignmentUpdate, Meeting, Official, Question
from ngos.models import FieldOfActivity
from tests.conftest import make_user

from .conftest import make_organisation

MEETINGS = 2_000
ASSIGNMENTS = 20_000


@pytest.fixture
def many(db):
    """2,000 meetings (half past) and 20,000 assignments with progress updates."""
    now = timezone.now()
    departments = list(Department.objects.all())
    Meeting.objects.bulk_create(
        Meeting(
            slug=f"m-{i}",
            title_kk=f"Кездесу {i}",
            title_ru=f"Встреча {i}",
            title_en=f"Meeting {i}",
            starts_at=now + datetime.timedelta(days=i - MEETINGS // 2),
            ends_at=now + datetime.timedelta(days=i - MEETINGS // 2, hours=2),
            venue_ru="Акимат",
            capacity=50,
            live=True,
            summary_ru="Итоги." if i < MEETINGS // 2 else "",
        )
        for i in range(MEETINGS)
    )
    meetings = list(Meeting.objects.order_by("pk"))
    today = timezone.localdate()
    Assignment.objects.bulk_create(
        Assignment(
            meeting=meetings[i % MEETINGS],
            title_kk=f"Тапсырма {i}",
            title_ru=f"Поручение {i}",
            department=departments[i % len(departments)],
            due_date=today + datetime.timedelta(days=i % 200 - 100),
            status=["open", "in_progress", "done"][i % 3],
        )
        for i in range(ASSIGNMENTS)
    )
    first = Assignment.objects.order_by("pk")[:500]
    AssignmentUpdate.objects.bulk_create(
        AssignmentUpdate(assignment=a, status_from="open", status_to=a.status, comment="Progress.") for a in first
    )
    return meetings


def _rich_meeting(meeting, member, organisation, editor, n=20):
    """Give one meeting hosts, agenda, decisions, fields, questions with supports and registrations."""
    for i in range(n):
        official = Official.objects.create(
            name_kk=f"О {i}", name_ru=f"Ч {i}", position_kk="п", position_ru="д", department=Department.objects.first()
        )
        meeting.hosts.add(official)
        meeting.agenda_items.create(title_kk=f"Пункт {i}", title_ru=f"Пункт {i}")
        meeting.decisions.create(text_kk=f"Шешім {i}", text_ru=f"Решение {i}")
    meeting.fields_of_activity.set(FieldOfActivity.objects.all())
    meeting.save()
    for i in range(n):
        author = make_user(f"q{i}@example.kz")
        org = make_organisation(author)
        question = Question.objects.create(
            meeting=meeting, author=author, organisation=org, text=f"Вопрос {i}", status="approved"
        )
        question.supports.create(user=member)
        meeting.registrations.create(user=author, organisation=org, status="confirmed")


def test_meeting_list_query_count_is_fixed(visitor, many, django_assert_num_queries):
    with django_assert_num_queries(4):
        response = visitor.get("/en/meetings/")
    assert response.status_code == 200


def test_meeting_detail_query_count_is_fixed_for_visitor(visitor, many, member, editor):
    meeting = many[MEETINGS // 2 + 5]
    organisation = make_organisation(member)
    _rich_meeting(meeting, member, organisation, editor)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        visitor.get(f"/en/meetings/{many[MEETINGS // 2 + 6].slug}/")
    with CaptureQueriesContext(connection) as big:
        response = visitor.get(f"/en/meetings/{meeting.slug}/")
    assert response.status_code == 200 and "Вопрос 19" in response.content.decode()
    assert len(big) == len(small) == 10


def test_meeting_detail_query_count_is_fixed_for_member(client_for, many, member, editor, django_assert_num_queries):
    meeting = many[MEETINGS // 2 + 5]
    organisation = make_organisation(member)
    _rich_meeting(meeting, member, organisation, editor)
    services.meeting_register(meeting=meeting, user=member, organisation=organisation)
    client = client_for(member)
    # 19, and two for follows (issue 19): is the member following, and the unread count in the header
    with django_assert_num_queries(21):
        response = client.get(f"/en/meetings/{meeting.slug}/")
    assert response.status_code == 200


def test_tracker_query_count_is_fixed(visitor, many, django_assert_num_queries):
    department = Department.objects.first()
    # a filter by department or meeting costs one lookup of that row
    cases = {"": 5, "?status=overdue": 5, "?page=50": 5, f"?department={department.slug}": 6}
    cases[f"?meeting={many[3].slug}&status=open"] = 6
    for query, expected in cases.items():
        with django_assert_num_queries(expected):
            response = visitor.get("/en/meetings/assignments/" + query)
        assert response.status_code == 200
