"""The officers' back office: who sees what, actions through services, downloads, PDFs, the queue."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from anticorruption import services
from anticorruption.models import AnswerTemplate, AuditEntry, IssuedDocument, Report
from tests.conftest import make_user

from .conftest import assign

Status = Report.Status


def assert_not_found(client, url, method="get", data=None):
    """The admin answers 404 (the locale middleware may first bounce it to a language prefix)."""
    response = getattr(client, method)(url, data or {}, follow=True)
    assert response.status_code == 404


def assert_refused(response):
    """Wagtail turns PermissionDenied into a redirect to the dashboard with a message."""
    assert response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def case_url(report, name="case", *args):
    return reverse(f"anticorruption_admin:{name}", args=[report.case_number, *args])


def test_officer_sees_queue_and_case(client_for, officer, report):
    client = client_for(officer)
    assert report.case_number in client.get(reverse("anticorruption_admin:queue")).content.decode()
    assert client.get(case_url(report)).status_code == 200


def test_queue_filters(client_for, officer, file_report):
    open_report, _c = file_report(kind="idea")
    old, _c = file_report(now=datetime.datetime(2025, 1, 6, 10, tzinfo=datetime.UTC))
    client = client_for(officer)
    overdue = client.get(reverse("anticorruption_admin:queue"), {"due": "overdue"}).content.decode()
    assert old.case_number in overdue and open_report.case_number not in overdue
    ideas = client.get(reverse("anticorruption_admin:queue"), {"kind": "idea"}).content.decode()
    assert open_report.case_number in ideas and old.case_number not in ideas


def test_department_staff_see_only_their_bodys_reports(
    client_for, officer, department_staff, other_department_staff, file_report, education
):
    mine, _c = file_report()
    assign(mine, officer, education)
    unassigned, _c = file_report()
    client = client_for(department_staff)
    queue = client.get(reverse("anticorruption_admin:queue")).content.decode()
    assert mine.case_number in queue and unassigned.case_number not in queue
    assert_not_found(client, case_url(unassigned))
    client.force_login(other_department_staff)
    assert_not_found(client, case_url(mine))
    assert_not_found(client, case_url(mine, "note"), "post", {"body": "peek"})
    assert not mine.messages.exists()


def test_public_user_cannot_enter_back_office(client_for, member, report):
    response = client_for(member).get(case_url(report))
    assert response.status_code in (302, 403)
    assert report.description not in response.content.decode()


def test_department_staff_cannot_open_audit_log(client_for, department_staff):
    assert_refused(client_for(department_staff).get(reverse("anticorruption_admin:audit")))


def test_officer_changes_status_through_form(client_for, officer, report):
    client = client_for(officer)
    response = client.post(case_url(report, "transition"), {"to_status": "registered", "version": report.version})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.REGISTERED


def test_invalid_status_jump_posted_directly_is_refused(client_for, officer, report):
    client = client_for(officer)
    response = client.post(case_url(report, "transition"), {"to_status": "closed_resolved", "version": report.version})
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED


def test_second_officer_with_stale_page_does_not_overwrite(client_for, officer, report):
    second = make_user("second.officer@example.kz", groups=["Anticorruption officers"], is_staff=True)
    stale_version = report.version
    client_for(officer).post(case_url(report, "transition"), {"to_status": "registered", "version": stale_version})
    client = client_for(second)
    response = client.post(
        case_url(report, "transition"), {"to_status": "rejected", "version": stale_version, "comment": "spam"}
    )
    from django.utils import translation

    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        expected = translation.gettext(
            "Someone else changed this report while you were working on it. Reload it and try again."
        )
    assert response.status_code == 200 and expected.split(".")[0] in response.content.decode()
    report.refresh_from_db()
    assert report.status == Status.REGISTERED


def test_assignment_notifies_department_staff_without_content(
    client_for, officer, report, education, department_staff, django_capture_on_commit_callbacks
):
    report = services.report_transition(report=report, to_status=Status.ACKNOWLEDGED, actor=officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(officer).post(
            case_url(report, "assign"), {"department": education.pk, "version": report.version}
        )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.department == education and report.status == Status.ASSIGNED
    sent = [m for m in mail.outbox if department_staff.email in m.to]
    assert sent and report.description not in sent[0].body


def test_internal_note_is_hidden_from_reporter(client_for, officer, report_with_code, client):
    report, code = report_with_code
    client_for(officer).post(case_url(report, "note"), {"body": "Internal: check the director."})
    client.logout()
    opened = client.post(reverse("anticorruption:track"), {"case_number": report.case_number, "receipt_code": code})
    page = client.get(opened["Location"]).content.decode()
    assert "check the director" not in page


def test_question_and_answer_in_report_language(client_for, officer, report, category):
    AnswerTemplate.objects.create(category=category, language="ru", title="Стандарт", body="Уважаемый заявитель!")
    client = client_for(officer)
    report = services.report_transition(report=report, to_status=Status.ACKNOWLEDGED, actor=officer)
    page = client.get(case_url(report), {"template": AnswerTemplate.objects.get().pk}).content.decode()
    assert "Уважаемый заявитель!" in page
    client.post(case_url(report, "question"), {"body": "Какая школа?", "version": report.version})
    report.refresh_from_db()
    assert report.status == Status.WAITING
    client.post(
        case_url(report, "answer"), {"body": "Уважаемый заявитель! Проверка проведена.", "version": report.version}
    )
    report.refresh_from_db()
    answer = report.messages.get(kind="answer")
    assert report.status == Status.ANSWERED and answer.language == "ru"


def test_confidential_contact_only_for_handling_officer(client_for, officer, file_report):
    report, _c = file_report(anonymity="confidential", reporter_email="secret.person@example.kz")
    other_officer = make_user("other.officer@example.kz", groups=["Anticorruption officers"], is_staff=True)
    client = client_for(other_officer)
    assert "secret.person@example.kz" not in client.get(case_url(report)).content.decode()
    services.report_take(report=report, actor=officer)
    client.force_login(officer)
    assert "secret.person@example.kz" in client.get(case_url(report)).content.decode()


def test_staff_download_is_permission_checked_and_logged(
    client_for, officer, attachment_report, department_staff, other_department_staff, education
):
    report, _code = attachment_report
    token = report.attachments.get().token
    client = client_for(other_department_staff)
    assert_not_found(client, case_url(report, "attachment", token))
    assign(report, officer, education)
    client.force_login(department_staff)
    response = client.get(case_url(report, "attachment", token))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert report.audit_entries.filter(action=AuditEntry.Action.DOWNLOAD, actor=department_staff).exists()


def test_script_is_escaped_on_staff_pages(client_for, officer, file_report):
    report, _c = file_report(description="<script>alert(1)</script> bribe", concerned_body="<b onmouseover=x>")
    page = client_for(officer).get(case_url(report)).content.decode()
    assert "<script>alert(1)" not in page and "<b onmouseover" not in page


def test_case_record_pdf_escapes_text_and_fetches_nothing(client_for, officer, file_report):
    hostile = (
        '<link rel="stylesheet" href="file:///etc/passwd">'
        '<img src="http://169.254.169.254/latest/meta-data/"><script>alert(1)</script>'
    )
    report, _c = file_report(description="Bribe " + hostile, location='<img src="/etc/hostname">')
    response = client_for(officer).get(case_url(report, "pdf", "record"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "169.254.169.254" in text  # shown as text, not fetched
    document = IssuedDocument.objects.get(report=report)
    assert document.sha256 in text.replace("\n", "")
    assert report.audit_entries.filter(action=AuditEntry.Action.PDF).exists()


def test_verification_page_recognises_issued_pdf(client_for, officer, report, visitor):
    response = client_for(officer).get(case_url(report, "pdf", "record"))
    document = IssuedDocument.objects.get()
    visitor.logout()
    page = visitor.post(reverse("anticorruption:verify"), {"sha256": document.sha256}).content.decode()
    assert report.case_number in page
    uploaded = visitor.post(
        reverse("anticorruption:verify"),
        {
            "document": __import__("django.core.files.uploadedfile", fromlist=["x"]).SimpleUploadedFile(
                "a.pdf", response.content
            )
        },
    ).content.decode()
    assert report.case_number in uploaded
    assert (
        report.case_number not in visitor.post(reverse("anticorruption:verify"), {"sha256": "0" * 64}).content.decode()
    )


def test_queue_runs_a_fixed_number_of_queries(client_for, officer, file_report, django_assert_num_queries):
    client = client_for(officer)
    file_report()
    client.get(reverse("anticorruption_admin:queue"))  # warm up session and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("anticorruption_admin:queue"), {"status": "submitted"})
    for _ in range(60):
        file_report()
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reverse("anticorruption_admin:queue"), {"status": "submitted"})
    assert response.status_code == 200


def test_warn_breaches_emails_officers(officer, file_report):
    report, _c = file_report(now=datetime.datetime(2025, 1, 6, 10, tzinfo=datetime.UTC))
    call_command("warn_breaches", stdout=io.StringIO())
    sent = [m for m in mail.outbox if officer.email in m.to]
    assert sent and report.case_number in sent[0].body and report.description not in sent[0].body


def test_holiday_added_in_admin_recomputes_deadlines(client_for, officer, file_report):
    report, _c = file_report(now=datetime.datetime(2026, 11, 18, 5, tzinfo=datetime.UTC))
    before = report.answer_due_at
    response = client_for(officer).post(
        reverse("wagtailsnippets_anticorruption_holiday:add"),
        {"date": "2026-12-01", "kind": "day_off", "name_kk": "Демалыс", "name_ru": "Выходной", "name_en": "Day off"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.answer_due_at == before + datetime.timedelta(days=1)


@pytest.mark.parametrize("user_fixture", ["editor", "moderator", "member"])
def test_other_roles_get_no_queue(request, client_for, user_fixture, report):
    user = request.getfixturevalue(user_fixture)
    response = client_for(user).get(reverse("anticorruption_admin:queue"))
    assert report.case_number not in response.content.decode()


def test_officer_adds_department_staff_in_admin(client_for, officer, education):
    newcomer = make_user("newcomer@example.kz")
    response = client_for(officer).post(
        reverse("wagtailsnippets_anticorruption_departmentstaff:add"), {"user": newcomer.pk, "department": education.pk}
    )
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.is_staff and newcomer.groups.filter(name="Department staff").exists()
    assert newcomer.has_perm("wagtailadmin.access_admin")


def test_deleting_a_holiday_recomputes_deadlines(client_for, officer, file_report):
    from anticorruption.models import Holiday

    holiday = services.holiday_add(
        date=datetime.date(2026, 12, 1), name_kk="Демалыс", name_ru="Выходной", actor=officer
    )
    report, _c = file_report(now=datetime.datetime(2026, 11, 18, 5, tzinfo=datetime.UTC))
    with_holiday = report.answer_due_at
    client = client_for(officer)
    url = reverse("wagtailsnippets_anticorruption_holiday:delete", args=[holiday.pk])
    assert client.post(url).status_code == 302
    assert not Holiday.objects.filter(pk=holiday.pk).exists()
    report.refresh_from_db()
    assert report.answer_due_at == with_holiday - datetime.timedelta(days=1)


def test_warn_breaches_includes_missed_golden_hour(officer, file_report):
    report, _c = file_report(now=datetime.datetime(2026, 11, 18, 5, tzinfo=datetime.UTC))
    call_command("warn_breaches", "--hours", "1", stdout=io.StringIO())
    assert any(report.case_number in m.body for m in mail.outbox if officer.email in m.to)


def test_each_form_on_the_case_page_labels_its_own_text_box(client_for, officer, report):
    report = services.report_transition(report=report, to_status=Status.ACKNOWLEDGED, actor=officer)
    html = client_for(officer).get(case_url(report)).content.decode()
    for form in ("note", "question", "answer"):
        assert f'for="{form}-body"' in html
        assert f'id="{form}-body"' in html
    assert 'id="id_body"' not in html
