"""Back-office views in the Wagtail admin: verification queue, initiatives, import and export."""

import logging
import secrets

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hub.imports import import_queue
from hub.models import Department
from hub.spreadsheets import CellNotEncodable
from hub.storage import private_storage_at
from hub.task_admin import import_answer

from . import exports, importing, services
from .forms import InitiativeTextsForm, InitiativeTransitionForm, OrganisationTextsForm, RejectForm
from .lookalikes import lookalike_warnings
from .models import FieldOfActivity, IdentityChange, Initiative, NewsPost, Organisation
from .views import attachment_response

PAGE_SIZE = 50
WAITING = "waiting"  # the initiatives list's "waiting for an answer" filter: submitted or under review
logger = logging.getLogger(__name__)


def import_storage():
    """Previewed registry files wait here for confirmation: private, and on the storage every app
    server shares (``NGOS_PRIVATE_ROOT``), since the confirming request may reach another server."""
    return private_storage_at(str(settings.NGOS_PRIVATE_ROOT / "imports"))


def _require(request, check):
    if not check(request.user):
        raise PermissionDenied


# --- verification ---------------------------------------------------------------------------


def verification_queue(request):
    """Organisations awaiting verification, oldest first, a page at a time."""
    _require(request, services.is_moderator)
    waiting = Organisation.objects.awaiting_verification().prefetch_related("fields").order_by("updated_at", "pk")
    queue = Paginator(waiting, PAGE_SIZE).get_page(request.GET.get("p"))
    recent = Organisation.objects.filter(status=Organisation.Status.REJECTED).order_by("-updated_at")[:10]
    identity = IdentityChange.objects.select_related("organisation").order_by("created_at", "pk")
    context = {"queue": queue, "rejected": recent, "identity_changes": identity}
    return TemplateResponse(request, "ngos/admin/verification_queue.html", context)


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
        "warnings": lookalike_warnings(organisation),
        "identity_change": IdentityChange.objects.filter(organisation=organisation).first(),
    }
    return TemplateResponse(request, "ngos/admin/organisation_review.html", context)


IDENTITY_DECISIONS = ("identity_approve", "identity_decline")
# The moderator's two ways of sending a registration back: (service, error without a reason, message).
SEND_BACK = {
    "reject": (
        services.organisation_reject,
        gettext_lazy("Give the reason for the rejection."),
        gettext_lazy("The registration is rejected; its leaders have been emailed."),
    ),
    "request_changes": (
        services.organisation_request_changes,
        gettext_lazy("Say what needs changing."),
        gettext_lazy("Changes are requested; its leaders have been emailed."),
    ),
}


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
        elif action in SEND_BACK:
            service, missing, done = SEND_BACK[action]
            form = RejectForm(request.POST)
            if not form.is_valid():
                raise ValidationError(missing)
            service(user=request.user, organisation=organisation, reason=form.cleaned_data["reason"])
            messages.success(request, done)
        elif action in IDENTITY_DECISIONS:
            change = get_object_or_404(IdentityChange, organisation=organisation)
            form = RejectForm(request.POST if action == "identity_decline" else None)
            if action == "identity_approve":
                services.identity_change_approve(user=request.user, change=change)
                messages.success(request, _("The new identity is public."))
            elif not form.is_valid():
                raise ValidationError(_("Say what needs changing."))
            else:
                services.identity_change_decline(user=request.user, change=change, reason=form.cleaned_data["reason"])
                messages.success(request, _("The verified identity stays; its leaders have been emailed."))
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
    if action == "verify" or action in SEND_BACK:
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
    changed = request.GET.get("changed") == "1"
    if changed:
        queryset = queryset.changed_since_verification()
    if q:
        queryset = queryset.search(q)
    page_obj = Paginator(queryset.order_by("name_ru", "pk"), PAGE_SIZE).get_page(request.GET.get("p"))
    counts = dict(Organisation.objects.values_list("status").annotate(n=Count("pk")))
    statuses = [(value, label, counts.get(value, 0)) for value, label in Organisation.Status.choices]
    context = {"page_obj": page_obj, "statuses": statuses, "status": status, "q": q, "changed": changed}
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
    elif selected["status"] == WAITING:
        queryset = queryset.awaiting_answer()
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


# --- news -----------------------------------------------------------------------------------

NEWS_STATES = {"shown": {"hidden_at__isnull": True}, "hidden": {"hidden_at__isnull": False}}


def news_index(request):
    """Every organisation's news, newest first, for moderators; filtered by shown or hidden."""
    _require(request, services.is_moderator)
    state = request.GET.get("state", "")
    queryset = NewsPost.objects.select_related("organisation").filter(**NEWS_STATES.get(state, {}))
    page_obj = Paginator(queryset.newest_first(), PAGE_SIZE).get_page(request.GET.get("p"))
    return TemplateResponse(request, "ngos/admin/news_index.html", {"page_obj": page_obj, "state": state})


def news_moderate(request, pk):
    """One post for a moderator: its text, and hiding it with a reason (or showing it again)."""
    _require(request, services.is_moderator)
    post = get_object_or_404(NewsPost.objects.select_related("organisation", "author", "hidden_by"), pk=pk)
    form = RejectForm(request.POST if request.POST.get("action") == "hide" else None)
    if request.method == "POST":
        if request.POST.get("action") == "restore":
            services.news_restore(user=request.user, post=post)
            messages.success(request, _("The post is public again."))
            return redirect("ngos_admin:news_moderate", pk=post.pk)
        if form.is_valid():
            services.news_hide(user=request.user, post=post, reason=form.cleaned_data["reason"])
            messages.success(request, _("The post is hidden; the organisation's leaders have been emailed."))
            return redirect("ngos_admin:news_moderate", pk=post.pk)
    return TemplateResponse(request, "ngos/admin/news_moderate.html", {"post": post, "form": form})


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
        extension = name.rsplit(".", 1)[-1].lower()
        import_storage().save(f"{token}.{extension}", ContentFile(content))
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
    path = f"{stored['token']}.{extension}"
    try:
        with import_storage().open(path) as previewed:
            content = previewed.read()
    except OSError:
        messages.error(request, _("The preview has expired. Upload the file again."))
        return redirect("ngos_admin:import")
    run = import_queue(kind="registry", file_name=stored["name"], content=content, user=request.user)
    import_storage().delete(path)
    return import_answer(
        request, run, done_url=reverse("ngos_admin:organisation_index"), failed_url=reverse("ngos_admin:import")
    )


def export_registry(request, fmt):
    """Staff export of the whole registry (every status); CSV also in Windows-1251 (``?encoding=``)."""
    _require(request, services.is_moderator)
    encoding = request.GET.get("encoding", "utf-8")
    if fmt not in exports.FORMATS or encoding not in exports.CSV_ENCODINGS:
        raise PermissionDenied
    try:
        return exports.open_data_response(Organisation.objects.order_by("name_ru", "pk"), fmt, encoding)
    except CellNotEncodable as refused:
        messages.error(
            request,
            _(
                "Nothing was exported: row %(row)s, column %(column)s holds “%(character)s”, which %(encoding)s "
                "cannot hold. Export CSV in UTF-8 or XLSX instead."
            )
            % {"row": refused.row, "column": refused.column, "character": refused.character, "encoding": encoding},
        )
        return redirect("ngos_admin:organisation_index")


# --- translations ---------------------------------------------------------------------------


def texts_translate(request, kind, pk):
    """Editors add or correct the language versions of an organisation's description or an initiative."""
    model, form_class, check = TRANSLATABLE[kind]
    _require(request, check)
    obj = get_object_or_404(model, pk=pk)
    form = form_class(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        try:
            services.texts_translate(user=request.user, obj=obj, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(request.path)
    return TemplateResponse(request, "ngos/admin/translations.html", {"object": obj, "form": form})


TRANSLATABLE = {
    "organisation": (Organisation, OrganisationTextsForm, services.is_moderator),
    "initiative": (Initiative, InitiativeTextsForm, services.is_initiative_staff),
}
