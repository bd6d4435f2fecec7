"""The two clocks on the working calendar: Almaty time, Monday to Friday, public holidays and decrees."""

import datetime

import pytest

from anticorruption import services
from anticorruption.models import AuditEntry, Report
from anticorruption.workcalendar import ALMATY, WorkingCalendar, load_calendar


def at(*args):
    return datetime.datetime(*args, tzinfo=ALMATY)


@pytest.fixture
def calendar(db):
    return load_calendar()


def test_golden_hour_inside_working_hours(calendar):
    assert calendar.add_working_hours(at(2026, 11, 18, 10, 15), 1) == at(2026, 11, 18, 11, 15)


def test_golden_hour_spills_into_next_morning(calendar):
    assert calendar.add_working_hours(at(2026, 11, 18, 17, 30), 1) == at(2026, 11, 19, 9, 30)


def test_report_on_friday_evening_is_due_monday_morning(calendar):
    assert calendar.add_working_hours(at(2026, 11, 20, 19, 0), 1) == at(2026, 11, 23, 10, 0)


def test_report_on_weekend_is_due_monday_morning(calendar):
    assert calendar.add_working_hours(at(2026, 11, 21, 12, 0), 1) == at(2026, 11, 23, 10, 0)


def test_report_just_before_nauryz_waits_for_the_holidays(calendar):
    # Nauryz: 21-23 March (Saturday to Monday); 21 and 22 fall on the weekend, so 24 and 25 are days off too.
    friday = at(2026, 3, 20, 17, 45)
    assert calendar.add_working_hours(friday, 1) == at(2026, 3, 26, 9, 45)
    assert calendar.add_working_days(friday, 15) == at(2026, 4, 15, 18, 0)


# Working days per month for a five-day week, from the official production calendars published by the
# Ministry of Labour (egov.kz): 2024 = 249 (4 May a working Saturday, 8 May a day off), 2025 = 246
# (5 January a working Sunday, 3 January a day off), 2026 = 247 (30 August stopped being a holiday after the
# constitution adopted on 15 March 2026; the calendar first published in 2025 counted 246 with 31 August off).
PRODUCTION_CALENDARS = {
    2024: [21, 21, 17, 22, 20, 20, 22, 21, 21, 22, 21, 21],
    2025: [20, 20, 17, 22, 19, 20, 22, 21, 21, 22, 20, 22],
    2026: [19, 20, 18, 22, 17, 22, 22, 21, 22, 21, 21, 22],
}


@pytest.mark.parametrize("year", sorted(PRODUCTION_CALENDARS))
def test_working_days_per_month_match_the_production_calendar(calendar, year):
    counted = []
    for month in range(1, 13):
        day, days = datetime.date(year, month, 1), 0
        while day.month == month:
            days += calendar.is_working_day(day)
            day += datetime.timedelta(days=1)
        counted.append(days)
    assert counted == PRODUCTION_CALENDARS[year]


@pytest.mark.parametrize(
    "day, working",
    [
        (datetime.date(2024, 5, 4), True),  # Saturday worked by decree
        (datetime.date(2024, 5, 8), False),  # the day off it paid for
        (datetime.date(2025, 1, 5), True),  # Sunday worked by decree
        (datetime.date(2025, 1, 3), False),
        (datetime.date(2025, 6, 6), False),  # Kurban ait
        (datetime.date(2026, 3, 24), False),  # Nauryz moved off the weekend
        (datetime.date(2026, 3, 25), False),
        (datetime.date(2026, 5, 27), False),  # Kurban ait
        (datetime.date(2031, 3, 21), False),  # no year is missing: Nauryz in 2031
    ],
)
def test_decrees_moved_days_and_kurban_ait(calendar, day, working):
    assert calendar.is_working_day(day) is working


def test_report_filed_in_march_2025_is_due_after_the_moved_nauryz_days(calendar):
    assert calendar.add_working_days(at(2025, 3, 14, 11, 0), 15) == at(2025, 4, 9, 18, 0)


def test_decree_rows_are_seeded_and_editable_for_the_years_covered(db):
    from anticorruption.models import Holiday

    assert set(Holiday.objects.values_list("date", "kind")) >= {
        (datetime.date(2024, 5, 4), "working_day"),
        (datetime.date(2025, 1, 3), "day_off"),
    }


def test_a_working_saturday_by_decree_brings_deadlines_forward_and_is_logged(file_report, officer):
    from anticorruption.models import Holiday

    report, _code = file_report(now=at(2026, 11, 18, 10, 0))
    assert report.answer_due_at == at(2026, 12, 9, 18, 0)
    services.holiday_add(
        date=datetime.date(2026, 11, 28),
        kind=Holiday.Kind.WORKING_DAY,
        name_kk="Жұмыс сенбісі",
        name_ru="Рабочая суббота",
        actor=officer,
    )
    report.refresh_from_db()
    assert report.answer_due_at == at(2026, 12, 8, 18, 0)
    assert "2026-12-08" in report.audit_entries.get(action=AuditEntry.Action.DEADLINE).comment


def test_answer_deadline_is_fifteen_working_days(calendar):
    assert calendar.add_working_days(at(2026, 11, 18, 10, 0), 15) == at(2026, 12, 9, 18, 0)


def test_utc_input_is_read_in_almaty_time():
    calendar = WorkingCalendar()
    utc_friday_night = datetime.datetime(2026, 11, 20, 14, 0, tzinfo=datetime.UTC)  # 19:00 in Almaty
    assert calendar.add_working_hours(utc_friday_night, 1) == at(2026, 11, 23, 10, 0)


def test_filing_sets_both_clocks(file_report):
    report, _code = file_report(now=at(2026, 11, 20, 19, 0))
    assert report.acknowledge_due_at == at(2026, 11, 23, 10, 0)
    assert report.answer_due_at == at(2026, 12, 11, 18, 0)


def test_adding_a_holiday_recomputes_and_logs_deadlines(file_report, officer):
    report, _code = file_report(now=at(2026, 11, 18, 10, 0))
    assert report.answer_due_at == at(2026, 12, 9, 18, 0)
    services.holiday_add(date=datetime.date(2026, 12, 1), name_kk="Демалыс", name_ru="Выходной", actor=officer)
    report.refresh_from_db()
    assert report.answer_due_at == at(2026, 12, 10, 18, 0)
    entry = report.audit_entries.get(action=AuditEntry.Action.DEADLINE)
    assert "2026-12-10" in entry.comment


def test_overdue_is_derived_from_timestamps(file_report):
    report, _code = file_report(now=at(2026, 1, 5, 10, 0))
    later = at(2026, 3, 1, 10, 0)
    assert report.is_overdue(later)
    assert Report.objects.overdue(later).filter(pk=report.pk).exists()
    assert not Report.objects.overdue(at(2026, 1, 6, 10, 0)).filter(pk=report.pk).exists()


def test_golden_hour_missed_when_nobody_acknowledged(file_report, officer):
    report, _code = file_report(now=at(2026, 11, 18, 10, 0))
    assert Report.objects.golden_hour_missed(at(2026, 11, 18, 12, 0)).filter(pk=report.pk).exists()
    services.report_transition(
        report=report, to_status=Report.Status.ACKNOWLEDGED, actor=officer, now=at(2026, 11, 18, 10, 30)
    )
    assert not Report.objects.golden_hour_missed(at(2026, 11, 18, 12, 0)).filter(pk=report.pk).exists()


def test_assign_or_redirect_deadline_is_three_working_days(file_report, client_for, officer):
    from django.urls import reverse

    report, _code = file_report(now=at(2026, 11, 20, 19, 0))  # Friday evening
    assert report.triage_due_at == at(2026, 11, 25, 18, 0)
    assert Report.objects.triage_overdue(at(2026, 11, 26, 9, 0)).filter(pk=report.pk).exists()
    services.report_transition(report=report, to_status=Report.Status.ACKNOWLEDGED, actor=officer)
    page = client_for(officer).get(reverse("anticorruption_admin:queue"), {"due": "triage"})
    assert page.status_code == 200
