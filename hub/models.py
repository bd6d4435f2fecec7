"""The hub's shared models: users, reference data, and the editorial Wagtail pages."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import ReportBodyBlock, StandardBodyBlock
from .i18n import TranslatedField, translated_order_by
from .panels import collect


class TimeStampedModel(models.Model):
    """When a row was created and last changed; every domain model inherits it."""

    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class UserManager(BaseUserManager):
    """Users sign in with their email address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. Roles come from groups (staff) and NGO membership."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=[("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")],
        default="kk",
        help_text=_("Emails and documents are sent to you in this language."),
    )
    terms_accepted_at = models.DateTimeField(_("terms of use accepted at"), null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email


class DistrictQuerySet(models.QuerySet):
    def ordered(self):
        return self.order_by(translated_order_by("name"))


class District(models.Model):
    """One of Almaty's eight administrative districts."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=100)
    name_ru = models.CharField(_("name (Russian)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)

    name = TranslatedField("name")
    objects = DistrictQuerySet.as_manager()

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name_en"]

    def __str__(self):
        return self.name


class DepartmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def ordered(self):
        return self.order_by("kind", translated_order_by("name"))


class Department(TimeStampedModel):
    """A responsible body: an akimat department, a district akimat, or another state body."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("City akimat department")
        DISTRICT_AKIMAT = "district_akimat", _("District akimat")
        OTHER = "other", _("Other state body")

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Only for district akimats."),
    )
    email = models.EmailField(_("contact email"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    name = TranslatedField("name")
    objects = DepartmentQuerySet.as_manager()

    panels = [
        FieldPanel("kind"),
        FieldPanel("slug"),
        MultiFieldPanel([FieldPanel("name_kk"), FieldPanel("name_ru"), FieldPanel("name_en")], heading=_("Name")),
        FieldRowPanel([FieldPanel("district"), FieldPanel("email")]),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = _("responsible body")
        verbose_name_plural = _("responsible bodies")
        ordering = ["kind", "name_en"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["department", "district_akimat", "other"]),
                name="department_kind_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.kind == self.Kind.DISTRICT_AKIMAT and not self.district_id:
            raise ValidationError({"district": _("A district akimat needs its district.")})


class HomePage(Page):
    """The front page: what the hub is, and the ways in."""

    lead = models.CharField(
        _("lead sentence"),
        max_length=300,
        help_text=_("One sentence that says what the hub is."),
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        reports = ReportIndexPage.objects.live().filter(locale=self.locale).first()
        context["report_index"] = reports
        # Called by the template only when its shared fragment is not cached (see home_page.html).
        context["home_sections"] = lambda: collect("home_section", request=request)
        context["latest_reports"] = (
            ReportPage.objects.live()
            .filter(locale=self.locale)
            .select_related("department")
            .order_by("-first_published_at")[:3]
        )
        return context


class StandardPage(Page):
    """An ordinary content page: about the hub, rules, contacts."""

    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = StreamField(StandardBodyBlock(), verbose_name=_("body"), blank=True)

    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]

    class Meta:
        verbose_name = _("standard page")


class ReportIndexPage(RoutablePageMixin, Page):
    """Lists the akimat's reports, filtered by department and year, with a feed."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["hub.ReportPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("report index")

    def reports(self):
        return (
            ReportPage.objects.live()
            .child_of(self)
            .select_related("department")
            .order_by("-period_end", "-first_published_at")
        )

    def get_context(self, request, *args, **kwargs):
        from .reports import filter_reports

        context = super().get_context(request, *args, **kwargs)
        context.update(filter_reports(self, request.GET))
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        from .reports import reports_feed

        return reports_feed(self, request)


class ReportPage(Page):
    """An akimat report: what a department did in a period, and what changed for residents."""

    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="reports"
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    summary = models.TextField(
        _("what changed for residents"),
        max_length=1000,
        help_text=_("In plain language, what changed for residents. Required: no dry figures only."),
    )
    body = StreamField(ReportBodyBlock(), verbose_name=_("body"), blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("department"),
        index.FilterField("period_end"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("department"),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")], heading=_("Period")),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    parent_page_types = ["hub.ReportIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("akimat report")
        verbose_name_plural = _("akimat reports")

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})


class ScheduledRun(models.Model):
    """One run of a periodic job (hub/schedule.py), claimed by the first worker that sees it due:
    the unique pair (job, slot) makes every other worker, on any machine, leave it alone."""

    job = models.CharField(_("job"), max_length=64)
    slot = models.DateTimeField(_("due at"))
    enqueued_at = models.DateTimeField(_("queued at"), default=timezone.now)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        ordering = ["-slot"]
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="hub_scheduledrun_once_per_slot")]

    def __str__(self):
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M}"


class ImportRun(models.Model):
    """A confirmed import that a worker writes (hub/imports.py): the file waits here, shared by every
    app server, until the run; its outcome stays for the person who asked, on the import's status page."""

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("import status", "Queued")
        RUNNING = "running", pgettext_lazy("import status", "Running")
        DONE = "done", pgettext_lazy("import status", "Done")
        FAILED = "failed", pgettext_lazy("import status", "Failed")

    kind = models.CharField(_("kind"), max_length=20)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    file_name = models.CharField(_("file"), max_length=255)
    content = models.BinaryField(default=b"")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    summary = models.CharField(_("outcome"), max_length=500, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    language = models.CharField(max_length=10)  # of the page that queued it: the outcome is written in it
    requested_by = models.ForeignKey(
        "hub.User", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("requested by")
    )
    created_at = models.DateTimeField(_("queued at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.kind} {self.file_name} ({self.status})"

    @property
    def is_pending(self):
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
