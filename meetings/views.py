"""Public meeting pages: list, detail, calendar, registration, questions, door check and the tracker."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import OuterRef, Prefetch, Subquery
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.downloads import being_prepared, download

from . import services
from .calendar import feed_ics, meeting_ics, personal_ics
from .forms import (
    AttendanceForm,
    CalendarFilterForm,
    ProgressUpdateForm,
    QuestionForm,
    RegistrationForm,
    TrackerFilterForm,
)
from .models import Assignment, AssignmentUpdate, Meeting, Official, Question, Registration
from .qr import registration_qr_data_uri

UPCOMING_LIMIT = 50
PAST_PER_PAGE = 20
TRACKER_PER_PAGE = 50


PHOTO_FILTER = "fill-480x320"


def _photos(meeting):
    """Photos with their renditions in two queries, however many there are."""
    from wagtail.images import get_image_model

    images = get_image_model().objects.prefetch_renditions(PHOTO_FILTER)
    return list(meeting.photos.prefetch_related(Prefetch("image", queryset=images)))


def _published_meeting(slug):
    return get_object_or_404(Meeting.objects.published(), slug=slug)


def _error_text(error):
    return " ".join(error.messages)


def _latest_update_subquery(field):
    latest = AssignmentUpdate.objects.filter(assignment=OuterRef("pk")).order_by("-created_at", "-pk")
    return Subquery(latest.values(field)[:1])


def assignments_with_progress(queryset):
    """Assignments ready to list: responsible body, overdue flag and the latest update, in one query."""
    return (
        queryset.for_list()
        .with_overdue()
        .annotate(last_update=_latest_update_subquery("comment"), last_update_at=_latest_update_subquery("created_at"))
    )


def meeting_list(request):
    """Upcoming meetings, then past ones with the summary of what came out of them."""
    form = CalendarFilterForm(request.GET or None)
    meetings = form.filter(Meeting.objects.published())
    upcoming = meetings.upcoming().with_seats_taken()[:UPCOMING_LIMIT]
    # Read only when the list's shared fragment is not cached (see meeting_list.html).
    past = SimpleLazyObject(lambda: Paginator(meetings.past(), PAST_PER_PAGE).get_page(request.GET.get("page")))
    return render(
        request, "meetings/meeting_list.html", {"form": form, "upcoming": upcoming, "page_obj": past, "past": past}
    )


def detail_context(request, meeting, preview=False):
    user = request.user
    official_qs = Official.objects.select_related("department")
    context = {
        "meeting": meeting,
        "preview": preview,
        "now": timezone.now(),
        "hosts": list(meeting.hosts.all())
        if preview
        else list(official_qs.filter(meetings_hosted=meeting).order_by("pk")),
        "fields": list(meeting.fields_of_activity.all()),
        "agenda_items": list(meeting.agenda_items.all()),
        "decisions": list(meeting.decisions.all()),
        "photos": list(meeting.photos.all()) if preview else _photos(meeting),
    }
    context["agenda_has_speakers"] = any(item.speaker for item in context["agenda_items"])
    if preview or not meeting.pk:
        return context
    questions = (
        meeting.questions.public()
        .select_related("organisation")
        .with_support_count()
        .with_supported_by(user)
        .order_by("-status", "-support_count", "created_at")
    )
    context.update(
        {
            "seats_taken": meeting.registrations.confirmed().count(),
            "questions": list(questions),
            "assignments": list(assignments_with_progress(meeting.assignments.all())),
            "minutes": services.current_minutes(meeting),
            "registration_state": meeting.registration_state(),
            "can_manage": services.user_can_manage_meetings(user),
        }
    )
    if user.is_authenticated:
        organisations = services.user_organisations(user)
        has_organisations = organisations.exists()
        registration = meeting.registrations.active().select_related("organisation").filter(user=user).first()
        context.update(
            {
                "my_registration": registration,
                "qr_data_uri": registration_qr_data_uri(registration)
                if registration and registration.status == Registration.Status.CONFIRMED
                else None,
                "registration_form": RegistrationForm(meeting=meeting, organisations=organisations),
                "question_form": QuestionForm(organisations=organisations) if has_organisations else None,
                "has_organisations": has_organisations,
                "my_questions": list(meeting.questions.filter(author=user, status=Question.Status.PENDING)),
            }
        )
    return context


def meeting_detail(request, slug):
    meeting = _published_meeting(slug)
    return render(request, "meetings/meeting_detail.html", detail_context(request, meeting))


def meeting_ics_file(request, slug):
    meeting = _published_meeting(slug)
    return download(meeting_ics(meeting), "text/calendar; charset=utf-8", f"{meeting.slug}.ics")


def calendar_feed(request):
    """Upcoming meetings as an iCalendar feed, filterable by field of activity and kind."""
    form = CalendarFilterForm(request.GET or None)
    meetings = form.filter(Meeting.objects.published()).upcoming()[:500]
    response = HttpResponse(
        feed_ics(meetings, _("Almaty NGO Hub: meetings")), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    return response


def personal_calendar_feed(request, token):
    """A person's own meetings, at a secret address a calendar program polls without signing in."""
    calendar = services.personal_calendar_find(token)
    if calendar is None:
        raise Http404
    entries = services.personal_calendar_entries(calendar.user)
    response = HttpResponse(
        personal_ics(entries, _("Almaty NGO Hub: my meetings")), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="my-meetings.ics"'
    # Only the person's own calendar program may keep it; the secret address must not leave in a referrer.
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_POST
def personal_calendar_reset(request):
    had_one = hasattr(request.user, "personal_calendar")
    services.personal_calendar_reset(user=request.user)
    if had_one:
        messages.success(request, _("Your calendar has a new address: the old one no longer works."))
    else:
        messages.success(request, _("Your calendar address is ready."))
    return redirect(reverse("account_home") + "#my-calendar")


@login_required
@require_POST
def register(request, slug):
    meeting = _published_meeting(slug)
    organisations = services.user_organisations(request.user)
    form = RegistrationForm(request.POST, meeting=meeting, organisations=organisations)
    if not form.is_valid():
        messages.error(request, _("Choose the organisation you register on behalf of."))
        return redirect(meeting)
    try:
        registration = services.meeting_register(
            meeting=meeting, user=request.user, organisation=form.cleaned_data["organisation"]
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(meeting)
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(request, _("You are registered. We have emailed you the details and your code."))
    else:
        messages.success(request, _("The meeting is full: you are on the waiting list. We will email you."))
    return redirect(meeting)


@login_required
@require_POST
def cancel(request, slug):
    meeting = _published_meeting(slug)
    registration = get_object_or_404(meeting.registrations.active(), user=request.user)
    try:
        services.registration_cancel(registration=registration, user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(meeting)


@login_required
@require_POST
def ask(request, slug):
    meeting = _published_meeting(slug)
    organisations = services.user_organisations(request.user)
    form = QuestionForm(request.POST, organisations=organisations)
    if form.is_valid():
        try:
            services.question_ask(
                meeting=meeting,
                author=request.user,
                text=form.cleaned_data["text"],
                organisation=form.cleaned_data["organisation"],
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Thank you: your question will appear once an editor has read it."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(meeting)


@login_required
@require_POST
def support(request, slug, question_id):
    meeting = _published_meeting(slug)
    question = get_object_or_404(meeting.questions.public(), pk=question_id)
    try:
        services.question_support(question=question, user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("You support this question."))
    return redirect(f"{meeting.get_absolute_url()}#question-{question.pk}")


@login_required
def attendance(request, slug):
    """The door check on a phone: the QR code opens this page with the code; staff confirm."""
    if not services.user_can_mark_attendance(request.user):
        raise PermissionDenied
    meeting = get_object_or_404(Meeting, slug=slug)
    form = AttendanceForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    found = None
    if request.method == "POST" and form.is_valid():
        try:
            found, changed = services.registration_mark_attended(
                meeting=meeting, code=form.cleaned_data["code"], by=request.user
            )
        except ValidationError as error:
            form.add_error("code", _error_text(error))
        else:
            if changed:
                messages.success(request, _("Attendance marked: %(name)s.") % {"name": found.user})
            else:
                messages.info(request, _("Already marked as attended: %(name)s.") % {"name": found.user})
            return redirect("meetings:attendance", slug=meeting.slug)
    pending = None
    code = services.normalise_code(request.GET.get("code", ""))
    if code:
        pending = meeting.registrations.select_related("user", "organisation").filter(code=code).first()
        if pending is None:
            messages.error(request, _("No registration for this meeting has the code %(code)s.") % {"code": code})
    counts = {
        "confirmed": meeting.registrations.confirmed().count(),
        "attended": meeting.registrations.attended().count(),
    }
    return render(
        request,
        "meetings/attendance.html",
        {"meeting": meeting, "form": form, "pending": pending, "counts": counts, "found": found},
    )


def minutes_pdf(request, slug):
    """The current approved minutes as PDF in the page language; rendered once by a worker, then served
    from storage."""
    meeting = _published_meeting(slug)
    version = services.current_minutes(meeting)
    if version is None:
        raise Http404
    record = services.ready_minutes_pdf(version=version, language=get_language() or "kk")
    if record is None:
        back = _("Back to the meeting")
        return being_prepared(request, title=meeting.title, back_url=meeting.get_absolute_url(), back_label=back)
    return FileResponse(
        record.pdf.open("rb"),
        as_attachment=True,
        filename=record.pdf.name.rsplit("/", 1)[-1],
        content_type="application/pdf",
    )


def assignment_tracker(request):
    """Every assignment from every meeting, with its status; overdue is derived from the due date."""
    form = TrackerFilterForm(request.GET or None)
    assignments = form.filter(Assignment.objects.on_published_meetings())
    # Read only when the page's shared fragment is not cached (see assignment_tracker.html).
    page = SimpleLazyObject(
        lambda: Paginator(assignments_with_progress(assignments), TRACKER_PER_PAGE).get_page(request.GET.get("page"))
    )
    today = timezone.localdate()
    summary = SimpleLazyObject(
        lambda: {
            "total": page.paginator.count,
            "overdue": assignments.overdue(today).count(),
            "done": assignments.filter(status=Assignment.Status.DONE).count(),
        }
    )
    meeting = form.cleaned_data.get("meeting") if form.is_valid() else None
    return render(
        request,
        "meetings/assignment_tracker.html",
        {"form": form, "page_obj": page, "summary": summary, "filtered_meeting": meeting, "today": today},
    )


def assignment_detail(request, pk):
    """One assignment with its progress history; responsible staff post updates here."""
    queryset = assignments_with_progress(Assignment.objects.on_published_meetings())
    assignment = get_object_or_404(queryset, pk=pk)
    can_update = services.user_can_update_assignment(request.user, assignment)
    form = ProgressUpdateForm(request.POST or None, initial={"status": assignment.status})
    if request.method == "POST":
        if not can_update:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.assignment_post_update(assignment=assignment, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Progress update posted."))
                return redirect("meetings:assignment", pk=assignment.pk)
    updates = assignment.updates.select_related("author")
    return render(
        request,
        "meetings/assignment_detail.html",
        {"assignment": assignment, "updates": updates, "form": form if can_update else None},
    )
