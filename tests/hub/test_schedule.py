"""The periodic jobs: kept by the workers, each run once per slot, never two at once."""

import datetime
import io
import threading
import zoneinfo

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from hub import schedule
from hub.locks import exclusive
from hub.models import ScheduledRun
from tests.background import run_worker

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
TUESDAY_1030 = datetime.datetime(2026, 12, 1, 10, 30, tzinfo=ALMATY)


def test_each_job_knows_its_latest_slot():
    jobs = {job.command: job for job in schedule.SCHEDULE}
    assert jobs["warn_breaches"].last_slot(TUESDAY_1030) == TUESDAY_1030.replace(minute=0)
    assert jobs["purge_personal_data"].last_slot(TUESDAY_1030) == TUESDAY_1030.replace(hour=3, minute=15)
    saturday = datetime.datetime(2026, 12, 5, 12, 0, tzinfo=ALMATY)
    assert jobs["warn_breaches"].last_slot(saturday) == datetime.datetime(2026, 12, 4, 18, 0, tzinfo=ALMATY)


def test_two_workers_looking_at_the_schedule_queue_each_run_once(db, database_tasks):
    first = schedule.enqueue_due(now=TUESDAY_1030)
    second = schedule.enqueue_due(now=TUESDAY_1030)
    due = ["send_meeting_reminders", "warn_breaches", "prune_db_task_results"]
    due += ["notify_overdue_assignments", "send_daily_digests"]  # the weekly digest was Monday
    assert first == due and second == []
    assert DBTaskResult.objects.count() == 5 and ScheduledRun.objects.count() == 5
    run_worker()
    assert DBTaskResult.objects.successful().count() >= 5


def test_a_run_missed_for_hours_is_skipped_not_run_late(db, database_tasks):
    evening = TUESDAY_1030.replace(hour=23)
    assert "send_meeting_reminders" not in schedule.enqueue_due(now=evening)


@pytest.mark.parametrize("command", ["warn_breaches", "purge_personal_data", "verify_audit_log"])
def test_a_periodic_command_started_while_another_machine_runs_it_skips(db, command):
    out = io.StringIO()

    def second_machine():
        try:
            call_command(command, stdout=out)
        finally:
            connection.close()

    with exclusive(f"command:{command}") as held:
        assert held
        thread = threading.Thread(target=second_machine)
        thread.start()
        thread.join()
    assert "already running elsewhere; skipped" in out.getvalue()


def test_the_lock_is_free_again_after_the_run(db):
    with exclusive("command:verify_audit_log") as held:
        assert held
    with exclusive("command:verify_audit_log") as again:
        assert again
