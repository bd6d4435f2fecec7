"""The dashboard panel of officers and department staff: urgency groups, mine, per status, fixed queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anticorruption import services
from anticorruption.models import Report

from .conftest import assign

Status = Report.Status
HOME = "/admin/"
PANEL = 'id="adaldyq-reports'


def panel(client):
    html = client.get(HOME).content.decode()
    return html[html.index(PANEL) :] if PANEL in html else None


def count_after(html, href):
    """The number shown in the link to ``href``."""
    start = html.index(f'href="{href}"')
    return int(html[html.index("<strong>", start) + 8 : html.index("</strong>", start)])


@pytest.fixture
def city(officer, file_report, education):
    now = timezone.now()
    running, _c = file_report(now=now)
    Report.objects.filter(pk=running.pk).update(acknowledge_due_at=now + datetime.timedelta(minutes=40))
    late, _c = file_report(now=now - datetime.timedelta(days=40))  # golden hour missed and overdue
    mine, _c = file_report(now=now - datetime.timedelta(days=1))
    mine = services.report_transition(report=mine, to_status=Status.ACKNOWLEDGED, actor=officer)
    Report.objects.filter(pk=mine.pk).update(answer_due_at=now + datetime.timedelta(days=1))
    assigned, _c = file_report()
    assign(assigned, officer, education)
    return {"running": running, "late": late, "mine": mine, "assigned": assigned}


def test_officer_dashboard_counts_each_urgency_group(client_for, officer, city):
    html = panel(client_for(officer))
    queue = "/admin/adaldyq/"
    assert count_after(html, f"{queue}?due=unacknowledged") == 1
    assert count_after(html, f"{queue}?due=running") == 1
    assert count_after(html, f"{queue}?due=overdue") == 1
    assert count_after(html, f"{queue}?due=soon") == 1
    assert count_after(html, f"{queue}?status=submitted") == 2
    assert count_after(html, f"{queue}?status=assigned") == 1
    assert city["mine"].case_number in html and city["late"].case_number not in html


def test_each_dashboard_link_lists_what_it_counts(client_for, officer, city):
    client = client_for(officer)
    listed = client.get("/admin/adaldyq/", {"due": "unacknowledged"}).content.decode()
    assert city["late"].case_number in listed and city["running"].case_number not in listed
    running = client.get("/admin/adaldyq/", {"due": "running"}).content.decode()
    assert city["running"].case_number in running and city["late"].case_number not in running


def test_department_staff_see_their_bodys_queue_only(client_for, department_staff, city, education):
    html = panel(client_for(department_staff))
    assert count_after(html, f"/admin/adaldyq/?department={education.pk}") == 1
    assert count_after(html, "/admin/adaldyq/?status=assigned") == 1
    assert "?status=submitted" not in html and "?mine=on" not in html


@pytest.mark.parametrize("persona", ["editor", "moderator", "member"])
def test_other_roles_get_no_reports_panel(request, client_for, persona, city):
    user = request.getfixturevalue(persona)
    response = client_for(user).get(HOME, follow=True)
    assert PANEL not in response.content.decode()


def test_dashboard_queries_do_not_grow_with_reports(client_for, officer, file_report):
    client = client_for(officer)
    file_report()
    client.get(HOME)
    with CaptureQueriesContext(connection) as few:
        client.get(HOME)
    for index in range(30):
        report, _c = file_report()
        if index % 3 == 0:
            services.report_take(report=report, actor=officer)
    with CaptureQueriesContext(connection) as many:
        client.get(HOME)
    assert len(many.captured_queries) == len(few.captured_queries)
