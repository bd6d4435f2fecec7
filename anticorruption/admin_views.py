"""The officers' back office inside the Wagtail admin: queue, case page, actions, downloads, PDFs.

Every view fetches the report through ``Report.objects.visible_to(user)``, so department staff
get 404 for reports of other bodies; every action goes through a service.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from hub.downloads import download
from hub.models import Department

from . import services
from .audit import chain_status
from .forms import (
    AnswerForm,
    AssignForm,
    BulkActionForm,
    DepartmentReplyForm,
    LegalHoldForm,
    NoteForm,
    OutcomeForm,
    QuestionForm,
    QueueFilterForm,
    TransitionForm,
)
from .models import (
    DUE_SOON,
    OFFICER,
    AuditEntry,
    CaseActions,
    DepartmentReply,
    IssuedDocument,
    PublishedOutcome,
    Report,
    ReporterFeedback,
    ReportMessage,
    is_officer,
    status_timeline,
)
from .views import attachment_response

PAGE_SIZE = 50


DUE_FILTERS = {
    "running": lambda reports, now: reports.golden_hour_running(now),
    "unacknowledged": lambda reports, now: reports.unacknowledged_late(now),
    "soon": lambda reports, now: reports.due_within(DUE_SOON, now),
    "overdue": lambda reports, now: reports.overdue(now),
    "golden": lambda reports, now: reports.golden_hour_missed(now),
    "triage": lambda reports, now: reports.triage_overdue(now),
}


def filter_queue(reports, data, now=None):
    now = now or timezone.now()
    for field in ("status", "kind", "category", "department", "district"):
        if data.get(field):
            reports = reports.filter(**{field: data[field]})
    due = DUE_FILTERS.get(data.get("due"))
    if due:
        reports = due(reports, now)
    if data.get("q"):
        reports = reports.filter(case_number__icontains=data["q"].strip())
    return reports


QUEUE_ORDER = {"newest": ("-created_at", "-pk"), "oldest": ("created_at", "pk")}


def queue(request):
    """The reports this user may see, filtered, most urgent first; a fixed number of queries whatever the size."""
    officer = is_officer(request.user)
    form = QueueFilterForm(request.GET or None)
    if not officer:
        del form.fields["mine"]  # department staff share their body's queue; no report is theirs alone
    reports = Report.objects.visible_to(request.user).for_queue().select_related("officer")
    data = form.cleaned_data if form.is_valid() else {}
    reports = filter_queue(reports, data)
    if data.get("mine"):
        reports = reports.filter(officer=request.user)
    order = QUEUE_ORDER.get(data.get("sort"))
    reports = reports.order_by(*order) if order else reports.by_urgency()
    page_obj = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("p"))  # as the pagination links
    context = {
        "form": form,
        "page_obj": page_obj,
        "reports": list(page_obj),
        "now": timezone.now(),
        "bulk_form": BulkActionForm(auto_id="bulk-%s") if officer else None,
    }
    return render(request, "anticorruption/admin/queue.html", context)


@require_POST
def queue_bulk(request):
    """Acknowledge or assign the ticked reports, each through its service; back to the same queue view."""
    if not is_officer(request.user):
        raise PermissionDenied
    reports = list(Report.objects.filter(case_number__in=request.POST.getlist("cases")).order_by("pk"))
    form = BulkActionForm(request.POST, case_numbers=[report.case_number for report in reports])
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    elif form.cleaned_data["action"] == BulkActionForm.ACKNOWLEDGE:
        _bulk_result(request, *services.reports_acknowledge(reports=reports, actor=request.user))
    else:
        department = form.cleaned_data["department"]
        _bulk_result(request, *services.reports_assign(reports=reports, department=department, actor=request.user))
    return redirect(_same_queue(request))


def _bulk_result(request, done, refused):
    if done:
        count = len(done)
        messages.success(
            request, ngettext("Done for %(count)s report.", "Done for %(count)s reports.", count) % {"count": count}
        )
    if refused:
        messages.warning(
            request,
            _("Not possible in their current state: %(cases)s.") % {"cases": ", ".join(refused)},
        )


def _same_queue(request):
    """The queue view the officer came from (filters kept), never another site."""
    target = request.POST.get("next", "")
    base = reverse("anticorruption_admin:queue")
    return target if target.startswith(base + "?") or target == base else base


def _report(request, case_number):
    reports = Report.objects.visible_to(request.user).for_queue().select_related("officer", "reporter_user")
    return get_object_or_404(reports, case_number=case_number)


def case(request, case_number, forms=None):
    report = _report(request, case_number)
    role = services.role_of(request.user, report)
    if role is None:
        raise Http404
    initial = {"version": report.version}
    answer_initial = dict(initial)
    template_id = request.GET.get("template")
    answer_form = AnswerForm(initial=answer_initial, report=report, auto_id=_auto_id("answer_form"))
    if template_id and template_id.isdigit():
        chosen = answer_form.templates.filter(pk=template_id).first()
        if chosen:
            answer_form = AnswerForm(
                initial={**answer_initial, "body": chosen.body}, report=report, auto_id=_auto_id("answer_form")
            )
    outcome = PublishedOutcome.objects.filter(report=report).first()
    thread = list(report.messages.select_related("author").prefetch_related("attachments"))
    entries = list(report.audit_entries.select_related("actor"))
    context = {
        "report": report,
        "role": role,
        "is_officer": role == OFFICER,
        "actions": CaseActions.for_report(report, role, request.user),
        "show_contact": report.may_see_contact(request.user),
        "contact": [v for v in (report.reporter_name, report.reporter_email, report.reporter_phone) if v],
        "messages_": thread,
        "has_answer": any(message.kind == ReportMessage.Kind.ANSWER for message in thread),
        "attachments": report.attachments.all(),
        "entries": entries,
        "timeline": status_timeline(entries),
        "feedback": ReporterFeedback.objects.filter(report=report).first(),
        "transition_form": TransitionForm(
            initial=initial, report=report, role=role, auto_id=_auto_id("transition_form")
        ),
        "assign_form": AssignForm(
            initial={**initial, "department": report.department_id or report.category.default_department_id},
            auto_id=_auto_id("assign_form"),
        ),
        "note_form": NoteForm(auto_id=_auto_id("note_form")),
        "question_form": QuestionForm(initial=initial, auto_id=_auto_id("question_form")),
        "answer_form": answer_form,
        "outcome": outcome,
        "outcome_form": _outcome_form(report, outcome) if role == OFFICER else None,
        "hold_form": LegalHoldForm(
            initial={"hold": "off" if report.legal_hold else "on"}, auto_id=_auto_id("hold_form")
        ),
        "now": timezone.now(),
        **(forms or {}),
    }
    return render(request, "anticorruption/admin/case.html", context)


def _outcome_form(report, existing):
    if not report.publication_consent or report.status not in services.PUBLISHABLE:
        return None
    initial = {"original_language": existing.original_language if existing else report.language}
    return OutcomeForm(instance=existing, initial=initial, auto_id=_auto_id("outcome_form"))


def _act(request, case_number, form, action):
    """Run one service with a valid form; errors (including a concurrent change) go back to the case."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied:
            raise
        else:
            messages.success(request, _("Saved."))
            return redirect("anticorruption_admin:case", case_number=case_number)
    else:
        messages.error(request, _("Please correct the errors below."))
    return case(request, case_number, forms={form.prefix_name: form})


def _auto_id(name):
    """Each form on the case page gets its own field ids, so every label points at its own box."""
    return f"{name.removesuffix('_form')}-%s"


def _bind(form_class, request, name, **kwargs):
    form = form_class(request.POST, auto_id=_auto_id(name), **kwargs)
    form.prefix_name = name
    return form


@require_POST
def case_transition(request, case_number):
    report = _report(request, case_number)
    role = services.role_of(request.user, report)
    form = _bind(TransitionForm, request, "transition_form", report=report, role=role)

    def action(data):
        services.report_transition(
            report=report,
            to_status=data["to_status"],
            actor=request.user,
            expected_version=data["version"],
            comment=data["comment"],
            extras=data,
        )

    return _act(request, case_number, form, action)


@require_POST
def case_assign(request, case_number):
    report = _report(request, case_number)
    form = _bind(AssignForm, request, "assign_form")
    return _act(
        request,
        case_number,
        form,
        lambda data: services.report_assign(
            report=report,
            department=data["department"],
            actor=request.user,
            expected_version=data["version"],
            comment=data["comment"],
        ),
    )


@require_POST
def case_take(request, case_number):
    report = _report(request, case_number)
    services.report_take(report=report, actor=request.user)
    messages.success(request, _("You now handle this case."))
    return redirect("anticorruption_admin:case", case_number=case_number)


@require_POST
def case_note(request, case_number):
    report = _report(request, case_number)
    form = _bind(NoteForm, request, "note_form")
    return _act(
        request,
        case_number,
        form,
        lambda data: services.report_add_note(report=report, actor=request.user, body=data["body"]),
    )


@require_POST
def case_question(request, case_number):
    report = _report(request, case_number)
    form = _bind(QuestionForm, request, "question_form")
    return _act(
        request,
        case_number,
        form,
        lambda data: services.report_ask(
            report=report, actor=request.user, body=data["body"], expected_version=data["version"]
        ),
    )


@require_POST
def case_answer(request, case_number):
    report = _report(request, case_number)
    form = _bind(AnswerForm, request, "answer_form", report=report)
    return _act(
        request,
        case_number,
        form,
        lambda data: services.report_answer(
            report=report, actor=request.user, body=data["body"], expected_version=data["version"]
        ),
    )


def case_attachment(request, case_number, token):
    report = _report(request, case_number)
    attachment = get_object_or_404(report.attachments, token=token)
    handle = services.attachment_open(attachment=attachment, actor=request.user)
    return attachment_response(attachment, handle)


def case_pdf(request, case_number, kind):
    report = _report(request, case_number)
    if kind not in IssuedDocument.Kind.values:
        raise Http404
    try:
        data, digest = services.document_issue(report=report, kind=kind, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("anticorruption_admin:case", case_number=case_number)
    response = download(data, "application/pdf", f"{report.case_number}-{kind}.pdf")
    response["X-Document-SHA256"] = digest
    return response


def audit_log(request):
    """The audit log, read-only, for officers."""
    if not is_officer(request.user):
        raise PermissionDenied
    entries = AuditEntry.objects.select_related("report", "actor").order_by("-sequence")
    if request.GET.get("q"):
        entries = entries.filter(report__case_number__icontains=request.GET["q"].strip())
    page_obj = Paginator(entries, 100).get_page(request.GET.get("page"))
    chain = chain_status(refresh="check" in request.GET)
    context = {"page_obj": page_obj, "q": request.GET.get("q", ""), "chain": chain}
    return render(request, "anticorruption/admin/audit.html", context)


@require_POST
def case_publish(request, case_number):
    report = _report(request, case_number)
    form = _bind(OutcomeForm, request, "outcome_form")
    return _act(
        request,
        case_number,
        form,
        lambda data: services.outcome_publish(report=report, actor=request.user, **form.service_arguments()),
    )


@require_POST
def case_unpublish(request, case_number):
    report = _report(request, case_number)
    outcome = get_object_or_404(PublishedOutcome, report=report)
    services.outcome_unpublish(outcome=outcome, actor=request.user)
    messages.success(request, _("The outcome is no longer public."))
    return redirect("anticorruption_admin:case", case_number=case_number)


@require_POST
def case_hold(request, case_number):
    report = _report(request, case_number)
    form = _bind(LegalHoldForm, request, "hold_form")
    return _act(
        request,
        case_number,
        form,
        lambda data: services.report_set_legal_hold(
            report=report, actor=request.user, hold=data["hold"], reason=data["reason"]
        ),
    )


def department_reply(request):
    """Staff of a body (or an officer) write the reply shown beside its row in the statistics."""
    bodies = Department.objects.active().ordered()
    if not is_officer(request.user):
        bodies = bodies.filter(staff_roles__user=request.user)
    bodies = list(bodies)
    if not bodies:
        raise PermissionDenied
    chosen = next((b for b in bodies if b.slug == request.GET.get("body", request.POST.get("body"))), bodies[0])
    current = DepartmentReply.objects.filter(department=chosen).first()
    form = DepartmentReplyForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.department_reply_set(department=chosen, actor=request.user, **form.service_arguments())
        messages.success(request, _("Saved."))
        return redirect(f"{request.path}?body={chosen.slug}")
    context = {"bodies": bodies, "chosen": chosen, "form": form}
    return render(request, "anticorruption/admin/reply.html", context)
