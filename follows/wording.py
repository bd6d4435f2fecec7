"""What each event says, in the reader's language (activate it before calling)."""

from django.utils import dateparse
from django.utils.formats import date_format
from django.utils.translation import pgettext_lazy

from hub.i18n import TranslatedText, as_written

from . import registry
from .models import Event

K = Event.Kind

MESSAGES = {
    K.ACTION_STATUS: pgettext_lazy("notification", "The action’s status is now “%(status)s”."),
    K.ACTION_PROGRESS: pgettext_lazy("notification", "The action is now %(progress)s%% done."),
    K.ROADMAP_DRAFTING: pgettext_lazy("notification", "The road map is being drafted: NGOs may propose actions."),
    K.ROADMAP_PUBLISHED: pgettext_lazy("notification", "The road map has been published."),
    K.ROADMAP_STATUS: pgettext_lazy("notification", "The road map’s status is now “%(status)s”."),
    K.MEETING_ANNOUNCED: pgettext_lazy("notification", "A meeting is announced for %(starts_at)s."),
    K.MEETING_MOVED: pgettext_lazy("notification", "The meeting has been moved to %(starts_at)s."),
    K.MEETING_CANCELLED: pgettext_lazy("notification", "The meeting has been cancelled."),
    K.MEETING_OUTCOME: pgettext_lazy("notification", "The outcome of the meeting has been published."),
    K.MINUTES_APPROVED: pgettext_lazy("notification", "The approved minutes of the meeting have been published."),
    K.ASSIGNMENT_UPDATED: pgettext_lazy("notification", "An assignment from the meeting was updated: “%(status)s”."),
    K.ASSIGNMENT_OVERDUE: pgettext_lazy("notification", "An assignment from the meeting is overdue (due %(due)s)."),
    K.INITIATIVE_STATUS: pgettext_lazy("notification", "The initiative’s status is now “%(status)s”."),
    K.INITIATIVE_ANSWERED: pgettext_lazy("notification", "The akimat has answered the initiative."),
    K.QUESTION_ACCEPTED: pgettext_lazy("notification", "Your question for the agenda was accepted."),
    K.QUESTION_DECLINED: pgettext_lazy("notification", "Your question for the agenda was declined."),
    K.QUESTION_ANSWERED: pgettext_lazy("notification", "Your question for the agenda has been answered."),
    K.NGO_JOINED_ROADMAP: pgettext_lazy("notification", "The organisation has joined a road-map action."),
    K.NGO_INITIATIVE: pgettext_lazy("notification", "The organisation has proposed an initiative."),
    K.NGO_NEWS: pgettext_lazy("notification", "The organisation has published news."),
    K.NGO_VERIFIED: pgettext_lazy("notification", "A new organisation has joined the registry."),
    K.REPORT_STATUS: pgettext_lazy("notification", "There is news on your report: its status is now “%(status)s”."),
}


def _status_label(target, value):
    try:
        field = target._meta.get_field("status")
    except Exception:  # noqa: BLE001 - a target without a status shows the code
        return value
    return str(dict(field.flatchoices).get(value, value))


def event_text(event, target):
    """The sentence an event shows, its values rendered in the active language."""
    payload = dict(event.payload)
    if "status" in payload and target is not None:
        payload["status"] = _status_label(target, payload["status"])
    if payload.get("starts_at"):
        payload["starts_at"] = date_format(dateparse.parse_datetime(payload["starts_at"]), "DATETIME_FORMAT")
    if payload.get("due"):
        payload["due"] = date_format(dateparse.parse_date(payload["due"]), "DATE_FORMAT")
    return str(MESSAGES[event.kind]) % payload


def _named(thing):
    """How a followed thing names itself (an action with its code, "1.1 Plant trees"), with the language
    its title is written in."""
    if thing is None:
        return as_written("")
    written = as_written(thing)
    return TranslatedText(str(thing), written.language, written.reader_language)


def item(notification):
    """What one notification shows: its sentence, and the title and address of what it is about."""
    target = notification.event.target
    entry = registry.of(target) if target is not None else None
    return {
        "notification": notification,
        "text": event_text(notification.event, target),
        "title": _named(target),
        "url": entry.url_of(target) if entry else "",
        "created_at": notification.event.created_at,
    }


def grouped(notifications):
    """Notifications grouped by the followed thing they came through, in their order (newest first)."""
    groups = {}
    for notification in notifications:
        key = (notification.via_type_id, notification.via_id)
        if key not in groups:
            via = notification.via
            entry = registry.of(via) if via is not None else None
            groups[key] = {
                "thing": _named(via),
                "label": entry.label if entry else "",
                "url": entry.url_of(via) if entry else "",
                "items": [],
            }
        groups[key]["items"].append(item(notification))
    return list(groups.values())
