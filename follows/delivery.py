"""Telling followers: the fan-out task, emails at once, and the daily and weekly digests.

Everything here runs in workers. Memory stays bounded however many followers: users are read
in batches by primary key, notifications are inserted in batches (``ignore_conflicts``: the
unique (user, event) pair makes a retried task harmless), and an email is sent only by the
run that stamps ``emailed_at`` on the notifications it carries.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation

from hub.emails import send_email
from hub.links import absolute_url
from hub.tasks import background_task

from . import registry, services, wording
from .models import Event, Notification, Preference

BATCH = 1000
NOT_AT_ONCE = [Preference.Email.DAILY, Preference.Email.WEEKLY, Preference.Email.NEVER]


def _batches(queryset, size=BATCH):
    """Primary keys of ``queryset`` in batches, by keyset (no open cursor while we write)."""
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:size])
        if not batch:
            return
        yield batch
        last = batch[-1]


@background_task()
def fan_out(event_id):
    """Give each follower of the event's followed things one notification; queue the immediate emails."""
    event = Event.objects.filter(pk=event_id).first()
    target = event.target if event else None
    audience = registry.audience_filter(target) if target is not None else None
    if audience is None:
        return  # gone, or nobody may see it any more
    users = get_user_model().objects.filter(audience, is_active=True)
    emailed = set(event.already_emailed)
    for type_id, obj_id in event.followed:
        followers = users.filter(follows__target_type_id=type_id, follows__target_id=obj_id)
        for batch in _batches(followers):
            Notification.objects.bulk_create(
                [
                    Notification(
                        user_id=pk,
                        event=event,
                        via_type_id=type_id,
                        via_id=obj_id,
                        emailed_at=event.created_at if pk in emailed else None,
                    )
                    for pk in batch
                ],
                ignore_conflicts=True,
            )
            at_once = list(
                Notification.objects.filter(event=event, user_id__in=batch)
                .not_emailed()
                .exclude(user__notification_preference__email__in=NOT_AT_ONCE)
                .values_list("pk", flat=True)
            )
            if at_once:
                email_at_once.enqueue(at_once)


def _claim(notifications):
    """Stamp these as emailed; only the run that stamps them sends them (retries send nothing twice)."""
    ids = [notification.pk for notification in notifications]
    return Notification.objects.filter(pk__in=ids).not_emailed().update(emailed_at=timezone.now()) == len(ids)


@background_task(queue_name="emails")
def email_at_once(notification_ids):
    """One email per notification, for users who want them at once."""
    pending = Notification.objects.filter(pk__in=notification_ids).not_emailed().select_related("user").for_display()
    for notification in pending:
        with transaction.atomic():
            if _claim([notification]):
                send_notifications(notification.user, [notification], template="follows/emails/notification")


def send_notifications(user, notifications, *, template):
    """Render and queue one email about ``notifications`` in the user's language, with unsubscribe headers."""
    language = user.language or settings.LANGUAGE_CODE
    token = services.preferences_token(user)
    with translation.override(language):
        groups = wording.grouped(notifications)
        preferences_url = absolute_url(reverse("follows:preferences_token", args=[token]))
        unsubscribe_url = absolute_url(reverse("follows:unsubscribe", args=[token]))
        inbox_url = absolute_url(reverse("follows:inbox"))
    for group in groups:
        group["url"] = absolute_url(group["url"]) if group["url"] else ""
        for entry in group["items"]:
            entry["url"] = absolute_url(entry["url"]) if entry["url"] else ""
    headers = {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    context = {
        "recipient": user,
        "groups": groups,
        "count": len(notifications),
        "preferences_url": preferences_url,
        "inbox_url": inbox_url,
    }
    return send_email(template=template, to=[user.email], context=context, language=language, headers=headers)


def digests_send(*, frequency, now=None, chunk=500):
    """Send each user who chose ``frequency`` one digest of what they were not emailed yet; returns how many."""
    now = now or timezone.now()
    since = now - services.DIGEST_WINDOW[frequency]
    waiting = Notification.objects.not_emailed().filter(created_at__gte=since)
    users = get_user_model().objects.filter(
        Exists(waiting.filter(user=OuterRef("pk"))), is_active=True, notification_preference__email=frequency
    )
    sent = 0
    for batch in _batches(users, chunk):
        by_user = {}
        for notification in waiting.filter(user_id__in=batch).select_related("user").for_display().order_by("-pk"):
            by_user.setdefault(notification.user_id, []).append(notification)
        for notifications in by_user.values():
            with transaction.atomic():
                if _claim(notifications):
                    send_notifications(notifications[0].user, notifications, template="follows/emails/digest")
                    sent += 1
    return sent
