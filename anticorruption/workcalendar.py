"""The working calendar of the akimat: Almaty time, Monday to Friday working hours, public holidays.

Both clocks of a report (the "golden hour" and the answer deadline) are computed here. Public holidays,
the days off they move to and the transfers already known come from the maintained ``holidays`` package
for every year; the government's transfer decrees it does not know yet are rows of
:class:`anticorruption.models.Holiday`, edited in the back office, and win over the package.
"""

import datetime
import functools
import zoneinfo

import holidays as public_holidays
from django.conf import settings

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


def _setting(name, default):
    return getattr(settings, name, default)


@functools.cache
def official_calendar():
    """Kazakhstan's public holidays, observed days off and decreed transfers, for any year asked."""
    return public_holidays.country_holidays("KZ")


class WorkingCalendar:
    """Working days are the official ones, corrected by decree rows; working hours are 09:00 to 18:00."""

    def __init__(self, holidays=(), working_days=(), start=None, end=None, official=None):
        self.holidays = set(holidays)
        self.working_days = set(working_days)
        self.official = official_calendar() if official is None else official
        self.start = start or datetime.time(_setting("ANTICORRUPTION_WORKDAY_START", 9))
        self.end = end or datetime.time(_setting("ANTICORRUPTION_WORKDAY_END", 18))

    def is_working_day(self, day):
        if day in self.working_days:
            return True
        return day not in self.holidays and self.official.is_working_day(day)

    def next_working_day(self, day):
        day += datetime.timedelta(days=1)
        while not self.is_working_day(day):
            day += datetime.timedelta(days=1)
        return day

    def _at(self, day, time):
        return datetime.datetime.combine(day, time, tzinfo=ALMATY)

    def add_working_hours(self, moment, hours):
        """The moment ``hours`` working hours after ``moment``, counted only inside working hours."""
        local = moment.astimezone(ALMATY)
        remaining = datetime.timedelta(hours=hours)
        day = local.date()
        cursor = local
        if not self.is_working_day(day) or local >= self._at(day, self.end):
            day = self.next_working_day(day)
            cursor = self._at(day, self.start)
        cursor = max(cursor, self._at(day, self.start))
        while True:
            left_today = self._at(day, self.end) - cursor
            if remaining <= left_today:
                return cursor + remaining
            remaining -= left_today
            day = self.next_working_day(day)
            cursor = self._at(day, self.start)

    def add_working_days(self, moment, days):
        """End of the working day ``days`` working days after the day of ``moment``."""
        day = moment.astimezone(ALMATY).date()
        for _counted in range(days):
            day = self.next_working_day(day)
        return self._at(day, self.end)


def load_calendar():
    from .models import Holiday

    rows = list(Holiday.objects.values_list("date", "kind"))
    return WorkingCalendar(
        holidays=[day for day, kind in rows if kind == Holiday.Kind.DAY_OFF],
        working_days=[day for day, kind in rows if kind == Holiday.Kind.WORKING_DAY],
    )


DEFAULT_ANSWER_DAYS = {"corruption": 15, "idea": 15, "service": 15, "question": 15}


def answer_days(kind):
    """Working days to answer, per kind (Administrative Procedural Code default: 15)."""
    return {**DEFAULT_ANSWER_DAYS, **_setting("ANTICORRUPTION_ANSWER_DAYS", {})}.get(kind, 15)


def golden_hours():
    return _setting("ANTICORRUPTION_GOLDEN_HOURS", 1)


def redirect_days():
    return _setting("ANTICORRUPTION_REDIRECT_DAYS", 3)


def extension_notice_days():
    return _setting("ANTICORRUPTION_EXTENSION_NOTICE_DAYS", 3)


def max_extension_months():
    return _setting("ANTICORRUPTION_MAX_EXTENSION_MONTHS", 2)


def reopen_days():
    return _setting("ANTICORRUPTION_REOPEN_DAYS", 30)


def deadlines_for(received_at, kind, calendar):
    """(acknowledge by, answer by) for a report received at ``received_at``."""
    return (
        calendar.add_working_hours(received_at, golden_hours()),
        calendar.add_working_days(received_at, answer_days(kind)),
    )


def triage_deadline(received_at, calendar):
    """Assign or redirect by: the redirect deadline (3 working days by default)."""
    return calendar.add_working_days(received_at, redirect_days())
