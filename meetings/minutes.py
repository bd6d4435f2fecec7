"""The minutes PDF: header, participants, agenda, questions and answers, decisions, assignments, signatures."""

from django.utils import translation

from hub.pdf import render_pdf

from .models import Official, Question


def minutes_context(version):
    meeting = version.meeting
    attended = list(meeting.registrations.attended().select_related("organisation"))
    organisations = sorted({r.organisation.name for r in attended if r.organisation_id})
    return {
        "version": version,
        "meeting": meeting,
        "hosts": list(Official.objects.select_related("department").filter(meetings_hosted=meeting).order_by("pk")),
        "organisations": organisations,
        "attended_count": len(attended),
        "agenda_items": list(meeting.agenda_items.all()),
        "questions": list(
            meeting.questions.filter(status=Question.Status.ON_AGENDA).select_related("organisation").order_by("pk")
        ),
        "decisions": list(meeting.decisions.all()),
        "assignments": list(meeting.assignments.select_related("department", "official").order_by("due_date", "pk")),
    }


def render_minutes(version, language):
    with translation.override(language):
        context = minutes_context(version)
        return render_pdf("meetings/pdf/minutes.html", context, language=language)
