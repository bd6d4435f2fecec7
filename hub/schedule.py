"""The periodic jobs, kept by the workers instead of cron (each is still a command of its own).

Every worker (``manage.py run_worker``) looks at the schedule every half minute. A run that is
due is claimed by inserting a ``ScheduledRun`` row for its slot, in the same transaction as its
task: the unique (job, slot) pair lets one worker on one machine win, however many look. The
commands also take a lock (hub/locks.py), so a run from cron or by hand never overlaps another.
"""

import dataclasses
import datetime
import logging

from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from .tasks import background_task

logger = logging.getLogger(__name__)

WORKING_HOURS = tuple(range(9, 19))
WORKDAYS = (0, 1, 2, 3, 4)
EVERY_DAY = tuple(range(7))


@dataclasses.dataclass(frozen=True)
class Job:
    """A command run at ``minute`` past each of ``hours`` (Almaty time) on ``weekdays`` (Monday is 0)."""

    command: str
    hours: tuple
    minute: int = 0
    weekdays: tuple = EVERY_DAY

    def last_slot(self, now):
        """The latest time at or before ``now`` this job was due, within the past week."""
        local = timezone.localtime(now).replace(minute=self.minute, second=0, microsecond=0)
        for back in range(24 * 8):
            slot = local - datetime.timedelta(hours=back)
            if slot <= now and slot.hour in self.hours and slot.weekday() in self.weekdays:
                return slot
        return None


SCHEDULE = (
    Job("send_meeting_reminders", hours=(10,)),
    Job("warn_breaches", hours=WORKING_HOURS, weekdays=WORKDAYS),
    Job("purge_personal_data", hours=(3,), minute=15),
    Job("sweep_orphan_files", hours=(3,), minute=45),
    Job("verify_audit_log", hours=(4,), minute=15),
    Job("prune_db_task_results", hours=(5,), minute=15),
    Job("notify_overdue_assignments", hours=(9,), minute=5),
    Job("send_daily_digests", hours=(8,)),
    Job("send_weekly_digests", hours=(8,), minute=30, weekdays=(0,)),
)
# A run missed for longer than this (all workers down) is skipped rather than run late.
LATE_LIMIT = datetime.timedelta(hours=6)


def enqueue_due(*, now=None):
    """Queue each job whose latest slot no worker has claimed yet; returns the jobs queued."""
    now = now or timezone.now()
    queued = []
    for job in SCHEDULE:
        slot = job.last_slot(now)
        if slot is None or now - slot > LATE_LIMIT:
            continue
        try:
            with transaction.atomic():
                from .models import ScheduledRun

                ScheduledRun.objects.create(job=job.command, slot=slot)
                run_scheduled_command.enqueue(job.command)
        except IntegrityError:
            continue  # another worker claimed this run
        queued.append(job.command)
    return queued


@background_task(queue_name="schedule", max_attempts=2)
def run_scheduled_command(command):
    call_command(command, **PRUNE_OPTIONS.get(command, {}))


# Results of tasks are kept a month, failures a year (the failed-tasks page lists them until then).
PRUNE_OPTIONS = {
    "prune_db_task_results": {"min_age_days": 30, "failed_min_age_days": 365, "queue_name": "*", "verbosity": 0}
}
