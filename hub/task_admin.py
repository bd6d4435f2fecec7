"""Administrators' page of background tasks that failed for good (after every retry) or stalled;
the status page of an import a worker writes (hub/imports.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import imports, tasks
from .models import ImportRun


def _administrators_only(request):
    if not request.user.is_superuser:
        raise PermissionDenied


def failed_tasks(request):
    """The last failure of each task that gave up, with its reason; stalled tasks below."""
    _administrators_only(request)
    failed = [
        {"result": result, "reason": tasks.failure_reason(result), "attempts": tasks.attempt_of(result)}
        for result in tasks.failed_for_good()[:200]
    ]
    context = {"failed": failed, "stalled": tasks.stalled()[:200], "total": tasks.failed_for_good().count()}
    return render(request, "hub/admin/failed_tasks.html", context)


@require_POST
def retry_task(request, pk):
    """Queue a failed task again from its first attempt; its failure row is replaced by the new one."""
    _administrators_only(request)
    result = get_object_or_404(tasks.failed_for_good(), pk=pk)
    tasks.run_again(result)
    messages.success(request, _("The task is queued again."))
    return redirect("hub_tasks_admin:failed")


def import_answer(request, run, *, done_url, failed_url):
    """What the confirming request answers: the outcome when the run finished already (tests, a fast
    worker), otherwise the run's status page, which follows it until the worker is done."""
    if run.status == ImportRun.Status.DONE:
        messages.success(request, run.summary)
        return redirect(done_url)
    if run.status == ImportRun.Status.FAILED:
        messages.error(request, run.reason)
        return redirect(failed_url)
    messages.info(request, _("The import is queued. You will get an email when it is done."))
    return redirect("hub_tasks_admin:import_run", pk=run.pk)


def import_run(request, pk):
    """One import's status (queued, running, done with N rows, failed with the reason) and the person's
    recent imports; the page reloads itself while the worker is busy."""
    runs = imports.runs_of(request.user)
    run = get_object_or_404(runs, pk=pk)
    return render(request, "hub/admin/import_run.html", {"run": run, "recent": runs[:20]})
