"""Signed-in speed of the meetings list and the meeting desk (issue 17), without stale or foreign data."""

from django.urls import reverse

from meetings.admin_views import REGISTRATIONS_PER_PAGE
from tests.conftest import make_user

from .conftest import make_meeting, make_organisation


def test_meetings_list_is_shared_but_a_registration_shows_at_once(shared_cache, client_for, member, meeting):
    client = client_for(member)
    organisation = make_organisation(member)
    assert "0 of 10 seats taken" in client.get("/en/meetings/").content.decode()
    client.post(reverse("meetings:register", args=[meeting.slug]), {"organisation": organisation.pk})
    assert meeting.registrations.filter(user=member).exists()
    # The list is one fragment for everyone, yet the person who registered sees the seat taken.
    assert "1 of 10 seats taken" in client.get("/en/meetings/").content.decode()


def test_meetings_list_fragment_holds_nothing_personal(shared_cache, client_for, member, other_leader, meeting):
    first = client_for(member).get("/en/meetings/").content.decode()
    assert member.email not in first
    second = client_for(other_leader).get("/en/meetings/").content.decode()
    assert member.email not in second and "csrfmiddlewaretoken" not in second.split("<main", 1)[-1]


def test_meeting_desk_lists_registrations_a_page_at_a_time(client_for, editor):
    meeting = make_meeting(capacity=200)
    count = REGISTRATIONS_PER_PAGE + 5
    for number in range(count):
        person = make_user(f"seat{number}@example.kz")
        meeting.registrations.create(user=person, organisation=make_organisation(person), status="confirmed")
    client = client_for(editor)
    desk = reverse("meetings_desk:desk", args=[meeting.pk])
    response = client.get(desk)
    first = response.content.decode()
    second = client.get(desk, {"p": 2}).content.decode()
    shown = [f"seat{number}@example.kz" for number in range(count)]
    on_first = {email for email in shown if email in first}
    on_second = {email for email in shown if email in second}
    assert len(on_first) == REGISTRATIONS_PER_PAGE and len(on_second) == 5
    assert not on_first & on_second
    assert response.context["counts"]["confirmed"] == count  # the counts are of every registration
    assert client.get(desk, {"p": "junk"}).status_code == 200
