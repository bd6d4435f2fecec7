"""Registration, waiting list, questions and supports, through the services."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.utils import timezone

from meetings import services
from meetings.models import Meeting, Question, Registration
from ngos.models import OrganisationActivity
from tests.conftest import make_user

from .conftest import make_meeting, make_organisation


def register(meeting, user, organisation=None):
    return services.meeting_register(meeting=meeting, user=user, organisation=organisation)


def test_register_confirms_and_emails_ics_and_qr(meeting, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(meeting, member)
    assert registration.status == Registration.Status.CONFIRMED
    assert len(registration.code) == 8
    message = mail.outbox[0]
    assert message.to == [member.email]
    names = [name for name, _content, _mime in message.attachments]
    assert f"{meeting.slug}.ics" in names and f"{registration.code}.png" in names
    ics = {n: c for n, c, _m in message.attachments}[f"{meeting.slug}.ics"]
    ics = ics.decode() if isinstance(ics, bytes) else ics
    assert "BEGIN:VTIMEZONE" in ics and "TZID:Asia/Almaty" in ics
    assert registration.code in message.body


def test_registering_twice_is_refused(meeting, member):
    register(meeting, member)
    with pytest.raises(ValidationError, match="already registered"):
        register(meeting, member)


def test_registering_after_closing_is_refused(member):
    meeting = make_meeting(registration_closes_at=timezone.now() - datetime.timedelta(hours=1))
    with pytest.raises(ValidationError, match="closed"):
        register(meeting, member)


def test_registering_before_opening_is_refused(member):
    meeting = make_meeting(registration_opens_at=timezone.now() + datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="not opened"):
        register(meeting, member)


def test_unpublished_meeting_refuses_registration(member):
    with pytest.raises(ValidationError):
        register(make_meeting(live=False), member)


def test_ngo_only_meeting_needs_an_organisation(member, organisation):
    meeting = make_meeting(audience=Meeting.Audience.NGO)
    with pytest.raises(ValidationError, match="NGO representatives"):
        register(meeting, member)
    assert register(meeting, member, organisation).organisation == organisation


def test_cannot_register_on_behalf_of_someone_elses_organisation(meeting, member, other_leader):
    foreign = make_organisation(other_leader, role="leader")
    with pytest.raises(ValidationError, match="belong to"):
        register(meeting, member, foreign)


def test_cannot_register_on_behalf_of_unverified_organisation(meeting, member):
    draft = make_organisation(member, status="draft")
    with pytest.raises(ValidationError):
        register(meeting, member, draft)


def test_full_meeting_puts_people_on_waiting_list(member, other_leader, django_capture_on_commit_callbacks):
    meeting = make_meeting(capacity=1)
    register(meeting, member)
    with django_capture_on_commit_callbacks(execute=True):
        waiting = register(meeting, other_leader)
    assert waiting.status == Registration.Status.WAITING
    assert "күту тізіміндесіз" in mail.outbox[-1].subject  # the member reads email in Kazakh


def test_cancellation_promotes_first_waiting_and_emails_them(member, other_leader, django_capture_on_commit_callbacks):
    meeting = make_meeting(capacity=1)
    first = register(meeting, member)
    second = register(meeting, other_leader)
    third_user = make_user("third@example.kz")
    third = register(meeting, third_user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _cancelled, promoted = services.registration_cancel(registration=first, user=member)
    assert promoted == [second]
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == "confirmed" and third.status == "waiting"
    assert [m.to for m in mail.outbox] == [[other_leader.email]]


def test_cannot_cancel_someone_elses_registration(meeting, member, other_leader):
    registration = register(meeting, member)
    with pytest.raises(PermissionDenied):
        services.registration_cancel(registration=registration, user=other_leader)


def test_capacity_below_registered_is_refused(member, other_leader):
    meeting = make_meeting(capacity=3)
    register(meeting, member)
    register(meeting, other_leader)
    with pytest.raises(ValidationError, match="2 people"):
        services.meeting_set_capacity(meeting=meeting, capacity=1)
    meeting.capacity = 1
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "capacity" in error.value.message_dict


def test_larger_capacity_promotes_waiting(member, other_leader):
    meeting = make_meeting(capacity=1)
    register(meeting, member)
    waiting = register(meeting, other_leader)
    assert services.meeting_set_capacity(meeting=meeting, capacity=2) == [waiting]


def test_meeting_clean_refuses_end_before_start_and_online_without_link(meeting):
    meeting.ends_at = meeting.starts_at - datetime.timedelta(hours=1)
    meeting.kind = Meeting.Kind.ONLINE
    meeting.online_link = ""
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert set(error.value.message_dict) >= {"ends_at", "online_link"}


def test_attendance_by_code_records_organisation_activity(member, organisation, editor):
    meeting = make_meeting()
    registration = register(meeting, member, organisation)
    marked, changed = services.registration_mark_attended(meeting=meeting, code=registration.code.lower(), by=editor)
    assert changed and marked.attended_at
    assert OrganisationActivity.objects.filter(organisation=organisation, kind="meeting").exists()
    _again, changed = services.registration_mark_attended(meeting=meeting, code=registration.code, by=editor)
    assert not changed


def test_attendance_refused_for_member_and_unknown_code(meeting, member, editor):
    registration = register(meeting, member)
    with pytest.raises(PermissionDenied):
        services.registration_mark_attended(meeting=meeting, code=registration.code, by=member)
    with pytest.raises(ValidationError):
        services.registration_mark_attended(meeting=meeting, code="NOPE2345", by=editor)


def test_reminders_go_once_even_when_the_command_runs_twice(member, django_capture_on_commit_callbacks):
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    meeting = make_meeting(starts_at=tomorrow.replace(hour=10, minute=0))
    register(meeting, member)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders() == 0
    assert len(mail.outbox) == 1 and "ертең" in mail.outbox[0].subject


def test_question_needs_ngo_membership_and_open_meeting(meeting, member, other_leader, organisation):
    with pytest.raises(ValidationError, match="verified NGO"):
        services.question_ask(meeting=meeting, author=other_leader, text="Почему?")
    question = services.question_ask(meeting=meeting, author=member, text="Когда ТЭЦ-2 перейдёт на газ?")
    assert question.status == Question.Status.PENDING and question.organisation == organisation
    past = make_meeting(starts_at=timezone.now() - datetime.timedelta(days=2))
    with pytest.raises(ValidationError, match="over"):
        services.question_ask(meeting=past, author=member, text="Поздно?")


def test_support_once_per_person_and_not_own(meeting, member, organisation, other_leader, editor):
    make_organisation(other_leader, role="leader")
    question = services.question_ask(meeting=meeting, author=member, text="Бюджет города?")
    with pytest.raises(ValidationError, match="published"):
        services.question_support(question=question, user=other_leader)
    services.question_moderate(question=question, status="approved", by=editor)
    question.refresh_from_db()
    with pytest.raises(ValidationError, match="own"):
        services.question_support(question=question, user=member)
    services.question_support(question=question, user=other_leader)
    with pytest.raises(ValidationError, match="already"):
        services.question_support(question=question, user=other_leader)


def test_only_editors_moderate_questions(meeting, member, organisation, moderator):
    question = services.question_ask(meeting=meeting, author=member, text="?")
    with pytest.raises(PermissionDenied):
        services.question_moderate(question=question, status="approved", by=member)
    with pytest.raises(PermissionDenied):
        services.question_moderate(question=question, status="approved", by=moderator)


def _register_in_thread(meeting_pk, user_pk, results, barrier):
    from hub.models import User

    try:
        barrier.wait(timeout=10)
        results.append(
            services.meeting_register(meeting=Meeting.objects.get(pk=meeting_pk), user=User.objects.get(pk=user_pk))
        )
    except Exception as error:  # noqa: BLE001 - the test inspects what each thread got
        results.append(error)
    finally:
        connections.close_all()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_taking_the_last_seat_at_once_never_both_get_it():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    meeting = make_meeting(capacity=1)
    users = [make_user(f"racer{i}@example.kz") for i in range(6)]
    results, barrier = [], threading.Barrier(len(users))
    threads = [
        threading.Thread(target=_register_in_thread, args=(meeting.pk, user.pk, results, barrier)) for user in users
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not [r for r in results if isinstance(r, Exception)]
    assert Registration.objects.filter(meeting=meeting, status="confirmed").count() == 1
    assert Registration.objects.filter(meeting=meeting, status="waiting").count() == 5


def test_publishing_a_larger_room_in_code_promotes_the_waiting_list(member, other_leader, editor):
    meeting = make_meeting(capacity=1)
    register(meeting, member)
    waiting = register(meeting, other_leader)
    assert waiting.status == Registration.Status.WAITING
    meeting.capacity = 2
    meeting.save_revision(user=editor).publish(user=editor)  # as a scheduled publication does
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
