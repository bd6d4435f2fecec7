"""The case page guides: only the actions valid in the case's state, a timeline, an explicit legal hold."""

import pytest
from django.urls import reverse
from django.utils import translation

from anticorruption import services
from anticorruption.models import TRANSITIONS, AuditEntry, IssuedDocument, Report

from .conftest import assign

Status = Report.Status

FORMS = ("transition", "assign", "question", "answer", "note", "take")


def kk(text):
    """The back office speaks the default language (Kazakh) to staff who chose none."""
    with translation.override("kk"):
        return str(translation.gettext(text))


def case_url(report, name="case", *args):
    return reverse(f"anticorruption_admin:{name}", args=[report.case_number, *args])


def offered(client, report):
    """The action forms the case page shows, by the name of the URL each posts to."""
    html = client.get(case_url(report)).content.decode()
    return {name for name in FORMS if f'action="{case_url(report, name)}"' in html}, html


def move(report, officer, *statuses):
    for status in statuses:
        report = services.report_transition(report=report, to_status=status, actor=officer, comment="because")
    return report


def test_submitted_case_offers_triage_only_no_answer(client_for, officer, report):
    forms, html = offered(client_for(officer), report)
    assert forms == {"transition", "note", "take"}
    assert kk("Send the answer") not in html
    assert 'value="acknowledged"' in html and 'value="answered"' not in html


def test_acknowledged_case_offers_assign_question_answer(client_for, officer, report):
    report = move(report, officer, Status.ACKNOWLEDGED)
    forms, html = offered(client_for(officer), report)
    # The officer acknowledged it and so handles it: nothing to take.
    assert forms == {"transition", "assign", "question", "answer", "note"}
    # Assigned, waiting and answered go through their own forms, never the bare status list.
    for target in ("assigned", "waiting", "answered"):
        assert f'<option value="{target}"' not in html


def test_answered_case_offers_closing_and_no_second_answer(client_for, officer, report):
    report = move(report, officer, Status.ACKNOWLEDGED)
    services.report_answer(report=report, actor=officer, body="Checked.")
    forms, html = offered(client_for(officer), Report.objects.get(pk=report.pk))
    assert forms == {"transition", "note"}
    assert '<option value="closed_resolved"' in html and 'name="redirected_to"' not in html


def test_closed_case_offers_only_a_note(client_for, officer, report):
    report = move(report, officer, Status.REJECTED)
    forms, _html = offered(client_for(officer), report)
    assert forms == {"note"}


@pytest.mark.parametrize("status", [Status.ASSIGNED, Status.IN_PROGRESS, Status.EXTENDED, Status.REOPENED])
def test_department_staff_see_exactly_their_transitions(
    client_for, officer, department_staff, education, report, status
):
    report = assign(report, officer, education)
    Report.objects.filter(pk=report.pk).update(status=status)
    report.refresh_from_db()
    forms, html = offered(client_for(department_staff), report)
    table = {target for (source, target), who in TRANSITIONS.items() if source == status and "department" in who}
    expected = {"note"} | ({"answer"} if Status.ANSWERED in table else set())
    expected |= {"question"} if Status.WAITING in table else set()
    expected |= {"transition"} if table - {Status.ANSWERED, Status.WAITING, Status.ASSIGNED} else set()
    assert forms == expected
    for target in table - {Status.ANSWERED, Status.WAITING, Status.ASSIGNED}:
        assert f'<option value="{target}"' in html


def test_status_timeline_lists_each_status_in_order(client_for, officer, report):
    report = move(report, officer, Status.REGISTERED, Status.ACKNOWLEDGED)
    html = client_for(officer).get(case_url(report)).content.decode()
    timeline = html[html.index('class="case-timeline"') :]
    labels = (Status.SUBMITTED.label, Status.REGISTERED.label, Status.ACKNOWLEDGED.label)
    positions = [timeline.index(kk(label)) for label in labels]
    assert positions == sorted(positions)


def test_case_not_on_hold_offers_to_place_it_and_nothing_is_preticked(client_for, officer, report):
    client = client_for(officer)
    html = client.get(case_url(report)).content.decode()
    assert kk("Place on legal hold") in html and kk("Lift the legal hold") not in html
    assert 'type="checkbox"' not in html[html.index("hold/") :]
    client.post(case_url(report, "hold"), {"hold": "on", "reason": "Prosecutor's request"})
    report.refresh_from_db()
    assert report.legal_hold
    html = client.get(case_url(report)).content.decode()
    assert kk("On legal hold: the retention purge will not touch this case.") in html
    assert kk("Lift the legal hold") in html


def test_repeated_hold_is_refused_and_not_logged_twice(client_for, officer, report):
    client = client_for(officer)
    client.post(case_url(report, "hold"), {"hold": "on", "reason": "Court"})
    response = client.post(case_url(report, "hold"), {"hold": "on", "reason": "Court"})
    assert kk("This case is already on legal hold.") in response.content.decode()
    assert report.audit_entries.filter(action=AuditEntry.Action.LEGAL_HOLD).count() == 1
    client.post(case_url(report, "hold"), {"hold": "off", "reason": "Case closed in court"})
    report.refresh_from_db()
    assert not report.legal_hold


def test_department_staff_cannot_place_a_hold(client_for, officer, department_staff, education, report):
    report = assign(report, officer, education)
    response = client_for(department_staff).post(case_url(report, "hold"), {"hold": "on", "reason": "x"})
    assert response.status_code in (302, 403)
    report.refresh_from_db()
    assert not report.legal_hold


def test_anonymous_case_has_no_empty_contact_row(client_for, admin_user, report):
    html = client_for(admin_user).get(case_url(report)).content.decode()
    assert "· ·" not in html and f">{kk('Contact')}<" not in html


def test_identified_case_shows_the_contact_it_has(client_for, officer, file_report):
    report, _c = file_report(anonymity="identified", reporter_name="Dana Ospanova", reporter_email="d@example.kz")
    html = client_for(officer).get(case_url(report)).content.decode()
    assert "Dana Ospanova · d@example.kz<" in html


def test_answer_pdf_refused_for_a_case_without_answer(client_for, officer, report):
    client = client_for(officer)
    assert "answer.pdf" not in client.get(case_url(report)).content.decode()
    response = client.get(case_url(report, "pdf", "answer"), follow=True)
    assert kk("This case has no answer yet.") in response.content.decode()
    assert not IssuedDocument.objects.exists()


def test_answer_pdf_issued_once_answered(client_for, officer, report):
    report = move(report, officer, Status.ACKNOWLEDGED)
    services.report_answer(report=report, actor=officer, body="Checked.")
    response = client_for(officer).get(case_url(report, "pdf", "answer"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_audit_page_shows_the_chain_is_intact(client_for, officer, report):
    html = client_for(officer).get(reverse("anticorruption_admin:audit")).content.decode()
    assert 'class="help-block help-info" role="status"' in html and "manage.py" not in html


def test_audit_page_shows_a_broken_chain(client_for, officer, report):
    from django.db import connection

    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL refuses the tampering itself (trigger).")
    client = client_for(officer)
    client.get(reverse("anticorruption_admin:audit"))
    with connection.cursor() as cursor:
        cursor.execute("UPDATE anticorruption_auditentry SET comment = 'forged' WHERE sequence = 1")
    html = client.get(reverse("anticorruption_admin:audit"), {"check": "1"}).content.decode()
    assert 'class="help-block help-critical" role="alert"' in html
