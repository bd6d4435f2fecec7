"""The queue's order is kept by the database (issue 17): columns it computes, an index that serves them."""

from django.urls import reverse

from anticorruption import admin_views, services
from anticorruption.models import Report

QUEUE = reverse("anticorruption_admin:queue")


def test_urgency_columns_follow_every_change(officer, file_report):
    report, _code = file_report()
    report.refresh_from_db()
    assert report.next_due_at == report.acknowledge_due_at and not report.is_stopped
    services.reports_acknowledge(reports=[report], actor=officer)
    report.refresh_from_db()
    assert report.acknowledged_at and report.next_due_at == report.answer_due_at
    services.report_transition(report=report, to_status=Report.Status.REJECTED, actor=officer, comment="spam")
    report.refresh_from_db()
    assert report.is_stopped


def test_queue_pages_follow_the_pagination_links(client_for, officer, file_report, monkeypatch):
    monkeypatch.setattr(admin_views, "PAGE_SIZE", 2)
    reports = [file_report()[0] for _ in range(3)]
    client = client_for(officer)
    first = client.get(QUEUE).content.decode()
    assert 'href="?p=2"' in first
    second = client.get(QUEUE, {"p": 2}).content.decode()
    on_first = {r.case_number for r in reports if f">{r.case_number}<" in first}
    on_second = {r.case_number for r in reports if f">{r.case_number}<" in second}
    assert len(on_first) == 2 and len(on_second) == 1 and not on_first & on_second
