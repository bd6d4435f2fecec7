"""Back-office views in the Wagtail admin: verification queue, initiatives, import and export."""

import logging
import os
import secrets
import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.models import Department

from . import exports, importing, services
from .forms import InitiativeTransitionForm, RejectForm
from .models import FieldOfActivity, Initiative, Organisation
from .views import attachment_response

PAGE_SIZE = 50
logger = logging.getLogger(__name__)
IMPORT_DIR = Path(tempfile.gettempdir()) / "hub-ngos-imports"


def _require(request, check):
    if not check(request.user):
        raise PermissionDenied


# --- verification ---------------------------------------------------------------------------


def verification_queue(request):
    """Organisations awaiting verification, oldest first."""
    _require(request, services.is_moderator)
    queue = Organisation.objects.awaiting_verification().prefetch_related("fields").order_by("updated_at", "pk")
    recent = Organisation.objects.filter(status=Organisation.Status.REJECTED).order_by("-updated_at")[:10]
    return TemplateResponse(request, "ngos/admin/verification_queue.html", {"queue": queue, "rejected": recent})


def organisation_review(request, pk):
    """One organisation for a moderator: profile, status log, history of profile changes, decisions."""
    _require(request, services.is_moderator)
    organisation = get_object_or_404(
        Organisation.objects.prefetch_related("fields", "target_groups", "districts"), pk=pk
    )
    context = {
        "organisation": organisation,
        "status_changes": organisation.status_changes.select_related("actor"),
        "profile_changes": organisation.profile_changes.select_related("actor")[:50],
        "memberships": organisation.memberships.select_related("user"),
        "reject_form": RejectForm(),
    }
    return TemplateResponse(request, "ngos/admin/organisation_review.html", context)


@require_POST
def organisation_decide(request, pk):
    """Verify, reject, archive or restore: each through its service."""
    _require(request, services.is_moderator)
    organisation = get_object_or_404(Organisation, pk=pk)
    action = request.POST.get("action")
    try:
        if action == "verify":
            services.organisation_verify(user=request.user, organisation=organisation)
            messages.success(request, _("The organisation is verified; its leaders have been emailed."))
        elif action == "reject":
            form = RejectForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Give the reason for the rejection."))
            services.organisation_reject(
                user=request.user, organisation=organisation, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("The registration is rejected; its leaders have been emailed."))
        elif action == "archive":
            services.organisation_archive(
                user=request.user, organisation=organisation, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("The organisation is archived."))
        elif action == "restore":
            services.organisation_restore(user=request.user, organisation=organisation)
            messages.success(request, _("The organisation is back in the directory."))
        else:
            raise ValidationError(_("Unknown action."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("ngos_admin:organisation_review", pk=organisation.pk)
    if action in ("verify", "reject"):
        return redirect("ngos_admin:verification_queue")
    return redirect("ngos_admin:organisation_review", pk=organisation.pk)


def organisation_index(request):
    """All organisations, searchable and filterable by status, for moderators."""
    _require(request, services.is_moderator)
    queryset = Organisation.objects.all()
    status = request.GET.get("status", "")
    q = request.GET.get("q", "").strip()
    if status in Organisation.Status.values:
        queryset = queryset.filter(status=status)
    if q:
        queryset = queryset.search(q)
    page_obj = Paginator(queryset.order_by("name_ru", "pk"), PAGE_SIZE).get_page(request.GET.get("p"))
    counts = dict(Organisation.objects.values_list("status").annotate(n=Count("pk")))
    statuses = [(value, label, counts.get(value, 0)) for value, label in Organisation.Status.choices]
    context = {"page_obj": page_obj, "statuses": statuses, "status": status, "q": q}
    return TemplateResponse(request, "ngos/admin/organisation_index.html", context)


# --- initiatives ----------------------------------------------------------------------------


def initiative_index(request):
    """Initiatives for editors, filtered by status, field and responsible body."""
    _require(request, services.is_initiative_staff)
    queryset = Initiative.objects.exclude(status=Initiative.Status.DRAFT).select_related(
        "organisation", "field", "department"
    )
    selected = {name: request.GET.get(name, "") for name in ("status", "field", "department")}
    if selected["status"] in Initiative.Status.values:
        queryset = queryset.filter(status=selected["status"])
    if selected["field"]:
        queryset = queryset.filter(field__slug=selected["field"])
    if selected["department"]:
        queryset = queryset.filter(department__slug=selected["department"])
    page_obj = Paginator(queryset.order_by("-submitted_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("p"))
    context = {
        "page_obj": page_obj,
        "selected": selected,
        "statuses": [c for c in Initiative.Status.choices if c[0] != Initiative.Status.DRAFT],
        "fields": FieldOfActivity.objects.ordered(),
        "departments": Department.objects.active().ordered(),
    }
    return TemplateResponse(request, "ngos/admin/initiative_index.html", context)


def initiative_handle(request, pk):
    """One initiative for an editor: the proposal, the log, and the next step with the official answer."""
    _require(request, services.is_initiative_staff)
    initiative = get_object_or_404(
        Initiative.objects.exclude(status=Initiative.Status.DRAFT).select_related("organisation", "department"), pk=pk
    )
    allowed = services.allowed_initiative_transitions(request.user, initiative)
    form = InitiativeTransitionForm(
        request.POST or None, allowed=allowed, initial={"department": initiative.department}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_transition(
                user=request.user,
                initiative=initiative,
                to_status=form.cleaned_data["to_status"],
                comment=form.cleaned_data["comment"],
                department=form.cleaned_data["department"],
            )
        except ValidationError as error:
            form.add_error(None, error)  # a dict error names the form's own fields
        else:
            messages.success(request, _("The status is changed; the organisation's members have been emailed."))
            return redirect("ngos_admin:initiative_handle", pk=initiative.pk)
    context = {
        "initiative": initiative,
        "form": form,
        "allowed": allowed,
        "transitions": initiative.transitions.select_related("actor"),
        "attachments": initiative.attachments.all(),
    }
    return TemplateResponse(request, "ngos/admin/initiative_handle.html", context)


def initiative_attachment(request, pk, attachment_pk):
    """An attachment of a submitted initiative, for the staff who handle it."""
    _require(request, services.is_initiative_staff)
    initiative = get_object_or_404(Initiative.objects.exclude(status=Initiative.Status.DRAFT), pk=pk)
    return attachment_response(get_object_or_404(initiative.attachments, pk=attachment_pk))


# --- import and export ----------------------------------------------------------------------


def import_upload(request):
    """Step 1: upload a CSV or XLSX; step 2 is the preview, nothing written yet."""
    _require(request, services.can_import)
    error = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error = _("Choose a file to upload.")
        elif upload.size > importing.MAX_BYTES:
            error = _("The file is too large: at most 10 MB.")
        else:
            content = upload.read()
            try:
                dataset = importing.read_dataset(upload.name, content)
            except importing.ImportFileError as problem:
                error = str(problem)
            else:
                return _preview(request, upload.name, content, dataset)
    return TemplateResponse(request, "ngos/admin/import_upload.html", {"error": error})


def _preview(request, name, content, dataset):
    result = importing.import_organisations(dataset, dry_run=True)
    counts, problems, rows = importing.summarise(result, dataset)
    token = None
    if not problems:
        token = secrets.token_hex(16)
        IMPORT_DIR.mkdir(parents=True, exist_ok=True)
        extension = name.rsplit(".", 1)[-1].lower()
        (IMPORT_DIR / f"{token}.{extension}").write_bytes(content)
        request.session["ngos_import"] = {"token": token, "name": name}
    context = {
        "counts": counts,
        "problems": problems[:500],
        "problem_count": len(problems),
        "rows": rows,
        "token": token,
        "name": name,
    }
    return TemplateResponse(request, "ngos/admin/import_preview.html", context)


@require_POST
def import_confirm(request):
    """Step 3: write the previewed file, all or nothing."""
    _require(request, services.can_import)
    stored = request.session.pop("ngos_import", None)
    if not stored or stored["token"] != request.POST.get("token"):
        messages.error(request, _("The preview has expired. Upload the file again."))
        return redirect("ngos_admin:import")
    extension = stored["name"].rsplit(".", 1)[-1].lower()
    path = IMPORT_DIR / f"{stored['token']}.{extension}"
    try:
        dataset = importing.read_dataset(stored["name"], path.read_bytes())
        result = importing.import_organisations(dataset, dry_run=False)
    except (OSError, importing.ImportFileError):
        messages.error(request, _("The preview has expired. Upload the file again."))
        return redirect("ngos_admin:import")
    finally:
        if path.exists():
            os.remove(path)
    counts, problems, _rows = importing.summarise(result, dataset)
    if problems:
        messages.error(request, _("Nothing was imported: the file has errors."))
        return redirect("ngos_admin:import")
    messages.success(
        request,
        _("Import finished: %(new)d new, %(update)d updated, %(skip)d unchanged.") % counts,
    )
    return redirect("ngos_admin:organisation_index")


def export_registry(request, fmt):
    """Staff export of the whole registry (every status)."""
    _require(request, services.is_moderator)
    if fmt not in exports.FORMATS:
        raise PermissionDenied
    return exports.open_data_response(Organisation.objects.order_by("name_ru", "pk"), fmt)
