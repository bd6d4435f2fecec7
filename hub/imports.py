"""Confirmed imports are written by a worker, not inside the request: a 5,000-row registry takes longer
than a proxy waits, and the file must reach whichever machine runs the work.

The confirming request stores the previewed file in an ``ImportRun`` row (the database every server
shares) and queues ``run_import``; the worker calls the app's importer, records "done with N rows" or
"failed with reason", and emails the person who asked. The admin's status page shows the run meanwhile.
Tests run tasks at once, so the request sees the finished run and answers as before.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .emails import send_email_to_user
from .links import absolute_url
from .models import ImportRun
from .tasks import background_task

# kind -> the app's importer: ``importer(run)`` writes the rows (all or nothing) and returns
# (rows, summary), or raises ImportRefused with the reason the person reads.
IMPORTERS = {
    "registry": "ngos.importing.run_confirmed",
    "roadmap": "roadmaps.imports.run_confirmed",
}


class ImportRefused(Exception):
    """The file cannot be imported (errors in its rows): nothing was written; the message says why."""


def import_queue(*, kind, file_name, content, user, target_id=None):
    """Keep the confirmed file and ask a worker to import it; returns the run."""
    if kind not in IMPORTERS:
        raise ValueError(kind)
    with transaction.atomic():
        run = ImportRun.objects.create(
            kind=kind,
            target_id=target_id,
            file_name=file_name[:255],
            content=content,
            requested_by=user,
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        run_import.enqueue(run.pk)
    run.refresh_from_db()  # tests run the task at once
    return run


def runs_of(user):
    """The imports a person may follow: their own; administrators see everyone's."""
    runs = ImportRun.objects.defer("content").select_related("requested_by")
    return runs if user.is_superuser else runs.filter(requested_by=user)


@background_task()
def run_import(run_pk):
    run = ImportRun.objects.filter(pk=run_pk).exclude(status=ImportRun.Status.DONE).first()
    if run is None:
        return  # already written by an earlier attempt
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING)
    with translation.override(run.language):
        try:
            rows, summary = import_string(IMPORTERS[run.kind])(run)
        except ImportRefused as refused:
            _finish(run, ImportRun.Status.FAILED, reason=str(refused))
        except Exception as error:
            # Kept with its file for the retry; the failed-tasks page has the traceback.
            reason = _("Unexpected error: %(error)s") % {"error": error}
            _finish(run, ImportRun.Status.FAILED, reason=reason, keep_file=True)
            raise
        else:
            _finish(run, ImportRun.Status.DONE, rows=rows, summary=summary)


def _finish(run, status, *, rows=None, summary="", reason="", keep_file=False):
    run.status, run.rows, run.summary, run.reason = status, rows, summary[:500], reason
    run.finished_at = timezone.now()
    fields = ["status", "rows", "summary", "reason", "finished_at"]
    if not keep_file:
        run.content = b""  # written or refused: the file is not needed any more
        fields.append("content")
    run.save(update_fields=fields)
    if run.requested_by and run.requested_by.email:
        url = absolute_url(reverse("hub_tasks_admin:import_run", args=[run.pk]))
        context = {"run": run, "url": url}
        send_email_to_user(user=run.requested_by, template="hub/emails/import_finished", context=context)
