"""Links in meeting emails, calendar files and check-in QR codes come from SITE_URL (hub.links)."""

import re

import pytest
from django.core import mail
from icalendar import Calendar

from meetings import services
from meetings.qr import registration_check_in_url

SITE = "https://hub.example.kz"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def test_registration_email_its_calendar_file_and_qr_link_to_site_url(
    meeting, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.meeting_register(meeting=meeting, user=member)
    message = mail.outbox[0]
    page = rf"{re.escape(SITE)}/(kk|ru|en)/meetings/{meeting.slug}/"
    assert re.search(page, message.body) and re.search(f'href="{page}"', message.alternatives[0][0])
    ics = {name: content for name, content, _mime in message.attachments}[f"{meeting.slug}.ics"]
    event = Calendar.from_ical(ics).walk("VEVENT")[0]
    assert str(event["URL"]).startswith(f"{SITE}/") and str(event["UID"]).endswith("@hub.example.kz")
    assert registration_check_in_url(registration).startswith(f"{SITE}/")
    assert "127.0.0.1" not in message.body and "testserver" not in message.body


def test_the_public_calendar_links_every_meeting_to_site_url(visitor, meeting):
    calendar = Calendar.from_ical(visitor.get("/en/meetings/calendar.ics").content)
    events = calendar.walk("VEVENT")
    assert events and all(str(event["URL"]).startswith(f"{SITE}/en/meetings/") for event in events)
