"""Follows, the events worth telling, and each follower's copy of an event (a notification)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class FollowQuerySet(models.QuerySet):
    def of(self, obj):
        return self.filter(target_type=ContentType.objects.get_for_model(obj), target_id=obj.pk)


class Follow(models.Model):
    """A user follows one thing: an organisation, a road map, an action, a meeting, a field, a district..."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="follows"
    )
    target_type = models.ForeignKey(ContentType, verbose_name=_("kind of thing"), on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField(_("thing"))
    target = GenericForeignKey("target_type", "target_id")
    created_at = models.DateTimeField(_("since"), default=timezone.now, editable=False)

    objects = FollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "target_type", "target_id"], name="follows_follow_unique"),
        ]
        indexes = [
            # the followers of one thing, when an event fans out
            models.Index(fields=["target_type", "target_id"], name="follows_follow_target_idx"),
        ]

    def __str__(self):
        return f"{self.user} → {self.target_type.model} {self.target_id}"


class Event(models.Model):
    """Something worth telling happened to ``target``; the followers of each of ``followed`` hear of it.

    ``followed`` lists ``[content type id, object id]`` pairs, most specific first (an action, then
    its road map): a follower of several hears once, under the first. ``payload`` holds the values
    the message needs (a status code, a date), rendered in each reader's language.
    """

    class Kind(models.TextChoices):
        ACTION_STATUS = "action_status", pgettext_lazy("notification kind", "Action status changed")
        ACTION_PROGRESS = "action_progress", pgettext_lazy("notification kind", "Action progress")
        ROADMAP_DRAFTING = "roadmap_drafting", pgettext_lazy("notification kind", "Road map open for proposals")
        ROADMAP_PUBLISHED = "roadmap_published", pgettext_lazy("notification kind", "Road map published")
        ROADMAP_STATUS = "roadmap_status", pgettext_lazy("notification kind", "Road map status changed")
        MEETING_ANNOUNCED = "meeting_announced", pgettext_lazy("notification kind", "Meeting announced")
        MEETING_MOVED = "meeting_moved", pgettext_lazy("notification kind", "Meeting moved")
        MEETING_CANCELLED = "meeting_cancelled", pgettext_lazy("notification kind", "Meeting cancelled")
        MEETING_OUTCOME = "meeting_outcome", pgettext_lazy("notification kind", "Meeting outcome published")
        MINUTES_APPROVED = "minutes_approved", pgettext_lazy("notification kind", "Minutes approved")
        ASSIGNMENT_UPDATED = "assignment_updated", pgettext_lazy("notification kind", "Assignment updated")
        ASSIGNMENT_OVERDUE = "assignment_overdue", pgettext_lazy("notification kind", "Assignment overdue")
        INITIATIVE_STATUS = "initiative_status", pgettext_lazy("notification kind", "Initiative status changed")
        INITIATIVE_ANSWERED = "initiative_answered", pgettext_lazy("notification kind", "Initiative answered")
        QUESTION_ACCEPTED = "question_accepted", pgettext_lazy("notification kind", "Question accepted")
        QUESTION_DECLINED = "question_declined", pgettext_lazy("notification kind", "Question declined")
        QUESTION_ANSWERED = "question_answered", pgettext_lazy("notification kind", "Question answered")
        NGO_JOINED_ROADMAP = "ngo_joined_roadmap", pgettext_lazy("notification kind", "NGO joined a road map")
        NGO_INITIATIVE = "ngo_initiative", pgettext_lazy("notification kind", "NGO proposed an initiative")
        NGO_NEWS = "ngo_news", pgettext_lazy("notification kind", "NGO published news")
        NGO_VERIFIED = "ngo_verified", pgettext_lazy("notification kind", "New organisation")
        REPORT_STATUS = "report_status", pgettext_lazy("notification kind", "Report status changed")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    target_type = models.ForeignKey(ContentType, verbose_name=_("kind of thing"), on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField(_("thing"))
    target = GenericForeignKey("target_type", "target_id")
    followed = models.JSONField(_("followed things"), default=list)
    payload = models.JSONField(_("details"), default=dict, blank=True)
    # Users the app emailed about this itself (an initiative's members, a reporter): inbox only for them.
    already_emailed = models.JSONField(_("already emailed"), default=list, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # the events of one thing (was this meeting announced already, and for when?)
            models.Index(fields=["target_type", "target_id", "kind"], name="follows_event_target_idx"),
        ]

    def __str__(self):
        return f"{self.kind} {self.target_type_id}:{self.target_id}"


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def not_emailed(self):
        return self.filter(emailed_at__isnull=True)

    def for_display(self):
        return self.select_related("event", "via_type").prefetch_related("event__target", "via")


class Notification(models.Model):
    """One follower's copy of an event, reached through ``via`` (the followed thing)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="notifications")
    via_type = models.ForeignKey(ContentType, verbose_name=_("kind of followed thing"), on_delete=models.CASCADE)
    via_id = models.PositiveBigIntegerField(_("followed thing"))
    via = GenericForeignKey("via_type", "via_id")
    created_at = models.DateTimeField(_("when"), default=timezone.now, editable=False)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # a retried fan-out never tells anyone twice
            models.UniqueConstraint(fields=["user", "event"], name="follows_notification_unique"),
        ]
        indexes = [
            # the inbox: a user's latest notifications
            models.Index(fields=["user", "-created_at"], name="follows_notif_inbox_idx"),
            # the unread count in the header
            models.Index(fields=["user"], condition=Q(read_at__isnull=True), name="follows_notif_unread_idx"),
            # the digest: what each user has not been emailed yet
            models.Index(fields=["user"], condition=Q(emailed_at__isnull=True), name="follows_notif_unsent_idx"),
        ]

    def __str__(self):
        return f"{self.user} · {self.event}"


class Preference(models.Model):
    """How often a user wants email about what they follow. No row: at once."""

    class Email(models.TextChoices):
        IMMEDIATELY = "immediately", pgettext_lazy("email frequency", "At once")
        DAILY = "daily", pgettext_lazy("email frequency", "A daily digest")
        WEEKLY = "weekly", pgettext_lazy("email frequency", "A weekly digest")
        NEVER = "never", pgettext_lazy("email frequency", "No email")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_preference",
    )
    email = models.CharField(
        _("email about what I follow"), max_length=12, choices=Email.choices, default=Email.IMMEDIATELY
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.CheckConstraint(
                condition=Q(email__in=["immediately", "daily", "weekly", "never"]), name="follows_preference_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.email}"
