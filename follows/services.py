"""Following, recording events, and telling followers. Domain apps call these from their services.

An event is recorded in the transaction of the change that caused it, and queues one fan-out
task in that same transaction (the database task backend): a worker sees it exactly when the
change commits, never if it rolls back. The fan-out creates the notifications in batches and
queues the immediate emails; nothing of it runs in the request.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import registry
from .models import Event, Follow, Notification, Preference

PREFERENCES_SALT = "follows.email-preferences"


def may_hear(user, obj):
    """May this user follow ``obj`` and hear about it (active, and in its audience)?"""
    if not (user.is_authenticated and user.is_active):
        return False
    audience = registry.audience_filter(obj)
    if audience is None:
        return False
    if not audience:  # everyone: no query
        return True
    return get_user_model().objects.filter(audience, pk=user.pk).exists()


def is_following(user, obj):
    return user.is_authenticated and Follow.objects.of(obj).filter(user=user).exists()


def follow(*, user, obj):
    """Follow ``obj`` (once; following twice changes nothing)."""
    entry = registry.of(obj)
    if entry is None or not entry.followable or not may_hear(user, obj):
        raise PermissionDenied(_("You cannot follow this."))
    target_type = ContentType.objects.get_for_model(obj)
    follow, _created = Follow.objects.get_or_create(user=user, target_type=target_type, target_id=obj.pk)
    return follow


def follow_automatically(*, user, obj):
    """What a user created, registered for or asked is followed without asking (when they may see it)."""
    if user is not None and user.is_authenticated and user.is_active:
        target_type = ContentType.objects.get_for_model(obj)
        Follow.objects.get_or_create(user=user, target_type=target_type, target_id=obj.pk)


def unfollow(*, user, obj):
    Follow.objects.of(obj).filter(user=user).delete()


def follows_of(user):
    """A user's follows with their targets loaded, newest first."""
    return Follow.objects.filter(user=user).select_related("target_type").prefetch_related("target")


def event_record(*, kind, target, followed, payload=None, already_emailed=()):
    """Record that ``kind`` happened to ``target``; the followers of ``followed`` will hear of it.

    Nothing is recorded while nobody may see ``target`` (a draft, a hidden organisation).
    ``already_emailed``: ids of users the calling app emails about it itself (no second email).
    """
    if registry.audience_filter(target) is None:
        return None
    pairs = []
    for obj in followed:
        if obj is None:
            continue
        pair = [ContentType.objects.get_for_model(obj).pk, obj.pk]
        if pair not in pairs:
            pairs.append(pair)
    event = Event.objects.create(
        kind=kind,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        followed=pairs,
        payload=payload or {},
        already_emailed=list(already_emailed),
    )
    from .delivery import fan_out

    fan_out.enqueue(event.pk)
    return event


def events_forget(*, target):
    """Take back what followers were told of ``target`` (deleted, or hidden by a moderator).

    Its notifications leave the inboxes and the digests not sent yet; a fan-out still queued finds nothing.
    """
    target_type = ContentType.objects.get_for_model(target)
    Event.objects.filter(target_type=target_type, target_id=target.pk).delete()


def last_event(target, *kinds):
    target_type = ContentType.objects.get_for_model(target)
    return Event.objects.filter(target_type=target_type, target_id=target.pk, kind__in=kinds).first()


# --- Inbox -------------------------------------------------------------------------------


def notifications_mark_read(*, user, ids=None):
    """Mark the user's notifications read: these ``ids`` or, without them, all."""
    unread = Notification.objects.filter(user=user).unread()
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())


def unread_count(user):
    return Notification.objects.filter(user=user).unread().count()


# --- Email preferences -------------------------------------------------------------------


def email_frequency(user):
    preference = Preference.objects.filter(user=user).first()
    return preference.email if preference else Preference.Email.IMMEDIATELY


@transaction.atomic
def preference_set(*, user, email):
    """Choose how often email about followed things comes (at once, daily, weekly, never)."""
    preference, _created = Preference.objects.update_or_create(user=user, defaults={"email": email})
    if email == Preference.Email.NEVER:
        # What was waiting for a digest will not be sent: it stays in the inbox.
        Notification.objects.filter(user=user).not_emailed().update(emailed_at=timezone.now())
    return preference


def preferences_token(user):
    """The signed token in every email's links: preferences and one-click unsubscribe without signing in."""
    return signing.dumps({"u": user.pk, "e": user.email}, salt=PREFERENCES_SALT, compress=True)


def user_from_token(token):
    """The user a token was made for, or ``None`` (bad token, or the address changed since)."""
    try:
        data = signing.loads(token, salt=PREFERENCES_SALT)
    except signing.BadSignature:
        return None
    user = get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()
    return user if user is not None and user.email == data.get("e") else None


# A digest carries what was not emailed yet, up to this old (a little more than its period).
DIGEST_WINDOW = {
    Preference.Email.DAILY: datetime.timedelta(days=2),
    Preference.Email.WEEKLY: datetime.timedelta(days=8),
}
