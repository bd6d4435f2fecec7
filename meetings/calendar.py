"""iCalendar (RFC 5545) files: one meeting, the feed of upcoming meetings, or a person's own meetings (Almaty time)."""

import zoneinfo

from django.utils import timezone
from icalendar import Calendar, Event, Timezone

from hub.links import absolute_url, site_host

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
PRODID = "-//Almaty NGO Hub//Meetings//EN"


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Almaty")
    calendar.add_component(Timezone.from_tzid("Asia/Almaty"))
    return calendar


def _event(meeting, status=None):
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{site_host()}")
    event.add("dtstamp", timezone.now().astimezone(zoneinfo.ZoneInfo("UTC")))
    event.add("dtstart", meeting.starts_at.astimezone(ALMATY))
    event.add("dtend", meeting.ends_at.astimezone(ALMATY))
    event.add("summary", meeting.title)
    url = absolute_url(meeting.get_absolute_url())
    event.add("url", url)
    description = "\n\n".join(part for part in [meeting.topic, url] if part)
    event.add("description", description)
    location = meeting.venue or meeting.online_link
    if location:
        event.add("location", location)
    event.add("categories", [meeting.get_kind_display()])
    if status:
        event.add("status", status)
    if meeting.last_published_at:
        event.add("last-modified", meeting.last_published_at.astimezone(zoneinfo.ZoneInfo("UTC")))
    return event


def meeting_ics(meeting):
    calendar = _calendar(meeting.title)
    calendar.add_component(_event(meeting))
    return calendar.to_ical()


def feed_ics(meetings, name):
    calendar = _calendar(name)
    for meeting in meetings:
        calendar.add_component(_event(meeting))
    return calendar.to_ical()


def personal_ics(entries, name):
    """A person's feed: ``entries`` are (meeting, status) pairs, status as RFC 5545 spells it."""
    calendar = _calendar(name)
    for meeting, status in entries:
        calendar.add_component(_event(meeting, status))
    return calendar.to_ical()
