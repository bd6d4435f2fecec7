"""Background tasks: emails go through the queue, failures are retried and shown to administrators."""

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from hub import tasks
from hub.emails import send_email
from hub.tasks import background_task, retry_delay
from tests.background import run_worker

CALLS = []


@background_task(max_attempts=3)
def always_fails(label):
    CALLS.append(label)
    raise ConnectionRefusedError(f"nobody answers for {label}")


@pytest.fixture(autouse=True)
def forget_calls():
    CALLS.clear()


def invite(**kwargs):
    send_email(
        template="ngos/emails/invitation", to=["new@example.kz"], language="en",
        context={"organisation": {"name": "Taza Aua"}, "inviter": "Aigerim", "invitation": {"token": "t"}},
        **kwargs,
    )  # fmt: skip


def test_an_email_reaches_the_outbox_through_its_task_with_its_parts_intact(db):
    png = bytes(range(256))
    invite(attachments=[("qr.png", png, "image/png"), ("m.ics", "BEGIN:VCALENDAR", "text/calendar")])
    [message] = mail.outbox
    assert message.subject == "You are invited to join Taza Aua"
    assert message.extra_headers["Message-ID"].endswith("@hub.local>")
    assert message.alternatives[0][1] == "text/html"
    assert message.attachments[0] == ("qr.png", png, "image/png")
    assert message.attachments[1][0] == "m.ics"


def test_the_email_task_is_written_in_the_action_transaction_and_sent_by_the_worker(db, database_tasks):
    with pytest.raises(RuntimeError), transaction.atomic():
        invite()
        raise RuntimeError("the action failed after all")
    assert not DBTaskResult.objects.exists()
    invite()
    assert mail.outbox == [] and DBTaskResult.objects.ready().count() == 1
    run_worker()
    assert len(mail.outbox) == 1
    assert DBTaskResult.objects.successful().count() == 1


def test_a_failing_task_is_retried_then_listed_once_for_administrators(db, database_tasks):
    always_fails.enqueue("smtp")
    run_worker()
    assert CALLS == ["smtp", "smtp", "smtp"]
    assert DBTaskResult.objects.failed().count() == 3
    [last] = tasks.failed_for_good()
    assert tasks.attempt_of(last) == 3
    assert tasks.failure_reason(last) == "ConnectionRefusedError: nobody answers for smtp"


def test_retries_wait_longer_each_time_up_to_six_hours(settings):
    settings.TASK_RETRY_SECONDS = 30
    assert [retry_delay(n) for n in (1, 2, 3)] == [30, 120, 480]
    assert retry_delay(12) == 6 * 3600


def test_administrator_sees_failed_tasks_with_their_reason_and_runs_one_again(
    db, database_tasks, admin_user, client_for
):
    always_fails.enqueue("pdf")
    run_worker()
    client = client_for(admin_user)
    page = client.get(reverse("hub_tasks_admin:failed"))
    assert page.status_code == 200
    assert "ConnectionRefusedError: nobody answers for pdf" in page.content.decode()
    [last] = tasks.failed_for_good()
    response = client.post(reverse("hub_tasks_admin:retry", args=[last.pk]))
    assert response.status_code == 302
    assert DBTaskResult.objects.ready().count() == 1 and not tasks.failed_for_good().exists()


@pytest.mark.parametrize("persona", ["editor", "officer", "member"])
def test_only_administrators_reach_the_failed_tasks_page(db, persona, request, client_for):
    response = client_for(request.getfixturevalue(persona)).get(reverse("hub_tasks_admin:failed"))
    assert response.status_code in (302, 403)


def test_visitor_is_sent_to_login_from_the_failed_tasks_page(db, visitor):
    assert visitor.get(reverse("hub_tasks_admin:failed")).status_code == 302
