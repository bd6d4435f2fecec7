"""Every change to a report goes through these functions: check, stamp, save, log, in one transaction.

Views, admin views, commands and the demo call the same services. Side effects (emails) run after
commit and never carry the content of a report.
"""

import calendar as stdlib_calendar
import datetime
import math

from django.conf import settings
from django.contrib.auth.models import Group
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from follows.models import Event
from follows.services import event_record, follow_automatically
from hub.emails import build_email, send_email, send_email_to_user
from hub.i18n import LANGUAGE_CODES, active_language
from hub.links import absolute_url
from hub.pdf import render_pdf, sha256_hex
from hub.storage import atomic_with_files
from hub.tasks import background_task

from . import codes, duplicates, workcalendar
from .audit import audit_append
from .models import (
    CLOSED_STATUSES,
    DEPARTMENT,
    DEPARTMENT_STAFF_GROUP,
    OFFICER,
    OPEN_STATUSES,
    REPORTER,
    TRANSITIONS,
    Anonymity,
    Attachment,
    AuditEntry,
    DepartmentReply,
    DepartmentStaff,
    Holiday,
    IssuedDocument,
    NewsAddress,
    PublishedOutcome,
    Report,
    ReporterFeedback,
    ReportMessage,
    Status,
    is_officer,
)
from .templatetags.anticorruption_tags import ac_percent

PUBLISHABLE = (Status.CLOSED_RESOLVED, Status.CLOSED_UNRESOLVED)


class ConcurrentChange(ValidationError):
    """Someone else changed the report since it was loaded."""


def role_of(user, report):
    """OFFICER, DEPARTMENT (staff of the assigned body) or None."""
    if user is None or not user.is_authenticated:
        return None
    if is_officer(user):
        return OFFICER
    if report.department_id and DepartmentStaff.objects.filter(user=user, department_id=report.department_id).exists():
        return DEPARTMENT
    return None


def _require_role(user, report, roles=(OFFICER, DEPARTMENT)):
    role = role_of(user, report)
    if role not in roles:
        raise PermissionDenied(_("You may not handle this report."))
    return role


def _lock(report, expected_version=None):
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if expected_version is not None and locked.version != int(expected_version):
        raise ConcurrentChange(
            _("Someone else changed this report while you were working on it. Reload it and try again.")
        )
    return locked


def _save(report, fields):
    report.version += 1
    report.save(update_fields=[*fields, "version", "updated_at"])


# --- Filing -----------------------------------------------------------------------------------


def report_file(*, data, files=(), user=None, now=None):
    """File a report from checked form data; returns (report, receipt code shown once)."""
    now = now or timezone.now()
    anonymous = data["anonymity"] == Anonymity.ANONYMOUS
    calendar = workcalendar.load_calendar()
    acknowledge_due, answer_due = workcalendar.deadlines_for(now, data["kind"], calendar)
    text_fingerprint = duplicates.fingerprint(data["description"])
    fields = {
        "kind": data["kind"],
        "category": data["category"],
        "district": data.get("district"),
        "concerned_body": data.get("concerned_body", ""),
        "description": data["description"],
        "occurred": data.get("occurred", ""),
        "location": data.get("location", ""),
        "language": data["language"],
        "anonymity": data["anonymity"],
        "publication_consent": bool(data.get("publication_consent")),
        # Anonymous reports keep nothing that points to a person, whatever the form sent.
        "reporter_name": "" if anonymous else data.get("reporter_name", ""),
        "reporter_email": "" if anonymous else data.get("reporter_email", ""),
        "reporter_phone": "" if anonymous else data.get("reporter_phone", ""),
        "reporter_user": user if (user is not None and user.is_authenticated and not anonymous) else None,
        "department": None,
        "created_at": now,
        "acknowledge_due_at": acknowledge_due,
        "answer_due_at": answer_due,
        "triage_due_at": workcalendar.triage_deadline(now, calendar),
        "last_reporter_activity_at": now,
        "text_fingerprint": text_fingerprint,
        "duplicate_of": duplicates.original_for(Report.objects, text_fingerprint, now),
    }
    for _attempt in range(5):
        code = codes.new_receipt_code()
        try:
            with atomic_with_files():
                report = Report.objects.create(
                    case_number=codes.new_case_number(), receipt_hash=codes.receipt_hash(code), **fields
                )
                audit_append(
                    report=report, action=AuditEntry.Action.FILED, actor_label=REPORTER, to_status=report.status
                )
                _store_files(report, files, message=None)
                follow_automatically(user=report.reporter_user, obj=report)
                if anonymous and data.get("news_email"):
                    news_address_leave(report=report, email=data["news_email"])
            return report, code
        except IntegrityError:
            continue  # a case number or receipt collided: draw again
    raise IntegrityError("Could not draw a unique case number.")


def _store_files(report, files, message):
    for checked in files:
        attachment = Attachment(
            report=report,
            message=message,
            name=checked.name,
            content_type=checked.content_type,
            size=len(checked.content),
            sha256=checked.sha256,
        )
        attachment.file.save("upload", ContentFile(checked.content), save=False)
        attachment.save()
        audit_append(
            report=report, action=AuditEntry.Action.ATTACHMENT_ADDED, actor_label=REPORTER, comment=checked.sha256
        )


def report_find(*, case_number, receipt_code):
    """The report a case number and receipt code open, or None; both wrong look the same."""
    number = codes.normalise_case_number(case_number)
    code = codes.normalise_receipt(receipt_code)
    report = Report.objects.filter(case_number=number).first() if number else None
    stored = report.receipt_hash if report else codes.receipt_hash("0" * codes.RECEIPT_DIGITS + "x")
    matches = codes.receipt_matches(stored, code or "")
    return report if (report is not None and code is not None and matches) else None


# --- Status changes ---------------------------------------------------------------------------


def _add_months(moment, months):
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    day = min(moment.day, stdlib_calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def _check_extras(report, to_status, comment, extras, now):
    """Validate what each target status needs; returns the fields it sets."""
    changes = {}
    if to_status in (Status.REJECTED, Status.REDIRECTED, Status.EXTENDED, Status.REOPENED) and not comment.strip():
        raise ValidationError(_("Give the reason for this change."))
    if to_status == Status.REDIRECTED:
        if not extras.get("redirected_to", "").strip():
            raise ValidationError(_("Say to whom the report is redirected."))
        changes["redirected_to"] = extras["redirected_to"].strip()
        changes["eotinish_number"] = extras.get("eotinish_number", "").strip()
    if to_status == Status.REJECTED and extras.get("duplicate_of"):
        changes["duplicate_of"] = extras["duplicate_of"]
    if to_status == Status.EXTENDED:
        new_date = extras.get("new_due_date")
        latest = _add_months(report.created_at.astimezone(workcalendar.ALMATY), workcalendar.max_extension_months())
        if not new_date:
            raise ValidationError(_("Give the new answer date."))
        new_due = datetime.datetime.combine(new_date, datetime.time(18), tzinfo=workcalendar.ALMATY)
        if new_due <= report.answer_due_at or new_due.date() > latest.date():
            raise ValidationError(_("The new date must be later than the current deadline and within two months."))
        changes.update(answer_due_at=new_due, extended=True)
    if to_status == Status.REOPENED:
        window = datetime.timedelta(days=workcalendar.reopen_days())
        if report.closed_at is None or now - report.closed_at > window:
            raise ValidationError(_("This case can no longer be reopened."))
    return changes


def _stamp(report, to_status, now):
    stamps = {}
    if to_status not in (Status.SUBMITTED, Status.REGISTERED, Status.REJECTED) and report.acknowledged_at is None:
        stamps["acknowledged_at"] = now  # reopening never resets the first response
    if to_status == Status.ANSWERED:
        stamps["answered_at"] = now
        if report.first_answered_at is None:  # statistics judge the first answer, whatever follows
            stamps.update(first_answered_at=now, first_answer_due_at=report.answer_due_at)
    if to_status in (Status.CLOSED_RESOLVED, Status.CLOSED_UNRESOLVED, Status.REDIRECTED, Status.REJECTED):
        stamps["closed_at"] = now
    if to_status == Status.REOPENED:
        stamps.update(closed_at=None, answered_at=None)
    return stamps


def report_transition(
    *, report, to_status, actor=None, by_reporter=False, expected_version=None, comment="", extras=None, now=None
):
    """Move a report to another status if the table allows it for this actor; logs and notifies."""
    now = now or timezone.now()
    with transaction.atomic():
        report = _lock(report, expected_version)
        role = REPORTER if by_reporter else _require_role(actor, report)
        allowed = TRANSITIONS.get((report.status, to_status), set())
        roles = {OFFICER, DEPARTMENT} if role == OFFICER else {role}
        if not allowed & roles:
            raise ValidationError(
                _("A report cannot go from “%(source)s” to “%(target)s”.")
                % {
                    "source": Status(report.status).label,
                    "target": Status(to_status).label if to_status in Status.values else to_status,
                }
            )
        changes = {**_check_extras(report, to_status, comment, extras or {}, now), **_stamp(report, to_status, now)}
        if role == OFFICER and report.officer_id is None and to_status == Status.ACKNOWLEDGED:
            changes["officer"] = actor
        from_status = report.status
        for field, value in {**changes, "status": to_status, "status_reason": comment[:1000]}.items():
            setattr(report, field, value)
        _save(report, [*changes, "status", "status_reason"])
        audit_append(
            report=report,
            actor=None if by_reporter else actor,
            actor_label=role,
            action=AuditEntry.Action.TRANSITION,
            from_status=from_status,
            to_status=to_status,
            comment=comment,
        )
        if "answer_due_at" in changes:
            audit_append(
                report=report,
                actor=actor,
                actor_label=role,
                action=AuditEntry.Action.DEADLINE,
                comment=f"answer_due_at {report.answer_due_at.isoformat()}",
            )
        transaction.on_commit(lambda: notify_reporter(report))
        _tell_identified_reporter(report)
    return report


def _tell_identified_reporter(report):
    """A reporter with an account sees the news in their inbox too; the email above already told them."""
    if report.reporter_user_id:
        emailed = [report.reporter_user_id] if report.reporter_email else []
        payload = {"status": report.status}
        event_record(
            kind=Event.Kind.REPORT_STATUS, target=report, followed=[report], payload=payload, already_emailed=emailed
        )


def report_assign(*, report, department, actor, expected_version=None, comment=""):
    """Officers assign a report to a responsible body; its staff are told (without the content)."""
    with transaction.atomic():
        locked = _lock(report, expected_version)
        _require_role(actor, locked, roles=(OFFICER,))
        locked.department = department
        locked.assigned_at = timezone.now()
        _save(locked, ["department", "assigned_at"])
        audit_append(
            report=locked,
            actor=actor,
            actor_label=OFFICER,
            action=AuditEntry.Action.ASSIGNED,
            comment=f"{department.slug} {comment}".strip(),
        )
        if locked.status in (Status.ACKNOWLEDGED, Status.REOPENED):
            locked = report_transition(report=locked, to_status=Status.ASSIGNED, actor=actor, comment=comment)
        transaction.on_commit(lambda: notify_department(locked))
    return locked


def report_take(*, report, actor):
    """An officer becomes the officer handling the report (and may see confidential contacts)."""
    with transaction.atomic():
        locked = _lock(report)
        _require_role(actor, locked, roles=(OFFICER,))
        locked.officer = actor
        _save(locked, ["officer"])
        audit_append(
            report=locked, actor=actor, actor_label=OFFICER, action=AuditEntry.Action.ASSIGNED, comment="officer"
        )
    return locked


def reports_bulk(*, reports, change):
    """Apply ``change(report)`` to each report in its own transaction, so one report that moved on
    (or cannot take the change in its state) does not hold back the others; returns (done, refused)."""
    done, refused = [], []
    for report in reports:
        try:
            change(report)
        except ValidationError:
            refused.append(report.case_number)
        else:
            done.append(report.case_number)
    return done, refused


def reports_acknowledge(*, reports, actor):
    """Acknowledge several reports from the queue: the golden-hour response, case by case."""
    _require_officer(actor)
    return reports_bulk(
        reports=reports,
        change=lambda report: report_transition(report=report, to_status=Status.ACKNOWLEDGED, actor=actor),
    )


def reports_assign(*, reports, department, actor):
    """Assign several acknowledged reports to one body; reports not yet acknowledged are refused."""
    _require_officer(actor)

    def change(report):
        if report.status in (Status.SUBMITTED, Status.REGISTERED) or report.status not in OPEN_STATUSES:
            raise ValidationError(_("Acknowledge a report before assigning it."))
        report_assign(report=report, department=department, actor=actor)

    return reports_bulk(reports=reports, change=change)


def _require_officer(actor):
    if not is_officer(actor):
        raise PermissionDenied(_("You may not handle this report."))


# --- Messages ---------------------------------------------------------------------------------


def report_add_note(*, report, actor, body):
    """An internal note: staff only, never shown to the reporter."""
    with transaction.atomic():
        role = _require_role(actor, report)
        message = ReportMessage.objects.create(
            report=report, kind=ReportMessage.Kind.NOTE, author=actor, body=body, language=report.language
        )
        audit_append(report=report, actor=actor, actor_label=role, action=AuditEntry.Action.NOTE)
    return message


def report_ask(*, report, actor, body, expected_version=None):
    """A question to the reporter; the case waits for the reporter."""
    with transaction.atomic():
        role = _require_role(actor, report)
        message = ReportMessage.objects.create(
            report=report, kind=ReportMessage.Kind.QUESTION, author=actor, body=body, language=report.language
        )
        audit_append(report=report, actor=actor, actor_label=role, action=AuditEntry.Action.QUESTION)
        if report.status != Status.WAITING:
            report_transition(report=report, to_status=Status.WAITING, actor=actor, expected_version=expected_version)
    return message


def report_answer(*, report, actor, body, expected_version=None):
    """The answer, written in the language of the report; the case becomes answered."""
    with transaction.atomic():
        role = _require_role(actor, report)
        message = ReportMessage.objects.create(
            report=report, kind=ReportMessage.Kind.ANSWER, author=actor, body=body, language=report.language
        )
        audit_append(report=report, actor=actor, actor_label=role, action=AuditEntry.Action.ANSWER)
        report_transition(report=report, to_status=Status.ANSWERED, actor=actor, expected_version=expected_version)
    return message


def report_reporter_reply(*, report, body, files=()):
    """The receipt holder answers a question or adds information and files."""
    if report.status in (Status.REJECTED, Status.REDIRECTED) or report.purged_at:
        raise ValidationError(_("This case is closed; file a new report instead."))
    with atomic_with_files():
        locked = _lock(report)
        message = ReportMessage.objects.create(
            report=locked, kind=ReportMessage.Kind.REPLY, body=body, language=locked.language
        )
        audit_append(report=locked, actor_label=REPORTER, action=AuditEntry.Action.REPLY)
        _store_files(locked, files, message)
        locked.last_reporter_activity_at = timezone.now()
        locked.save(update_fields=["last_reporter_activity_at", "updated_at"])
        if locked.status == Status.WAITING:
            report_transition(report=locked, to_status=Status.IN_PROGRESS, by_reporter=True)
    return message


def report_reopen(*, report, comment):
    """The reporter reopens a closed case within the allowed number of days."""
    report = report_transition(report=report, to_status=Status.REOPENED, by_reporter=True, comment=comment)
    Report.objects.filter(pk=report.pk).update(last_reporter_activity_at=timezone.now())
    return report


def feedback_may_give(report):
    """ "Was it resolved?" is asked once the case has an answer, and only once."""
    return report.first_answered_at is not None and not report.purged_at and not _has_feedback(report)


def _has_feedback(report):
    return ReporterFeedback.objects.filter(report_id=report.pk).exists()


def report_feedback_give(*, report, resolved, comment=""):
    """The receipt holder says whether the answer resolved the matter; once per case."""
    try:
        with transaction.atomic():
            report = _lock(report)
            if report.first_answered_at is None or report.purged_at:
                raise ValidationError(_("You can say whether it was resolved once the case has an answer."))
            feedback = ReporterFeedback.objects.create(report=report, resolved=resolved, comment=comment.strip())
            audit_append(report=report, actor_label=REPORTER, action=AuditEntry.Action.FEEDBACK, comment=resolved)
    except IntegrityError:
        raise ValidationError(_("You have already said whether it was resolved.")) from None
    return feedback


# --- Attachments and documents ----------------------------------------------------------------


def attachment_open(*, attachment, actor=None, by_reporter=False):
    """Log a download (by staff with a role on the report, or by the receipt holder)."""
    report = attachment.report
    with transaction.atomic():
        role = REPORTER if by_reporter else _require_role(actor, report)
        audit_append(
            report=report,
            actor=None if by_reporter else actor,
            actor_label=role,
            action=AuditEntry.Action.DOWNLOAD,
            comment=attachment.sha256,
        )
    return attachment.file.open("rb")


def document_issue(*, report, kind, actor=None, by_reporter=False):
    """Render the case record or the answer as PDF with a printed fingerprint; returns (bytes, fingerprint).

    The fingerprint is the SHA-256 of the document's content (it cannot be the hash of the PDF that
    prints it); the SHA-256 of the PDF file is recorded too, so either can be checked.
    """
    role = REPORTER if by_reporter else _require_role(actor, report)
    if kind == IssuedDocument.Kind.CASE_RECORD and role == REPORTER:
        raise PermissionDenied
    if kind == IssuedDocument.Kind.ANSWER and not report.messages.filter(kind=ReportMessage.Kind.ANSWER).exists():
        # An "answer" with no answer in it would still verify as a genuine document of the hub.
        raise ValidationError(_("This case has no answer yet."))
    language = report.language if kind == IssuedDocument.Kind.ANSWER else getattr(actor, "language", report.language)
    template = f"anticorruption/pdf/{kind}.html"
    context = pdf_context(report, kind, actor=actor)
    with translation.override(language):
        fingerprint = sha256_hex(render_to_string(template, context).encode())
    data = render_pdf(template, {**context, "document_sha256": fingerprint}, language=language)
    with transaction.atomic():
        IssuedDocument.objects.get_or_create(
            sha256=fingerprint,
            defaults={"kind": kind, "report": report, "issued_by": actor, "file_sha256": sha256_hex(data)},
        )
        audit_append(
            report=report,
            actor=None if by_reporter else actor,
            actor_label=role,
            action=AuditEntry.Action.PDF,
            comment=f"{kind} {fingerprint}",
        )
    return data, fingerprint


def pdf_context(report, kind, actor=None):
    messages = report.messages.select_related("author")
    if kind == IssuedDocument.Kind.ANSWER:
        messages = messages.filter(kind=ReportMessage.Kind.ANSWER)
    return {
        "report": report,
        "messages": list(messages),
        "entries": list(report.audit_entries.select_related("actor"))
        if kind == IssuedDocument.Kind.CASE_RECORD
        else [],
        "show_contact": actor is not None and report.may_see_contact(actor),
        "issued_at": timezone.now(),
        "verify_url": absolute_url(reverse("anticorruption:verify")),
    }


# --- Calendar ---------------------------------------------------------------------------------


def holiday_add(*, date, name_kk, name_ru, name_en="", kind=Holiday.Kind.DAY_OFF, decree="", actor=None):
    """Add a calendar exception (a day off or a working day by decree) and recompute the deadlines it moves."""
    with transaction.atomic():
        holiday = Holiday.objects.create(
            date=date, kind=kind, name_kk=name_kk, name_ru=name_ru, name_en=name_en, decree=decree
        )
        audit_append(
            actor=actor,
            actor_label=OFFICER if actor else "system",
            action=AuditEntry.Action.HOLIDAY,
            comment=f"{date} {kind}",
        )
        deadlines_recompute(since=date, actor=actor)
    return holiday


def deadlines_recompute(*, since, actor=None):
    """Recompute the clocks of open reports whose deadlines fall on or after ``since``."""
    calendar = workcalendar.load_calendar()
    start = datetime.datetime.combine(since, datetime.time(0), tzinfo=workcalendar.ALMATY)
    changed = 0
    for report in Report.objects.open().filter(answer_due_at__gte=start, extended=False).select_for_update():
        acknowledge_due, answer_due = workcalendar.deadlines_for(report.created_at, report.kind, calendar)
        fields = []
        triage_due = workcalendar.triage_deadline(report.created_at, calendar)
        if report.triage_due_at and triage_due != report.triage_due_at:
            report.triage_due_at = triage_due
            fields.append("triage_due_at")
        if report.acknowledged_at is None and acknowledge_due != report.acknowledge_due_at:
            report.acknowledge_due_at = acknowledge_due
            fields.append("acknowledge_due_at")
        if answer_due != report.answer_due_at:
            old = report.answer_due_at
            report.answer_due_at = answer_due
            fields.append("answer_due_at")
            audit_append(
                report=report,
                actor=actor,
                actor_label=OFFICER if actor else "system",
                action=AuditEntry.Action.DEADLINE,
                comment=f"{old.isoformat()} -> {answer_due.isoformat()}",
            )
        if fields:
            _save(report, fields)
            changed += 1
    return changed


# --- Department staff -------------------------------------------------------------------------


def department_staff_add(*, user, department):
    """Make a user staff of a body: they get back-office access and see that body's reports."""
    with transaction.atomic():
        membership, _created = DepartmentStaff.objects.get_or_create(user=user, department=department)
        group, _created = Group.objects.get_or_create(name=DEPARTMENT_STAFF_GROUP)
        user.groups.add(group)
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    return membership


# --- Notifications (after commit; never the content of a report) ------------------------------


NEWS_TEMPLATE = "anticorruption/emails/status_changed"


def notify_reporter(report):
    """Tell the reporter there is news: at their contact, or at the address an anonymous reporter left."""
    if report.reporter_email:
        send_email(
            template=NEWS_TEMPLATE, to=[report.reporter_email], context=_news_context(report), language=report.language
        )
        return
    address_id = NewsAddress.objects.filter(report=report).values_list("pk", flat=True).first()
    if address_id is not None:
        send_case_news.enqueue(str(address_id))


def _news_context(report):
    return {"case_number": report.case_number, "track_url": absolute_url(_path_in(report.language, "track"))}


def _path_in(language, name, **kwargs):
    with translation.override(language):
        return reverse(f"anticorruption:{name}", kwargs=kwargs or None)


class NewsNotSent(Exception):
    """Sending the news failed; says how, but never to whom."""


@background_task(queue_name="emails")
def send_case_news(address_id):
    """Email an anonymous reporter that there is news, through the same template as identified reporters.

    The task carries only the address's random id (task rows are kept for weeks; the address must go
    with its row). Once the news of a closed case is sent, the address is deleted.
    """
    address = NewsAddress.objects.select_related("report").filter(pk=address_id).first()
    if address is None:
        return  # withdrawn, or the case closed, since the news was queued
    report = address.report
    withdraw_path = _path_in(report.language, "news_withdraw", token=news_address_token(address))
    context = {**_news_context(report), "withdraw_url": absolute_url(withdraw_path)}
    message = build_email(template=NEWS_TEMPLATE, to=[address.email], context=context, language=report.language)
    try:
        message.send()
    except Exception as error:
        # SMTP errors name the recipient: the retry log and the failed-task page must not show it.
        raise NewsNotSent(type(error).__name__) from None
    if report.status in CLOSED_STATUSES:
        address.delete()


# --- Addresses for news of anonymous reports (issue 19) -----------------------------------------

NEWS_SALT = "anticorruption.news-address"
# How long the nightly purge waits after a case closed for the task to send the last news.
NEWS_GRACE = datetime.timedelta(days=1)


def news_address_leave(*, report, email):
    """Keep an anonymous reporter's address for news of their case: nothing else, nowhere else."""
    if report.anonymity != Anonymity.ANONYMOUS:
        raise ValidationError(_("Only anonymous reports keep an address for news."))
    return NewsAddress.objects.create(report=report, email=email)


def news_address_of(report):
    return NewsAddress.objects.filter(report=report).first()


def news_address_token(address):
    return signing.dumps(str(address.pk), salt=NEWS_SALT)


def news_address_find(token):
    """The address a withdraw link points to, or None (forged, or already deleted)."""
    try:
        address_id = signing.loads(token, salt=NEWS_SALT)
    except signing.BadSignature:
        return None
    return NewsAddress.objects.filter(pk=address_id).first()


def news_address_withdraw(*, address):
    """The reporter no longer wants news: the address is deleted, not kept anywhere."""
    address.delete()


def news_addresses_forget_closed(now=None):
    """Delete the addresses of cases closed more than a day ago (should the last news have failed)."""
    closed_before = (now or timezone.now()) - NEWS_GRACE
    deleted, _by_model = NewsAddress.objects.of_closed_cases(closed_before).delete()
    return deleted


def notify_department(report):
    admin_url = absolute_url(reverse("anticorruption_admin:case", args=[report.case_number]))
    for membership in DepartmentStaff.objects.filter(department_id=report.department_id).select_related("user"):
        send_email_to_user(
            user=membership.user,
            template="anticorruption/emails/assigned",
            context={"case_number": report.case_number, "admin_url": admin_url},
        )


# --- Published outcomes, legal hold, replies of bodies (issue 7) -------------------------------


def _language_columns(language, texts, translations):
    """Every ``<name>_<language>`` column: ``texts`` in ``language``, ``translations`` (by column) for the others."""
    return {
        f"{name}_{code}": text if code == language else (translations or {}).get(f"{name}_{code}", "")
        for name, text in texts.items()
        for code in LANGUAGE_CODES
    }


def outcome_publish(*, report, actor, title, summary, outcome, language=None, translations=None):
    """Publish an officer-written, anonymised summary of a closed case whose reporter agreed.

    The texts are in ``language`` (the report's unless given); ``translations`` holds other
    languages' columns (``{"title_ru": ...}``).
    """
    language = language or report.language
    with transaction.atomic():
        report = _lock(report)
        _require_role(actor, report, roles=(OFFICER,))
        if not report.publication_consent:
            raise ValidationError(_("The reporter did not agree to publication."))
        if report.status not in PUBLISHABLE:
            raise ValidationError(_("Only closed cases can be published."))
        published, _created = PublishedOutcome.objects.update_or_create(
            report=report,
            defaults={
                **_language_columns(language, {"title": title, "summary": summary, "outcome": outcome}, translations),
                "original_language": language,
                "is_published": True, "published_at": timezone.now(), "published_by": actor,
            },
        )  # fmt: skip
        audit_append(
            report=report, actor=actor, actor_label=OFFICER, action=AuditEntry.Action.PUBLISHED, comment=published.slug
        )
    return published


def outcome_unpublish(*, outcome, actor):
    with transaction.atomic():
        _require_role(actor, outcome.report, roles=(OFFICER,))
        outcome.is_published = False
        outcome.save(update_fields=["is_published", "updated_at"])
        audit_append(
            report=outcome.report,
            actor=actor,
            actor_label=OFFICER,
            action=AuditEntry.Action.PUBLISHED,
            comment=f"unpublished {outcome.slug}",
        )
    return outcome


def report_set_legal_hold(*, report, actor, hold, reason):
    """A legal hold stops the retention purge of a case until it is lifted."""
    with transaction.atomic():
        report = _lock(report)
        _require_role(actor, report, roles=(OFFICER,))
        if report.legal_hold == hold:
            # A second click (or a stale page) must not be logged as a change that did not happen.
            raise ValidationError(
                _("This case is already on legal hold.") if hold else _("This case is not on legal hold.")
            )
        report.legal_hold = hold
        _save(report, ["legal_hold"])
        audit_append(
            report=report,
            actor=actor,
            actor_label=OFFICER,
            action=AuditEntry.Action.LEGAL_HOLD,
            comment=f"{'on' if hold else 'off'}: {reason}",
        )
    return report


def department_reply_set(*, department, actor, text, language=None, translations=None):
    """A body's own reply beside its statistics row: its staff or an officer may write it.

    ``text`` is in ``language`` (the writer's page language unless given); ``translations`` holds
    the other languages' columns (``{"text_ru": ...}``).
    """
    language = language or active_language()
    if not (is_officer(actor) or DepartmentStaff.objects.filter(user=actor, department=department).exists()):
        raise PermissionDenied(_("You may not write for this body."))
    reply, _created = DepartmentReply.objects.update_or_create(
        department=department,
        defaults={
            **_language_columns(language, {"text": text}, translations),
            "original_language": language,
            "updated_by": actor,
        },
    )
    return reply


# --- Retention ---------------------------------------------------------------------------------

DEFAULT_RETENTION_DAYS = {
    Status.CLOSED_RESOLVED: 3 * 365,
    Status.CLOSED_UNRESOLVED: 3 * 365,
    Status.REDIRECTED: 365,
    Status.REJECTED: 90,
}


def retention_days():
    return {**DEFAULT_RETENTION_DAYS, **getattr(settings, "ANTICORRUPTION_RETENTION_DAYS", {})}


def purge_candidates(now=None):
    """Closed cases past their retention period, not on hold, with no recent reporter activity."""
    now = now or timezone.now()
    reports = Report.objects.none()
    for status, days in retention_days().items():
        cutoff = now - datetime.timedelta(days=days)
        reports = reports | Report.objects.filter(
            status=status, closed_at__lt=cutoff, purged_at__isnull=True, legal_hold=False
        ).exclude(last_reporter_activity_at__gte=cutoff)
    return reports


def report_purge(*, report, now=None):
    """Remove personal data and free text of one case; the row (and its counts) stays.

    Logs what was removed, never the content; returns the number of files deleted.
    """
    now = now or timezone.now()
    with transaction.atomic():
        report = _lock(report)
        if report.legal_hold or report.purged_at:
            return None
        files = list(report.attachments.all())
        names = [attachment.file.name for attachment in files]
        storage = files[0].file.storage if files else None
        report.attachments.all().delete()
        NewsAddress.objects.filter(report=report).delete()
        # Files go only once the purge is committed: a failed purge keeps the case whole.
        transaction.on_commit(lambda: [storage.delete(name) for name in names])
        message_count = report.messages.update(body="")
        ReporterFeedback.objects.filter(report=report).update(comment="")
        cleared = {
            "description": "", "occurred": "", "location": "", "concerned_body": "", "reporter_name": "",
            "reporter_email": "", "reporter_phone": "", "reporter_user": None, "status_reason": "",
            "redirected_to": "", "text_fingerprint": "", "purged_at": now,
        }  # fmt: skip
        for field, value in cleared.items():
            setattr(report, field, value)
        _save(report, list(cleared))
        audit_append(
            report=report,
            actor_label="system",
            action=AuditEntry.Action.PURGE,
            comment=f"files={len(files)} messages={message_count} fields=contact,text",
        )
    return len(files)


def statistics_in_plain_words(overall):
    """What the statistics page's overall figures mean for a resident, as short sentences.

    ``overall`` is ``stats.compute(...)["overall"]``: the same figures the page shows below for
    journalists, with their method and intervals.
    """
    if not overall["total"]:
        return [_("No reports were counted in this period.")]
    sentences = []
    if overall["on_time_share"] is not None:
        sentences.append(
            ngettext(
                "%(share)s of reports were answered on time (%(count)s report in all).",
                "%(share)s of reports were answered on time (%(count)s reports in all).",
                overall["trials"],
            )
            % {"share": ac_percent(overall["on_time_share"]), "count": overall["trials"]}
        )
    if overall["median_acknowledge"] is not None:
        sentences.append(_first_response_in_words(overall["median_acknowledge"]))
    if overall["median_answer"] is not None:
        days = max(1, math.ceil(overall["median_answer"].total_seconds() / 86400))
        sentences.append(
            ngettext(
                "Half of the answers came within %(count)s day.",
                "Half of the answers came within %(count)s days.",
                days,
            )
            % {"count": days}
        )
    sentences.append(_overdue_in_words(overall["overdue_open"]))
    return sentences


def _first_response_in_words(median):
    minutes = max(1, math.ceil(median.total_seconds() / 60))
    if minutes < 60:
        text = ngettext(
            "Half of the reports were read by a person within %(count)s minute.",
            "Half of the reports were read by a person within %(count)s minutes.",
            minutes,
        )
        return text % {"count": minutes}
    hours = math.ceil(minutes / 60)
    text = ngettext(
        "Half of the reports were read by a person within %(count)s hour.",
        "Half of the reports were read by a person within %(count)s hours.",
        hours,
    )
    return text % {"count": hours}


def _overdue_in_words(count):
    if not count:
        return _("No report is waiting past its deadline.")
    text = ngettext(
        "%(count)s report is still waiting for an answer past its deadline.",
        "%(count)s reports are still waiting for an answer past their deadline.",
        count,
    )
    return text % {"count": count}
