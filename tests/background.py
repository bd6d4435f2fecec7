"""Helpers for tests of background work: tasks kept in the database and a worker run to the end."""

from unittest import mock

from django.core.management import call_command

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "emails", "documents", "schedule"]}
}


def run_worker():
    """Process every task that is ready now, as a production worker would, then return.

    The worker closes connections that are not in autocommit mode between tasks; a test's
    connection is inside the test's transaction on purpose, so that closing is left out here.
    """
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--queue-name=*", verbosity=0)
