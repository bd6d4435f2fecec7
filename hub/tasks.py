"""Background work on Django's tasks API (the django-tasks backport), tried again with back-off.

``@background_task()`` turns a module-level function into a task. When a run raises, the same
task is queued again ``TASK_RETRY_SECONDS`` later, four times longer after each failure, until
``TASK_MAX_ATTEMPTS``; the run that failed is recorded with :class:`RetryScheduled`, so that
only the last failure of a task waits for an administrator (``failed_for_good()``, shown in the
admin under Settings → Failed background tasks).

The database backend writes the task row in the caller's own transaction: workers see it
exactly when the action commits, and never if it rolls back, so nothing is lost between the
commit and the enqueue. Tests run tasks at once (``TASKS_BACKEND=immediate``).
"""

import datetime
import functools
import logging

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

ATTEMPT_KWARG = "_attempt"


class RetryScheduled(Exception):
    """This run failed and a later attempt is queued: not yet a failure anyone needs to act on."""


def retry_delay(attempt):
    """Seconds to wait after the given failed attempt: 30 s, 2 min, 8 min, 32 min, ~2 h, capped at 6 h."""
    return min(settings.TASK_RETRY_SECONDS * 4 ** (attempt - 1), 6 * 3600)


def background_task(*, queue_name="default", priority=0, max_attempts=None):
    """Decorate a module-level function to run in a worker, retried with back-off when it raises."""

    def decorator(func):
        @functools.wraps(func)
        def run(*args, **kwargs):
            attempt = kwargs.pop(ATTEMPT_KWARG, 1)
            try:
                return func(*args, **kwargs)
            except Exception as exc:
                _retry_later(background, args, kwargs, attempt=attempt, limit=max_attempts, exc=exc)
                raise

        background = task(queue_name=queue_name, priority=priority)(run)
        return background

    return decorator


def _retry_later(background, args, kwargs, *, attempt, limit, exc):
    limit = limit or settings.TASK_MAX_ATTEMPTS
    backend = background.get_backend()
    if attempt >= limit or not backend.supports_defer:
        return
    delay = retry_delay(attempt)
    run_after = timezone.now() + datetime.timedelta(seconds=delay)
    background.using(run_after=run_after).enqueue(*args, **kwargs, **{ATTEMPT_KWARG: attempt + 1})
    logger.warning("%s failed (attempt %s of %s), tried again in %s s: %r", background.name, attempt, limit, delay, exc)
    raise RetryScheduled(f"Attempt {attempt} of {limit} failed ({exc!r}); next at {run_after:%H:%M:%S}.") from exc


# A document asked of the workers is asked once; after this long (a worker died) it may be asked again.
PREPARE_WAIT_SECONDS = 10 * 60


def enqueue_once(background, *args, key):
    """Queue ``background(*args)`` unless a request queued the same ``key`` within PREPARE_WAIT_SECONDS:
    the first visitor's request asks a worker to prepare a document, those that follow wait for it."""
    if cache.add(f"tasks:queued:{key}", True, PREPARE_WAIT_SECONDS):
        background.enqueue(*args)


RETRY_SCHEDULED_PATH = f"{RetryScheduled.__module__}.{RetryScheduled.__qualname__}"


def failed_for_good():
    """Tasks whose last attempt failed, newest first: what the administrators' page lists."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.failed().exclude(exception_class_path=RETRY_SCHEDULED_PATH).order_by("-finished_at")


def stalled(*, hours=1):
    """Tasks still marked running long after they started: their worker died under them."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.running().filter(started_at__lt=timezone.now() - datetime.timedelta(hours=hours))


def failure_reason(db_result):
    """The last line of the traceback: the exception and its message."""
    lines = [line for line in db_result.traceback.strip().splitlines() if line.strip()]
    return lines[-1] if lines else db_result.exception_class_path


def attempt_of(db_result):
    return db_result.args_kwargs.get("kwargs", {}).get(ATTEMPT_KWARG, 1)


def run_again(db_result):
    """Queue a failed task anew (first attempt) and forget the failure it replaces."""
    kwargs = {key: value for key, value in db_result.args_kwargs["kwargs"].items() if key != ATTEMPT_KWARG}
    db_result.task.enqueue(*db_result.args_kwargs["args"], **kwargs)
    db_result.delete()
