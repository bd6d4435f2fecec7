"""Public road-map pages: the list, a road map's overview and actions, an action's timeline,
progress updates by partners, NGO proposals, and the exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hub import charts
from hub.downloads import being_prepared, download
from hub.params import parse_int
from hub.spreadsheets import CSV_TYPE, XLSX_TYPE

from . import exports, overview, services
from .forms import ProgressUpdateForm, ProposalForm
from .models import Action, RoadMap
from .permissions import can_post_update, member_organisations

ACTIONS_PER_PAGE = 50


def get_roadmap(slug):
    """A published road map, or 404."""
    return get_object_or_404(RoadMap.objects.published().select_related("owner"), slug=slug)


def get_action(roadmap, code):
    section_number, _dot, number = (parse_int(part) for part in code.partition("."))
    if section_number is None or number is None:
        raise Http404
    return get_object_or_404(
        Action.objects.select_related("section", "section__roadmap").with_overdue(),
        section__roadmap=roadmap,
        section__number=section_number,
        number=number,
    )


@require_GET
def roadmap_list(request):
    roadmaps = RoadMap.objects.published().select_related("owner").current_first()
    return render(request, "roadmaps/roadmap_list.html", {"roadmaps": roadmaps})


@require_GET
def roadmap_detail(request, slug):
    """Overview figures, the chart, the table by responsible body, and the filtered action list."""
    roadmap = get_roadmap(slug)
    actions, selected = overview.filter_actions(roadmap, request.GET)
    # Everything below the personal part is read only when its shared fragment is not cached
    # (see roadmap_detail.html): lazy, so a cached fragment runs none of these queries.
    figures = SimpleLazyObject(lambda: overview.figures(roadmap_actions(roadmap)))
    context = {
        "roadmap": roadmap,
        "figures": figures,
        "chart": SimpleLazyObject(lambda: charts.bar_chart(figures["by_status"], label="label")),
        "departments_table": overview.by_department(roadmap),
        "sections": overview.sections_with_progress(roadmap),
        "page_obj": SimpleLazyObject(lambda: Paginator(actions, ACTIONS_PER_PAGE).get_page(request.GET.get("page"))),
        "selected": selected,
        "is_filtered": any(selected.values()),
        "choices": overview.filter_choices(roadmap),
        "can_propose": roadmap.accepts_proposals() and member_organisations(request.user).exists(),
        "my_proposals": my_proposals(request.user, roadmap),
    }
    return render(request, "roadmaps/roadmap_detail.html", context)


def roadmap_actions(roadmap):
    return Action.objects.of_roadmap(roadmap)


def my_proposals(user, roadmap):
    if not user.is_authenticated:
        return []
    return list(
        roadmap.proposals.of_organisations(member_organisations(user))
        .select_related("organisation", "action", "action__section")
        .order_by("-created_at")
    )


def action_context(request, roadmap, action, form=None):
    updates = action.updates.select_related("author", "organisation", "indicator").prefetch_related("evidence")
    may_update = can_post_update(request.user, action)
    if may_update and form is None:
        form = ProgressUpdateForm(action=action, initial={"occurred_on": overview.today()})
    return {
        "roadmap": roadmap,
        "action": action,
        "departments": action.departments.all(),
        "partner_links": action.partner_links.select_related("organisation"),
        "indicators": action.indicators.all(),
        "evidence": action.evidence.filter(update__isnull=True),
        "initiatives": action.initiatives.all(),
        "updates": updates,
        "form": form if may_update else None,
    }


@require_GET
def action_detail(request, slug, code):
    roadmap = get_roadmap(slug)
    action = get_action(roadmap, code)
    return render(request, "roadmaps/action_detail.html", action_context(request, roadmap, action))


@login_required
def action_update(request, slug, code):
    """Post a progress update: editors, or members of a partner NGO the editor allowed."""
    roadmap = get_roadmap(slug)
    action = get_action(roadmap, code)
    if not can_post_update(request.user, action):
        raise PermissionDenied
    if request.method != "POST":
        return redirect(action.get_absolute_url() + "#update")
    form = ProgressUpdateForm(request.POST, request.FILES, action=action)
    if form.is_valid():
        try:
            services.update_post(action=action, user=request.user, **form.service_arguments())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The update has been posted."))
            return redirect(action.get_absolute_url())
    context = action_context(request, roadmap, action, form=form)
    return render(request, "roadmaps/action_detail.html", context, status=400)


@login_required
def proposal_create(request, slug):
    """NGO members propose an action while the road map is drafting and open for proposals."""
    roadmap = get_roadmap(slug)
    organisations = member_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    if not roadmap.accepts_proposals():
        messages.error(request, _("This road map is not open for proposals."))
        return redirect(roadmap.get_absolute_url())
    form = ProposalForm(request.POST or None, roadmap=roadmap, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_submit(roadmap=roadmap, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your proposal has been sent to the akimat's editors."))
            return redirect(roadmap.get_absolute_url())
    return render(request, "roadmaps/proposal_form.html", {"roadmap": roadmap, "form": form})


@require_GET
def roadmap_pdf(request, slug):
    roadmap = get_roadmap(slug)
    data = exports.ready_roadmap_pdf(roadmap, language=request.LANGUAGE_CODE)
    if data is None:
        back = _("Back to the road map")
        return being_prepared(request, title=roadmap.title, back_url=roadmap.get_absolute_url(), back_label=back)
    return download(data, "application/pdf", f"{roadmap.slug}-{request.LANGUAGE_CODE}.pdf")


@require_GET
def roadmap_xlsx(request, slug):
    roadmap = get_roadmap(slug)
    return download(exports.roadmap_xlsx(roadmap), XLSX_TYPE, f"{roadmap.slug}.xlsx")


@require_GET
def roadmap_csv(request, slug):
    roadmap = get_roadmap(slug)
    return download(exports.roadmap_csv(roadmap), CSV_TYPE, f"{roadmap.slug}.csv")
