"""A real SMTP server on 127.0.0.1 goes away and comes back: actions succeed at once, and every
email arrives exactly once after the server returns."""

import socket
import time

import pytest
from aiosmtpd.controller import Controller
from django.core import mail

from hub.emails import send_email
from hub.tasks import failed_for_good
from ngos.services import invitation_create
from tests.background import run_worker
from tests.conftest import make_user
from tests.ngos.conftest import make_organisation


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope.content.decode())
        return "250 Message accepted for delivery"


class SmtpServer:
    """One port, one inbox; each start is a new aiosmtpd controller (a stopped one cannot restart)."""

    def __init__(self, port):
        self.port, self.inbox, self.controller = port, Inbox(), None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(settings, database_tasks):
    """An SMTP server on a port of its own, started with ``.start()`` and stopped with ``.stop()``."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    settings.TASK_RETRY_SECONDS = 1
    server = SmtpServer(port)
    yield server
    server.stop()


def message_ids(inbox):
    return [line.split(":", 1)[1].strip() for text in inbox.messages for line in text.splitlines()
            if line.lower().startswith("message-id:")]  # fmt: skip


def test_actions_succeed_while_smtp_is_down_and_each_email_arrives_once_when_it_returns(
    smtp, client, member, django_capture_on_commit_callbacks
):
    smtp.start()
    smtp.stop()

    started = time.monotonic()
    response = client.post("/en/accounts/password/reset/", {"email": member.email})
    leader = make_user("leader@example.kz")
    organisation = make_organisation(slug="eco-almaty", leader=leader)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(user=leader, organisation=organisation, email="newcomer@example.kz", role="member")
    assert response.status_code == 302 and time.monotonic() - started < 5

    run_worker()  # the server is away: both deliveries fail and are queued again a second later
    assert smtp.inbox.messages == [] and mail.outbox == []

    smtp.start()
    time.sleep(1.2)
    run_worker()
    run_worker()
    assert len(smtp.inbox.messages) == 2
    assert len(set(message_ids(smtp.inbox))) == 2
    recipients = sorted(line for text in smtp.inbox.messages for line in text.splitlines() if line.startswith("To:"))
    assert recipients == [f"To: {member.email}", "To: newcomer@example.kz"]


def test_a_server_that_never_answers_fails_the_task_within_the_timeout_not_the_worker(db, settings, database_tasks):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", listener.getsockname()[1], 1
    settings.TASK_MAX_ATTEMPTS = 1
    send_email(template="ngos/emails/invitation", to=["x@example.kz"], language="en",
               context={"organisation": {"name": "A"}, "inviter": "B", "invitation": {"token": "t"}})  # fmt: skip
    started = time.monotonic()
    run_worker()
    listener.close()
    assert time.monotonic() - started < 10
    assert "timed out" in failed_for_good().get().traceback
