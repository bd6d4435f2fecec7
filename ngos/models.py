"""The NGO registry: organisations, their members, their activity with the hub, and their initiatives."""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hub.i18n import (
    TranslatedField,
    column_label,
    original_language_field,
    require_original_language,
    translated_order_by,
)
from hub.models import TimeStampedModel
from hub.uploads import validate_document

from .storage import private_storage
from .validators import validate_bin, validate_logo

ACTIVE_WINDOW = datetime.timedelta(days=365)


class ReferenceQuerySet(models.QuerySet):
    def ordered(self):
        return self.order_by("position", translated_order_by("name"))


class ManagedList(TimeStampedModel):
    """An entry of a list editors manage, named in the three languages and ordered by position."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=150)
    name_ru = models.CharField(_("name (Russian)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    name = TranslatedField("name")
    objects = ReferenceQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "name_en"]

    def __str__(self):
        return self.name


class FieldOfActivity(ManagedList):
    """A field an NGO works in (ecology, education, ...)."""

    class Meta(ManagedList.Meta):
        verbose_name = _("field of activity")
        verbose_name_plural = _("fields of activity")


class TargetGroup(ManagedList):
    """A group of people an NGO serves (youth, older people, ...)."""

    class Meta(ManagedList.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class OrganisationQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(status=Organisation.Status.VERIFIED)

    def of_member(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)

    def led_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user, memberships__role=Membership.Role.LEADER)

    def awaiting_verification(self):
        return self.filter(status=Organisation.Status.AWAITING_VERIFICATION)

    def identity_under_review(self):
        """Organisations whose leaders asked to change their name, BIN or legal form."""
        return self.filter(pending_identity__isnull=False)

    def changed_since_verification(self):
        """Verified organisations whose profile changed after the moderator verified them."""
        later = ProfileChange.objects.filter(
            organisation=models.OuterRef("pk"), created_at__gt=models.OuterRef("verified_at")
        )
        return self.verified().filter(models.Exists(later))

    def active(self, now=None):
        """Organisations that did something with the hub in the last 12 months."""
        return self.filter(last_activity_at__gte=(now or timezone.now()) - ACTIVE_WINDOW)

    def search(self, q):
        """Case-insensitive search in names, short name, BIN and description, Cyrillic included."""
        from .text import normalise

        terms = normalise(q).split()
        query = self
        for term in terms:
            query = query.filter(search_text__contains=term)
        return query

    def ordered(self):
        return self.order_by(translated_order_by("name"), "pk")


class Organisation(TimeStampedModel):
    """A non-governmental organisation registered with the hub."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("organisation status", "Draft")
        AWAITING_VERIFICATION = "awaiting_verification", pgettext_lazy("organisation status", "Awaiting verification")
        VERIFIED = "verified", pgettext_lazy("organisation status", "Verified")
        REJECTED = "rejected", pgettext_lazy("organisation status", "Rejected")
        ARCHIVED = "archived", pgettext_lazy("organisation status", "Archived")

    class LegalForm(models.TextChoices):
        PUBLIC_FOUNDATION = "public_foundation", _("Public foundation")
        PUBLIC_ASSOCIATION = "public_association", _("Public association")
        ASSOCIATION_OF_LEGAL_ENTITIES = "association_of_legal_entities", _("Association of legal entities")
        INSTITUTION = "institution", _("Institution")
        RELIGIOUS_ASSOCIATION = "religious_association", _("Religious association")
        OTHER = "other", _("Other non-commercial organisation")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    legal_form = models.CharField(_("legal form"), max_length=40, choices=LegalForm.choices)
    bin = models.CharField(
        _("BIN"),
        max_length=12,
        unique=True,
        validators=[validate_bin],
        help_text=_("Business identification number: 12 digits."),
    )
    registration_date = models.DateField(_("registration date"), null=True, blank=True)
    fields = models.ManyToManyField(FieldOfActivity, verbose_name=_("fields of activity"), related_name="organisations")
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), related_name="organisations", blank=True
    )
    districts = models.ManyToManyField(
        "hub.District", verbose_name=_("districts"), related_name="organisations", blank=True
    )
    city_wide = models.BooleanField(_("works city-wide"), default=False)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    social_links = models.TextField(_("social media links"), blank=True, help_text=_("One address per line."))
    description_kk = models.TextField(column_label(_("description"), "kk"), blank=True, max_length=5000)
    description_ru = models.TextField(column_label(_("description"), "ru"), blank=True, max_length=5000)
    description_en = models.TextField(column_label(_("description"), "en"), blank=True, max_length=5000)
    original_language = original_language_field()
    logo = models.ImageField(_("logo"), upload_to="ngos/logos/", blank=True, validators=[validate_logo])
    founding_year = models.PositiveSmallIntegerField(
        _("founding year"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    staff_count = models.PositiveIntegerField(_("staff"), null=True, blank=True)
    volunteer_count = models.PositiveIntegerField(_("volunteers"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.DRAFT)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    # Denormalised by ngos.services.activity_record so "active" is one indexed comparison.
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    # Lower-cased names, BIN and description: SQLite's LOWER() only folds ASCII, so Cyrillic
    # search is done against this column, kept up to date by the services and the import.
    search_text = models.TextField(editable=False, blank=True, default="")

    name = TranslatedField("name")
    description = TranslatedField("description")
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_ru"]
        permissions = [
            ("verify_organisation", _("Can verify, reject and archive organisations")),
            ("import_organisation", _("Can import organisations")),
        ]
        indexes = [
            # the public directory: verified organisations, newest first
            models.Index(fields=["status", "-verified_at"], name="ngos_org_status_verified_idx"),
            # the "active only" filter
            models.Index(fields=["status", "last_activity_at"], name="ngos_org_status_activity_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "awaiting_verification", "verified", "rejected", "archived"]),
                name="ngos_organisation_status_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("ngos:detail", args=[self.slug])

    @property
    def initials(self):
        """Shown in place of a logo: the first letters of the first two words of the name."""
        words = [word for word in self.name.split() if word[:1].isalnum() or word[1:2].isalnum()]
        letters = [next(char for char in word if char.isalnum()) for word in words[:2]]
        return "".join(letters).upper()

    @property
    def is_active(self):
        return bool(self.last_activity_at and self.last_activity_at >= timezone.now() - ACTIVE_WINDOW)

    def social_link_list(self):
        """Only web addresses: anything else (``javascript:`` included) is never shown as a link."""
        lines = [line.strip() for line in self.social_links.splitlines()]
        return [line for line in lines if line.startswith(("https://", "http://"))]

    def build_search_text(self):
        from .text import normalise

        parts = [
            self.name_kk,
            self.name_ru,
            self.name_en,
            self.short_name,
            self.bin,
            self.description_kk,
            self.description_ru,
            self.description_en,
        ]
        return normalise(" ".join(part for part in parts if part))


class OrganisationStatusChange(TimeStampedModel):
    """One step in an organisation's verification: who moved it from which status to which, and why."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="status_changes"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(_("from"), max_length=30, choices=Organisation.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=30, choices=Organisation.Status.choices)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("organisation status change")
        verbose_name_plural = _("organisation status changes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.organisation}: {self.from_status} → {self.to_status}"


class ProfileChange(TimeStampedModel):
    """A change to a verified organisation's public profile, kept for moderators."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="profile_changes"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # {"field": [old, new]} with display values.
    changes = models.JSONField(_("changes"), default=dict)

    class Meta:
        verbose_name = _("profile change")
        verbose_name_plural = _("profile changes")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # an organisation's history in the admin, newest first
            models.Index(fields=["organisation", "-created_at"], name="ngos_profchange_org_idx"),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.created_at:%Y-%m-%d %H:%M})"

    def labelled(self):
        """``(field label, old, new)`` for each change, in the reader's language."""
        rows = []
        for name, (old, new) in self.changes.items():
            try:
                label = Organisation._meta.get_field(name).verbose_name
            except FieldDoesNotExist:
                label = name
            rows.append((capfirst(label), old, new))
        return rows


class IdentityChange(TimeStampedModel):
    """A leader's change to a verified organisation's legal identity (names, BIN, legal form).

    It waits here for a moderator: until it is approved, the public page keeps the verified identity.
    """

    FIELDS = ("name_kk", "name_ru", "name_en", "legal_form", "bin")

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="pending_identity"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    legal_form = models.CharField(_("legal form"), max_length=40, choices=Organisation.LegalForm.choices)
    bin = models.CharField(_("BIN"), max_length=12, validators=[validate_bin])

    class Meta:
        verbose_name = _("identity change awaiting review")
        verbose_name_plural = _("identity changes awaiting review")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.organisation} → {self.name_ru}"

    def differences(self):
        """``(label, verified value, requested value)`` for each field that differs."""
        rows = []
        for name in self.FIELDS:
            old, new = getattr(self.organisation, name), getattr(self, name)
            if old != new:
                if name == "legal_form":
                    old, new = self.organisation.get_legal_form_display(), self.get_legal_form_display()
                rows.append((capfirst(self._meta.get_field(name).verbose_name), old, new))
        return rows


class Membership(TimeStampedModel):
    """A user's place in an organisation: leader or member."""

    class Role(models.TextChoices):
        LEADER = "leader", _("Leader")
        MEMBER = "member", _("Member")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="ngo_memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["role", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="ngos_membership_unique"),
            models.CheckConstraint(condition=Q(role__in=["leader", "member"]), name="ngos_membership_role_valid"),
        ]

    def __str__(self):
        return f"{self.user} · {self.organisation} ({self.get_role_display()})"

    @property
    def is_leader(self):
        return self.role == self.Role.LEADER


def _invitation_token():
    return secrets.token_urlsafe(32)


class InvitationQuerySet(models.QuerySet):
    def pending(self, now=None):
        return self.filter(accepted_at__isnull=True, expires_at__gt=now or timezone.now())


class Invitation(TimeStampedModel):
    """An emailed link that lets a colleague join an organisation until it expires."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER)
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()


class OrganisationActivity(TimeStampedModel):
    """Something an organisation did with the hub: an initiative, a meeting, a road-map action, an update."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.SlugField(_("kind"), max_length=30)
    occurred_at = models.DateTimeField(_("when"))
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("organisation activity")
        verbose_name_plural = _("organisation activities")
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            # an organisation's activity in the last 12 months, by kind
            models.Index(fields=["organisation", "-occurred_at"], name="ngos_activity_org_idx"),
        ]

    def __str__(self):
        return f"{self.organisation}: {self.kind} ({self.occurred_at:%Y-%m-%d})"


class InitiativeQuerySet(models.QuerySet):
    def public(self):
        """Initiatives anyone may read: submitted once, from an organisation that is not hidden."""
        return self.filter(self._public())

    @staticmethod
    def _public():
        hidden = Q(status=Initiative.Status.DRAFT)
        return ~hidden & Q(organisation__status__in=[Organisation.Status.VERIFIED, Organisation.Status.ARCHIVED])

    def filtered(self, *, status="", field="", district=""):
        """The public list's filters; unknown statuses are ignored, unknown slugs find nothing."""
        queryset = self
        if status in Initiative.Status.values:
            queryset = queryset.filter(status=status)
        if field:
            queryset = queryset.filter(field__slug=field)
        if district:
            queryset = queryset.filter(district__slug=district)
        return queryset

    def with_support_counts(self, initiatives):
        """``initiatives`` (one page of a list) as a list, each with ``support_count``, in one query."""
        initiatives = list(initiatives)
        counts = dict(
            InitiativeSupport.objects.filter(initiative__in=initiatives)
            .values_list("initiative")
            .annotate(n=Count("pk"))
            .values_list("initiative", "n")
        )
        for initiative in initiatives:
            initiative.support_count = counts.get(initiative.pk, 0)
        return initiatives

    def visible_to(self, user):
        """Public initiatives, plus every initiative of the user's own organisations (drafts included).

        Drafts are the organisation's own work in progress: staff see an initiative once it is submitted.
        """
        # One condition on the row and its organisation (no DISTINCT over a join): a page's lookup by
        # key stays a key lookup instead of scanning every public initiative (120 ms at 20,000).
        visible = self._public()
        if user.is_authenticated:
            visible |= Q(organisation__in=Membership.objects.filter(user=user).values("organisation"))
        return self.filter(visible)

    def with_support_count(self):
        return self.annotate(support_count=Count("supports", distinct=True))

    def awaiting_answer(self):
        """Submitted to the akimat and not yet answered: accepted, declined or sent back."""
        return self.filter(status__in=Initiative.AWAITING_ANSWER)


class Initiative(TimeStampedModel):
    """A proposal an organisation makes to the akimat, which gets an official answer."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("initiative status", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("initiative status", "Submitted")
        UNDER_REVIEW = "under_review", pgettext_lazy("initiative status", "Under review")
        ACCEPTED = "accepted", pgettext_lazy("initiative status", "Accepted")
        NEEDS_CHANGES = "needs_changes", pgettext_lazy("initiative status", "Needs changes")
        DECLINED = "declined", pgettext_lazy("initiative status", "Declined")
        IN_PROGRESS = "in_progress", pgettext_lazy("initiative status", "In progress")
        IMPLEMENTED = "implemented", pgettext_lazy("initiative status", "Implemented")

    AWAITING_ANSWER = ("submitted", "under_review")

    class Ask(models.TextChoices):
        PREMISES = "premises", _("Premises")
        INFORMATION = "information", _("Information")
        PARTNERSHIP = "partnership", _("Partnership")
        COFUNDING = "cofunding", _("Co-funding")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="initiatives"
    )
    title_kk = models.CharField(column_label(_("title"), "kk"), max_length=200, blank=True)
    title_ru = models.CharField(column_label(_("title"), "ru"), max_length=200, blank=True)
    title_en = models.CharField(column_label(_("title"), "en"), max_length=200, blank=True)
    problem_kk = models.TextField(column_label(_("the problem"), "kk"), max_length=5000, blank=True)
    problem_ru = models.TextField(column_label(_("the problem"), "ru"), max_length=5000, blank=True)
    problem_en = models.TextField(column_label(_("the problem"), "en"), max_length=5000, blank=True)
    proposal_kk = models.TextField(column_label(_("the proposal"), "kk"), max_length=5000, blank=True)
    proposal_ru = models.TextField(column_label(_("the proposal"), "ru"), max_length=5000, blank=True)
    proposal_en = models.TextField(column_label(_("the proposal"), "en"), max_length=5000, blank=True)
    expected_result_kk = models.TextField(column_label(_("expected result"), "kk"), max_length=3000, blank=True)
    expected_result_ru = models.TextField(column_label(_("expected result"), "ru"), max_length=3000, blank=True)
    expected_result_en = models.TextField(column_label(_("expected result"), "en"), max_length=3000, blank=True)
    original_language = original_language_field()
    field = models.ForeignKey(
        FieldOfActivity, verbose_name=_("field of activity"), on_delete=models.PROTECT, related_name="initiatives"
    )
    district = models.ForeignKey(
        "hub.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiatives",
        help_text=_("Leave empty if the initiative concerns the whole city."),
    )
    asks = models.JSONField(_("what it asks of the akimat"), default=list, blank=True)
    department = models.ForeignKey(
        "hub.Department",
        verbose_name=_("responsible body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ngo_initiatives",
    )
    official_answer_kk = models.TextField(column_label(_("official answer"), "kk"), blank=True)
    official_answer_ru = models.TextField(column_label(_("official answer"), "ru"), blank=True)
    official_answer_en = models.TextField(column_label(_("official answer"), "en"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    title = TranslatedField("title")
    problem = TranslatedField("problem")
    proposal = TranslatedField("proposal")
    expected_result = TranslatedField("expected_result")
    official_answer = TranslatedField("official_answer")
    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-submitted_at", "-created_at"]
        indexes = [
            # the public list, newest submissions first, filtered by status
            models.Index(fields=["status", "-submitted_at"], name="ngos_init_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "draft",
                        "submitted",
                        "under_review",
                        "accepted",
                        "needs_changes",
                        "declined",
                        "in_progress",
                        "implemented",
                    ]
                ),
                name="ngos_initiative_status_valid",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ngos:initiative_detail", args=[self.pk])

    def clean(self):
        require_original_language(self, "title", "problem", "proposal", "expected_result")

    def get_asks_display(self):
        labels = dict(self.Ask.choices)
        return [labels[ask] for ask in self.asks if ask in labels]


def initiative_attachment_path(instance, filename):
    return f"ngos/initiatives/{instance.initiative_id}/{secrets.token_hex(8)}/{filename}"


class InitiativeAttachment(TimeStampedModel):
    """A document attached to an initiative."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        _("file"),
        upload_to=initiative_attachment_path,
        storage=private_storage,
        validators=[validate_document],
    )
    title = models.CharField(_("title"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self):
        return self.title or self.filename

    @property
    def filename(self):
        return self.file.name.rsplit("/", 1)[-1]

    def get_absolute_url(self):
        """The permission-checked download; the file itself has no public URL."""
        return reverse("ngos:initiative_attachment", args=[self.initiative_id, self.pk])


class InitiativeTransition(models.Model):
    """One step in an initiative's life. Rows are written once and never changed."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="transitions"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, editable=False)
    from_status = models.CharField(_("from"), max_length=20, choices=Initiative.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Initiative.Status.choices)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("initiative status change")
        verbose_name_plural = _("initiative status changes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.initiative}: {self.from_status} → {self.to_status}"

    def save(self, *args, **kwargs):
        # The log is evidence: a row that exists may not be rewritten.
        if self.pk is not None:
            raise ValidationError(_("The status log cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("The status log cannot be changed."))


class InitiativeSupport(TimeStampedModel):
    """A signed-in user's support for an initiative: once per person."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="ngos_support_once"),
        ]

    def __str__(self):
        return f"{self.user} → {self.initiative}"


class NewsPostQuerySet(models.QuerySet):
    def public(self):
        """News anyone may read: not hidden by a moderator, from an organisation in the public directory."""
        return self.filter(self._public())

    @staticmethod
    def _public():
        return Q(hidden_at__isnull=True, organisation__status=Organisation.Status.VERIFIED)

    def visible_to(self, user):
        """Public news, and all news of the user's own organisations (hidden included); moderators see all."""
        if user.is_authenticated and (user.is_superuser or user.has_perm("ngos.verify_organisation")):
            return self
        mine = Q(organisation__in=Organisation.objects.of_member(user).values("pk"))
        return self.filter(self._public() | mine)

    def newest_first(self):
        return self.order_by("-published_at", "-pk")


class NewsPost(TimeStampedModel):
    """News an organisation publishes on its page; the organisation's followers are told of it."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="news"
    )
    title_kk = models.CharField(column_label(_("title"), "kk"), max_length=200, blank=True)
    title_ru = models.CharField(column_label(_("title"), "ru"), max_length=200, blank=True)
    title_en = models.CharField(column_label(_("title"), "en"), max_length=200, blank=True)
    body_kk = models.TextField(column_label(_("text"), "kk"), max_length=10000, blank=True)
    body_ru = models.TextField(column_label(_("text"), "ru"), max_length=10000, blank=True)
    body_en = models.TextField(column_label(_("text"), "en"), max_length=10000, blank=True)
    original_language = original_language_field()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    hidden_at = models.DateTimeField(_("hidden by a moderator"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("hidden by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)

    title = TranslatedField("title")
    body = TranslatedField("body")
    objects = NewsPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")
        ordering = ["-published_at", "-pk"]
        indexes = [
            # an organisation's news, newest first (its page and its news list)
            models.Index(fields=["organisation", "-published_at"], name="ngos_news_org_published_idx"),
            # the moderators' list of all news, newest first
            models.Index(fields=["-published_at"], name="ngos_news_published_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ngos:news_detail", args=[self.organisation.slug, self.pk])

    def clean(self):
        require_original_language(self, "title", "body")

    @property
    def is_hidden(self):
        return self.hidden_at is not None
