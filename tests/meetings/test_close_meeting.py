"""Editors close a meeting on one screen: summary, decisions, attendance, assignments, minutes; all or nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Assignment, MinutesVersion, Registration
from roadmaps.models import Action, Section
from tests.conftest import make_user
from tests.roadmaps.conftest import make_roadmap

from .conftest import make_meeting, make_organisation


@pytest.fixture
def past_meeting(db):
    return make_meeting(starts_at=timezone.now() - datetime.timedelta(days=1))


@pytest.fixture
def attendees(past_meeting, member):
    other = make_user("second.attendee@example.kz")
    make_organisation(other)
    # Registration closes before the meeting: register as if it were last week.
    return [
        Registration.objects.create(meeting=past_meeting, user=user, status=Registration.Status.CONFIRMED, code=code)
        for user, code in ((member, "AB12CD"), (other, "EF34GH"))
    ]


@pytest.fixture
def action(department):
    roadmap = make_roadmap(department=department)
    section = Section.objects.create(roadmap=roadmap, number=1, title_kk="Экология", title_ru="Экология")
    return Action.objects.create(
        section=section, number=1, title_kk="Ағаш", title_ru="Деревья", start_date=datetime.date(2025, 1, 1),
        due_date=datetime.date(2026, 12, 31),
    )  # fmt: skip


def form_data(attendees, department, action=None, **extra):
    due = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    data = {
        "summary_kk": "Әкім ауа сапасы бойынша жол картасын тапсырды.",
        "summary_ru": "Аким поручил дорожную карту по качеству воздуха.",
        "summary_en": "",
        "attended": [str(attendees[0].pk)],
        "approve_minutes": "on",
        "note": "",
        "decisions-TOTAL_FORMS": "2", "decisions-INITIAL_FORMS": "0",
        "decisions-0-text_kk": "Диалог алаңын құру.", "decisions-0-text_ru": "Создать диалоговую площадку.",
        "decisions-1-text_kk": "", "decisions-1-text_ru": "",
        "assignments-TOTAL_FORMS": "2", "assignments-INITIAL_FORMS": "0",
        "assignments-0-title_kk": "ЖЭО-2 жоспарын жариялау", "assignments-0-title_ru": "Опубликовать план ТЭЦ-2",
        "assignments-0-department": str(department.pk), "assignments-0-due_date": due,
        "assignments-0-roadmap_action": str(action.pk) if action else "",
        "assignments-1-title_kk": "", "assignments-1-title_ru": "", "assignments-1-department": "",
        "assignments-1-due_date": "", "assignments-1-roadmap_action": "",
    }  # fmt: skip
    return {**data, **extra}


def close_url(meeting):
    return reverse("meetings_desk:close", args=[meeting.pk])


def test_editor_closes_the_meeting_in_one_submission(
    client_for, editor, past_meeting, attendees, department, action, django_capture_on_commit_callbacks
):
    client = client_for(editor)
    assert client.get(close_url(past_meeting)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(close_url(past_meeting), form_data(attendees, department, action))
    assert response.status_code == 302
    past_meeting.refresh_from_db()
    assert past_meeting.summary_ru.startswith("Аким поручил")
    assert [d.text_ru for d in past_meeting.decisions.all()] == ["Создать диалоговую площадку."]
    attended = {r.pk for r in Registration.objects.filter(meeting=past_meeting, attended_at__isnull=False)}
    assert attended == {attendees[0].pk}
    assignment = Assignment.objects.get(meeting=past_meeting)
    assert assignment.department == department and assignment.roadmap_action == action
    version = past_meeting.minutes.get()
    assert version.status == MinutesVersion.Status.APPROVED and version.approved_by == editor
    assert version.files.count() == 2  # the PDFs in kk and ru
    assert past_meeting.revisions.exists()


def test_invalid_assignment_saves_nothing(client_for, editor, past_meeting, attendees, department):
    data = form_data(attendees, department, **{"assignments-0-department": "", "assignments-0-due_date": ""})
    response = client_for(editor).post(close_url(past_meeting), data)
    assert response.status_code == 200
    past_meeting.refresh_from_db()
    assert not past_meeting.summary_ru and not past_meeting.decisions.exists()
    assert not Registration.objects.filter(attended_at__isnull=False).exists()
    assert not MinutesVersion.objects.exists()


def test_failure_at_the_last_step_rolls_back_every_earlier_one(
    editor, past_meeting, attendees, department, monkeypatch
):
    def refuse(**kwargs):
        raise ValidationError("The minutes could not be approved.")

    monkeypatch.setattr(services, "minutes_approve", refuse)
    due = timezone.localdate() + datetime.timedelta(days=10)
    with pytest.raises(ValidationError):
        services.meeting_close(
            meeting=past_meeting, by=editor, summary={"kk": "Қорытынды", "ru": "Итог", "en": ""},
            decisions=[{"text_kk": "Шешім", "text_ru": "Решение", "text_en": ""}], attended=[attendees[0].pk],
            assignments=[{"title_kk": "Іс", "title_ru": "Дело", "department": department, "due_date": due}],
            approve_minutes=True,
        )  # fmt: skip
    past_meeting.refresh_from_db()
    assert past_meeting.summary_ru == "" and not past_meeting.decisions.exists()
    assert not Assignment.objects.exists() and not MinutesVersion.objects.exists()
    assert not Registration.objects.filter(attended_at__isnull=False).exists()
    assert not past_meeting.revisions.exists()


def test_a_meeting_not_yet_held_cannot_be_closed(client_for, editor, meeting, member, department):
    attendees = [Registration.objects.create(meeting=meeting, user=member, status="confirmed", code="ZZ99ZZ")]
    response = client_for(editor).post(close_url(meeting), form_data(attendees, department))
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.summary_ru == "" and not Assignment.objects.exists()


@pytest.mark.parametrize("persona", ["member", "moderator", "officer"])
def test_only_editors_close_meetings(request, client_for, persona, past_meeting, attendees, department):
    client = client_for(request.getfixturevalue(persona))
    response = client.post(close_url(past_meeting), form_data(attendees, department))
    assert response.status_code in (302, 403) and not response.get("Location", "").endswith(
        reverse("meetings_desk:desk", args=[past_meeting.pk])
    )
    past_meeting.refresh_from_db()
    assert past_meeting.summary_ru == "" and not Assignment.objects.exists()
