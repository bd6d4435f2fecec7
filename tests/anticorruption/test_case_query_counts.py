"""An officer's case page runs a fixed number of queries however long its history is (issue 17)."""

from django.urls import reverse

from anticorruption import services
from tests.queries import page_queries


def case_queries(client, report):
    return page_queries(client, reverse("anticorruption_admin:case", args=[report.case_number]))


def test_case_page_runs_a_fixed_number_of_queries(client_for, officer, file_report):
    client = client_for(officer)
    report, _code = file_report()
    for _ in range(5):
        file_report()  # other cases in the queue change nothing on this page
    services.report_add_note(report=report, actor=officer, body="First note")
    client.get(reverse("anticorruption_admin:case", args=[report.case_number]))
    few = case_queries(client, report)
    for number in range(8):
        services.report_add_note(report=report, actor=officer, body=f"Note {number}")
    for _ in range(30):
        file_report()
    assert case_queries(client, report) == few
