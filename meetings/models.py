"""Meetings of the akimat with NGOs: scheduling, registration, agenda questions, outcomes and assignments.

A :class:`Meeting` is edited in the Wagtail admin as a snippet with drafts, preview and
revisions; the public reads the live row through this app's own views. Registrations,
questions, assignments and minutes change through :mod:`meetings.services` only.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, Exists, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.models import DraftStateMixin, Orderable, PreviewableMixin, RevisionMixin

from hub.i18n import TranslatedField, column_label, original_language_field, translated_order_by
from hub.models import TimeStampedModel

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are typed at the door
CODE_LENGTH = 8


def new_registration_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


def new_calendar_key():
    return secrets.token_urlsafe(32)


def translated_panel(field, heading):
    return MultiFieldPanel(
        [FieldPanel(f"{field}_kk"), FieldPanel(f"{field}_ru"), FieldPanel(f"{field}_en")], heading=heading
    )


class OfficialQuerySet(models.QuerySet):
    def ordered(self):
        return self.order_by(translated_order_by("name"))


class Official(TimeStampedModel):
    """A state official who hosts meetings or answers for assignments (akim, deputy, department head)."""

    name_kk = models.CharField(pgettext_lazy("person", "name (Kazakh)"), max_length=150)
    name_ru = models.CharField(pgettext_lazy("person", "name (Russian)"), max_length=150)
    name_en = models.CharField(pgettext_lazy("person", "name (English)"), max_length=150, blank=True)
    position_kk = models.CharField(_("position (Kazakh)"), max_length=200)
    position_ru = models.CharField(_("position (Russian)"), max_length=200)
    position_en = models.CharField(_("position (English)"), max_length=200, blank=True)
    department = models.ForeignKey(
        "hub.Department", verbose_name=_("department"), null=True, blank=True, on_delete=models.PROTECT
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="official",
        help_text=_("Lets this official post progress updates on the assignments they answer for."),
    )

    name = TranslatedField("name")
    position = TranslatedField("position")
    objects = OfficialQuerySet.as_manager()

    panels = [
        translated_panel("name", pgettext_lazy("person", "Name")),
        translated_panel("position", _("Position")),
        FieldRowPanel([FieldPanel("department"), FieldPanel("user")]),
    ]

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        ordering = ["name_ru"]

    def __str__(self):
        return f"{self.name}, {self.position}"


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at")

    def this_week(self, now=None):
        """Meetings starting this calendar week (Monday to Sunday, Almaty time)."""
        today = timezone.localdate(now or timezone.now())
        monday = today - datetime.timedelta(days=today.weekday())
        start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))
        return self.filter(starts_at__gte=start, starts_at__lt=start + datetime.timedelta(days=7))

    def with_seats_taken(self):
        return self.annotate(
            seats_taken=Count("registrations", filter=Q(registrations__status="confirmed"), distinct=True)
        )


class Meeting(DraftStateMixin, RevisionMixin, PreviewableMixin, ClusterableModel, TimeStampedModel):
    """A dialogue platform, an informal meeting with the akim, or another meeting with NGOs."""

    class Kind(models.TextChoices):
        DIALOGUE_PLATFORM = "dialogue_platform", _("Dialogue platform")
        INFORMAL = "informal", _("Informal meeting with the akim")
        THEMATIC = "thematic", _("Thematic meeting")
        ONLINE = "online", _("Online meeting")
        FIELD_VISIT = "field_visit", _("Field visit")

    class Audience(models.TextChoices):
        NGO = "ngo", _("NGO representatives only")
        ANYONE = "anyone", _("Anyone with an account")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DIALOGUE_PLATFORM)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, help_text=_("The address: /meetings/<slug>/."))
    title_kk = models.CharField(_("title (Kazakh)"), max_length=200)
    title_ru = models.CharField(_("title (Russian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    topic_kk = models.TextField(_("topic (Kazakh)"), blank=True)
    topic_ru = models.TextField(_("topic (Russian)"), blank=True)
    topic_en = models.TextField(_("topic (English)"), blank=True)
    fields_of_activity = ParentalManyToManyField(
        "ngos.FieldOfActivity", verbose_name=_("fields of activity"), blank=True, related_name="meetings"
    )
    starts_at = models.DateTimeField(_("starts"), help_text=_("Almaty time."))
    ends_at = models.DateTimeField(_("ends"), help_text=_("Almaty time."))
    venue_kk = models.CharField(_("venue (Kazakh)"), max_length=250, blank=True)
    venue_ru = models.CharField(_("venue (Russian)"), max_length=250, blank=True)
    venue_en = models.CharField(_("venue (English)"), max_length=250, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    hosts = ParentalManyToManyField(Official, verbose_name=_("hosts"), blank=True, related_name="meetings_hosted")
    capacity = models.PositiveIntegerField(_("capacity"), default=50)
    audience = models.CharField(_("who may register"), max_length=10, choices=Audience.choices, default=Audience.NGO)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    summary_kk = models.TextField(_("outcome summary (Kazakh)"), blank=True)
    summary_ru = models.TextField(_("outcome summary (Russian)"), blank=True)
    summary_en = models.TextField(_("outcome summary (English)"), blank=True)

    title = TranslatedField("title")
    topic = TranslatedField("topic")
    venue = TranslatedField("venue")
    summary = TranslatedField("summary")
    objects = MeetingQuerySet.as_manager()

    schedule_panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("slug")]),
        translated_panel("title", _("Title")),
        translated_panel("topic", _("Topic")),
        FieldPanel("fields_of_activity"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("When (Almaty time)")),
        translated_panel("venue", _("Venue")),
        FieldPanel("online_link"),
        FieldPanel("hosts"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("audience")]),
                FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]),
            ],
            heading=_("Registration"),
        ),
        InlinePanel("agenda_items", label=_("Agenda")),
    ]
    outcome_panels = [
        MultiFieldPanel(
            [FieldPanel("summary_kk"), FieldPanel("summary_ru"), FieldPanel("summary_en")],
            heading=_("Summary in plain language"),
        ),
        InlinePanel("decisions", label=_("Decisions")),
        InlinePanel("photos", label=_("Photos")),
    ]
    edit_handler = TabbedInterface(
        [ObjectList(schedule_panels, heading=_("Schedule")), ObjectList(outcome_panels, heading=_("Outcome"))]
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        indexes = [
            # the public list and the calendar feed: live meetings by date
            models.Index(fields=["live", "starts_at"], name="meetings_live_starts_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"),
            models.CheckConstraint(
                condition=Q(kind__in=["dialogue_platform", "informal", "thematic", "online", "field_visit"]),
                name="meeting_kind_valid",
            ),
            models.CheckConstraint(condition=Q(audience__in=["ngo", "anyone"]), name="meeting_audience_valid"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The meeting cannot end before it starts.")
        if self.kind == self.Kind.ONLINE and not self.online_link:
            errors["online_link"] = _("An online meeting needs a link to join it.")
        if not self.online_link and not (self.venue_kk or self.venue_ru or self.venue_en):
            errors.setdefault("venue_ru", _("Give a venue or an online link."))
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            errors["registration_closes_at"] = _("Registration cannot close before it opens.")
        if closes and self.ends_at and closes > self.ends_at:
            errors["registration_closes_at"] = _("Registration cannot close after the meeting ends.")
        if self.pk and self.capacity is not None:
            taken = self.registrations.confirmed().count()
            if self.capacity < taken:
                errors["capacity"] = _("Capacity cannot be below the %(count)s people already registered.") % {
                    "count": taken
                }
        if errors:
            raise ValidationError(errors)

    # --- derived state -------------------------------------------------------------------

    @property
    def is_online(self):
        return self.kind == self.Kind.ONLINE

    def is_over(self, now=None):
        return self.ends_at < (now or timezone.now())

    def registration_state(self, now=None):
        """'not_yet', 'open' or 'closed': when people may register."""
        now = now or timezone.now()
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not_yet"
        closes = self.registration_closes_at or self.starts_at
        return "open" if now < closes else "closed"

    def registration_is_open(self, now=None):
        return self.registration_state(now) == "open"

    # --- preview -------------------------------------------------------------------------

    def get_preview_template(self, request, mode_name):
        return "meetings/meeting_detail.html"

    def get_preview_context(self, request, mode_name):
        from .views import detail_context

        return detail_context(request, self, preview=True)


class AgendaItem(Orderable):
    """One line of the public agenda: time, item and speaker."""

    meeting = ParentalKey(Meeting, related_name="agenda_items", on_delete=models.CASCADE)
    time = models.TimeField(_("time"), null=True, blank=True)
    title_kk = models.CharField(_("item (Kazakh)"), max_length=250)
    title_ru = models.CharField(_("item (Russian)"), max_length=250)
    title_en = models.CharField(_("item (English)"), max_length=250, blank=True)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)

    title = TranslatedField("title")
    panels = [FieldRowPanel([FieldPanel("time"), FieldPanel("speaker")]), translated_panel("title", _("Item"))]

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title


class Decision(Orderable):
    """A decision taken at the meeting, as recorded in the minutes."""

    meeting = ParentalKey(Meeting, related_name="decisions", on_delete=models.CASCADE)
    text_kk = models.TextField(_("decision (Kazakh)"))
    text_ru = models.TextField(_("decision (Russian)"))
    text_en = models.TextField(_("decision (English)"), blank=True)

    text = TranslatedField("text")
    panels = [FieldPanel("text_kk"), FieldPanel("text_ru"), FieldPanel("text_en")]

    class Meta(Orderable.Meta):
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.text[:80]


class MeetingPhoto(Orderable):
    meeting = ParentalKey(Meeting, related_name="photos", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.caption or str(self.image)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING])

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING).order_by("created_at", "pk")

    def attended(self):
        return self.filter(attended_at__isnull=False)

    def for_personal_calendar(self, user, since):
        """The person's registrations for meetings ending after ``since``, newest first per meeting."""
        return (
            self.filter(user=user, meeting__ends_at__gte=since)
            .select_related("meeting")
            .order_by("meeting__starts_at", "meeting_id", "-created_at")
        )


class Registration(TimeStampedModel):
    """A person's seat at a meeting, for themselves or on behalf of their organisation."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("registration status", "Confirmed")
        WAITING = "waiting", pgettext_lazy("registration status", "On the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="meeting_registrations",
    )
    organisation = models.ForeignKey(
        "ngos.Organisation",
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_registrations",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    code = models.CharField(_("code"), max_length=CODE_LENGTH, unique=True, default=new_registration_code)
    attended_at = models.DateTimeField(_("attended"), null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [
            # seats taken and the waiting list of one meeting
            models.Index(fields=["meeting", "status", "created_at"], name="meetings_reg_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=Q(status__in=["confirmed", "waiting"]),
                name="registration_one_active_per_person",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["confirmed", "waiting", "cancelled"]), name="registration_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.meeting} ({self.code})"

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED


class QuestionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=[Question.Status.APPROVED, Question.Status.ON_AGENDA])

    def with_support_count(self):
        return self.annotate(support_count=Count("supports", distinct=True))

    def with_supported_by(self, user):
        if not user.is_authenticated:
            return self.annotate(supported=Value(False))
        return self.annotate(supported=Exists(QuestionSupport.objects.filter(question=OuterRef("pk"), user=user)))


class Question(TimeStampedModel):
    """A question an NGO member sends for the agenda; editors moderate it and may put it on the agenda."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("question status", "Awaiting moderation")
        APPROVED = "approved", pgettext_lazy("question status", "Published")
        ON_AGENDA = "on_agenda", pgettext_lazy("question status", "On the agenda")
        REJECTED = "rejected", pgettext_lazy("question status", "Rejected")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="questions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.CASCADE, related_name="meeting_questions"
    )
    organisation = models.ForeignKey(
        "ngos.Organisation", verbose_name=_("organisation"), null=True, blank=True, on_delete=models.SET_NULL
    )
    text = models.TextField(_("question"), max_length=1000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    answer_kk = models.TextField(column_label(_("answer"), "kk"), blank=True)
    answer_ru = models.TextField(column_label(_("answer"), "ru"), blank=True)
    answer_en = models.TextField(column_label(_("answer"), "en"), blank=True)
    # The language the answer was written in (the question itself is kept as its author wrote it).
    original_language = original_language_field()
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    answer = TranslatedField("answer")
    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question for the agenda")
        verbose_name_plural = _("questions for the agenda")
        ordering = ["created_at", "pk"]
        indexes = [
            # the public questions of one meeting
            models.Index(fields=["meeting", "status"], name="meetings_question_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "on_agenda", "rejected"]), name="question_status_valid"
            ),
        ]

    def __str__(self):
        return self.text[:80]


class QuestionSupport(models.Model):
    """One person's support for a question; once per person."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [models.UniqueConstraint(fields=["question", "user"], name="question_support_once")]

    def __str__(self):
        return f"{self.user} → {self.question_id}"


class AssignmentQuerySet(models.QuerySet):
    def with_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.annotate(
            overdue=Case(
                When(~Q(status="done") & Q(due_date__lt=today), then=Value(True)),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        )

    def overdue(self, today=None):
        return self.exclude(status="done").filter(due_date__lt=today or timezone.localdate())

    def on_published_meetings(self):
        return self.filter(meeting__live=True)

    def for_list(self):
        return self.select_related("meeting", "department", "official", "roadmap_action__section__roadmap").order_by(
            "due_date", "pk"
        )


class Assignment(TimeStampedModel):
    """A task given at a meeting: what, who answers for it, and by when. Overdue is derived, never stored."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("assignment status", "Open")
        IN_PROGRESS = "in_progress", pgettext_lazy("assignment status", "In progress")
        DONE = "done", pgettext_lazy("assignment status", "Done")

    # the allowed changes of status, in one place
    TRANSITIONS = {
        "open": {"in_progress", "done"},
        "in_progress": {"done", "open"},
        "done": {"in_progress"},
    }

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="assignments"
    )
    title_kk = models.TextField(_("what (Kazakh)"))
    title_ru = models.TextField(_("what (Russian)"))
    title_en = models.TextField(_("what (English)"), blank=True)
    department = models.ForeignKey(
        "hub.Department",
        verbose_name=_("responsible body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_assignments",
    )
    official = models.ForeignKey(
        Official,
        verbose_name=_("responsible official"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    roadmap_action = models.ForeignKey(
        "roadmaps.Action",
        verbose_name=_("road-map action"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_assignments",
        help_text=_("The road-map action this assignment carries out, if any."),
    )

    title = TranslatedField("title")
    objects = AssignmentQuerySet.as_manager()

    panels = [
        FieldPanel("meeting"),
        FieldPanel("title_kk"),
        FieldPanel("title_ru"),
        FieldPanel("title_en"),
        FieldRowPanel([FieldPanel("department"), FieldPanel("official")], heading=_("Responsible")),
        FieldPanel("due_date"),
        FieldPanel("roadmap_action"),
        FieldPanel("status", read_only=True),
    ]

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_date", "pk"]
        indexes = [
            # the tracker: by due date, filtered by department
            models.Index(fields=["department", "due_date"], name="meetings_asg_dept_due_idx"),
            # a meeting's assignments and the tracker filtered by meeting
            models.Index(fields=["meeting", "due_date"], name="meetings_asg_meeting_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "in_progress", "done"]), name="assignment_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(department__isnull=False) | Q(official__isnull=False),
                name="assignment_has_responsible",
            ),
        ]

    def __str__(self):
        return self.title[:80]

    def clean(self):
        super().clean()
        if not self.department_id and not self.official_id:
            raise ValidationError(_("Name the responsible department or official."))

    def is_overdue(self, today=None):
        if hasattr(self, "overdue"):
            return self.overdue
        return self.status != self.Status.DONE and self.due_date < (today or timezone.localdate())

    @property
    def responsible(self):
        return self.official or self.department

    @property
    def public_roadmap_action(self):
        """The linked road-map action when its road map is published (for the public pages)."""
        action = self.roadmap_action
        return action if action is not None and action.section.roadmap.live else None

    def display_status(self):
        """The status a reader sees: overdue overrides open and in progress."""
        return "overdue" if self.is_overdue() else self.status


class AssignmentUpdate(models.Model):
    """A progress update on an assignment, and the status change it made (a history row)."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status_from = models.CharField(_("status before"), max_length=12, choices=Assignment.Status.choices)
    status_to = models.CharField(_("status after"), max_length=12, choices=Assignment.Status.choices)
    comment = models.TextField(_("progress"), max_length=2000)
    created_at = models.DateTimeField(_("posted"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["assignment", "-created_at"], name="meetings_asg_update_idx")]

    def __str__(self):
        return f"{self.assignment_id}: {self.status_from} → {self.status_to}"


class MinutesVersion(TimeStampedModel):
    """One version of a meeting's minutes: drafted, then approved (who, when); corrections make a new version."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("minutes status", "Draft")
        APPROVED = "approved", pgettext_lazy("minutes status", "Approved")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="minutes")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("drafted by")
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        verbose_name = _("minutes version")
        verbose_name_plural = _("minutes versions")
        ordering = ["meeting", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="minutes_version_unique_number"),
            models.UniqueConstraint(
                fields=["meeting"], condition=Q(status="draft"), name="minutes_one_draft_per_meeting"
            ),
            models.CheckConstraint(condition=Q(status__in=["draft", "approved"]), name="minutes_status_valid"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_at__isnull=False), name="minutes_approved_has_time"
            ),
        ]

    def __str__(self):
        return _("Minutes of %(meeting)s, version %(number)s") % {"meeting": self.meeting, "number": self.number}


class MinutesFile(models.Model):
    """The PDF of one approved minutes version in one language: rendered once, then served from storage."""

    version = models.ForeignKey(MinutesVersion, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(max_length=2)
    pdf = models.FileField(upload_to="meetings/minutes/")
    sha256 = models.CharField(max_length=64)
    render_seconds = models.FloatField(default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("minutes PDF")
        verbose_name_plural = _("minutes PDFs")
        constraints = [models.UniqueConstraint(fields=["version", "language"], name="minutes_file_one_per_language")]

    def __str__(self):
        return self.pdf.name


class PersonalCalendarQuerySet(models.QuerySet):
    def for_key(self, key):
        return self.select_related("user").filter(key=key, user__is_active=True)


class PersonalCalendar(TimeStampedModel):
    """The secret address of one person's calendar feed: the meetings they registered for.

    The address carries ``key`` signed with the site's secret key: the table alone does not
    give the address, and a new key (resetting the link) makes every old address a 404.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="personal_calendar"
    )
    key = models.CharField(_("key"), max_length=64, unique=True, default=new_calendar_key)

    objects = PersonalCalendarQuerySet.as_manager()

    class Meta:
        verbose_name = _("personal calendar")
        verbose_name_plural = _("personal calendars")
        ordering = ["pk"]

    def __str__(self):
        return str(self.user)
