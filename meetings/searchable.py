"""What of the meetings is searchable: published meetings with their outcomes.

One document per meeting: its title, topic and venue, the agenda, and, once held, the
summary, decisions, answers to the agenda's questions and assignments, so that an outcome is found by what was decided.
"""

from django.db.models import Prefetch

from ngos.searchable import fields_of_activity
from search import labels
from search.documents import LANGUAGE_CODES, Document, join, urls_of
from search.registry import Searchable, register

from .models import AgendaItem, Assignment, Decision, Meeting, Question


def _meeting_key(child):
    return [str(child.meeting_id)] if child.meeting_id else []


def _text(instance, name, language):
    return getattr(instance, f"{name}_{language}", "") or ""


@register
class MeetingSearch(Searchable):
    type = "meeting"
    label = labels.MEETING
    model = Meeting
    watches = {Assignment: _meeting_key, Decision: _meeting_key, AgendaItem: _meeting_key, Question: _meeting_key}

    def public_objects(self):
        answered = Prefetch("questions", queryset=Question.objects.filter(status=Question.Status.ON_AGENDA))
        return Meeting.objects.published().prefetch_related(
            "fields_of_activity", "agenda_items", "decisions", "assignments", answered
        )

    def to_document(self, meeting):
        titles = {language: _text(meeting, "title", language) for language in LANGUAGE_CODES}
        titles = {language: title for language, title in titles.items() if title}
        return Document(
            type=self.type,
            key=str(meeting.pk),
            title=titles,
            body={language: self._body(meeting, language) for language in LANGUAGE_CODES},
            url=urls_of(meeting),
            fields=[field.slug for field in meeting.fields_of_activity.all()],
            date=meeting.starts_at,
        )

    @staticmethod
    def _body(meeting, language):
        return join(
            _text(meeting, "summary", language),
            _text(meeting, "topic", language),
            *(_text(decision, "text", language) for decision in meeting.decisions.all()),
            *(_text(assignment, "title", language) for assignment in meeting.assignments.all()),
            *(_text(item, "title", language) for item in meeting.agenda_items.all()),
            *(_text(question, "answer", language) for question in meeting.questions.all()),
            _text(meeting, "venue", language),
        )

    field_labels = staticmethod(fields_of_activity)
