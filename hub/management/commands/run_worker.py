"""A background worker that also keeps the schedule: ``db_worker`` plus hub/schedule.py.

Run any number, on any machines: ``manage.py run_worker`` (all queues) or, to keep slow PDFs
from delaying mail, ``run_worker --queue-name=emails`` beside ``run_worker --queue-name=documents``.
"""

import logging
import threading
import time

from django.db import close_old_connections, connection
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from hub import schedule

logger = logging.getLogger(__name__)
SCHEDULE_EVERY_SECONDS = 30


def schedule_loop():
    while True:
        close_old_connections()
        try:
            queued = schedule.enqueue_due()
            if queued:
                logger.info("Scheduled: %s", ", ".join(queued))
        except Exception:
            logger.exception("Could not look at the schedule; trying again shortly.")
        finally:
            connection.close()
        time.sleep(SCHEDULE_EVERY_SECONDS)


class Command(DbWorkerCommand):
    help = "Run a background worker on every queue (or the ones named) and keep the periodic schedule."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*")
        parser.add_argument("--no-schedule", action="store_false", dest="keep_schedule", help="Only run tasks.")

    def handle(self, *args, keep_schedule=True, **options):
        if keep_schedule and not options["batch"]:
            threading.Thread(target=schedule_loop, name="schedule", daemon=True).start()
        return super().handle(*args, **options)
