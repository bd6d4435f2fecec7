"""Public pages: list, detail, registration, questions, calendar files, door check, per role."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings import services
from meetings.models import Assignment, Meeting, Registration
from ngos.models import FieldOfActivity

from .conftest import make_meeting, make_organisation


def url(name, meeting=None, **kwargs):
    if meeting is not None:
        kwargs["slug"] = meeting.slug
    return reverse(f"meetings:{name}", kwargs=kwargs or None)


def test_list_shows_upcoming_and_past_with_summary(visitor, db):
    upcoming = make_meeting(title_en="Air quality platform")
    past = make_meeting(
        starts_at=timezone.now() - datetime.timedelta(days=30),
        title_en="July meeting",
        summary_en="The plant goes to gas.",
    )
    draft = make_meeting(live=False, title_en="Secret draft")
    response = visitor.get("/en/meetings/")
    assert response.status_code == 200
    text = response.content.decode()
    assert upcoming.title_en in text and past.title_en in text and "The plant goes to gas." in text
    assert draft.title_en not in text


def test_detail_404_for_draft_meeting(visitor, db):
    meeting = make_meeting(live=False)
    assert visitor.get(url("detail", meeting)).status_code == 404


def test_detail_shows_agenda_hosts_and_registration_prompt(visitor, meeting, official):
    meeting.hosts.add(official)
    meeting.agenda_items.create(
        time=datetime.time(10, 0),
        title_kk="Ауа сапасы",
        title_ru="Качество воздуха",
        title_en="Air quality",
        speaker="Head of ecology",
    )
    meeting.save()
    response = visitor.get("/ru" + url("detail", meeting)[3:])
    text = response.content.decode()
    assert "Качество воздуха" in text and "Аким города Алматы" in text
    assert "account/login" in text or "accounts/login" in text


def test_member_registers_through_the_page_and_sees_code(
    client_for, member, meeting, django_capture_on_commit_callbacks
):
    client = client_for(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("register", meeting), {"organisation": ""})
    assert response.status_code == 302
    registration = Registration.objects.get(meeting=meeting, user=member)
    page = client.get(url("detail", meeting)).content.decode()
    assert registration.code in page and "data:image/png;base64," in page
    assert len(mail.outbox) == 1


def test_anonymous_cannot_register(visitor, meeting):
    response = visitor.post(url("register", meeting))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Registration.objects.exists()


def test_cancel_through_the_page(client_for, member, meeting):
    services.meeting_register(meeting=meeting, user=member)
    client_for(member).post(url("cancel", meeting))
    assert Registration.objects.get().status == "cancelled"


def test_member_asks_and_other_supports_question(client_for, member, organisation, other_leader, editor, meeting):
    make_organisation(other_leader, role="leader")
    client = client_for(member)
    client.post(url("ask", meeting), {"organisation": organisation.pk, "text": "Когда ТЭЦ-2 перейдёт на газ?"})
    question = meeting.questions.get()
    assert (
        "ТЭЦ-2" not in client.get(url("detail", meeting)).content.decode().split("questions-title")[1].split("<form")[0]
    )
    services.question_moderate(question=question, status="approved", by=editor)
    client = client_for(other_leader)
    client.post(url("support", meeting, question_id=question.pk))
    response = client.post(url("support", meeting, question_id=question.pk), follow=True)
    assert question.supports.count() == 1
    page = response.content.decode()
    assert any(
        text in page
        for text in ["already supported", "Сіз бұл сұрақты қолдап қойғансыз.", "Вы уже поддержали этот вопрос."]
    )


def test_meeting_ics_is_valid_with_almaty_timezone(visitor, meeting):
    response = visitor.get(url("ics", meeting))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Almaty"
    event = calendar.walk("VEVENT")[0]
    assert event["DTSTART"].dt == meeting.starts_at.replace(microsecond=0)
    assert str(event["DTSTART"].params["TZID"]) == "Asia/Almaty"
    assert b"\r\n" in response.content


def test_calendar_feed_filters_by_field_and_kind(visitor, db):
    ecology = FieldOfActivity.objects.first()
    green = make_meeting(title_en="Green", kind=Meeting.Kind.THEMATIC)
    green.fields_of_activity.add(ecology)
    green.save()
    make_meeting(title_en="Other", kind=Meeting.Kind.DIALOGUE_PLATFORM)
    make_meeting(title_en="Old", starts_at=timezone.now() - datetime.timedelta(days=9))
    everything = Calendar.from_ical(visitor.get("/en/meetings/calendar.ics").content)
    assert sorted(e["SUMMARY"] for e in everything.walk("VEVENT")) == ["Green", "Other"]
    by_field = Calendar.from_ical(visitor.get(f"/en/meetings/calendar.ics?field={ecology.slug}").content)
    assert [e["SUMMARY"] for e in by_field.walk("VEVENT")] == ["Green"]
    by_kind = Calendar.from_ical(visitor.get("/en/meetings/calendar.ics?kind=dialogue_platform").content)
    assert [e["SUMMARY"] for e in by_kind.walk("VEVENT")] == ["Other"]


@pytest.mark.parametrize("persona", ["member", "moderator", "officer", "other_leader"])
def test_door_check_is_for_editors_only(client_for, request, meeting, persona):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(url("attendance", meeting)).status_code == 403


def test_door_check_anonymous_goes_to_login(visitor, meeting):
    assert visitor.get(url("attendance", meeting)).status_code == 302


def test_editor_marks_attendance_from_scanned_code(client_for, editor, member, meeting):
    registration = services.meeting_register(meeting=meeting, user=member)
    client = client_for(editor)
    page = client.get(url("attendance", meeting) + f"?code={registration.code}")
    assert str(member) in page.content.decode()
    client.post(url("attendance", meeting), {"code": registration.code.lower()})
    registration.refresh_from_db()
    assert registration.attended_at is not None


def test_door_check_unknown_code_shows_error(client_for, editor, meeting):
    response = client_for(editor).post("/ru" + url("attendance", meeting)[3:], {"code": "ZZZZ2222"})
    assert response.status_code == 200 and "ZZZZ2222" in response.content.decode()


def test_tracker_filters_by_department_and_status(visitor, meeting, department):
    today = timezone.localdate()
    late = Assignment.objects.create(
        meeting=meeting,
        title_en="Late work",
        title_kk="к",
        title_ru="р",
        department=department,
        due_date=today - datetime.timedelta(days=1),
    )
    Assignment.objects.create(
        meeting=meeting,
        title_en="Done work",
        title_kk="к",
        title_ru="р",
        department=department,
        due_date=today - datetime.timedelta(days=1),
        status="done",
    )
    response = visitor.get("/en/meetings/assignments/?status=overdue")
    text = response.content.decode()
    assert "Late work" in text and "Done work" not in text
    response = visitor.get(f"/en/meetings/assignments/?department={department.slug}&meeting={meeting.slug}")
    assert "Done work" in response.content.decode()
    assert late.display_status() == "overdue"


def test_assignments_of_draft_meetings_are_hidden(visitor, department):
    draft = make_meeting(live=False)
    hidden = Assignment.objects.create(
        meeting=draft,
        title_en="Hidden",
        title_kk="к",
        title_ru="р",
        department=department,
        due_date=timezone.localdate(),
    )
    assert "Hidden" not in visitor.get("/en/meetings/assignments/").content.decode()
    assert visitor.get(url("assignment", pk=hidden.pk)).status_code == 404


def test_ngo_only_meeting_tells_a_user_without_organisation_how_to_register(client_for, other_leader):
    meeting = make_meeting(audience=Meeting.Audience.NGO)
    page = client_for(other_leader).get(f"/en/meetings/{meeting.slug}/").content.decode()
    assert "representatives of verified NGOs" in page and f'action="/en/meetings/{meeting.slug}/register/"' not in page


def test_outsider_cannot_cancel_someone_elses_registration_through_the_page(client_for, member, other_leader, meeting):
    registration = services.meeting_register(meeting=meeting, user=member)
    assert client_for(other_leader).post(url("cancel", meeting)).status_code == 404
    registration.refresh_from_db()
    assert registration.status == "confirmed"


@pytest.mark.parametrize("persona", ["member", "moderator", "officer", "other_leader"])
def test_only_responsible_staff_post_assignment_progress(client_for, request, meeting, department, persona):
    assignment = Assignment.objects.create(
        meeting=meeting, title_kk="к", title_ru="р", department=department, due_date=timezone.localdate()
    )
    user = request.getfixturevalue(persona)
    response = client_for(user).post(f"/en/meetings/assignments/{assignment.pk}/", {"status": "done", "comment": "x"})
    assert response.status_code == 403
    assert not assignment.updates.exists()
