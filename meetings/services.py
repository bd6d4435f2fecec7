"""Every write of the meetings app: views, the admin, commands and the demo call these.

Each service validates before it saves, runs in one transaction and sends email only after
commit. Registration locks the meeting row, so two people can never take the last seat at once:
``select_for_update`` on PostgreSQL; on SQLite every transaction of this project already starts
with ``BEGIN IMMEDIATE`` and so holds the database write lock.
"""

import datetime
import time

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from follows.models import Event
from follows.services import event_record, follow_automatically, last_event
from hub.emails import send_email_to_user
from hub.i18n import LANGUAGE_CODES, active_language
from hub.storage import RenderedBySite, atomic_with_files
from hub.tasks import background_task, enqueue_once

from .models import (
    Assignment,
    AssignmentUpdate,
    Decision,
    Meeting,
    MinutesFile,
    MinutesVersion,
    PersonalCalendar,
    Question,
    QuestionSupport,
    Registration,
    new_calendar_key,
)


def _organisation_model():
    from ngos.models import Organisation

    return Organisation


# --- who may do what ---------------------------------------------------------------------


def user_can_manage_meetings(user):
    return user.is_authenticated and user.has_perm("meetings.change_meeting")


def user_can_mark_attendance(user):
    return user.is_authenticated and user.has_perm("meetings.change_registration")


def user_organisations(user):
    """Verified organisations the user belongs to: those they may register or ask on behalf of."""
    return _organisation_model().objects.verified().of_member(user).order_by("name_ru").distinct()


def user_can_update_assignment(user, assignment):
    """Editors, or the official (with a staff account) answering for it or working in its department."""
    if not user.is_authenticated:
        return False
    if user.has_perm("meetings.change_assignment"):
        return True
    official = getattr(user, "official", None)
    if official is None:
        return False
    return assignment.official_id == official.pk or (
        assignment.department_id is not None and assignment.department_id == official.department_id
    )


# --- registration ------------------------------------------------------------------------


def _lock_meeting(meeting):
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


@transaction.atomic
def meeting_register(*, meeting, user, organisation=None, now=None):
    """Register a person, on behalf of an organisation they belong to or for themselves.

    When the meeting is full the registration goes to the waiting list.
    """
    now = now or timezone.now()
    meeting = _lock_meeting(meeting)
    if not meeting.live:
        raise ValidationError(_("This meeting is not published."))
    state = meeting.registration_state(now)
    if state == "not_yet":
        raise ValidationError(_("Registration for this meeting has not opened yet."))
    if state == "closed":
        raise ValidationError(_("Registration for this meeting is closed."))
    if organisation is not None and not user_organisations(user).filter(pk=organisation.pk).exists():
        raise ValidationError(_("You can only register on behalf of a verified organisation you belong to."))
    if meeting.audience == Meeting.Audience.NGO and organisation is None:
        raise ValidationError(_("This meeting is for NGO representatives: register on behalf of your organisation."))
    if meeting.registrations.active().filter(user=user).exists():
        raise ValidationError(_("You are already registered for this meeting."))
    seats_taken = meeting.registrations.confirmed().count()
    status = Registration.Status.CONFIRMED if seats_taken < meeting.capacity else Registration.Status.WAITING
    registration = Registration.objects.create(
        meeting=meeting, user=user, organisation=organisation, status=status, created_at=now
    )
    template = "confirmed" if status == Registration.Status.CONFIRMED else "waiting"
    transaction.on_commit(lambda: _send_registration_email(registration, template))
    follow_automatically(user=user, obj=meeting)
    return registration


@transaction.atomic
def registration_cancel(*, registration, user, now=None):
    """Cancel a registration; a freed seat goes to the first person waiting, who is emailed."""
    if registration.user_id != user.pk and not user_can_manage_meetings(user):
        raise PermissionDenied
    meeting = _lock_meeting(registration.meeting)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        raise ValidationError(_("This registration is already cancelled."))
    if meeting.is_over(now):
        raise ValidationError(_("The meeting is over: the registration can no longer be cancelled."))
    was_confirmed = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = now or timezone.now()
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    promoted = _promote_waiting(meeting) if was_confirmed else []
    return registration, promoted


def _promote_waiting(meeting):
    """Fill free seats from the waiting list, first come first served. The meeting row is locked."""
    free = meeting.capacity - meeting.registrations.confirmed().count()
    promoted = list(meeting.registrations.waiting()[: max(free, 0)])
    for waiting in promoted:
        waiting.status = Registration.Status.CONFIRMED
        waiting.save(update_fields=["status", "updated_at"])
        transaction.on_commit(lambda r=waiting: _send_registration_email(r, "promoted"))
    return promoted


@transaction.atomic
def meeting_fill_free_seats(*, meeting):
    """After an editor publishes a larger capacity: give the new seats to the people waiting."""
    return _promote_waiting(_lock_meeting(meeting))


@transaction.atomic
def meeting_set_capacity(*, meeting, capacity):
    """Change capacity; never below the seats already taken. A larger room promotes people waiting."""
    meeting = _lock_meeting(meeting)
    taken = meeting.registrations.confirmed().count()
    if capacity < taken:
        raise ValidationError(
            {"capacity": _("Capacity cannot be below the %(count)s people already registered.") % {"count": taken}}
        )
    Meeting.objects.filter(pk=meeting.pk).update(capacity=capacity)
    meeting.capacity = capacity
    return _promote_waiting(meeting)


def normalise_code(code):
    """A registration code as typed at the door or read from the QR code: no spaces, upper case."""
    return "".join((code or "").split()).upper()


@transaction.atomic
def meeting_close(*, meeting, by, summary, decisions, attended, assignments, approve_minutes, note="", now=None):
    """Close a meeting in one go: outcome summary and decisions, attendance, assignments, minutes.

    ``summary`` maps language to text; ``decisions`` and ``assignments`` are lists of field dicts;
    ``attended`` the registrations seen at the door. All is saved, or nothing (any error rolls back).
    """
    if not user_can_manage_meetings(by):
        raise PermissionDenied
    now = now or timezone.now()
    meeting = _lock_meeting(meeting)
    if not meeting.is_over(now):
        raise ValidationError(_("A meeting is closed after it has taken place."))
    _record_outcome(meeting, by, summary, decisions)
    for registration in meeting.registrations.confirmed().filter(pk__in=attended, attended_at__isnull=True):
        _mark_attended(meeting, registration, by, now)
    for data in assignments:
        assignment = Assignment(meeting=meeting, **data)
        assignment.full_clean()
        assignment.save()
    if approve_minutes:
        version = meeting.minutes.filter(status=MinutesVersion.Status.DRAFT).first()
        minutes_approve(version=version or minutes_start_version(meeting=meeting, by=by, note=note), by=by, now=now)
    event_record(kind=Event.Kind.MEETING_OUTCOME, target=meeting, followed=[meeting])
    return meeting


def meeting_published(*, meeting):
    """A meeting was published: announced the first time, moved when its start changed since then."""
    told = last_event(meeting, Event.Kind.MEETING_ANNOUNCED, Event.Kind.MEETING_MOVED)
    starts_at = meeting.starts_at.isoformat()
    if told is not None and told.payload.get("starts_at") == starts_at:
        return
    kind = Event.Kind.MEETING_ANNOUNCED if told is None else Event.Kind.MEETING_MOVED
    followed = [meeting, *meeting.fields_of_activity.all()]
    event_record(kind=kind, target=meeting, followed=followed, payload={"starts_at": starts_at})


def meeting_unpublished(*, meeting, now=None):
    """An announced meeting taken off the site before it ends is cancelled for those who follow it."""
    if meeting.ends_at > (now or timezone.now()):
        event_record(kind=Event.Kind.MEETING_CANCELLED, target=meeting, followed=[meeting])


def _record_outcome(meeting, by, summary, decisions):
    """Summary and decisions on the meeting, kept as a revision (published if the meeting is live)."""
    for language, text in summary.items():
        setattr(meeting, f"summary_{language}", text.strip())
    meeting.decisions = [Decision(**fields) for fields in decisions]
    meeting.save()
    revision = meeting.save_revision(user=by, log_action=True)
    if meeting.live:
        revision.publish(user=by)


@transaction.atomic
def registration_mark_attended(*, meeting, code, by, now=None):
    """Mark attendance at the door from the short code; records the organisation's activity."""
    if not user_can_mark_attendance(by):
        raise PermissionDenied
    code = normalise_code(code)
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("user", "organisation")
        .filter(meeting=meeting, code=code)
        .first()
    )
    if registration is None:
        raise ValidationError(_("No registration for this meeting has the code %(code)s.") % {"code": code})
    if registration.status != Registration.Status.CONFIRMED:
        raise ValidationError(
            _("This registration is not confirmed (%(status)s).") % {"status": registration.get_status_display()}
        )
    if registration.attended_at:
        return registration, False
    _mark_attended(meeting, registration, by, now or timezone.now())
    return registration, True


def _mark_attended(meeting, registration, by, now):
    registration.attended_at = now
    registration.marked_by = by
    registration.save(update_fields=["attended_at", "marked_by", "updated_at"])
    if registration.organisation_id:
        from ngos.services import activity_record

        activity_record(
            organisation=registration.organisation_id,
            kind="meeting",
            occurred_at=meeting.starts_at,
            description=str(meeting.title)[:300],
        )


def registration_ics_attachment(registration):
    from .calendar import meeting_ics

    return (f"{registration.meeting.slug}.ics", meeting_ics(registration.meeting), "text/calendar")


def registration_qr_attachment(registration):
    from .qr import registration_qr_png

    return (f"{registration.code}.png", registration_qr_png(registration), "image/png")


def _send_registration_email(registration, kind):
    from .qr import registration_qr_data_uri

    registration = Registration.objects.select_related("meeting", "user", "organisation").get(pk=registration.pk)
    attachments = [registration_ics_attachment(registration)]
    if registration.status == Registration.Status.CONFIRMED:
        attachments.append(registration_qr_attachment(registration))
    send_email_to_user(
        user=registration.user,
        template=f"meetings/emails/registration_{kind}",
        context={
            "registration": registration,
            "meeting": registration.meeting,
            "qr_data_uri": registration_qr_data_uri(registration),
        },
        attachments=attachments,
    )


def send_reminders(*, now=None):
    """Email everyone confirmed for a meeting that starts tomorrow (Almaty date). Safe to run twice:
    each registration is claimed (``reminder_sent_at``) in its own transaction before the email goes."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    sent = 0
    candidates = Registration.objects.confirmed().filter(
        reminder_sent_at__isnull=True, meeting__live=True, meeting__starts_at__date=tomorrow
    )
    for pk in list(candidates.values_list("pk", flat=True)):
        with transaction.atomic():
            claimed = Registration.objects.filter(pk=pk, reminder_sent_at__isnull=True, status="confirmed").update(
                reminder_sent_at=now
            )
            if claimed:
                registration = Registration(pk=pk)
                transaction.on_commit(lambda r=registration: _send_registration_email(r, "reminder"))
                sent += claimed
    return sent


# --- questions for the agenda -------------------------------------------------------------


@transaction.atomic
def question_ask(*, meeting, author, text, organisation=None, now=None):
    """An NGO member sends a question for the agenda; it waits for moderation."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write your question.")})
    if not meeting.live:
        raise ValidationError(_("This meeting is not published."))
    if meeting.is_over(now):
        raise ValidationError(_("The meeting is over: questions for its agenda are closed."))
    organisations = user_organisations(author)
    if not organisations.exists():
        raise ValidationError(_("Only members of a verified NGO can send questions for the agenda."))
    if organisation is not None and not organisations.filter(pk=organisation.pk).exists():
        raise ValidationError(_("You can only ask on behalf of a verified organisation you belong to."))
    question = Question.objects.create(
        meeting=meeting, author=author, organisation=organisation or organisations.first(), text=text
    )
    follow_automatically(user=author, obj=question)
    return question


@transaction.atomic
def question_support(*, question, user, now=None):
    """Support a published question: once per person, not one's own."""
    if question.status not in (Question.Status.APPROVED, Question.Status.ON_AGENDA):
        raise ValidationError(_("Only published questions can be supported."))
    if question.meeting.is_over(now):
        raise ValidationError(_("The meeting is over: questions for its agenda are closed."))
    if question.author_id == user.pk:
        raise ValidationError(_("You cannot support your own question."))
    if not user_organisations(user).exists():
        raise ValidationError(_("Only members of a verified NGO can support questions."))
    try:
        with transaction.atomic():
            return QuestionSupport.objects.create(question=question, user=user)
    except IntegrityError:
        raise ValidationError(_("You have already supported this question."))


QUESTION_TRANSITIONS = {
    "pending": {"approved", "rejected", "on_agenda"},
    "approved": {"on_agenda", "rejected"},
    "on_agenda": {"approved"},
    "rejected": {"approved"},
}


@transaction.atomic
def question_moderate(*, question, status, by, now=None):
    """Publish, reject or put a question on the agenda (editors only)."""
    if not user_can_manage_meetings(by):
        raise PermissionDenied
    question = Question.objects.select_for_update().get(pk=question.pk)
    if status not in QUESTION_TRANSITIONS.get(question.status, ()):
        raise ValidationError(_("This question cannot change to that status."))
    question.status = status
    question.moderated_by = by
    question.moderated_at = now or timezone.now()
    question.save(update_fields=["status", "moderated_by", "moderated_at", "updated_at"])
    kind = Event.Kind.QUESTION_DECLINED if status == Question.Status.REJECTED else Event.Kind.QUESTION_ACCEPTED
    event_record(kind=kind, target=question, followed=[question])
    return question


@transaction.atomic
def question_answer(*, question, answers, language, by, now=None):
    """Record the answer given at the meeting to a question that was on the agenda.

    ``answers`` maps a language code to the answer in that language; ``language`` is the one it was
    written in (the others are translations).
    """
    if not user_can_manage_meetings(by):
        raise PermissionDenied
    if question.status != Question.Status.ON_AGENDA:
        raise ValidationError(_("Only questions put on the agenda are answered in the minutes."))
    columns = [f"answer_{code}" for code in LANGUAGE_CODES]
    for code in LANGUAGE_CODES:
        setattr(question, f"answer_{code}", (answers.get(code) or "").strip())
    question.original_language = language if language in LANGUAGE_CODES else active_language()
    question.answered_at = (now or timezone.now()) if question.answer else None
    question.save(update_fields=[*columns, "original_language", "answered_at", "updated_at"])
    if question.answered_at:
        event_record(kind=Event.Kind.QUESTION_ANSWERED, target=question, followed=[question])
    return question


# --- assignments ---------------------------------------------------------------------------


@transaction.atomic
def assignment_post_update(*, assignment, by, comment, status=None, now=None):
    """A progress update by responsible staff, optionally changing the status (a history row each time)."""
    if not user_can_update_assignment(by, assignment):
        raise PermissionDenied
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what has been done.")})
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    status = status or assignment.status
    if status != assignment.status and status not in Assignment.TRANSITIONS[assignment.status]:
        raise ValidationError({"status": _("This assignment cannot change to that status.")})
    update = AssignmentUpdate.objects.create(
        assignment=assignment,
        author=by,
        status_from=assignment.status,
        status_to=status,
        comment=comment,
        created_at=now or timezone.now(),
    )
    if status != assignment.status:
        assignment.status = status
        assignment.save(update_fields=["status", "updated_at"])
    event_record(
        kind=Event.Kind.ASSIGNMENT_UPDATED,
        target=assignment,
        followed=[assignment.meeting, assignment.roadmap_action],
        payload={"status": status},
    )
    return update


def assignments_tell_overdue(*, today=None):
    """Followers of a meeting hear once of each of its assignments that fell overdue; returns how many."""
    told = 0
    for assignment in Assignment.objects.overdue(today).filter(meeting__live=True).select_related("meeting"):
        if last_event(assignment, Event.Kind.ASSIGNMENT_OVERDUE) is None:
            payload = {"due": assignment.due_date.isoformat()}
            followed = [assignment.meeting]
            event_record(kind=Event.Kind.ASSIGNMENT_OVERDUE, target=assignment, followed=followed, payload=payload)
            told += 1
    return told


# --- minutes -------------------------------------------------------------------------------


@transaction.atomic
def minutes_start_version(*, meeting, by, note=""):
    """Open a new draft of the minutes: the first one, or a correction of the approved one."""
    if not user_can_manage_meetings(by):
        raise PermissionDenied
    meeting = _lock_meeting(meeting)
    if meeting.minutes.filter(status=MinutesVersion.Status.DRAFT).exists():
        raise ValidationError(_("A draft of these minutes is already open."))
    if not meeting.is_over():
        raise ValidationError(_("Minutes are recorded after the meeting."))
    number = (meeting.minutes.aggregate(n=Max("number"))["n"] or 0) + 1
    return MinutesVersion.objects.create(meeting=meeting, number=number, note=note.strip()[:300], created_by=by)


@transaction.atomic
def minutes_approve(*, version, by, now=None):
    """Approve a draft (who, when); it becomes the current version the public reads."""
    if not user_can_manage_meetings(by):
        raise PermissionDenied
    version = MinutesVersion.objects.select_for_update().select_related("meeting").get(pk=version.pk)
    if version.status != MinutesVersion.Status.DRAFT:
        raise ValidationError(_("Only a draft can be approved."))
    if not (version.meeting.summary_kk or version.meeting.summary_ru):
        raise ValidationError(_("Write the summary of the outcome before approving the minutes."))
    version.status = MinutesVersion.Status.APPROVED
    version.approved_by = by
    version.approved_at = now or timezone.now()
    version.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    event_record(kind=Event.Kind.MINUTES_APPROVED, target=version.meeting, followed=[version.meeting])
    # A worker renders the PDFs after commit, so they show the outcome as it was approved.
    transaction.on_commit(lambda: [_queue_minutes_pdf(version, code) for code in ("kk", "ru")])
    return version


def current_minutes(meeting):
    return meeting.minutes.filter(status=MinutesVersion.Status.APPROVED).order_by("-number").first()


def ready_minutes_pdf(*, version, language):
    """The stored PDF when rendered already; otherwise None, after asking a worker to render it (once)."""
    record = MinutesFile.objects.filter(version=version, language=language).first()
    if record is None:
        _queue_minutes_pdf(version, language)
        record = MinutesFile.objects.filter(version=version, language=language).first()  # tests run tasks at once
    return record


def _queue_minutes_pdf(version, language):
    enqueue_once(render_minutes_pdf, version.pk, language, key=f"meetings:minutes:{version.pk}:{language}")


@background_task(queue_name="documents")
def render_minutes_pdf(version_pk, language):
    minutes_pdf(version=MinutesVersion.objects.get(pk=version_pk), language=language)


def minutes_pdf(*, version, language):
    """The stored PDF of an approved version in one language; rendered the first time only."""
    existing = MinutesFile.objects.filter(version=version, language=language).first()
    if existing is not None:
        return existing
    version = MinutesVersion.objects.select_related("meeting", "approved_by").get(pk=version.pk)
    if version.status != MinutesVersion.Status.APPROVED:
        raise ValidationError(_("Only approved minutes have a PDF."))
    from .minutes import render_minutes

    started = time.perf_counter()
    data = render_minutes(version, language)
    elapsed = time.perf_counter() - started
    from hub.pdf import sha256_hex

    name = f"{version.meeting.slug}-minutes-v{version.number}-{language}.pdf"
    record = MinutesFile(version=version, language=language, sha256=sha256_hex(data), render_seconds=elapsed)
    try:
        with atomic_with_files():
            record.pdf.save(name, RenderedBySite(data), save=False)
            record.save()
    except IntegrityError:  # rendered by a concurrent request meanwhile: keep theirs (ours is deleted)
        return MinutesFile.objects.get(version=version, language=language)
    return record


# --- personal calendar -------------------------------------------------------------------

CALENDAR_SIGNER = signing.Signer(salt="meetings.personal-calendar", sep=".")
# Past meetings stay in the feed this long, so that calendars keep what the person attended.
CALENDAR_PAST_DAYS = 180


def personal_calendar_reset(*, user):
    """Give the person a new secret calendar address; any earlier address stops working at once."""
    calendar, _created = PersonalCalendar.objects.update_or_create(user=user, defaults={"key": new_calendar_key()})
    return calendar


def personal_calendar_token(calendar):
    return CALENDAR_SIGNER.sign(calendar.key)


def personal_calendar_find(token):
    """The calendar a token opens, or None (a forged, old or reset token opens nothing)."""
    try:
        key = CALENDAR_SIGNER.unsign(token)
    except signing.BadSignature:
        return None
    return PersonalCalendar.objects.for_key(key).first()


def personal_calendar_entries(user, now=None):
    """(meeting, status) pairs of the person's meetings: confirmed, tentative (waiting list) or cancelled.

    A meeting taken off the site, or a registration the person cancelled, stays in the feed as
    cancelled, so that calendar programs remove it rather than keep a stale event.
    """
    since = (now or timezone.now()) - datetime.timedelta(days=CALENDAR_PAST_DAYS)
    chosen = {}
    for registration in Registration.objects.for_personal_calendar(user, since):
        kept = chosen.get(registration.meeting_id)
        if kept is None or (registration.is_active and not kept.is_active):
            chosen[registration.meeting_id] = registration
    return [(registration.meeting, _calendar_status(registration)) for registration in chosen.values()]


def _calendar_status(registration):
    if not registration.meeting.live or not registration.is_active:
        return "CANCELLED"
    return "CONFIRMED" if registration.status == Registration.Status.CONFIRMED else "TENTATIVE"
