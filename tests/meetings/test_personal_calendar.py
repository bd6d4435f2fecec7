"""The personal calendar feed (issue 19, item 5): a secret, revocable address of one person's meetings."""

import datetime
import zoneinfo

import ics
import pytest
import vobject
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings import services
from meetings.models import Meeting, PersonalCalendar, Registration
from tests.conftest import make_user

from .conftest import make_meeting

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


def feed_url(user, language="en"):
    calendar = PersonalCalendar.objects.get(user=user)
    token = services.personal_calendar_token(calendar)
    return f"/{language}/meetings/my/{token}.ics"


def parse_everywhere(content):
    """The feed read by three calendar parsers; returns {uid: (summary, start, status)} from each, which must agree."""
    text = content.decode()
    by_icalendar = {
        str(e["UID"]): (str(e["SUMMARY"]), e["DTSTART"].dt, str(e.get("STATUS", "")))
        for e in Calendar.from_ical(content).walk("VEVENT")
    }
    by_vobject = (
        {
            e.uid.value: (e.summary.value, e.dtstart.value, e.status.value if hasattr(e, "status") else "")
            for e in vobject.readOne(text).vevent_list
        }
        if by_icalendar
        else {}
    )
    by_ics = {e.uid: (e.name, e.begin.datetime, e.status or "") for e in ics.Calendar(text).events}
    assert by_icalendar == by_vobject
    assert {uid: (name, start, status.upper()) for uid, (name, start, status) in by_ics.items()} == by_icalendar
    return by_icalendar


@pytest.fixture
def calendar_owner(member):
    services.personal_calendar_reset(user=member)
    return member


def register(meeting, user, status=Registration.Status.CONFIRMED):
    return Registration.objects.create(meeting=meeting, user=user, status=status)


def test_owner_gets_only_his_meetings_without_signing_in(visitor, calendar_owner, other_leader):
    mine = make_meeting(title_en="Air quality platform")
    theirs = make_meeting(title_en="Someone else's meeting")
    make_meeting(title_en="Not registered")
    register(mine, calendar_owner)
    register(theirs, other_leader)
    response = visitor.get(feed_url(calendar_owner))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = parse_everywhere(response.content)
    assert [summary for summary, _start, _status in events.values()] == ["Air quality platform"]


def test_feed_is_private_and_never_stored_by_caches(visitor, calendar_owner, settings):
    settings.PAGE_CACHE_SECONDS = 60
    register(make_meeting(), calendar_owner)
    response = visitor.get(feed_url(calendar_owner))
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert "X-Page-Cache" not in response


def test_feed_names_nobody_else(visitor, calendar_owner, other_leader):
    meeting = make_meeting()
    register(meeting, calendar_owner)
    register(meeting, other_leader)
    text = visitor.get(feed_url(calendar_owner)).content.decode()
    for personal in [other_leader.email, "Nurlan", "Abenov", calendar_owner.email, "ATTENDEE", "ORGANIZER"]:
        assert personal not in text


def test_times_are_almaty_with_its_timezone(visitor, calendar_owner):
    starts = datetime.datetime(2031, 3, 21, 10, 0, tzinfo=ALMATY)
    meeting = make_meeting(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
    register(meeting, calendar_owner)
    response = visitor.get(feed_url(calendar_owner))
    calendar = Calendar.from_ical(response.content)
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Almaty"
    event = calendar.walk("VEVENT")[0]
    assert str(event["DTSTART"].params["TZID"]) == "Asia/Almaty"
    assert event["DTSTART"].to_ical() == b"20310321T100000"
    (start,) = [start for _summary, start, _status in parse_everywhere(response.content).values()]
    assert start == starts and start.astimezone(datetime.UTC).hour == 5


def test_cancelled_registration_and_withdrawn_meeting_are_cancelled(visitor, calendar_owner):
    cancelled = make_meeting(title_en="I cancelled")
    register(cancelled, calendar_owner, Registration.Status.CANCELLED)
    withdrawn = make_meeting(title_en="Taken off the site")
    register(withdrawn, calendar_owner)
    Meeting.objects.filter(pk=withdrawn.pk).update(live=False)
    waiting = make_meeting(title_en="Waiting list")
    register(waiting, calendar_owner, Registration.Status.WAITING)
    again = make_meeting(title_en="Cancelled, then registered again")
    register(again, calendar_owner, Registration.Status.CANCELLED)
    register(again, calendar_owner)
    events = parse_everywhere(visitor.get(feed_url(calendar_owner)).content)
    statuses = {summary: status for summary, _start, status in events.values()}
    assert statuses == {
        "I cancelled": "CANCELLED",
        "Taken off the site": "CANCELLED",
        "Waiting list": "TENTATIVE",
        "Cancelled, then registered again": "CONFIRMED",
    }


def test_meetings_long_past_leave_the_feed(visitor, calendar_owner):
    old = timezone.now() - datetime.timedelta(days=services.CALENDAR_PAST_DAYS + 5)
    register(make_meeting(title_en="Long ago", starts_at=old), calendar_owner)
    last_month = timezone.now() - datetime.timedelta(days=30)
    register(make_meeting(title_en="Last month", starts_at=last_month), calendar_owner)
    events = parse_everywhere(visitor.get(feed_url(calendar_owner)).content)
    assert [summary for summary, _start, _status in events.values()] == ["Last month"]


@pytest.mark.parametrize(
    "token",
    ["nothing", "abc.def", "x" * 43 + ".forged-signature"],
)
def test_wrong_token_is_404(visitor, calendar_owner, token):
    assert visitor.get(reverse("meetings:personal_calendar", kwargs={"token": token})).status_code == 404


def test_key_without_its_signature_is_404(visitor, calendar_owner):
    key = PersonalCalendar.objects.get(user=calendar_owner).key
    assert visitor.get(f"/en/meetings/my/{key}.ics").status_code == 404


def test_reset_makes_the_old_address_404_and_the_new_one_work(client_for, calendar_owner, settings):
    settings.PAGE_CACHE_SECONDS = 60
    register(make_meeting(), calendar_owner)
    old = feed_url(calendar_owner)
    client = client_for(calendar_owner)
    assert client.get(old).status_code == 200
    response = client.post(reverse("meetings:personal_calendar_reset"), follow=True)
    new = feed_url(calendar_owner)
    assert new != old
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert "the old one no longer works" in response.content.decode()


def test_account_page_offers_then_shows_the_address(client_for, member):
    client = client_for(member)
    page = client.get("/en/accounts/").content.decode()
    assert "Create my calendar address" in page and "personal-calendar-url" not in page
    client.post(reverse("meetings:personal_calendar_reset"))
    page = client.get("/en/accounts/").content.decode()
    assert feed_url(member) in page
    assert "Reset my calendar link" in page and 'for="personal-calendar-url"' in page


def test_reset_needs_a_signed_in_person_and_a_post(visitor, client_for, member):
    url = reverse("meetings:personal_calendar_reset")
    assert visitor.post(url).status_code == 302
    assert not PersonalCalendar.objects.exists()
    assert client_for(member).get(url).status_code == 405


def test_each_person_resets_only_their_own_address(client_for, calendar_owner, other_leader):
    before = feed_url(calendar_owner)
    client_for(other_leader).post(reverse("meetings:personal_calendar_reset"))
    assert feed_url(calendar_owner) == before
    assert PersonalCalendar.objects.count() == 2


def test_deactivated_account_feed_is_404(visitor, calendar_owner):
    url = feed_url(calendar_owner)
    calendar_owner.is_active = False
    calendar_owner.save()
    assert visitor.get(url).status_code == 404


def test_feed_follows_the_address_language(visitor, calendar_owner):
    register(make_meeting(title_ru="Встреча по воздуху"), calendar_owner)
    events = parse_everywhere(visitor.get(feed_url(calendar_owner, "ru")).content)
    assert [summary for summary, _start, _status in events.values()] == ["Встреча по воздуху"]


def test_public_feed_opens_in_three_parsers(visitor, db):
    make_meeting(title_en="Public one")
    events = parse_everywhere(visitor.get("/en/meetings/calendar.ics").content)
    assert [summary for summary, _start, _status in events.values()] == ["Public one"]


def test_empty_feed_is_still_a_valid_calendar(visitor, db):
    user = make_user("nobody@example.kz")
    services.personal_calendar_reset(user=user)
    assert parse_everywhere(visitor.get(feed_url(user)).content) == {}
