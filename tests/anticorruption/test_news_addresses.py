"""Anonymous reporters' addresses for news of their case (issue 19, item 6): kept apart, never shown, deleted."""

import io
import logging
import smtplib

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from anticorruption import services
from anticorruption.models import AuditEntry, NewsAddress, Report
from hub.tasks import failed_for_good

from .conftest import assign
from .test_public import form_data, receipt_from, track

Status = Report.Status
ADDRESS = "whistle.news@example.kz"


@pytest.fixture
def anonymous_with_news(file_report):
    report, code = file_report(description="The head of the clinic sells sick notes for 20,000 tenge.")
    services.news_address_leave(report=report, email=ADDRESS)
    return report, code


def close(report, officer, **kwargs):
    for status in (Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.ANSWERED, Status.CLOSED_RESOLVED):
        report = services.report_transition(report=report, to_status=status, actor=officer, **kwargs)
    return report


def test_form_says_what_is_kept_and_for_how_long(visitor, db):
    page = visitor.get("/en/adaldyq-alany/").content.decode()
    assert 'name="news_email"' in page
    assert "deleted when the case closes or when you withdraw it" in page
    assert "never anything from the report" in page


def test_address_is_stored_apart_from_the_report(client, category):
    response = client.post(reverse("anticorruption:file"), form_data(category, news_email=ADDRESS))
    assert response.status_code == 200
    report = Report.objects.get()
    stored = " ".join(str(value) for value in Report.objects.values().get().values())
    assert ADDRESS not in stored and report.reporter_email == ""
    assert NewsAddress.objects.get().email == ADDRESS
    assert not hasattr(report, "newsaddress") and not hasattr(report, "news_address")
    assert ADDRESS not in " ".join(AuditEntry.objects.values_list("comment", flat=True))


def test_reporters_who_are_not_anonymous_keep_no_news_address(client, category):
    data = form_data(category, anonymity="confidential", reporter_email="me@example.kz", news_email=ADDRESS)
    assert client.post(reverse("anticorruption:file"), data).status_code == 200
    assert not NewsAddress.objects.exists()


def test_a_bad_address_is_explained_in_the_reporters_language(client, category):
    response = client.post("/ru/adaldyq-alany/", form_data(category, news_email="not-an-address"))
    assert response.status_code == 400
    assert "Введите правильный адрес электронной почты." in response.content.decode()
    assert not Report.objects.exists()


def test_staff_never_see_the_address(client_for, officer, department_staff, education, admin_user, anonymous_with_news):
    report, _code = anonymous_with_news
    assign(report, officer, education)
    pages = {
        "officer queue": (officer, reverse("anticorruption_admin:queue")),
        "officer case": (officer, reverse("anticorruption_admin:case", args=[report.case_number])),
        "audit log": (officer, reverse("anticorruption_admin:audit")),
        "department queue": (department_staff, reverse("anticorruption_admin:queue")),
        "department case": (department_staff, reverse("anticorruption_admin:case", args=[report.case_number])),
        "administrator case": (admin_user, reverse("anticorruption_admin:case", args=[report.case_number])),
        "statistics export": (officer, "/en/adaldyq-alany/stats/categories.csv"),
    }
    for name, (user, url) in pages.items():
        response = client_for(user).get(url, follow=True)
        assert response.status_code == 200, name
        assert ADDRESS not in response.content.decode(), name
    record = client_for(officer).get(reverse("anticorruption_admin:pdf", args=[report.case_number, "record"]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(record.content)).pages)
    assert "whistle" not in text and ADDRESS not in text
    assert ADDRESS not in " ".join(report.audit_entries.values_list("comment", flat=True))


def test_the_address_model_is_in_no_admin_menu_or_snippet(client_for, admin_user):
    from wagtail.snippets.models import get_snippet_models

    assert NewsAddress not in get_snippet_models()
    menu = client_for(admin_user).get("/admin/").content.decode()
    assert "news of an anonymous report" not in menu.lower()


def test_news_email_has_no_case_text_and_a_withdraw_link(
    anonymous_with_news, officer, django_capture_on_commit_callbacks
):
    report, _code = anonymous_with_news
    with django_capture_on_commit_callbacks(execute=True):
        services.report_transition(report=report, to_status=Status.ACKNOWLEDGED, actor=officer)
    (message,) = mail.outbox
    assert message.to == [ADDRESS]
    body = message.body + message.alternatives[0][0]
    assert report.case_number in message.body and "/adaldyq-alany/track/" in message.body
    for content in ["clinic", "sick notes", "20,000", "School 12", "September", "Auezov"]:
        assert content not in body and content not in message.subject
    withdraw = next(line for line in message.body.splitlines() if "/adaldyq-alany/news/" in line)
    assert withdraw.startswith("http")


def test_news_email_is_in_the_language_of_the_report(file_report, officer, django_capture_on_commit_callbacks):
    expected = {
        "kk": ["бойынша жаңалық бар", "мекенжайды жою үшін"],
        "ru": ["есть новости", "удалить адрес"],
        "en": ["There is news", "delete the address"],
    }
    for language, words in expected.items():
        report, _code = file_report(language=language)
        services.news_address_leave(report=report, email=f"{language}@example.kz")
        with django_capture_on_commit_callbacks(execute=True):
            services.report_transition(report=report, to_status=Status.ACKNOWLEDGED, actor=officer)
        message = mail.outbox[-1]
        assert message.to == [f"{language}@example.kz"]
        assert all(word in message.body for word in words), language
        assert f"/{language}/adaldyq-alany/track/" in message.body
        assert f"/{language}/adaldyq-alany/news/" in message.body


def test_news_goes_through_the_email_queue_and_the_task_carries_no_address(
    anonymous_with_news, officer, database_tasks, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from tests.background import run_worker

    report, _code = anonymous_with_news
    with django_capture_on_commit_callbacks(execute=True):
        services.report_transition(report=report, to_status=Status.ACKNOWLEDGED, actor=officer)
    assert mail.outbox == []  # not inside the request
    (queued,) = DBTaskResult.objects.all()
    assert queued.queue_name == "emails" and ADDRESS not in str(queued.args_kwargs)
    run_worker()
    assert [message.to for message in mail.outbox] == [[ADDRESS]]


def test_address_is_deleted_once_the_closing_news_is_sent(
    anonymous_with_news, officer, django_capture_on_commit_callbacks
):
    report, _code = anonymous_with_news
    with django_capture_on_commit_callbacks(execute=True):
        close(report, officer)
    assert not NewsAddress.objects.exists()
    assert mail.outbox[-1].to == [ADDRESS]
    mail.outbox.clear()
    report.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_reopen(report=report, comment="Nothing changed.")
    assert mail.outbox == []


@pytest.mark.parametrize("status", [Status.REJECTED, Status.REDIRECTED])
def test_rejected_or_redirected_case_deletes_the_address(
    anonymous_with_news, officer, status, django_capture_on_commit_callbacks
):
    report, _code = anonymous_with_news
    extras = {"redirected_to": "eOtinish"} if status == Status.REDIRECTED else {}
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_transition(report=report, to_status=Status.ACKNOWLEDGED, actor=officer)
        services.report_transition(report=report, to_status=status, actor=officer, comment="Not ours.", extras=extras)
    assert not NewsAddress.objects.exists()


def test_nightly_purge_deletes_addresses_the_last_news_missed(anonymous_with_news, officer, settings):
    report, _code = anonymous_with_news
    report = close(report, officer)  # no on-commit capture: as if the closing news never ran
    assert NewsAddress.objects.exists()
    Report.objects.filter(pk=report.pk).update(closed_at=timezone.now() - timezone.timedelta(days=2))
    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    assert not NewsAddress.objects.exists()
    assert "Deleted 1 addresses" in out.getvalue()


def test_withdraw_link_asks_then_deletes(visitor, anonymous_with_news):
    address = NewsAddress.objects.get()
    url = reverse("anticorruption:news_withdraw", args=[services.news_address_token(address)])
    page = visitor.get(url)
    assert page.status_code == 200 and NewsAddress.objects.exists()  # a mail scanner opening it changes nothing
    assert "no-store" in page["Cache-Control"]
    assert visitor.post(url).status_code == 200
    assert not NewsAddress.objects.exists()
    assert visitor.get(url).status_code == 404


def test_forged_withdraw_link_is_404(visitor, anonymous_with_news):
    address = NewsAddress.objects.get()
    assert visitor.post(reverse("anticorruption:news_withdraw", args=[str(address.pk)])).status_code == 404
    assert NewsAddress.objects.exists()


def test_withdraw_on_the_tracking_page_with_the_receipt(client, category):
    response = client.post(reverse("anticorruption:file"), form_data(category, news_email=ADDRESS))
    code = receipt_from(response)
    report = Report.objects.get()
    assert client.post(reverse("anticorruption:case_news_withdraw", args=["made-up-grant"])).status_code == 404
    assert NewsAddress.objects.exists()
    case_url = track(client, report.case_number, code)["Location"]
    withdraw = case_url + "news/withdraw/"
    page = client.get(case_url).content.decode()
    assert withdraw in page and ADDRESS not in page
    client.post(withdraw)
    assert not NewsAddress.objects.exists()
    page = client.get(case_url).content.decode()
    assert withdraw not in page


def test_no_email_after_withdrawing(anonymous_with_news, officer, django_capture_on_commit_callbacks):
    report, _code = anonymous_with_news
    services.news_address_withdraw(address=services.news_address_of(report))
    with django_capture_on_commit_callbacks(execute=True):
        services.report_transition(report=report, to_status=Status.ACKNOWLEDGED, actor=officer)
    assert mail.outbox == []


class RefusingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        recipients = {address: (550, b"mailbox unavailable") for message in messages for address in message.to}
        raise smtplib.SMTPRecipientsRefused(recipients)


def test_the_address_is_never_logged_even_when_smtp_refuses_it(
    client, category, officer, settings, caplog, database_tasks, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from tests.background import run_worker

    settings.EMAIL_BACKEND = "tests.anticorruption.test_news_addresses.RefusingBackend"
    settings.TASK_MAX_ATTEMPTS = 2
    with caplog.at_level(logging.DEBUG):
        client.post(reverse("anticorruption:file"), form_data(category, news_email=ADDRESS))
        report = Report.objects.get()
        with django_capture_on_commit_callbacks(execute=True):
            services.report_transition(report=report, to_status=Status.ACKNOWLEDGED, actor=officer)
        run_worker()
        run_worker()
    assert "NewsNotSent" in caplog.text  # the failure is logged and retried...
    assert ADDRESS not in caplog.text  # ...without the address
    assert failed_for_good().exists()
    for result in DBTaskResult.objects.all():
        assert ADDRESS not in str(result.args_kwargs) and ADDRESS not in (result.traceback or "")
