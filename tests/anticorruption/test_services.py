"""The workflow: the transition table, stamping, optimistic concurrency, the audit chain."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.db import connection

from anticorruption import codes, services
from anticorruption.audit import verify_chain
from anticorruption.models import AuditEntry, Report, ReportMessage

from .conftest import assign

Status = Report.Status


def test_filing_stores_receipt_only_as_hash(report_with_code):
    report, code = report_with_code
    assert len(code) == 16 and code.isdigit()
    assert code not in report.receipt_hash
    assert report.receipt_hash == codes.receipt_hash(code)
    assert codes.CASE_PATTERN.match(report.case_number)


def test_anonymous_filing_drops_contact_and_account(file_report, member):
    report, _code = file_report(
        anonymity="anonymous", reporter_name="Aigerim", reporter_email="a@example.kz", user=member
    )
    report.refresh_from_db()
    assert (report.reporter_name, report.reporter_email, report.reporter_user) == ("", "", None)


def test_confidential_filing_keeps_account_link(file_report, member):
    report, _code = file_report(anonymity="confidential", reporter_email="a@example.kz", user=member)
    assert report.reporter_user == member


def test_database_refuses_anonymous_report_with_contact(report):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.filter(pk=report.pk).update(reporter_email="x@example.kz")


def test_database_refuses_unknown_status(report):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.filter(pk=report.pk).update(status="teleported")


def test_report_find_needs_both_case_number_and_code(report_with_code, file_report):
    report, code = report_with_code
    other, other_code = file_report()
    assert services.report_find(case_number=report.case_number, receipt_code=code) == report
    assert (
        services.report_find(case_number=report.case_number.lower(), receipt_code=code[:4] + " " + code[4:]) == report
    )
    assert services.report_find(case_number=report.case_number, receipt_code=other_code) is None
    assert services.report_find(case_number="AA-2222-2222", receipt_code=code) is None
    assert services.report_find(case_number=report.case_number, receipt_code=code[:15]) is None


def test_officer_walks_a_report_to_closed(report, officer, education, department_staff):
    report = assign(report, officer, education)
    assert report.status == Status.ASSIGNED and report.officer == officer
    report = services.report_transition(report=report, to_status=Status.IN_PROGRESS, actor=department_staff)
    services.report_answer(report=report, actor=department_staff, body="Checked: the fee was cancelled.")
    report.refresh_from_db()
    assert report.status == Status.ANSWERED and report.answered_at
    report = services.report_transition(report=report, to_status=Status.CLOSED_RESOLVED, actor=officer)
    assert report.closed_at is not None
    actions = list(report.audit_entries.values_list("action", flat=True))
    assert actions[0] == AuditEntry.Action.FILED and AuditEntry.Action.ANSWER in actions


def test_invalid_jump_is_refused_and_nothing_changes(report, officer):
    with pytest.raises(ValidationError):
        services.report_transition(report=report, to_status=Status.CLOSED_RESOLVED, actor=officer)
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED and report.version == 1


def test_department_staff_cannot_do_officer_transitions(report, officer, education, department_staff):
    report = assign(report, officer, education)
    with pytest.raises(ValidationError):
        services.report_transition(
            report=report,
            to_status=Status.REDIRECTED,
            actor=department_staff,
            comment="x",
            extras={"redirected_to": "y"},
        )


def test_staff_of_another_department_cannot_touch_report(report, officer, education, other_department_staff):
    report = assign(report, officer, education)
    with pytest.raises(PermissionDenied):
        services.report_transition(report=report, to_status=Status.IN_PROGRESS, actor=other_department_staff)
    with pytest.raises(PermissionDenied):
        services.report_add_note(report=report, actor=other_department_staff, body="peek")


def test_outsider_cannot_transition(report, member):
    with pytest.raises(PermissionDenied):
        services.report_transition(report=report, to_status=Status.REGISTERED, actor=member)


def test_stale_version_is_refused_so_no_change_is_lost(report, officer):
    loaded_version = report.version
    services.report_transition(
        report=report, to_status=Status.REGISTERED, actor=officer, expected_version=loaded_version
    )
    with pytest.raises(services.ConcurrentChange):
        services.report_transition(
            report=report, to_status=Status.REJECTED, actor=officer, expected_version=loaded_version, comment="spam"
        )
    report.refresh_from_db()
    assert report.status == Status.REGISTERED and report.version == loaded_version + 1


def test_redirect_needs_whom_and_why(report, officer):
    with pytest.raises(ValidationError):
        services.report_transition(report=report, to_status=Status.REDIRECTED, actor=officer, comment="pensions")
    report = services.report_transition(
        report=report,
        to_status=Status.REDIRECTED,
        actor=officer,
        comment="Pensions are a national matter.",
        extras={"redirected_to": "Ministry of Labour", "eotinish_number": "ЖТ-2025-000123"},
    )
    assert report.redirected_to == "Ministry of Labour" and report.eotinish_number == "ЖТ-2025-000123"


def test_rejecting_as_duplicate_links_the_original(file_report, officer):
    original, _c = file_report()
    duplicate, _c = file_report()
    duplicate = services.report_transition(
        report=duplicate,
        to_status=Status.REJECTED,
        actor=officer,
        comment="Duplicate",
        extras={"duplicate_of": original},
    )
    assert duplicate.duplicate_of == original


def test_extension_moves_deadline_within_two_months(report, officer, education, department_staff):
    import datetime

    report = assign(report, officer, education)
    too_late = (report.created_at + datetime.timedelta(days=70)).date()
    with pytest.raises(ValidationError):
        services.report_transition(
            report=report,
            to_status=Status.EXTENDED,
            actor=department_staff,
            comment="Expert needed",
            extras={"new_due_date": too_late},
        )
    new_date = (report.answer_due_at + datetime.timedelta(days=20)).date()
    report = services.report_transition(
        report=report,
        to_status=Status.EXTENDED,
        actor=department_staff,
        comment="Expert needed",
        extras={"new_due_date": new_date},
    )
    assert report.extended and report.answer_due_at.date() == new_date


def test_reporter_reply_moves_waiting_case_back_to_work(report, officer):
    services.report_transition(report=report, to_status=Status.ACKNOWLEDGED, actor=officer)
    services.report_ask(report=report, actor=officer, body="Which school?")
    report.refresh_from_db()
    assert report.status == Status.WAITING
    services.report_reporter_reply(report=report, body="School 12.")
    report.refresh_from_db()
    assert report.status == Status.IN_PROGRESS
    assert report.messages.filter(kind=ReportMessage.Kind.REPLY).count() == 1


def test_reopening_keeps_first_response_time(report, officer):
    report = services.report_transition(report=report, to_status=Status.ACKNOWLEDGED, actor=officer)
    first = report.acknowledged_at
    services.report_answer(report=report, actor=officer, body="Answer")
    report = services.report_transition(
        report=Report.objects.get(pk=report.pk), to_status=Status.CLOSED_UNRESOLVED, actor=officer
    )
    report = services.report_reopen(report=report, comment="Nothing changed.")
    assert report.status == Status.REOPENED and report.acknowledged_at == first


def test_reopening_after_window_is_refused(report, officer, settings):
    settings.ANTICORRUPTION_REOPEN_DAYS = 0
    report = services.report_transition(report=report, to_status=Status.ACKNOWLEDGED, actor=officer)
    services.report_answer(report=report, actor=officer, body="Answer")
    report = services.report_transition(
        report=Report.objects.get(pk=report.pk), to_status=Status.CLOSED_RESOLVED, actor=officer
    )
    with pytest.raises(ValidationError):
        services.report_reopen(report=report, comment="late")


def test_reporter_cannot_make_staff_transitions(report):
    with pytest.raises(ValidationError):
        services.report_transition(report=report, to_status=Status.REGISTERED, by_reporter=True)


def test_audit_log_refuses_update_and_delete(report):
    entry = report.audit_entries.first()
    entry.comment = "rewritten"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.filter(pk=entry.pk).update(comment="x")
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.all().delete()


def test_verify_audit_log_detects_tampering(report, officer):
    services.report_transition(report=report, to_status=Status.REGISTERED, actor=officer)
    call_command("verify_audit_log")
    assert verify_chain()[1] is None
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL refuses the tampering itself (trigger); see test below.")
    entry = report.audit_entries.order_by("sequence").first()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE anticorruption_auditentry SET comment = 'forged' WHERE id = %s", [entry.pk])
    with pytest.raises(CommandError):
        call_command("verify_audit_log")


@pytest.mark.postgres
def test_postgres_trigger_refuses_raw_update(report):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE anticorruption_auditentry SET comment = 'forged'")
