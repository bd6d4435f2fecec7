"""The meeting desk runs a fixed number of queries however many people registered (issue 17)."""

from django.urls import reverse

from meetings.models import Question
from tests.conftest import make_user
from tests.queries import page_queries

from .conftest import make_organisation


def register(meeting, count, start=0):
    for number in range(start, start + count):
        person = make_user(f"person{number}@example.kz")
        organisation = make_organisation(person)
        meeting.registrations.create(user=person, organisation=organisation, status="confirmed")
        Question.objects.create(meeting=meeting, author=person, organisation=organisation, text=f"Question {number}")


def desk_queries(client, meeting):
    return page_queries(client, reverse("meetings_desk:desk", args=[meeting.pk]))


def test_meeting_desk_runs_a_fixed_number_of_queries(client_for, editor, meeting):
    client = client_for(editor)
    register(meeting, 2)
    client.get(reverse("meetings_desk:desk", args=[meeting.pk]))
    few = desk_queries(client, meeting)
    register(meeting, 20, start=2)
    assert desk_queries(client, meeting) == few
