"""The report queue: most urgent first, a golden-hour clock, "assigned to me", bulk acknowledge and assign."""

import datetime

from django.urls import reverse
from django.utils import timezone

from anticorruption import services
from anticorruption.models import Report
from tests.conftest import make_user

from .conftest import assign
from .test_case_page import kk

Status = Report.Status
QUEUE = reverse("anticorruption_admin:queue")
BULK = reverse("anticorruption_admin:bulk")


def order_in(html, *reports):
    return [html.index(f">{report.case_number}<") for report in reports]


def test_queue_puts_the_clock_that_runs_out_first_on_top(client_for, officer, file_report):
    now = timezone.now()
    fresh, _c = file_report(now=now)
    overdue, _c = file_report(now=now - datetime.timedelta(days=40))
    closed, _c = file_report(now=now - datetime.timedelta(days=60))
    services.report_transition(report=closed, to_status=Status.REJECTED, actor=officer, comment="spam")
    html = client_for(officer).get(QUEUE).content.decode()
    positions = order_in(html, overdue, fresh, closed)
    assert positions == sorted(positions)
    newest = client_for(officer).get(QUEUE, {"sort": "newest"}).content.decode()
    assert order_in(newest, fresh, overdue, closed) == sorted(order_in(newest, fresh, overdue, closed))


def test_queue_shows_the_golden_hour_clock(client_for, officer, file_report):
    report, _c = file_report(now=timezone.now() - datetime.timedelta(minutes=1))
    Report.objects.filter(pk=report.pk).update(acknowledge_due_at=timezone.now() + datetime.timedelta(minutes=30))
    html = client_for(officer).get(QUEUE).content.decode()
    row = html[html.index(f">{report.case_number}<") :]
    cell = row[row.index('class="golden-hour"') : row.index("</td>", row.index('class="golden-hour"'))]
    assert "2" in cell and "<strong>" in cell  # "29 minutes left", in the officer's language


def test_assigned_to_me_lists_only_my_cases(client_for, officer, file_report):
    mine, _c = file_report()
    services.report_take(report=mine, actor=officer)
    other, _c = file_report()
    html = client_for(officer).get(QUEUE, {"mine": "on"}).content.decode()
    assert mine.case_number in html and other.case_number not in html


def test_officer_acknowledges_several_reports_at_once(client_for, officer, file_report):
    first, _c = file_report()
    second, _c = file_report()
    closed, _c = file_report()
    services.report_transition(report=closed, to_status=Status.REJECTED, actor=officer, comment="spam")
    response = client_for(officer).post(
        BULK,
        {"cases": [first.case_number, second.case_number, closed.case_number], "action": "acknowledge",
         "next": QUEUE + "?status=submitted"},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == QUEUE + "?status=submitted"
    statuses = dict(Report.objects.values_list("case_number", "status"))
    assert statuses[first.case_number] == statuses[second.case_number] == Status.ACKNOWLEDGED
    assert statuses[closed.case_number] == Status.REJECTED
    assert Report.objects.get(pk=first.pk).audit_entries.filter(to_status=Status.ACKNOWLEDGED).count() == 1


def test_bulk_assign_refuses_unacknowledged_reports(client_for, officer, file_report, education, department_staff):
    ready, _c = file_report()
    ready = services.report_transition(report=ready, to_status=Status.ACKNOWLEDGED, actor=officer)
    fresh, _c = file_report()
    client = client_for(officer)
    response = client.post(
        BULK, {"cases": [ready.case_number, fresh.case_number], "action": "assign", "department": education.pk},
        follow=True,
    )  # fmt: skip
    assert fresh.case_number in response.content.decode()  # named as refused
    ready.refresh_from_db(), fresh.refresh_from_db()
    assert ready.status == Status.ASSIGNED and ready.department == education
    assert fresh.status == Status.SUBMITTED and fresh.department is None


def test_bulk_assign_needs_a_body(client_for, officer, file_report):
    report, _c = file_report()
    response = client_for(officer).post(BULK, {"cases": [report.case_number], "action": "assign"}, follow=True)
    assert kk("Choose the responsible body.") in response.content.decode()


def test_department_staff_get_no_bulk_actions(client_for, officer, department_staff, education, file_report):
    report, _c = file_report()
    report = assign(report, officer, education)
    client = client_for(department_staff)
    html = client.get(QUEUE).content.decode()
    assert report.case_number in html and BULK not in html and 'name="mine"' not in html
    response = client.post(BULK, {"cases": [report.case_number], "action": "acknowledge"})
    assert response.status_code in (302, 403) and response.get("Location") != QUEUE
    other, _c = file_report()
    client.post(BULK, {"cases": [other.case_number], "action": "acknowledge"})
    assert Report.objects.get(pk=other.pk).status == Status.SUBMITTED


def test_outsiders_cannot_bulk_change(client_for, member, editor, file_report):
    report, _c = file_report()
    for user in (member, editor, make_user("nobody@example.kz", is_staff=True)):
        client_for(user).post(BULK, {"cases": [report.case_number], "action": "acknowledge"})
    assert Report.objects.get(pk=report.pk).status == Status.SUBMITTED
