"""Road maps: dated action plans of the akimat and NGOs, with responsible bodies and progress.

A road map has sections (directions) and numbered actions ("1.2" is action 2 of section 1).
Whether an action is overdue is derived from its due date and status at read time
(:meth:`ActionQuerySet.with_overdue`, :attr:`Action.is_overdue`); it is never stored.
"""

import decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, PreviewableMixin, RevisionMixin

from hub.i18n import TranslatedField, column_label, original_language_field, translated_order_by
from hub.models import Department, TimeStampedModel
from hub.uploads import validate_document

# An initiative can be linked once accepted, and stays linkable while it is carried out.
LINKABLE_INITIATIVE_STATUSES = ["accepted", "in_progress", "implemented"]
EVIDENCE_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "jpg", "jpeg", "png"]
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def validate_evidence_document(value):
    """An evidence document is checked by its bytes (hub.uploads), not by its name."""
    validate_document(value, EVIDENCE_EXTENSIONS)


def today():
    """Today in Almaty: due dates are local dates."""
    return timezone.localdate()


def translated_panel(field, heading):
    return MultiFieldPanel(
        [FieldPanel(f"{field}_kk"), FieldPanel(f"{field}_ru"), FieldPanel(f"{field}_en")], heading=heading
    )


# --- Road maps ---------------------------------------------------------------------------


class RoadMapQuerySet(models.QuerySet):
    def published(self):
        """What the public sees: road maps an editor has published."""
        return self.filter(live=True)

    def current_first(self):
        """Drafting and running road maps first (newest period first), completed ones after."""
        finished = Case(When(status=RoadMap.Status.COMPLETED, then=Value(1)), default=Value(0))
        return self.annotate(is_finished=finished).order_by("is_finished", "-period_start", "slug")

    def current(self):
        return self.exclude(status=RoadMap.Status.COMPLETED)


class RoadMap(DraftStateMixin, RevisionMixin, PreviewableMixin, TimeStampedModel):
    """A dated action plan, such as "Belsendi megapolis", managed by editors with drafts and revisions."""

    class Status(models.TextChoices):
        DRAFTING = "drafting", pgettext_lazy("road map status", "Drafting")
        ADOPTED = "adopted", pgettext_lazy("road map status", "Adopted")
        IMPLEMENTATION = "in_implementation", pgettext_lazy("road map status", "In implementation")
        COMPLETED = "completed", pgettext_lazy("road map status", "Completed")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=200)
    title_ru = models.CharField(_("title (Russian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_kk = models.TextField(_("summary (Kazakh)"), blank=True)
    summary_ru = models.TextField(_("summary (Russian)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    goals_kk = models.TextField(_("goals (Kazakh)"), blank=True)
    goals_ru = models.TextField(_("goals (Russian)"), blank=True)
    goals_en = models.TextField(_("goals (English)"), blank=True)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    owner = models.ForeignKey(
        Department, verbose_name=_("owning department"), on_delete=models.PROTECT, related_name="roadmaps"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFTING, editable=False
    )
    proposals_until = models.DateField(
        _("NGO proposals open until"),
        null=True,
        blank=True,
        help_text=_("While the road map is drafting, NGO members may propose actions until this date."),
    )
    final_report_kk = models.TextField(_("final report (Kazakh)"), blank=True)
    final_report_ru = models.TextField(_("final report (Russian)"), blank=True)
    final_report_en = models.TextField(_("final report (English)"), blank=True)

    title = TranslatedField("title")
    summary = TranslatedField("summary")
    goals = TranslatedField("goals")
    final_report = TranslatedField("final_report")

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="roadmap")

    objects = RoadMapQuerySet.as_manager()

    panels = [
        FieldPanel("slug"),
        translated_panel("title", _("Title")),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")], heading=_("Period")),
        FieldPanel("owner"),
        FieldPanel("proposals_until"),
        translated_panel("summary", pgettext_lazy("road map", "Summary")),
        translated_panel("goals", _("Goals")),
        translated_panel("final_report", _("Final report")),
    ]

    class Meta:
        verbose_name = _("road map")
        verbose_name_plural = _("road maps")
        ordering = ["-period_start", "slug"]
        # Wagtail adds this after migrations; declared here so the data migration can grant it.
        permissions = [("publish_roadmap", _("Can publish road map"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["drafting", "adopted", "in_implementation", "completed"]),
                name="roadmap_status_valid",
            ),
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="roadmap_period_order"),
        ]
        indexes = [
            # The public list: published road maps, current first.
            models.Index(fields=["live", "status", "-period_start"], name="roadmap_public_list_idx"),
        ]

    def __str__(self):
        return self.title

    @property
    def revisions(self):
        return self._revisions

    def get_absolute_url(self):
        return reverse("roadmaps:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})

    def with_content_json(self, content):
        """Publishing an older draft never rolls the lifecycle back: status changes only via services."""
        obj = super().with_content_json(content)
        stored = RoadMap.objects.filter(pk=self.pk).values_list("status", flat=True).first()
        obj.status = stored or self.status
        return obj

    def accepts_proposals(self, on=None):
        on = on or today()
        return self.status == self.Status.DRAFTING and self.proposals_until is not None and on <= self.proposals_until

    def get_preview_template(self, request, mode_name):
        return "roadmaps/roadmap_preview.html"

    def get_preview_context(self, request, mode_name):
        return {"roadmap": self, "sections": self.sections.all()}


class RoadMapStatusChange(TimeStampedModel):
    """One step in a road map's lifecycle: who, when, from, to, comment. Never edited."""

    roadmap = models.ForeignKey(RoadMap, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=20, choices=RoadMap.Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=RoadMap.Status.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("road map status change")
        verbose_name_plural = _("road map status changes")
        ordering = ["roadmap", "created_at"]

    def __str__(self):
        return f"{self.roadmap}: {self.from_status} → {self.to_status}"


# --- Sections and actions ----------------------------------------------------------------


class Section(TimeStampedModel):
    """A direction of a road map, such as ecology or youth; its number prefixes action numbers."""

    roadmap = models.ForeignKey(RoadMap, verbose_name=_("road map"), on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    title_kk = models.CharField(_("title (Kazakh)"), max_length=200)
    title_ru = models.CharField(_("title (Russian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)

    title = TranslatedField("title")

    panels = [FieldPanel("roadmap"), FieldPanel("number"), translated_panel("title", _("Title"))]

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["roadmap", "number"]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "number"], name="section_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="section_number_positive"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title} ({self.roadmap})"


class ActionQuerySet(models.QuerySet):
    OPEN = ["planned", "in_progress"]

    def of_roadmap(self, roadmap):
        return self.filter(section__roadmap=roadmap)

    def overdue(self, on=None):
        """Past due and neither done nor cancelled, as of today in Almaty."""
        return self.filter(due_date__lt=on or today(), status__in=self.OPEN)

    def with_overdue(self, on=None):
        overdue = Q(due_date__lt=on or today(), status__in=self.OPEN)
        return self.annotate(
            overdue_flag=Case(When(overdue, then=Value(True)), default=Value(False), output_field=models.BooleanField())
        )

    def numbered(self):
        return self.order_by("section__number", "number")

    def for_listing(self):
        """Everything an action row shows, in a fixed number of queries."""
        return (
            self.select_related("section", "section__roadmap")
            .prefetch_related("departments", "partner_links__organisation")
            .with_overdue()
            .numbered()
        )


class Action(ClusterableModel, TimeStampedModel):
    """A numbered action of a road map with responsible bodies, partners, dates and progress."""

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("action status", "Planned")
        IN_PROGRESS = "in_progress", pgettext_lazy("action status", "In progress")
        DONE = "done", pgettext_lazy("action status", "Done")
        CANCELLED = "cancelled", pgettext_lazy("action status", "Cancelled")

    section = models.ForeignKey(Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="actions")
    number = models.PositiveSmallIntegerField(_("number in section"), validators=[MinValueValidator(1)])
    title_kk = models.CharField(_("title (Kazakh)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    expected_result_kk = models.TextField(column_label(_("expected result"), "kk"), blank=True)
    expected_result_ru = models.TextField(column_label(_("expected result"), "ru"), blank=True)
    expected_result_en = models.TextField(column_label(_("expected result"), "en"), blank=True)
    original_language = original_language_field()
    departments = models.ManyToManyField(
        Department, verbose_name=_("responsible bodies"), related_name="roadmap_actions"
    )
    initiatives = models.ManyToManyField(
        "ngos.Initiative",
        verbose_name=_("linked initiatives"),
        blank=True,
        related_name="roadmap_actions",
        limit_choices_to={"status__in": LINKABLE_INITIATIVE_STATUSES},
        help_text=_("Accepted NGO initiatives this action carries out."),
    )
    start_date = models.DateField(_("start date"))
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED, editable=False
    )
    progress = models.PositiveSmallIntegerField(
        _("progress, %"), default=0, editable=False, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )

    title = TranslatedField("title")
    expected_result = TranslatedField("expected_result")
    objects = ActionQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("section"), FieldPanel("number")]),
        translated_panel("title", _("Title")),
        FieldPanel("description"),
        FieldPanel("original_language"),
        translated_panel("expected_result", _("Expected result")),
        FieldPanel("departments"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("due_date")], heading=_("Dates")),
        InlinePanel("partner_links", heading=_("Partner NGOs"), label=_("Partner")),
        InlinePanel("indicators", heading=_("Indicators"), label=_("Indicator")),
        InlinePanel("evidence", heading=_("Evidence"), label=_("Evidence")),
        FieldPanel("initiatives"),
    ]

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["section__roadmap", "section__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["section", "number"], name="action_number_unique"),
            models.CheckConstraint(
                condition=Q(due_date__gte=models.F("start_date")),
                name="action_dates_order",
                violation_error_message=_("The due date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100),
                name="action_progress_range",
                violation_error_message=_("Progress is a percentage from 0 to 100."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "in_progress", "done", "cancelled"]), name="action_status_valid"
            ),
        ]
        indexes = [
            # Overdue filter and counts: open actions by due date.
            models.Index(fields=["status", "due_date"], name="action_status_due_idx"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def code(self):
        return f"{self.section.number}.{self.number}"

    @property
    def is_overdue(self):
        flag = getattr(self, "overdue_flag", None)
        if flag is not None:
            return flag
        return self.due_date < today() and self.status in ActionQuerySet.OPEN

    def get_absolute_url(self):
        return reverse("roadmaps:action", kwargs={"slug": self.section.roadmap.slug, "code": self.code})

    def clean(self):
        super().clean()
        if self.start_date and self.due_date and self.due_date < self.start_date:
            raise ValidationError({"due_date": _("The due date cannot be before the start date.")})


def validate_verified_organisation(organisation):
    from ngos.models import Organisation

    if organisation.status != Organisation.Status.VERIFIED:
        raise ValidationError(
            _("%(name)s is not a verified NGO and cannot be a partner."), params={"name": organisation.name}
        )


class ActionPartner(models.Model):
    """A verified NGO working on an action; the editor decides whether its members may post updates."""

    action = ParentalKey(Action, on_delete=models.CASCADE, related_name="partner_links")
    organisation = models.ForeignKey(
        "ngos.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="roadmap_links",
        limit_choices_to={"status": "verified"},
    )
    may_post_updates = models.BooleanField(
        _("members may post progress updates"), default=False, help_text=_("Granted by the editor for this action.")
    )
    activity_recorded = models.BooleanField(default=False, editable=False)

    panels = [FieldPanel("organisation"), FieldPanel("may_post_updates")]

    class Meta:
        verbose_name = _("partner NGO")
        verbose_name_plural = _("partner NGOs")
        constraints = [models.UniqueConstraint(fields=["action", "organisation"], name="action_partner_unique")]

    def __str__(self):
        return str(self.organisation)

    def clean(self):
        if self.organisation_id:
            validate_verified_organisation(self.organisation)


class Indicator(models.Model):
    """What an action measures: a baseline, a target and the actual value so far, in one unit type."""

    class UnitKind(models.TextChoices):
        COUNT = "count", _("Count (whole number)")
        PERCENT = "percent", _("Percent (0–100)")
        MONEY = "money", _("Money, tenge")
        NUMBER = "number", _("Number")
        YES_NO = "yes_no", _("Yes (1) or no (0)")

    action = ParentalKey(Action, on_delete=models.CASCADE, related_name="indicators")
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    unit_kind = models.CharField(_("unit type"), max_length=10, choices=UnitKind.choices, default=UnitKind.COUNT)
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("For example: trees, km, people."))
    baseline = models.DecimalField(_("baseline"), max_digits=16, decimal_places=2, default=0)
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=2)
    actual = models.DecimalField(_("actual"), max_digits=16, decimal_places=2, null=True, blank=True)

    name = TranslatedField("name")

    panels = [
        MultiFieldPanel([FieldPanel("name_kk"), FieldPanel("name_ru"), FieldPanel("name_en")], heading=_("Name")),
        FieldRowPanel([FieldPanel("unit_kind"), FieldPanel("unit")]),
        FieldRowPanel([FieldPanel("baseline"), FieldPanel("target"), FieldPanel("actual")]),
    ]

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["action", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit_kind__in=["count", "percent", "money", "number", "yes_no"]),
                name="indicator_unit_kind_valid",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        for field in ("baseline", "target", "actual"):
            value = getattr(self, field)
            if value is not None:
                try:
                    validate_indicator_value(self.unit_kind, value)
                except ValidationError as error:
                    errors[field] = error
        if errors:
            raise ValidationError(errors)

    @property
    def share_of_target(self):
        """How far the actual value went from baseline to target, 0–100, or None."""
        if self.actual is None or self.target == self.baseline:
            return None
        share = (self.actual - self.baseline) / (self.target - self.baseline) * 100
        return max(0, min(100, int(share)))


def validate_indicator_value(unit_kind, value):
    """Refuse a value whose type does not fit the indicator's unit type."""
    kinds = Indicator.UnitKind
    try:
        value = decimal.Decimal(value)
    except (decimal.InvalidOperation, TypeError, ValueError):
        raise ValidationError(_("Enter a number."), code="invalid") from None
    if unit_kind == kinds.COUNT and (value != value.to_integral_value() or value < 0):
        raise ValidationError(_("This indicator counts things: enter a whole number, 0 or more."), code="unit")
    if unit_kind == kinds.PERCENT and not 0 <= value <= 100:
        raise ValidationError(_("This indicator is a percentage: enter a value from 0 to 100."), code="unit")
    if unit_kind == kinds.MONEY and value < 0:
        raise ValidationError(_("This indicator is an amount of money: it cannot be negative."), code="unit")
    if unit_kind == kinds.YES_NO and value not in (0, 1):
        raise ValidationError(_("This indicator is yes or no: enter 1 for yes or 0 for no."), code="unit")
    return value


# --- Progress updates and evidence -------------------------------------------------------


class ProgressUpdate(TimeStampedModel):
    """A dated entry in an action's timeline; may change its status, progress or an indicator."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    occurred_on = models.DateField(_("date"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="roadmap_updates"
    )
    organisation = models.ForeignKey(
        "ngos.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="roadmap_updates",
        help_text=_("The partner NGO the update was posted for, if any."),
    )
    note = models.TextField(pgettext_lazy("progress update", "what happened"))
    status_before = models.CharField(max_length=20, choices=Action.Status.choices, blank=True)
    status_after = models.CharField(max_length=20, choices=Action.Status.choices, blank=True)
    progress_before = models.PositiveSmallIntegerField(null=True, blank=True)
    progress_after = models.PositiveSmallIntegerField(null=True, blank=True)
    indicator = models.ForeignKey(Indicator, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    indicator_value = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-occurred_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress_after__isnull=True) | Q(progress_after__gte=0, progress_after__lte=100),
                name="update_progress_range",
            ),
            models.CheckConstraint(
                condition=Q(status_after__in=["", "planned", "in_progress", "done", "cancelled"]),
                name="update_status_valid",
            ),
        ]
        indexes = [
            # An action's timeline, newest first.
            models.Index(fields=["action", "-occurred_on"], name="update_timeline_idx"),
        ]

    def __str__(self):
        return f"{self.action.code} {self.occurred_on}"


class Evidence(models.Model):
    """A link or a document showing that work was done."""

    action = ParentalKey(Action, on_delete=models.CASCADE, related_name="evidence")
    update = models.ForeignKey(
        ProgressUpdate, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence", editable=False
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), blank=True)
    document = models.FileField(
        _("document"),
        upload_to="roadmaps/evidence/%Y/",
        blank=True,
        validators=[validate_evidence_document],
    )

    panels = [FieldPanel("title"), FieldPanel("url"), FieldPanel("document")]

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["action", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(url="") | ~Q(document=""), name="evidence_link_or_document"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if not self.url and not self.document:
            raise ValidationError(_("Give a link or attach a document."))
        if self.document and self.document.size > EVIDENCE_MAX_BYTES:
            raise ValidationError({"document": _("The document is larger than 10 MB.")})

    @property
    def href(self):
        return self.document.url if self.document else self.url


# --- NGO proposals -----------------------------------------------------------------------


class ProposalQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Proposal.Status.SUBMITTED)

    def of_organisations(self, organisations):
        return self.filter(organisation__in=organisations)


class Proposal(TimeStampedModel):
    """An action proposed by an NGO while a road map is drafting; editors accept or decline it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("proposal status", "Submitted")
        ACCEPTED = "accepted", pgettext_lazy("proposal status", "Accepted")
        DECLINED = "declined", pgettext_lazy("proposal status", "Declined")

    roadmap = models.ForeignKey(RoadMap, verbose_name=_("road map"), on_delete=models.CASCADE, related_name="proposals")
    organisation = models.ForeignKey(
        "ngos.Organisation", verbose_name=_("proposing NGO"), on_delete=models.CASCADE, related_name="roadmap_proposals"
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="roadmap_proposals"
    )
    section = models.ForeignKey(
        Section, verbose_name=_("section"), null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals"
    )
    title = models.CharField(_("proposed action"), max_length=300)
    rationale = models.TextField(_("rationale"))
    partners = models.ManyToManyField(
        "ngos.Organisation", verbose_name=_("partner organisations"), blank=True, related_name="+"
    )
    # Decisions go through services.proposal_accept / proposal_decline, never through a form.
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED, editable=False
    )
    decision_reason = models.TextField(_("reason"), blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    action = models.OneToOneField(
        Action, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposal", editable=False
    )

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("NGO proposal")
        verbose_name_plural = _("NGO proposals")
        ordering = ["roadmap", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["submitted", "accepted", "declined"]), name="proposal_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decision_reason=""), name="proposal_decline_has_reason"
            ),
        ]
        indexes = [
            # Editors' queue: a road map's proposals waiting for a decision.
            models.Index(fields=["roadmap", "status"], name="proposal_queue_idx"),
        ]

    def __str__(self):
        return self.title


def departments_ordered():
    return Department.objects.active().order_by("kind", translated_order_by("name"))
