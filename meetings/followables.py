"""What of the meetings may be followed: a published meeting; questions and assignments are told about."""

from django.db.models import Q
from django.utils.translation import pgettext_lazy

from follows import registry
from follows.services import last_event


def _question_audience(question):
    if not question.meeting.live:
        return False
    return Q(pk=question.author_id)


def _meeting_audience(meeting):
    """Published meetings; an announced one taken off the site still tells its followers it is cancelled."""
    from follows.models import Event

    return meeting.live or last_event(meeting, Event.Kind.MEETING_ANNOUNCED, Event.Kind.MEETING_MOVED) is not None


def register():
    from .models import Assignment, Meeting, Question

    label = pgettext_lazy("followed thing", "Meeting")
    registry.register("meeting", Meeting, label=label, audience=_meeting_audience)
    label = pgettext_lazy("followed thing", "Assignment")
    registry.register(
        "assignment",
        Assignment,
        label=label,
        audience=lambda assignment: assignment.meeting.live,
        url=lambda assignment: assignment.meeting.get_absolute_url(),
        followable=False,
    )
    label = pgettext_lazy("followed thing", "My question for the agenda")
    registry.register(
        "question",
        Question,
        label=label,
        audience=_question_audience,
        url=lambda question: question.meeting.get_absolute_url(),
        followable=False,
    )
