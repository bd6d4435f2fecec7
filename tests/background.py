"""Helpers for tests of background work: tasks kept in the database and a worker run to the end."""

from django.core.management import call_command

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "emails", "documents", "schedule"]}
}


def run_worker():
    """Process every task that is ready now, as a production worker would, then return."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--queue-name=*", verbosity=0)
