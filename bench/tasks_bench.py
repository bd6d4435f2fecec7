"""Background work: emails per second through one worker, and the road-map PDF request before/after (issue 16).

Usage: .venv/bin/python -m bench.tasks_bench [emails] [actions]
Uses a throwaway SQLite database under /tmp unless DATABASE_URL is set (use an empty PostgreSQL
database of your own). Emails go through a real SMTP server (aiosmtpd) on 127.0.0.1; the worker
is the production one (``db_worker``), processing the queue in one process until it is empty.
"""

import os
import socket
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HUB_VAR_DIR", tempfile.mkdtemp(prefix="hub-tasks-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings.test"
os.environ["TASKS_BACKEND"] = "database"

import django  # noqa: E402

django.setup()

from aiosmtpd.controller import Controller  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from bench.roadmaps_pdf import build  # noqa: E402
from hub.emails import send_email  # noqa: E402

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": []}}
CONTEXT = {"organisation": {"name": "Taza Aua"}, "inviter": "Aigerim", "invitation": {"token": "t"}}


class Inbox:
    count = 0

    async def handle_DATA(self, server, session, envelope):
        Inbox.count += 1
        return "250 OK"


def worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--queue-name=*", verbosity=0)


def emails_per_second(count):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Inbox(), hostname="127.0.0.1", port=port)
    controller.start()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1",
                           EMAIL_PORT=port):  # fmt: skip
        started = time.perf_counter()
        for n in range(count):
            send_email(template="ngos/emails/invitation", to=[f"n{n}@example.kz"], context=CONTEXT, language="kk")
        enqueued = time.perf_counter() - started
        started = time.perf_counter()
        worker()
        sent = time.perf_counter() - started
    controller.stop()
    print(f"emails: {count} rendered and queued in {enqueued:.2f}s ({count / enqueued:.0f}/s by the callers)")
    print(f"one worker delivered {Inbox.count} over SMTP in {sent:.2f}s: {Inbox.count / sent:.1f} emails/s")


def timed_get(client, url):
    started = time.perf_counter()
    response = client.get(url)
    return response.status_code, time.perf_counter() - started


def pdf_request(actions):
    roadmap = build(actions)
    url = f"/ru/roadmaps/{roadmap.slug}/export.pdf"
    client = Client(HTTP_HOST="localhost")
    with override_settings(TASKS=IMMEDIATE):
        status, before = timed_get(client, url)  # as before: rendered inside the request
    print(f"road-map PDF ({actions} actions), rendered in the request: HTTP {status} in {before:.2f}s")
    call_command("createcachetable", verbosity=0)
    from django.core.cache import cache

    cache.clear()
    status, first = timed_get(client, url)
    print(f"road-map PDF, with a worker: first request HTTP {status} in {first * 1000:.0f} ms (page 'being prepared')")
    started = time.perf_counter()
    worker()
    print(f"  the worker rendered it in {time.perf_counter() - started:.2f}s")
    status, ready = timed_get(client, url)
    print(f"  next request: HTTP {status} in {ready * 1000:.0f} ms (from the shared cache)")


def main():
    emails = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    actions = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    emails_per_second(emails)
    pdf_request(actions)


if __name__ == "__main__":
    main()
