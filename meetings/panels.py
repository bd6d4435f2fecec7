"""Meetings shown on other pages: the home page, an NGO's page and "My account"."""

from django.urls import reverse
from django.utils import timezone

from hub.links import absolute_url

from . import services
from .models import Meeting, PersonalCalendar, Registration

HOME_LIMIT = 3
ORGANISATION_LIMIT = 10


def home_section(request):
    """The next meetings, so that the home page says what is coming."""
    meetings = list(Meeting.objects.published().upcoming().with_seats_taken()[:HOME_LIMIT])
    if not meetings:
        return None
    return {"template": "meetings/includes/home_section.html", "meetings": meetings}


def organisation_section(request, organisation):
    """Meetings the organisation attended (someone checked in at the door on its behalf)."""
    meetings = list(
        Meeting.objects.published()
        .filter(registrations__organisation=organisation, registrations__attended_at__isnull=False)
        .distinct()
        .order_by("-starts_at")[:ORGANISATION_LIMIT]
    )
    if not meetings:
        return None
    return {"template": "meetings/includes/organisation_section.html", "meetings": meetings}


def account_section(request):
    """My registrations: upcoming first, with status and code."""
    if not request.user.is_authenticated:
        return None
    registrations = list(
        Registration.objects.active()
        .filter(user=request.user, meeting__live=True, meeting__ends_at__gte=timezone.now())
        .select_related("meeting", "organisation")
        .order_by("meeting__starts_at")
    )
    return {
        "template": "meetings/includes/account_section.html",
        "registrations": registrations,
        "calendar_url": _personal_calendar_url(request.user),
    }


def _personal_calendar_url(user):
    """The secret address of the person's calendar feed, or None until they ask for one."""
    calendar = PersonalCalendar.objects.filter(user=user).first()
    if calendar is None:
        return None
    token = services.personal_calendar_token(calendar)
    return absolute_url(reverse("meetings:personal_calendar", kwargs={"token": token}))
