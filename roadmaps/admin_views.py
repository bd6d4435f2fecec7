"""Back-office views for editors: lifecycle steps, deciding NGO proposals, importing actions."""

import secrets

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hub.imports import import_queue
from hub.task_admin import import_answer

from . import imports, services
from .forms import AcceptProposalForm, DeclineProposalForm, ImportForm, RoadMapTransitionForm
from .models import Proposal, RoadMap
from .permissions import can_edit_roadmaps

IMPORT_CACHE_SECONDS = 30 * 60


def _editor_only(request):
    if not can_edit_roadmaps(request.user):
        raise PermissionDenied


def _roadmap_edit_url(roadmap):
    return reverse("wagtailsnippets_roadmaps_roadmap:edit", args=[roadmap.pk])


def roadmap_status(request, pk):
    """Move a road map one step along its lifecycle, with a comment kept in its history."""
    _editor_only(request)
    roadmap = get_object_or_404(RoadMap, pk=pk)
    form = RoadMapTransitionForm(request.POST or None, roadmap=roadmap)
    if request.method == "POST" and form.is_valid():
        try:
            services.roadmap_transition(roadmap=roadmap, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The road map's status has been changed."))
            return redirect(_roadmap_edit_url(roadmap))
    history = roadmap.status_changes.select_related("changed_by")
    context = {"roadmap": roadmap, "form": form, "history": history}
    return render(request, "roadmaps/admin/roadmap_status.html", context)


PROPOSALS_PER_PAGE = 50


def proposal_queue(request):
    """Proposals, those waiting for a decision first, newest first."""
    _editor_only(request)
    waiting_first = Case(When(status=Proposal.Status.SUBMITTED, then=0), default=1)
    proposals = Proposal.objects.select_related("roadmap", "organisation", "action__section").order_by(
        waiting_first, "-created_at", "-pk"
    )
    if request.GET.get("status") in Proposal.Status.values:
        proposals = proposals.filter(status=request.GET["status"])
    # A page at a time: decided proposals pile up year after year.
    page = Paginator(proposals, PROPOSALS_PER_PAGE).get_page(request.GET.get("p"))
    return render(request, "roadmaps/admin/proposal_queue.html", {"proposals": page})


def proposal_decide(request, pk):
    """Accept a proposal into the road map as an action, or decline it with a reason."""
    _editor_only(request)
    proposal = get_object_or_404(
        Proposal.objects.select_related("roadmap", "organisation", "proposer", "section"), pk=pk
    )
    accept_form = AcceptProposalForm(
        request.POST if request.POST.get("decision") == "accept" else None, proposal=proposal
    )
    decline_form = DeclineProposalForm(request.POST if request.POST.get("decision") == "decline" else None)
    if request.method == "POST":
        form = accept_form if request.POST.get("decision") == "accept" else decline_form
        if form.is_valid():
            try:
                if form is accept_form:
                    services.proposal_accept(proposal=proposal, user=request.user, **form.cleaned_data)
                    messages.success(request, _("The proposal is accepted and added to the road map."))
                else:
                    services.proposal_decline(proposal=proposal, user=request.user, **form.cleaned_data)
                    messages.success(request, _("The proposal is declined; the NGO has been told why."))
                return redirect("roadmaps_admin:proposals")
            except ValidationError as error:
                form.add_error(None, error)
    context = {"proposal": proposal, "accept_form": accept_form, "decline_form": decline_form}
    return render(request, "roadmaps/admin/proposal_decide.html", context)


def roadmap_import(request, pk):
    """Upload an XLSX of actions, see every row's outcome and errors, then import all or nothing."""
    _editor_only(request)
    roadmap = get_object_or_404(RoadMap, pk=pk)
    context = {"roadmap": roadmap, "form": ImportForm()}
    if request.method == "POST" and request.POST.get("token"):
        return _import_confirm(request, roadmap)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            content = form.cleaned_data["file"].read(imports.MAX_BYTES + 1)
            try:
                rows = imports.preview(roadmap, content)
            except imports.FileRefused as error:
                form.add_error("file", error)
            else:
                context.update(_preview_context(rows))
                if not context["invalid"]:
                    context["token"] = secrets.token_urlsafe(16)
                    cache.set(_cache_key(request, context["token"]), content, IMPORT_CACHE_SECONDS)
    return render(request, "roadmaps/admin/import.html", context)


def _preview_context(rows):
    return {
        "rows": rows,
        "invalid": sum(1 for row in rows if row.errors),
        "new": sum(1 for row in rows if row.outcome == "new"),
        "updated": sum(1 for row in rows if row.outcome == "update"),
    }


def _cache_key(request, token):
    return f"roadmaps-import:{request.user.pk}:{token}"


def _import_confirm(request, roadmap):
    content = cache.get(_cache_key(request, request.POST["token"]))
    if content is None:
        messages.error(request, _("The preview has expired. Upload the file again."))
        return redirect("roadmaps_admin:import", pk=roadmap.pk)
    run = import_queue(
        kind="roadmap", file_name=f"{roadmap.slug}.xlsx", content=content, user=request.user, target_id=roadmap.pk
    )
    cache.delete(_cache_key(request, request.POST["token"]))
    return import_answer(
        request,
        run,
        done_url=_roadmap_edit_url(roadmap),
        failed_url=reverse("roadmaps_admin:import", args=[roadmap.pk]),
    )
