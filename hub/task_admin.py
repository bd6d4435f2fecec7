"""Administrators' page of background tasks that failed for good (after every retry) or stalled."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import tasks


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
