"""The Adaldyq alany feedback channel: reports from the public, their workflow and the audit trail.

Writes go through :mod:`anticorruption.services`; this module holds the data, the status
table and the read-side querysets.
"""

import datetime
import hashlib
import secrets
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hub.i18n import TranslatedField, column_label, original_language_field, require_original_language
from hub.models import Department, District, TimeStampedModel
from hub.roles import OFFICERS

from .storage import private_storage

LANGUAGE_CHOICES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
DEPARTMENT_STAFF_GROUP = "Department staff"


def is_officer(user):
    """Officers (and administrators) see and handle every report."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=OFFICERS).exists()


class Category(TimeStampedModel):
    """A subject of reports, managed by editors, with the body its reports go to by default."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=150)
    name_ru = models.CharField(_("name (Russian)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    default_department = models.ForeignKey(
        Department,
        verbose_name=_("default responsible body"),
        on_delete=models.PROTECT,
        related_name="anticorruption_categories",
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("offered on the form"), default=True)

    name = TranslatedField("name")

    class Meta:
        verbose_name = _("report category")
        verbose_name_plural = _("report categories")
        ordering = ["sort_order", "slug"]

    def __str__(self):
        return self.name


class AnswerTemplate(TimeStampedModel):
    """A starting text for answers in one category and language; officers adapt it per case."""

    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="answer_templates"
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("text"), max_length=10000)

    class Meta:
        verbose_name = _("answer template")
        verbose_name_plural = _("answer templates")
        ordering = ["category__sort_order", "language", "title"]

    def __str__(self):
        return f"{self.title} ({self.language})"


class Holiday(TimeStampedModel):
    """An exception to the public holidays of the ``holidays`` package: a government transfer decree.

    Kazakhstan's public holidays (and the days off they move to when they fall on a weekend) come from
    the maintained ``holidays`` package for every year. These rows add what it does not know yet or gets
    wrong: a weekday made a day off, or a weekend day made a working day (for example a working Saturday
    in exchange for a bridge day), each with the decree it comes from.
    """

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Day off")
        WORKING_DAY = "working_day", _("Working day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("the day becomes"), max_length=12, choices=Kind.choices, default=Kind.DAY_OFF)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=150)
    name_ru = models.CharField(_("name (Russian)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    decree = models.CharField(_("decree"), max_length=200, blank=True)

    name = TranslatedField("name")

    class Meta:
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["day_off", "working_day"]), name="ac_holiday_kind_valid")
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}"


class DepartmentStaff(TimeStampedModel):
    """A staff member of a responsible body: sees only reports assigned to that body."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="department_roles"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("responsible body"), on_delete=models.CASCADE, related_name="staff_roles"
    )

    class Meta:
        verbose_name = _("department staff member")
        verbose_name_plural = _("department staff")
        ordering = ["department__slug", "user__email"]
        constraints = [models.UniqueConstraint(fields=["user", "department"], name="ac_deptstaff_unique")]

    def __str__(self):
        return f"{self.user} · {self.department}"


class Kind(models.TextChoices):
    CORRUPTION = "corruption", _("Corruption report")
    IDEA = "idea", _("Idea or proposal")
    SERVICE = "service", _("Remark on a public service")
    QUESTION = "question", _("Question")


class Anonymity(models.TextChoices):
    ANONYMOUS = "anonymous", _("Anonymous")
    CONFIDENTIAL = "confidential", _("Confidential")
    IDENTIFIED = "identified", _("Identified (formal appeal)")


class Status(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("report status", "Submitted")
    REGISTERED = "registered", pgettext_lazy("report status", "Registered")
    ACKNOWLEDGED = "acknowledged", pgettext_lazy("report status", "Acknowledged")
    ASSIGNED = "assigned", pgettext_lazy("report status", "Assigned to a department")
    IN_PROGRESS = "in_progress", pgettext_lazy("report status", "In progress")
    WAITING = "waiting", pgettext_lazy("report status", "Waiting for the reporter")
    EXTENDED = "extended", pgettext_lazy("report status", "Deadline extended")
    ANSWERED = "answered", pgettext_lazy("report status", "Answered")
    CLOSED_RESOLVED = "closed_resolved", pgettext_lazy("report status", "Closed: resolved")
    CLOSED_UNRESOLVED = "closed_unresolved", pgettext_lazy("report status", "Closed: not resolved")
    REDIRECTED = "redirected", pgettext_lazy("report status", "Redirected")
    REJECTED = "rejected", pgettext_lazy("report status", "Rejected")
    REOPENED = "reopened", pgettext_lazy("report status", "Reopened")


CLOSED_STATUSES = {Status.CLOSED_RESOLVED, Status.CLOSED_UNRESOLVED, Status.REDIRECTED, Status.REJECTED}
# The answer clock stops once the reporter has an answer (or the case left the city).
STOPPED_STATUSES = CLOSED_STATUSES | {Status.ANSWERED}
OPEN_STATUSES = [s for s in Status if s not in STOPPED_STATUSES]
# "Deadline near" in the queue filter and on the dashboard.
DUE_SOON = datetime.timedelta(days=3)

OFFICER, DEPARTMENT, REPORTER = "officer", "department", "reporter"

# The one table of allowed status changes: (from, to) -> who may make it.
# Officers may do everything department staff may do.
TRANSITIONS = {
    (Status.SUBMITTED, Status.REGISTERED): {OFFICER},
    (Status.SUBMITTED, Status.ACKNOWLEDGED): {OFFICER},
    (Status.SUBMITTED, Status.REJECTED): {OFFICER},
    (Status.SUBMITTED, Status.REDIRECTED): {OFFICER},
    (Status.REGISTERED, Status.ACKNOWLEDGED): {OFFICER},
    (Status.REGISTERED, Status.REJECTED): {OFFICER},
    (Status.REGISTERED, Status.REDIRECTED): {OFFICER},
    (Status.ACKNOWLEDGED, Status.ASSIGNED): {OFFICER},
    (Status.ACKNOWLEDGED, Status.IN_PROGRESS): {OFFICER},
    (Status.ACKNOWLEDGED, Status.WAITING): {OFFICER},
    (Status.ACKNOWLEDGED, Status.ANSWERED): {OFFICER},
    (Status.ACKNOWLEDGED, Status.REDIRECTED): {OFFICER},
    (Status.ACKNOWLEDGED, Status.REJECTED): {OFFICER},
    (Status.ASSIGNED, Status.IN_PROGRESS): {DEPARTMENT},
    (Status.ASSIGNED, Status.WAITING): {DEPARTMENT},
    (Status.ASSIGNED, Status.EXTENDED): {DEPARTMENT},
    (Status.ASSIGNED, Status.ANSWERED): {DEPARTMENT},
    (Status.ASSIGNED, Status.REDIRECTED): {OFFICER},
    (Status.IN_PROGRESS, Status.WAITING): {DEPARTMENT},
    (Status.IN_PROGRESS, Status.EXTENDED): {DEPARTMENT},
    (Status.IN_PROGRESS, Status.ANSWERED): {DEPARTMENT},
    (Status.IN_PROGRESS, Status.REDIRECTED): {OFFICER},
    (Status.WAITING, Status.IN_PROGRESS): {DEPARTMENT, REPORTER},
    (Status.WAITING, Status.EXTENDED): {DEPARTMENT},
    (Status.WAITING, Status.ANSWERED): {DEPARTMENT},
    (Status.EXTENDED, Status.IN_PROGRESS): {DEPARTMENT},
    (Status.EXTENDED, Status.WAITING): {DEPARTMENT},
    (Status.EXTENDED, Status.ANSWERED): {DEPARTMENT},
    (Status.ANSWERED, Status.IN_PROGRESS): {OFFICER},
    (Status.ANSWERED, Status.CLOSED_RESOLVED): {OFFICER},
    (Status.ANSWERED, Status.CLOSED_UNRESOLVED): {OFFICER},
    (Status.CLOSED_RESOLVED, Status.REOPENED): {REPORTER},
    (Status.CLOSED_UNRESOLVED, Status.REOPENED): {REPORTER},
    (Status.REOPENED, Status.IN_PROGRESS): {DEPARTMENT},
    (Status.REOPENED, Status.WAITING): {DEPARTMENT},
    (Status.REOPENED, Status.ANSWERED): {DEPARTMENT},
    (Status.REOPENED, Status.ASSIGNED): {OFFICER},
}


def allowed_targets(status, role):
    """Statuses a role may move a report to from ``status``."""
    roles = {OFFICER, DEPARTMENT} if role == OFFICER else {role}
    return [target for (source, target), who in TRANSITIONS.items() if source == status and who & roles]


# Targets reached through their own form on the case page (each writes something besides the status):
# a department through "assign", a question through "ask", the answer text through "answer".
OWN_FORM_TARGETS = {Status.ASSIGNED, Status.WAITING, Status.ANSWERED}
UNTRIAGED_STATUSES = (Status.SUBMITTED, Status.REGISTERED)


@dataclass(frozen=True)
class CaseActions:
    """What the case page offers a role in the report's current state, read off ``TRANSITIONS``."""

    status_targets: tuple
    assign: bool
    ask: bool
    answer: bool
    take: bool
    note: bool

    @classmethod
    def for_report(cls, report, role, user):
        targets = allowed_targets(report.status, role)
        officer = role == OFFICER
        live = report.purged_at is None
        return cls(
            status_targets=tuple(t for t in targets if t not in OWN_FORM_TARGETS) if live else (),
            # Reassigning stays possible while the case is open; the first assignment follows acknowledgement.
            assign=live and officer and report.is_open and report.status not in UNTRIAGED_STATUSES,
            ask=live and (Status.WAITING in targets or report.status == Status.WAITING),
            answer=live and Status.ANSWERED in targets,
            take=live and officer and report.is_open and report.officer_id != user.pk,
            note=live,
        )


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Officers see every report; department staff only those assigned to their bodies."""
        if is_officer(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(department__in=DepartmentStaff.objects.filter(user=user).values("department"))

    def for_queue(self):
        return self.select_related("category", "department", "district")

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, now=None):
        """Open reports past their answer deadline: derived from timestamps, never stored."""
        return self.open().filter(answer_due_at__lt=now or timezone.now())

    def due_within(self, delta, now=None):
        now = now or timezone.now()
        return self.open().filter(answer_due_at__gte=now, answer_due_at__lt=now + delta)

    def golden_hour_missed(self, now=None):
        """No human acknowledgement within the first working hour."""
        now = now or timezone.now()
        late = Q(acknowledged_at__gt=models.F("acknowledge_due_at"))
        missing = Q(acknowledged_at__isnull=True, acknowledge_due_at__lt=now)
        return self.filter(late | missing)

    def golden_hour_running(self, now=None):
        """Open reports nobody has acknowledged yet whose golden hour is still running."""
        return self.open().filter(acknowledged_at__isnull=True, acknowledge_due_at__gte=now or timezone.now())

    def unacknowledged_late(self, now=None):
        """Open reports still waiting for a first human response after their golden hour."""
        return self.open().filter(acknowledged_at__isnull=True, acknowledge_due_at__lt=now or timezone.now())

    def by_urgency(self):
        """Open before stopped; then by the next clock: the golden hour while nobody has acknowledged
        the report, the answer deadline after that. Overdue reports come first, as their clock ran out earliest."""
        return self.order_by("is_stopped", "next_due_at", "pk")

    def triage_overdue(self, now=None):
        """Neither assigned nor redirected (nor rejected) within the redirect deadline."""
        untriaged = [Status.SUBMITTED, Status.REGISTERED, Status.ACKNOWLEDGED]
        return self.filter(status__in=untriaged, triage_due_at__lt=now or timezone.now())

    def counted(self):
        """Reports that count in statistics: every report once, so a near-duplicate counts with its original.

        Rejected reports count (and are shown as rejected): rejecting an overdue case must not hide it.
        """
        return self.filter(duplicate_of__isnull=True)

    def duplicates(self):
        """Reports linked to an earlier report as near-duplicates (counted once, with the original)."""
        return self.filter(duplicate_of__isnull=False)


class Report(TimeStampedModel):
    """One report from the public, anonymous or not, and the state of its handling."""

    Kind = Kind
    Anonymity = Anonymity
    Status = Status

    case_number = models.CharField(_("case number"), max_length=20, unique=True, editable=False)
    receipt_hash = models.CharField(max_length=64, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="reports")
    district = models.ForeignKey(
        District, verbose_name=_("district"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    concerned_body = models.CharField(_("body or official concerned"), max_length=300, blank=True)
    description = models.TextField(_("what happened"), max_length=10000)
    occurred = models.CharField(_("when"), max_length=200, blank=True)
    location = models.CharField(_("where"), max_length=300, blank=True)
    language = models.CharField(_("language of the report"), max_length=2, choices=LANGUAGE_CHOICES)
    anonymity = models.CharField(_("how to treat the reporter"), max_length=20, choices=Anonymity.choices)
    reporter_name = models.CharField(_("name"), max_length=200, blank=True)
    reporter_email = models.EmailField(_("email"), blank=True)
    reporter_phone = models.CharField(_("phone"), max_length=40, blank=True)
    reporter_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="anticorruption_reports",
    )
    publication_consent = models.BooleanField(_("agrees to publication of an anonymised outcome"), default=False)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    version = models.PositiveIntegerField(default=1, editable=False)
    department = models.ForeignKey(
        Department,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="anticorruption_reports",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handling officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    duplicate_of = models.ForeignKey(
        "self", verbose_name=_("duplicate of"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    redirected_to = models.CharField(_("redirected to"), max_length=300, blank=True)
    eotinish_number = models.CharField(_("e-Otinish case number"), max_length=40, blank=True)
    status_reason = models.CharField(_("reason of the last status change"), max_length=1000, blank=True)

    acknowledge_due_at = models.DateTimeField(_("acknowledge by"))
    answer_due_at = models.DateTimeField(_("answer by"))
    # Administrative Procedural Code: a report outside the city's competence is redirected within
    # 3 working days, so every report is assigned or redirected by then.
    triage_due_at = models.DateTimeField(_("assign or redirect by"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # Statistics judge timeliness on the first answer: reopening a case must not turn it late.
    first_answered_at = models.DateTimeField(_("first answered"), null=True, blank=True, editable=False)
    first_answer_due_at = models.DateTimeField(
        _("answer deadline in force at the first answer"), null=True, blank=True, editable=False
    )
    # SHA-256 of the normalised description: finds near-duplicates filed within a window (services).
    text_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    extended = models.BooleanField(_("deadline extended"), default=False)
    last_reporter_activity_at = models.DateTimeField(_("last activity of the reporter"), null=True, blank=True)
    # Issue 7: retention and published outcomes build on these.
    legal_hold = models.BooleanField(_("legal hold"), default=False)
    purged_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)
    # The queue's order (by_urgency), computed by the database so that an index serves it: sorting
    # 100,000 reports on expressions took a second per queue page.
    is_stopped = models.GeneratedField(
        expression=models.Case(models.When(status__in=sorted(STOPPED_STATUSES), then=True), default=False),
        output_field=models.BooleanField(),
        db_persist=True,
    )
    next_due_at = models.GeneratedField(
        expression=models.Case(
            models.When(acknowledged_at__isnull=True, then=models.F("acknowledge_due_at")),
            default=models.F("answer_due_at"),
        ),
        output_field=models.DateTimeField(),
        db_persist=True,
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        permissions = [("handle_all_reports", "Can see and handle every report")]
        indexes = [
            # The officer queue: filter by status, newest first.
            models.Index(fields=["status", "-created_at"], name="ac_report_status_idx"),
            # Overdue and due-soon filters, warn_breaches.
            models.Index(fields=["answer_due_at"], name="ac_report_due_idx"),
            # Department staff's queue.
            models.Index(fields=["department", "-created_at"], name="ac_report_dept_idx"),
            # Statistics by month.
            models.Index(fields=["created_at"], name="ac_report_created_idx"),
            # The queue, most urgent first (by_urgency); department staff's queue by the same order.
            models.Index(fields=["is_stopped", "next_due_at", "id"], name="ac_report_urgency_idx"),
            models.Index(fields=["department", "is_stopped", "next_due_at", "id"], name="ac_report_dept_urgency_idx"),
            # Near-duplicate lookup at filing: same text within the window.
            models.Index(fields=["text_fingerprint", "created_at"], name="ac_report_fingerprint_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=Status.values), name="ac_report_status_valid"),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="ac_report_kind_valid"),
            models.CheckConstraint(condition=Q(anonymity__in=Anonymity.values), name="ac_report_anonymity_valid"),
            # Anonymous means nothing identifying, enforced by the database itself.
            models.CheckConstraint(
                condition=~Q(anonymity="anonymous")
                | Q(reporter_name="", reporter_email="", reporter_phone="", reporter_user__isnull=True),
                name="ac_report_anonymous_has_no_contact",
            ),
        ]

    def __str__(self):
        return self.case_number

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    def is_overdue(self, now=None):
        return self.is_open and self.answer_due_at < (now or timezone.now())

    def golden_hour_met(self):
        if self.acknowledged_at is None:
            return None
        return self.acknowledged_at <= self.acknowledge_due_at

    def may_see_contact(self, user):
        """Contact details of a confidential report are for the officer handling it only."""
        if self.anonymity == Anonymity.IDENTIFIED:
            return is_officer(user) or self.department_id is not None
        return user.is_superuser or (self.officer_id == user.pk and is_officer(user))


class NewsAddressQuerySet(models.QuerySet):
    def of_closed_cases(self, closed_before):
        """Addresses whose case closed before the given moment: kept no longer (the purge's safety net)."""
        return self.filter(report__status__in=CLOSED_STATUSES, report__closed_at__lt=closed_before)


class NewsAddress(TimeStampedModel):
    """An email an anonymous reporter left only to hear that there is news of their case.

    Kept apart from the report on purpose: no reverse accessor on :class:`Report`, never in the
    admin, the case page, its PDF, the audit log or an export. It is deleted once the news of the
    case closing is sent (or, at the latest, by the nightly purge) and whenever the reporter
    withdraws it. Its random id is all a background task carries, so deleting the row forgets it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(_("email"))

    objects = NewsAddressQuerySet.as_manager()

    class Meta:
        verbose_name = _("address for news of an anonymous report")
        verbose_name_plural = _("addresses for news of anonymous reports")
        ordering = ["created_at"]

    def __str__(self):
        return str(self._meta.verbose_name)  # never the address: it must not reach a log or a page


class ReportMessage(TimeStampedModel):
    """A message on a case: a question, the reporter's reply, an answer, or an internal note."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Internal note")
        QUESTION = "question", _("Question to the reporter")
        REPLY = "reply", _("Reporter's reply or added information")
        ANSWER = "answer", _("Answer")

    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, blank=True, on_delete=models.SET_NULL
    )
    body = models.TextField(_("text"), max_length=10000)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["report", "created_at"], name="ac_message_report_idx")]  # a case's thread
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["note", "question", "reply", "answer"]), name="ac_msg_kind")
        ]

    def __str__(self):
        return f"{self.report} · {self.get_kind_display()}"

    @property
    def visible_to_reporter(self):
        return self.kind != self.Kind.NOTE


def attachment_path(instance, filename):
    return f"anticorruption/{instance.token.hex[:2]}/{instance.token.hex}"


class Attachment(TimeStampedModel):
    """A file sent by the reporter, checked by its content and stored outside the public media."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        ReportMessage, null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments"
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to=attachment_path, max_length=200)
    name = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.name


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("The audit log is append-only.")

    def delete(self):
        raise PermissionDenied("The audit log is append-only.")


ACTOR_ROLES = {
    OFFICER: pgettext_lazy("audit actor", "officer"),
    DEPARTMENT: pgettext_lazy("audit actor", "department staff"),
    REPORTER: pgettext_lazy("audit actor", "reporter"),
    "system": pgettext_lazy("audit actor", "system"),
}


def _status_label(code):
    return Status(code).label if code in Status.values else code


class AuditEntry(models.Model):
    """One line of the append-only audit log; each line hashes the one before it."""

    class Action(models.TextChoices):
        FILED = "filed", _("Report filed")
        TRANSITION = "transition", _("Status changed")
        ASSIGNED = "assigned", _("Assigned")
        NOTE = "note", _("Internal note added")
        QUESTION = "question", _("Question sent to the reporter")
        REPLY = "reply", _("Reporter added information")
        ANSWER = "answer", _("Answer written")
        ATTACHMENT_ADDED = "attachment_added", _("Attachment added")
        DOWNLOAD = "download", _("Attachment downloaded")
        DEADLINE = "deadline", _("Deadline recomputed")
        PDF = "pdf", _("PDF exported")
        HOLIDAY = "holiday", _("Holiday added")
        PURGE = "purge", _("Personal data removed")
        PUBLISHED = "published", _("Outcome published")
        LEGAL_HOLD = "legal_hold", _("Legal hold changed")
        FEEDBACK = "feedback", _("Reporter said whether it was resolved")

    sequence = models.PositiveBigIntegerField(unique=True, editable=False)
    created_at = models.DateTimeField(_("when"), default=timezone.now, editable=False)
    report = models.ForeignKey(
        Report, verbose_name=_("report"), null=True, blank=True, on_delete=models.PROTECT, related_name="audit_entries"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, blank=True, on_delete=models.PROTECT
    )
    actor_label = models.CharField(_("who (role)"), max_length=20)
    action = models.CharField(_("what"), max_length=20, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    prev_hash = models.CharField(max_length=64, editable=False)
    entry_hash = models.CharField(max_length=64, editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["sequence"]
        default_permissions = ("view",)
        indexes = [models.Index(fields=["report", "sequence"], name="ac_audit_report_idx")]  # a case's history

    def __str__(self):
        return f"#{self.sequence} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The audit log is append-only.")

    @property
    def actor_role(self):
        """The role in the reader's language: the log stores the code ("reporter") for its hash chain."""
        return ACTOR_ROLES.get(self.actor_label, self.actor_label)

    @property
    def from_status_label(self):
        return _status_label(self.from_status)

    @property
    def to_status_label(self):
        return _status_label(self.to_status)

    def compute_hash(self):
        parts = [
            str(self.sequence),
            self.created_at.astimezone(datetime.UTC).isoformat(),
            str(self.report_id or ""),
            str(self.actor_id or ""),
            self.actor_label,
            self.action,
            self.from_status,
            self.to_status,
            self.comment,
            self.prev_hash,
        ]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class ReporterFeedback(TimeStampedModel):
    """The reporter's answer to "Was it resolved?", asked once per case after its first answer."""

    class Resolved(models.TextChoices):
        YES = "yes", pgettext_lazy("was it resolved", "Yes")
        PARTLY = "partly", pgettext_lazy("was it resolved", "Partly")
        NO = "no", pgettext_lazy("was it resolved", "No")

    report = models.OneToOneField(Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="feedback")
    resolved = models.CharField(_("was it resolved?"), max_length=10, choices=Resolved.choices)
    comment = models.TextField(_("comment"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("reporter's feedback")
        verbose_name_plural = _("reporters' feedback")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(resolved__in=["yes", "partly", "no"]), name="ac_feedback_resolved_valid")
        ]

    def __str__(self):
        return f"{self.report} · {self.get_resolved_display()}"


def status_timeline(entries):
    """The statuses a case went through, oldest first, from its audit entries (staff and reporter pages)."""
    steps = (AuditEntry.Action.FILED, AuditEntry.Action.TRANSITION)
    return [
        {"status": Status(entry.to_status).label, "at": entry.created_at, "entry": entry}
        for entry in entries
        if entry.action in steps and entry.to_status in Status.values
    ]


class IssuedDocument(TimeStampedModel):
    """A PDF the hub issued, by its SHA-256, so a printed copy can be checked."""

    class Kind(models.TextChoices):
        CASE_RECORD = "record", _("Case record")
        ANSWER = "answer", _("Answer to the reporter")

    sha256 = models.CharField(_("printed fingerprint (SHA-256 of the content)"), max_length=64, unique=True)
    file_sha256 = models.CharField(_("SHA-256 of the PDF file"), max_length=64, db_index=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="documents")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-created_at"]

    def __str__(self):
        return self.sha256


def outcome_slug():
    return secrets.token_urlsafe(8).lower().replace("_", "").replace("-", "")[:10]


OUTCOME_TEXTS = ("title", "summary", "outcome")


class PublishedOutcomeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class PublishedOutcome(TimeStampedModel):
    """An anonymised summary of a closed case, written by an officer, published with consent.

    Nothing from the original report is copied: the officer writes every word shown here.
    """

    report = models.OneToOneField(Report, verbose_name=_("report"), on_delete=models.PROTECT, related_name="outcome")
    slug = models.CharField(_("address"), max_length=12, unique=True, default=outcome_slug, editable=False)
    # The language the officer wrote in (the report's, unless they chose another).
    original_language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    title_kk = models.CharField(column_label(_("title"), "kk"), max_length=200, blank=True)
    title_ru = models.CharField(column_label(_("title"), "ru"), max_length=200, blank=True)
    title_en = models.CharField(column_label(_("title"), "en"), max_length=200, blank=True)
    summary_kk = models.TextField(column_label(_("what was reported (anonymised)"), "kk"), max_length=3000, blank=True)
    summary_ru = models.TextField(column_label(_("what was reported (anonymised)"), "ru"), max_length=3000, blank=True)
    summary_en = models.TextField(column_label(_("what was reported (anonymised)"), "en"), max_length=3000, blank=True)
    outcome_kk = models.TextField(column_label(_("what was done and what changed"), "kk"), max_length=3000, blank=True)
    outcome_ru = models.TextField(column_label(_("what was done and what changed"), "ru"), max_length=3000, blank=True)
    outcome_en = models.TextField(column_label(_("what was done and what changed"), "en"), max_length=3000, blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    title = TranslatedField("title")
    summary = TranslatedField("summary")
    outcome = TranslatedField("outcome")
    objects = PublishedOutcomeQuerySet.as_manager()

    class Meta:
        verbose_name = _("published outcome")
        verbose_name_plural = _("published outcomes")
        ordering = ["-published_at"]
        indexes = [
            # The public list: published, newest first.
            models.Index(fields=["is_published", "-published_at"], name="ac_outcome_list_idx"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        require_original_language(self, *OUTCOME_TEXTS)

    @property
    def language(self):
        """The name this field had before outcomes were translated (kept for code that still uses it)."""
        return self.original_language

    @language.setter
    def language(self, value):
        self.original_language = value

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("anticorruption:outcome", args=[self.slug])


class DepartmentReply(TimeStampedModel):
    """A responsible body's short reply, shown beside its row in the public statistics."""

    department = models.OneToOneField(
        Department, verbose_name=_("responsible body"), on_delete=models.CASCADE, related_name="anticorruption_reply"
    )
    text_kk = models.TextField(column_label(_("reply"), "kk"), max_length=600, blank=True)
    text_ru = models.TextField(column_label(_("reply"), "ru"), max_length=600, blank=True)
    text_en = models.TextField(column_label(_("reply"), "en"), max_length=600, blank=True)
    original_language = original_language_field()
    text = TranslatedField("text")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("reply of a responsible body")
        verbose_name_plural = _("replies of responsible bodies")
        ordering = ["department__slug"]

    def __str__(self):
        return str(self.department)

    def clean(self):
        require_original_language(self, "text")
