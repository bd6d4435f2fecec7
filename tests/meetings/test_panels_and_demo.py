"""Sections on other pages, the reminder command, and the demo seed."""

import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from hub import demo as hub_demo
from meetings import demo, panels, services
from meetings.models import Assignment, Meeting, MinutesFile

from .conftest import make_meeting


def _request(user=None):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    return request


def test_home_section_lists_upcoming_published_meetings(db):
    assert panels.home_section(_request()) is None
    upcoming = make_meeting()
    make_meeting(live=False)
    section = panels.home_section(_request())
    assert section["meetings"] == [upcoming]


def test_organisation_section_lists_meetings_attended(member, organisation, editor):
    attended = make_meeting()
    registration = services.meeting_register(meeting=attended, user=member, organisation=organisation)
    assert panels.organisation_section(_request(), organisation) is None
    services.registration_mark_attended(meeting=attended, code=registration.code, by=editor)
    assert panels.organisation_section(_request(), organisation)["meetings"] == [attended]


def test_account_section_lists_my_registrations(member, meeting):
    assert panels.account_section(_request()) is None
    services.meeting_register(meeting=meeting, user=member)
    section = panels.account_section(_request(member))
    assert [r.meeting for r in section["registrations"]] == [meeting]


def test_account_page_shows_my_registration(client_for, member, meeting):
    registration = services.meeting_register(meeting=meeting, user=member)
    page = client_for(member).get("/en/accounts/").content.decode()
    assert registration.code in page and meeting.title_en in page


def test_reminder_command_is_safe_to_run_twice(member, django_capture_on_commit_callbacks):
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    meeting = make_meeting(starts_at=tomorrow.replace(hour=9, minute=0))
    services.meeting_register(meeting=meeting, user=member)
    mail.outbox.clear()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_meeting_reminders", stdout=out)
        call_command("send_meeting_reminders", stdout=out)
    assert len(mail.outbox) == 1
    assert "Reminders sent: 1" in out.getvalue() and "Reminders sent: 0" in out.getvalue()


def test_demo_seed_is_idempotent_and_has_the_three_meetings(db):
    hub_demo.seed_users()
    out = io.StringIO()
    demo.seed(out)
    counts = (Meeting.objects.count(), Assignment.objects.count(), MinutesFile.objects.count())
    demo.seed(out)
    assert (Meeting.objects.count(), Assignment.objects.count(), MinutesFile.objects.count()) == counts
    july = Meeting.objects.get(slug="akim-meets-ngo-leaders-2019-07")
    assert july.live and july.assignments.count() >= 8 and services.current_minutes(july)
    assert "ТЭЦ" in july.topic_ru and "КСК" in july.topic_ru
    ecology = Meeting.objects.get(slug="meeting-with-ecology-ngos")
    platform = Meeting.objects.get(slug="dialogue-platform-city-budget")
    assert ecology.live and not ecology.is_over() and ecology.fields_of_activity.filter(slug="ecology").exists()
    assert platform.registration_is_open() and platform.kind == Meeting.Kind.DIALOGUE_PLATFORM
    assert july.revisions.exists()
