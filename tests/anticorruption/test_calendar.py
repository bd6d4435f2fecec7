"""The two clocks on the working calendar: Almaty time, Monday to Friday, holidays (Nauryz)."""

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
    friday = at(2026, 3, 20, 17, 45)  # Nauryz: 21-23 March (Saturday to Monday)
    assert calendar.add_working_hours(friday, 1) == at(2026, 3, 24, 9, 45)
    assert calendar.add_working_days(friday, 15) == at(2026, 4, 13, 18, 0)


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
