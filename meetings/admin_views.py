"""The meeting desk in the back office: registrations and exports, question moderation, minutes versions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from hub.downloads import download
from hub.i18n import LANGUAGE_CODES
from hub.spreadsheets import CSV_TYPE, XLSX_TYPE, csv_bytes, xlsx_bytes

from . import services
from .forms import AnswerForm, AssignmentFormSet, CloseSummaryForm, DecisionFormSet
from .models import Assignment, Meeting, MinutesVersion, Question


def _meeting_for_editor(request, pk):
    if not services.user_can_manage_meetings(request.user):
        raise PermissionDenied
    return get_object_or_404(Meeting, pk=pk)


def index(request):
    if not services.user_can_manage_meetings(request.user):
        raise PermissionDenied
    meetings = Meeting.objects.with_seats_taken().order_by("-starts_at")
    this_week = request.GET.get("week") == "this"
    if this_week:
        meetings = meetings.this_week().order_by("starts_at")
    page = Paginator(meetings, 30).get_page(request.GET.get("p"))
    return TemplateResponse(request, "meetings/admin/desk_index.html", {"page_obj": page, "this_week": this_week})


def moderation_actions():
    return {
        "approved": _("Publish"),
        "on_agenda": _("Put on the agenda"),
        "rejected": _("Reject"),
    }


REGISTRATIONS_PER_PAGE = 50


def desk(request, pk):
    meeting = _meeting_for_editor(request, pk)
    # A page at a time: a 300-person meeting's list took most of the desk's time; exports give it whole.
    registrations = Paginator(
        meeting.registrations.select_related("user", "organisation").order_by("status", "created_at", "pk"),
        REGISTRATIONS_PER_PAGE,
    ).get_page(request.GET.get("p"))
    questions = list(
        meeting.questions.select_related("author", "organisation").with_support_count().order_by("status", "pk")
    )
    labels = moderation_actions()
    for question in questions:
        allowed = services.QUESTION_TRANSITIONS.get(question.status, ())
        question.actions = [(status, label) for status, label in labels.items() if status in allowed]
        if question.status == Question.Status.ON_AGENDA:
            question.answer_form = AnswerForm(instance=question, prefix=f"answer-{question.pk}")
    context = {
        "meeting": meeting,
        "registrations": registrations,
        "questions": questions,
        "minutes": meeting.minutes.select_related("approved_by", "created_by"),
        "draft": meeting.minutes.filter(status=MinutesVersion.Status.DRAFT).first(),
        "current": services.current_minutes(meeting),
        "counts": {
            "confirmed": meeting.registrations.confirmed().count(),
            "waiting": meeting.registrations.waiting().count(),
            "attended": meeting.registrations.attended().count(),
        },
    }
    return TemplateResponse(request, "meetings/admin/desk.html", context)


def _run(request, action, success):
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)


@require_POST
def moderate(request, pk, question_id):
    meeting = _meeting_for_editor(request, pk)
    question = get_object_or_404(Question, pk=question_id, meeting=meeting)
    status = request.POST.get("status", "")
    _run(
        request,
        lambda: services.question_moderate(question=question, status=status, by=request.user),
        _("Question updated."),
    )
    return redirect("meetings_desk:desk", pk=meeting.pk)


@require_POST
def answer(request, pk, question_id):
    meeting = _meeting_for_editor(request, pk)
    question = get_object_or_404(Question, pk=question_id, meeting=meeting)
    form = AnswerForm(request.POST, instance=question, prefix=f"answer-{question.pk}")
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
        return redirect("meetings_desk:desk", pk=meeting.pk)
    answers = {code: form.cleaned_data[f"answer_{code}"] for code in LANGUAGE_CODES}
    language = form.cleaned_data["original_language"]
    _run(
        request,
        lambda: services.question_answer(question=question, answers=answers, language=language, by=request.user),
        _("Answer saved."),
    )
    return redirect("meetings_desk:desk", pk=meeting.pk)


@require_POST
def minutes_new(request, pk):
    meeting = _meeting_for_editor(request, pk)
    note = request.POST.get("note", "")
    _run(
        request,
        lambda: services.minutes_start_version(meeting=meeting, by=request.user, note=note),
        _("A new draft of the minutes is open."),
    )
    return redirect("meetings_desk:desk", pk=meeting.pk)


@require_POST
def minutes_approve(request, pk, version_id):
    meeting = _meeting_for_editor(request, pk)
    version = get_object_or_404(MinutesVersion, pk=version_id, meeting=meeting)
    _run(
        request,
        lambda: services.minutes_approve(version=version, by=request.user),
        _("The minutes are approved and published."),
    )
    return redirect("meetings_desk:desk", pk=meeting.pk)


def close(request, pk):
    """Close the meeting on one screen: summary, decisions, attendance, assignments, minutes; all or nothing."""
    meeting = _meeting_for_editor(request, pk)
    registrations = list(meeting.registrations.confirmed().select_related("user", "organisation").order_by("pk"))
    post = request.POST if request.method == "POST" else None
    main = CloseSummaryForm(post, registrations=registrations, initial=_close_initial(meeting, registrations))
    decisions = DecisionFormSet(
        post, prefix="decisions", initial=[{f: getattr(d, f) for f in DECISION_FIELDS} for d in meeting.decisions.all()]
    )
    assignments = AssignmentFormSet(post, prefix="assignments", queryset=Assignment.objects.none())
    forms = (main, decisions, assignments)
    if post is not None and all(form.is_valid() for form in forms):
        try:
            _close(request, meeting, main.cleaned_data, decisions, assignments)
        except ValidationError as error:
            main.add_error(None, error)
        else:
            messages.success(request, _("The meeting is closed: outcome, attendance, assignments and minutes saved."))
            return redirect("meetings_desk:desk", pk=meeting.pk)
    context = {"meeting": meeting, "main": main, "decisions": decisions, "assignments": assignments}
    context["draft"] = meeting.minutes.filter(status=MinutesVersion.Status.DRAFT).first()
    return TemplateResponse(request, "meetings/admin/close.html", context)


DECISION_FIELDS = ("text_kk", "text_ru", "text_en")


def _close_initial(meeting, registrations):
    summary = {f"summary_{code}": getattr(meeting, f"summary_{code}") for code in ("kk", "ru", "en")}
    return {**summary, "attended": [str(r.pk) for r in registrations if r.attended_at]}


def _close(request, meeting, data, decisions, assignments):
    services.meeting_close(
        meeting=meeting,
        by=request.user,
        summary={code: data[f"summary_{code}"] for code in ("kk", "ru", "en")},
        decisions=[form.cleaned_data for form in decisions if form.cleaned_data],
        attended=[int(pk) for pk in data["attended"]],
        assignments=[form.cleaned_data for form in assignments if form.has_changed()],
        approve_minutes=data["approve_minutes"],
        note=data["note"],
    )


def _export_rows(meeting):
    registrations = meeting.registrations.select_related("user", "organisation").order_by("status", "created_at")
    for registration in registrations:
        yield [
            registration.code,
            registration.get_status_display(),
            registration.user.get_full_name(),
            registration.user.email,
            registration.organisation.name if registration.organisation_id else "",
            timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(registration.attended_at).strftime("%Y-%m-%d %H:%M") if registration.attended_at else "",
        ]


def export(request, pk, fmt):
    meeting = _meeting_for_editor(request, pk)
    header = [
        _("Code"),
        _("Status"),
        pgettext("person", "Name"),
        _("Email"),
        _("Organisation"),
        pgettext("registration time", "Registered"),
        _("Attended"),
    ]
    rows = [header, *_export_rows(meeting)]
    filename = f"{meeting.slug}-registrations.{fmt}"
    if fmt == "csv":
        return download(csv_bytes(rows), CSV_TYPE, filename)
    if fmt == "xlsx":
        return download(xlsx_bytes(rows, _("Registrations")), XLSX_TYPE, filename)
    raise Http404


urlpatterns = [
    path("", index, name="index"),
    path("<int:pk>/", desk, name="desk"),
    path("<int:pk>/close/", close, name="close"),
    path("<int:pk>/questions/<int:question_id>/moderate/", moderate, name="moderate"),
    path("<int:pk>/questions/<int:question_id>/answer/", answer, name="answer"),
    path("<int:pk>/minutes/new/", minutes_new, name="minutes_new"),
    path("<int:pk>/minutes/<int:version_id>/approve/", minutes_approve, name="minutes_approve"),
    path("<int:pk>/registrations.<str:fmt>", export, name="export"),
]
