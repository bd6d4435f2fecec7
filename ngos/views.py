"""Public and member views of the NGO registry and initiatives."""

from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.downloads import private_file
from hub.models import District
from hub.page_cache import shared
from hub.pagination import CountedPaginator
from hub.panels import collect
from hub.uploads import content_type_of

from . import directory, exports, services
from .forms import (
    REGISTRATION_STEPS,
    IdentityForm,
    InitiativeForm,
    InvitationForm,
    NewsPostForm,
    RoleForm,
    split_m2m,
)
from .models import (
    ACTIVE_WINDOW,
    FieldOfActivity,
    IdentityChange,
    Initiative,
    Invitation,
    Membership,
    NewsPost,
    Organisation,
)

PAGE_SIZE = 20
NEWS_PAGE_SIZE = 10
LATEST_NEWS = 3


def _form_errors(form, error):
    """Put a service's ValidationError on the form it came from."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# --- finding objects the user may see -------------------------------------------------------


def _organisation_for(request, slug, queryset=None):
    """The organisation if this user may see it: verified ones for everyone, others for members and moderators."""
    organisation = get_object_or_404(queryset if queryset is not None else Organisation.objects, slug=slug)
    if organisation.status == Organisation.Status.VERIFIED:
        return organisation
    if services.is_moderator(request.user) or services.membership_of(request.user, organisation):
        return organisation
    raise Http404


def _organisation_for_member(request, slug, *, leader=False):
    organisation = get_object_or_404(Organisation, slug=slug)
    membership = services.membership_of(request.user, organisation)
    if membership is None:
        raise Http404
    if leader and not membership.is_leader:
        raise PermissionDenied
    return organisation, membership


def _initiative_for(request, pk):
    queryset = Initiative.objects.visible_to(request.user).select_related(
        "organisation", "field", "district", "department"
    )
    return get_object_or_404(queryset, pk=pk)


# --- directory ------------------------------------------------------------------------------


def organisation_directory(request):
    """The public directory: verified organisations with search, facets and counts, paginated."""
    filters = directory.read_filters(request.GET)
    queryset = directory.ordered(directory.filtered(filters), filters["sort"])
    queryset = queryset.prefetch_related(Prefetch("fields", queryset=FieldOfActivity.objects.ordered()))
    # The count and the facets are the same for everyone with these filters: once per state of the content.
    state = directory.state(filters)
    count = shared("directory-count", state, lambda: directory.filtered(filters).count())
    page_obj = CountedPaginator(queryset, PAGE_SIZE, count=count).get_page(request.GET.get("page"))
    counts = shared("directory-facets", state, lambda: directory.facet_counts(filters))
    references = directory.reference_lists()
    context = {
        "page_obj": page_obj,
        "organisations": page_obj.object_list,
        "filters": filters,
        "facets": directory.facet_options(filters, counts, references),
        "export_query": request.GET.urlencode(),
        "followable_filters": directory.followable_filters(filters),
    }
    if filters["q"] and not page_obj.paginator.count and not filters["reduced"]:
        context["suggestion"] = directory.suggestion(filters["q"])
        if context["suggestion"]:
            params = request.GET.copy()
            params["q"] = context["suggestion"]
            params.pop("page", None)
            context["suggestion_query"] = params.urlencode()
    return render(request, "ngos/directory.html", context)


def organisation_export(request, fmt):
    """Open data: the verified registry with the current filters, as CSV, XLSX or JSON."""
    if fmt not in exports.FORMATS:
        raise Http404
    filters = directory.read_filters(request.GET)
    queryset = directory.ordered(directory.filtered(filters), filters["sort"])
    return exports.open_data_response(queryset, fmt)


def organisation_detail(request, slug):
    """An organisation's public page: profile, initiatives, and other apps' sections."""
    queryset = Organisation.objects.prefetch_related("fields", "target_groups", "districts")
    organisation = _organisation_for(request, slug, queryset)
    membership = services.membership_of(request.user, organisation)
    initiatives = organisation.initiatives.all() if membership else organisation.initiatives.public()
    context = {
        "organisation": organisation,
        "membership": membership,
        "is_moderator": services.is_moderator(request.user),
        "initiatives": initiatives.select_related("field").order_by("-created_at")[:50],
        "latest_news": _news_of(request, organisation)[:LATEST_NEWS],
        "activity_count": organisation.activities.filter(occurred_at__gte=timezone.now() - ACTIVE_WINDOW).count(),
        "sections": collect("organisation_section", request=request, organisation=organisation),
        "missing": services.organisation_missing_fields(organisation) if membership else [],
    }
    return render(request, "ngos/organisation_detail.html", context)


# --- registration ---------------------------------------------------------------------------


@verified_email_required
def organisation_register(request):
    """Step 1 of registration: creates a draft the user leads, then continues step by step."""
    form = IdentityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_register(user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            return redirect("ngos:register_step", slug=organisation.slug, step="activity")
    return render(request, "ngos/register.html", _step_context(form, "identity", None))


def _step_context(form, step, organisation):
    keys_labels = [(key, label) for key, label, _form in REGISTRATION_STEPS] + [("review", _("Review and submit"))]
    steps = [
        {
            "label": label,
            "current": key == step,
            "url": reverse("ngos:register_step", args=[organisation.slug, key]) if organisation else None,
        }
        for key, label in keys_labels
    ]
    return {"form": form, "step": step, "steps": steps, "organisation": organisation}


@verified_email_required
def organisation_register_step(request, slug, step):
    """Steps 2-4 of registration, editing the draft; the last one submits it for verification."""
    organisation, _membership = _organisation_for_member(request, slug)
    if organisation.status not in (Organisation.Status.DRAFT, Organisation.Status.REJECTED):
        return redirect(organisation)
    if step == "review":
        return _register_review(request, organisation)
    form_classes = {key: form_class for key, _label, form_class in REGISTRATION_STEPS}
    if step not in form_classes:
        raise Http404
    form = form_classes[step](request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        data, m2m = split_m2m(form.cleaned_data)
        try:
            services.organisation_update(user=request.user, organisation=organisation, data=data, m2m=m2m)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            keys = [key for key, _label, _form in REGISTRATION_STEPS] + ["review"]
            return redirect("ngos:register_step", slug=organisation.slug, step=keys[keys.index(step) + 1])
    return render(request, "ngos/register.html", _step_context(form, step, organisation))


def _register_review(request, organisation):
    if request.method == "POST":
        try:
            services.organisation_submit(user=request.user, organisation=organisation)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you: your organisation has been sent for verification."))
            return redirect(organisation)
    context = _step_context(None, "review", organisation)
    context["missing"] = services.organisation_missing_fields(organisation)
    return render(request, "ngos/register_review.html", context)


@login_required
def organisation_edit(request, slug):
    """Members edit the whole profile on one page."""
    organisation, membership = _organisation_for_member(request, slug)
    if organisation.status == Organisation.Status.ARCHIVED:
        raise PermissionDenied
    prefixes = [key for key, _label, _form in REGISTRATION_STEPS]
    form_classes = [form_class for _key, _label, form_class in REGISTRATION_STEPS]
    post = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    forms = [
        form_class(post, files, instance=organisation, prefix=prefix)
        for prefix, form_class in zip(prefixes, form_classes, strict=True)
    ]
    if not membership.is_leader:
        # The legal identity is the leaders' to change: members see it but cannot send it.
        for name in IdentityChange.FIELDS:
            forms[0].fields[name].disabled = True
    if post is not None and all(form.is_valid() for form in forms):
        data, m2m = {}, {}
        for form in forms:
            form_data, form_m2m = split_m2m(form.cleaned_data)
            data.update(form_data)
            m2m.update(form_m2m)
        try:
            services.organisation_update(user=request.user, organisation=organisation, data=data, m2m=m2m)
        except ValidationError as error:
            _form_errors(forms[0], error)
        else:
            messages.success(request, _("The profile has been saved."))
            if IdentityChange.objects.filter(organisation=organisation).exists():
                messages.info(
                    request,
                    _(
                        "The new name, BIN or legal form waits for a moderator; "
                        "until then the public page shows the verified one."
                    ),
                )
            return redirect(organisation)
    context = {
        "organisation": organisation,
        "forms": forms,
        "is_leader": membership.is_leader,
        "pending_identity": IdentityChange.objects.filter(organisation=organisation).first(),
    }
    return render(request, "ngos/organisation_edit.html", context)


@login_required
@require_POST
def organisation_submit(request, slug):
    organisation, _membership = _organisation_for_member(request, slug)
    try:
        services.organisation_submit(user=request.user, organisation=organisation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you: your organisation has been sent for verification."))
    return redirect(organisation)


# --- members --------------------------------------------------------------------------------


@login_required
def organisation_members(request, slug):
    """Members see the team; leaders invite colleagues, change roles and hand over leadership."""
    organisation, membership = _organisation_for_member(request, slug)
    form = InvitationForm(request.POST or None)
    if request.method == "POST":
        if not membership.is_leader:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.invitation_create(user=request.user, organisation=organisation, **form.cleaned_data)
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The invitation has been sent."))
                return redirect("ngos:members", slug=organisation.slug)
    context = {
        "organisation": organisation,
        "membership": membership,
        "memberships": organisation.memberships.select_related("user").order_by("role", "user__email"),
        "invitations": organisation.invitations.pending() if membership.is_leader else [],
        "form": form,
        "roles": Membership.Role.choices,
    }
    return render(request, "ngos/members.html", context)


def _target_membership(request, slug, pk):
    organisation, membership = _organisation_for_member(request, slug)
    target = get_object_or_404(Membership, pk=pk, organisation=organisation)
    return organisation, membership, target


@login_required
@require_POST
def membership_role(request, slug, pk):
    organisation, _own, target = _target_membership(request, slug, pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        _run(
            request, services.membership_set_role, user=request.user, membership=target, role=form.cleaned_data["role"]
        )
    return redirect("ngos:members", slug=organisation.slug)


@login_required
@require_POST
def membership_remove(request, slug, pk):
    organisation, _own, target = _target_membership(request, slug, pk)
    _run(request, services.membership_remove, user=request.user, membership=target)
    if target.user_id == request.user.pk:
        return redirect("account_home")
    return redirect("ngos:members", slug=organisation.slug)


@login_required
@require_POST
def leadership_handover(request, slug, pk):
    organisation, _own, target = _target_membership(request, slug, pk)
    _run(request, services.leadership_handover, user=request.user, organisation=organisation, to_membership=target)
    return redirect("ngos:members", slug=organisation.slug)


def _run(request, service, success=None, **kwargs):
    try:
        service(**kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success or _("Saved."))
    return True


@login_required
def invitation_accept(request, token):
    """The page an invitation link opens: join the organisation."""
    invitation = get_object_or_404(Invitation.objects.select_related("organisation"), token=token)
    if request.method == "POST":
        try:
            services.invitation_accept(user=request.user, invitation=invitation)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Welcome to the team."))
            return redirect(invitation.organisation)
    return render(request, "ngos/invitation.html", {"invitation": invitation})


# --- initiatives ----------------------------------------------------------------------------


def initiative_list(request):
    """Public list of initiatives with filters by status, field and district."""
    selected = {name: request.GET.get(name, "")[:60] for name in ("status", "field", "district")}
    queryset = Initiative.objects.public().filtered(**selected)
    # Counting 20,000 rows on every request is the slow part: once per filter state and content change.
    count = shared("initiatives-count", sorted(selected.items()), queryset.count)
    rows = queryset.select_related("organisation", "field", "district").order_by("-submitted_at", "-pk")
    page_obj = CountedPaginator(rows, PAGE_SIZE, count=count).get_page(request.GET.get("page"))
    context = {
        "page_obj": page_obj,
        # Read only when the list's shared fragment is not cached (see initiative_list.html).
        "initiatives": SimpleLazyObject(lambda: Initiative.objects.with_support_counts(page_obj.object_list)),
        "statuses": [(v, label) for v, label in Initiative.Status.choices if v != Initiative.Status.DRAFT],
        "fields": FieldOfActivity.objects.ordered(),
        "districts": District.objects.ordered(),
        "selected": selected,
    }
    return render(request, "ngos/initiative_list.html", context)


def initiative_detail(request, pk):
    """An initiative's page: status, log, official answer, support."""
    initiative = _initiative_for(request, pk)
    membership = services.membership_of(request.user, initiative.organisation)
    supported = request.user.is_authenticated and initiative.supports.filter(user=request.user).exists()
    context = {
        "initiative": initiative,
        "membership": membership,
        "transitions": initiative.transitions.select_related("actor"),
        "attachments": initiative.attachments.all(),
        "support_count": initiative.supports.count(),
        "supported": supported,
        "can_edit": membership and initiative.status in (Initiative.Status.DRAFT, Initiative.Status.NEEDS_CHANGES),
        "is_public": initiative.status != Initiative.Status.DRAFT,
    }
    return render(request, "ngos/initiative_detail.html", context)


def attachment_response(attachment):
    """Send a stored attachment as a download that browsers never render or cache."""
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return private_file(handle, filename=attachment.filename, content_type=content_type_of(handle))


def initiative_attachment(request, pk, attachment_pk):
    """An initiative's attachment, to whoever may read the initiative (drafts: its organisation only)."""
    initiative = _initiative_for(request, pk)
    return attachment_response(get_object_or_404(initiative.attachments, pk=attachment_pk))


@login_required
def initiative_create(request, slug):
    organisation, _membership = _organisation_for_member(request, slug)
    form = InitiativeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "attachment"}
        try:
            initiative = services.initiative_create(
                user=request.user, organisation=organisation, data=data, attachment=form.cleaned_data["attachment"]
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The draft is saved. Submit it when it is ready."))
            return redirect(initiative)
    return render(request, "ngos/initiative_form.html", {"form": form, "organisation": organisation})


@login_required
def initiative_edit(request, pk):
    initiative = _initiative_for(request, pk)
    if services.membership_of(request.user, initiative.organisation) is None:
        raise PermissionDenied
    form = InitiativeForm(request.POST or None, request.FILES or None, instance=initiative)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "attachment"}
        try:
            services.initiative_update(
                user=request.user, initiative=initiative, data=data, attachment=form.cleaned_data["attachment"]
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(initiative)
    context = {"form": form, "organisation": initiative.organisation, "initiative": initiative}
    return render(request, "ngos/initiative_form.html", context)


@login_required
@require_POST
def initiative_submit(request, pk):
    initiative = _initiative_for(request, pk)
    if services.membership_of(request.user, initiative.organisation) is None:
        raise PermissionDenied
    _run(
        request,
        services.initiative_transition,
        success=_("The initiative has been submitted to the akimat."),
        user=request.user,
        initiative=initiative,
        to_status=Initiative.Status.SUBMITTED,
    )
    return redirect(initiative)


@login_required
@require_POST
def initiative_support(request, pk):
    initiative = _initiative_for(request, pk)
    try:
        created = services.initiative_support(user=request.user, initiative=initiative)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if created:
            messages.success(request, _("Thank you for your support."))
        else:
            messages.info(request, _("You already support this initiative."))
    return redirect(initiative)


# --- news -----------------------------------------------------------------------------------


def _news_of(request, organisation):
    """The organisation's news this user may read, newest first (hidden posts: its members and moderators)."""
    posts = NewsPost.objects.visible_to(request.user).filter(organisation=organisation)
    return posts.select_related("organisation").newest_first()


def _news_post_for(request, slug, pk):
    organisation = _organisation_for(request, slug)
    return organisation, get_object_or_404(_news_of(request, organisation), pk=pk)


def news_list(request, slug):
    """All of an organisation's news, newest first, paged."""
    organisation = _organisation_for(request, slug)
    page_obj = Paginator(_news_of(request, organisation), NEWS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "organisation": organisation,
        "page_obj": page_obj,
        "posts": page_obj.object_list,
        "membership": services.membership_of(request.user, organisation),
    }
    return render(request, "ngos/news_list.html", context)


def news_detail(request, slug, pk):
    organisation, post = _news_post_for(request, slug, pk)
    membership = services.membership_of(request.user, organisation)
    context = {"organisation": organisation, "post": post, "membership": membership}
    return render(request, "ngos/news_detail.html", context)


@login_required
def news_create(request, slug):
    """Members write news; an organisation that is not verified yet is told why it cannot publish."""
    organisation, _membership = _organisation_for_member(request, slug)
    if organisation.status != Organisation.Status.VERIFIED:
        return render(request, "ngos/news_form.html", {"organisation": organisation, "unverified": True})
    form = NewsPostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.news_publish(user=request.user, organisation=organisation, data=form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The news is published; the organisation's followers will be told."))
            return redirect(post)
    return render(request, "ngos/news_form.html", {"organisation": organisation, "form": form})


def _own_news_post(request, slug, pk):
    organisation, _membership = _organisation_for_member(request, slug)
    return get_object_or_404(NewsPost.objects.select_related("organisation"), organisation=organisation, pk=pk)


@login_required
def news_edit(request, slug, pk):
    post = _own_news_post(request, slug, pk)
    form = NewsPostForm(request.POST or None, instance=post)
    if request.method == "POST" and form.is_valid():
        try:
            services.news_update(user=request.user, post=post, data=form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(post)
    return render(request, "ngos/news_form.html", {"organisation": post.organisation, "form": form, "post": post})


@login_required
def news_delete(request, slug, pk):
    """Asks first; the post goes on POST."""
    post = _own_news_post(request, slug, pk)
    if request.method == "POST":
        services.news_delete(user=request.user, post=post)
        messages.success(request, _("The news post has been deleted."))
        return redirect("ngos:news_list", slug=post.organisation.slug)
    return render(request, "ngos/news_delete.html", {"organisation": post.organisation, "post": post})
