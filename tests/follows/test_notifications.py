"""Who hears of what, in which language, by which email; the inbox; digests; retries."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from follows.delivery import digests_send, fan_out
from follows.models import Event, Notification, Preference
from follows.services import follow
from meetings import services as meeting_services
from roadmaps import services as roadmap_services

from .conftest import follower

pytestmark = pytest.mark.django_db


def _update(action, editor, **changes):
    return roadmap_services.update_post(action=action, user=editor, note="Planted 600 trees.", **changes)


def _mails_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


# --- who hears of an action's update --------------------------------------------------------


def test_action_update_reaches_followers_of_the_action_and_of_its_roadmap_once_each(editor, action, roadmap):
    of_action = follower("a@example.kz")
    of_roadmap = follower("r@example.kz")
    of_both = follower("both@example.kz")
    stranger = follower("s@example.kz")
    follow(user=of_action, obj=action)
    follow(user=of_roadmap, obj=roadmap)
    follow(user=of_both, obj=action)
    follow(user=of_both, obj=roadmap)
    mail.outbox.clear()
    _update(action, editor, progress=60)
    notified = set(Notification.objects.values_list("user__email", flat=True))
    assert notified == {"a@example.kz", "r@example.kz", "both@example.kz"}
    assert Notification.objects.get(user=of_both).via == action  # the most specific thing first
    assert len(_mails_to(of_both)) == 1 and not _mails_to(stranger)
    assert "60% done" in _mails_to(of_action)[0].body


def test_status_change_says_the_new_status_in_the_readers_language(editor, action):
    reader = follower("ru@example.kz", language="ru")
    follow(user=reader, obj=action)
    _update(action, editor, status="done")
    message = _mails_to(reader)[0]
    assert "Выполнено" in message.body or "Выполнен" in message.body


def test_a_private_draft_never_notifies(editor, action, roadmap):
    reader = follower("a@example.kz")
    follow(user=reader, obj=action)
    roadmap.live = False
    roadmap.save()
    _update(action, editor, progress=70)
    assert not Event.objects.exists() and not Notification.objects.exists()


def test_a_user_who_lost_access_gets_nothing(editor, action, roadmap):
    """The event was recorded while public; the road map was unpublished before the fan-out ran."""
    reader = follower("a@example.kz")
    follow(user=reader, obj=action)
    event = Event.objects.create(
        kind=Event.Kind.ACTION_PROGRESS, target=action, followed=[[_ct(action), action.pk]], payload={"progress": 1}
    )
    roadmap.live = False
    roadmap.save()
    fan_out.call(event.pk)
    assert not Notification.objects.exists()


def test_a_deactivated_user_gets_nothing(editor, action):
    reader = follower("a@example.kz")
    follow(user=reader, obj=action)
    reader.is_active = False
    reader.save()
    _update(action, editor, progress=70)
    assert not Notification.objects.exists() and not _mails_to(reader)


def test_members_of_an_unverified_organisation_hear_of_it_others_do_not(moderator, member):
    from ngos.models import Organisation
    from tests.roadmaps.conftest import make_organisation

    organisation = make_organisation("Jana", status=Organisation.Status.AWAITING_VERIFICATION, members=[member])
    outsider = follower("o@example.kz")
    from django.contrib.contenttypes.models import ContentType

    from follows.models import Follow

    for user in (member, outsider):  # the outsider followed it while it was verified
        target_type = ContentType.objects.get_for_model(organisation)
        Follow.objects.create(user=user, target_type=target_type, target_id=organisation.pk)
    event = Event.objects.create(
        kind=Event.Kind.NGO_VERIFIED, target=organisation, followed=[[_ct(organisation), organisation.pk]]
    )
    fan_out.call(event.pk)
    assert list(Notification.objects.values_list("user", flat=True)) == [member.pk]


def _ct(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


# --- the other events -------------------------------------------------------------------------


def test_meeting_announced_moved_and_cancelled_reach_its_followers(meeting):
    reader = follower("m@example.kz")
    follow(user=reader, obj=meeting)
    meeting.save_revision().publish()
    meeting.starts_at += datetime.timedelta(days=1)
    meeting.ends_at += datetime.timedelta(days=1)
    meeting.save_revision().publish()
    meeting.save_revision().publish()  # an edit that keeps the time tells nobody
    meeting.unpublish()
    kinds = list(Notification.objects.filter(user=reader).order_by("pk").values_list("event__kind", flat=True))
    assert kinds == ["meeting_announced", "meeting_moved", "meeting_cancelled"]


def test_a_field_of_activity_follower_hears_of_a_new_meeting_in_it(meeting):
    from ngos.models import FieldOfActivity

    field = FieldOfActivity.objects.first()
    meeting.fields_of_activity.add(field)
    reader = follower("f@example.kz")
    follow(user=reader, obj=field)
    meeting.save_revision().publish()
    assert Notification.objects.get(user=reader).event.kind == "meeting_announced"


def test_question_moderation_and_answer_reach_only_its_author(editor, member, meeting):
    from tests.meetings.conftest import make_organisation

    make_organisation(member)
    other = follower("o@example.kz")
    follow(user=other, obj=meeting)
    question = meeting_services.question_ask(meeting=meeting, author=member, text="Қашан?")
    question = meeting_services.question_moderate(question=question, status="on_agenda", by=editor)
    meeting_services.question_answer(question=question, answers={"ru": "Летом."}, language="ru", by=editor)
    kinds = list(Notification.objects.filter(user=member).order_by("pk").values_list("event__kind", flat=True))
    assert kinds == ["question_accepted", "question_answered"]
    assert not Notification.objects.filter(user=other).exists()


def test_declined_question_says_so(editor, member, meeting):
    from tests.meetings.conftest import make_organisation

    make_organisation(member)
    question = meeting_services.question_ask(meeting=meeting, author=member, text="Қашан?")
    meeting_services.question_moderate(question=question, status="rejected", by=editor)
    assert Notification.objects.get(user=member).event.kind == "question_declined"
    assert "сұрағыңыз қабылданбады" in _mails_to(member)[0].body  # the member reads Kazakh


def test_assignment_update_and_overdue_reach_meeting_followers(editor, meeting):
    from hub.models import Department
    from meetings.models import Assignment

    reader = follower("m@example.kz")
    follow(user=reader, obj=meeting)
    assignment = Assignment.objects.create(
        meeting=meeting, title_ru="Проверить воздух", title_en="Check the air",
        department=Department.objects.first(), due_date=timezone.localdate() - datetime.timedelta(days=1),
    )  # fmt: skip
    meeting_services.assignment_post_update(assignment=assignment, by=editor, comment="Started.", status="in_progress")
    assert meeting_services.assignments_tell_overdue() == 1
    assert meeting_services.assignments_tell_overdue() == 0  # once per assignment
    kinds = sorted(Notification.objects.filter(user=reader).values_list("event__kind", flat=True))
    assert kinds == ["assignment_overdue", "assignment_updated"]


def test_initiative_status_reaches_followers_and_members_are_not_emailed_twice(
    member, ngo, admin_user, django_capture_on_commit_callbacks
):
    from hub.models import Department
    from ngos import services as ngo_services
    from tests.ngos.conftest import make_initiative

    initiative = make_initiative(ngo, status="under_review", department=Department.objects.first())
    reader = follower("i@example.kz")
    follow(user=reader, obj=initiative)
    follow(user=member, obj=initiative)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ngo_services.initiative_transition(user=admin_user, initiative=initiative, to_status="accepted", comment="Yes.")
    assert Notification.objects.get(user=reader).event.kind == "initiative_answered"
    assert len(_mails_to(reader)) == 1
    assert len(_mails_to(member)) == 1  # the registry's own email, not a second one
    assert Notification.objects.filter(user=member).exists()  # but it is in the inbox


def test_ngo_joining_a_roadmap_reaches_its_followers(editor, action, ngo):
    reader = follower("n@example.kz")
    follow(user=reader, obj=ngo)
    roadmap_services.action_set_partners(action=action, organisations=[ngo], user=editor)
    assert Notification.objects.get(user=reader).event.kind == "ngo_joined_roadmap"


def test_roadmap_opening_for_proposals_reaches_its_followers(editor, roadmap):
    reader = follower("r@example.kz")
    follow(user=reader, obj=roadmap)
    roadmap.status = "adopted"
    roadmap.save()
    roadmap_services.roadmap_transition(roadmap=roadmap, to_status="drafting", user=editor)
    assert Notification.objects.get(user=reader).event.kind == "roadmap_drafting"


# --- email: language, links, unsubscribe --------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "words"),
    [("kk", "Сіз бақылайтын"), ("ru", "Что-то из того, что вы отслеживаете"), ("en", "Something you follow")],
)
def test_the_email_is_in_the_readers_language_with_its_prefix(editor, action, language, words, settings):
    reader = follower(f"{language}@example.kz", language=language)
    follow(user=reader, obj=action)
    _update(action, editor, progress=55)
    message = _mails_to(reader)[0]
    assert words in message.body
    assert f"{settings.SITE_URL}/{language}/roadmaps/" in message.body
    html = message.alternatives[0][0]
    assert f'href="{settings.SITE_URL}/{language}/roadmaps/' in html


def test_every_email_carries_one_click_unsubscribe_headers(editor, action):
    reader = follower("a@example.kz")
    follow(user=reader, obj=action)
    _update(action, editor, progress=55)
    headers = _mails_to(reader)[0].extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.fullmatch(r"<http.*/accounts/unsubscribe/.+/>", headers["List-Unsubscribe"])


def test_one_click_unsubscribe_works_without_signing_in(client, editor, action):
    reader = follower("a@example.kz")
    follow(user=reader, obj=action)
    _update(action, editor, progress=55)
    url = _mails_to(reader)[0].extra_headers["List-Unsubscribe"].strip("<>")
    client.handler.enforce_csrf_checks = True
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Preference.objects.get(user=reader).email == "never"
    mail.outbox.clear()
    _update(action, editor, progress=65)
    assert not _mails_to(reader)
    assert Notification.objects.filter(user=reader).count() == 2  # the inbox still has it


def test_the_preferences_page_opens_from_the_email_without_signing_in(client, editor, action):
    reader = follower("a@example.kz")
    follow(user=reader, obj=action)
    _update(action, editor, progress=55)
    url = re.search(r"http\S+/accounts/notifications/\S+/", _mails_to(reader)[0].body).group(0)
    path = url.split("127.0.0.1:8000", 1)[-1]
    assert client.get(path).status_code == 200
    assert client.post(path, {"email": "weekly"}).status_code == 302
    assert Preference.objects.get(user=reader).email == "weekly"


def test_a_forged_token_is_404(client):
    assert client.get(reverse("follows:preferences_token", args=["forged"])).status_code == 404
    assert client.post(reverse("follows:unsubscribe", args=["forged"])).status_code == 404


# --- retries ------------------------------------------------------------------------------------


def test_a_retried_fan_out_delivers_nothing_twice(editor, action):
    reader = follower("a@example.kz")
    follow(user=reader, obj=action)
    _update(action, editor, progress=55)
    event = Event.objects.get()
    fan_out.call(event.pk)
    fan_out.call(event.pk)
    assert Notification.objects.count() == 1 and len(_mails_to(reader)) == 1


def test_a_retried_email_task_sends_nothing_twice(editor, action):
    from follows.delivery import email_at_once

    reader = follower("a@example.kz")
    follow(user=reader, obj=action)
    _update(action, editor, progress=55)
    email_at_once.call([Notification.objects.get().pk])
    assert len(_mails_to(reader)) == 1


# --- digests ------------------------------------------------------------------------------------


def test_daily_digest_groups_by_followed_thing_and_is_sent_once(editor, action, meeting):
    reader = follower("d@example.kz", language="ru", frequency=Preference.Email.DAILY)
    weekly = follower("w@example.kz", frequency=Preference.Email.WEEKLY)
    for user in (reader, weekly):
        follow(user=user, obj=action)
        follow(user=user, obj=meeting)
    _update(action, editor, progress=55)
    _update(action, editor, progress=65)
    meeting.save_revision().publish()
    assert not _mails_to(reader)  # nothing at once
    assert digests_send(frequency="daily") == 1
    body = _mails_to(reader)[0].body
    assert body.count("Посадка деревьев") >= 2 and "Встреча с акимом" in body
    groups = [line for line in body.splitlines() if line.startswith(("Мероприятие дорожной карты:", "Встреча:"))]
    assert len(groups) == 2
    assert digests_send(frequency="daily") == 0
    assert not _mails_to(weekly)
    assert digests_send(frequency="weekly") == 1


# --- the inbox ----------------------------------------------------------------------------------


def test_inbox_groups_marks_read_and_counts_unread_in_the_header(client, editor, action, meeting):
    reader = follower("a@example.kz")
    follow(user=reader, obj=action)
    follow(user=reader, obj=meeting)
    _update(action, editor, progress=55)
    meeting.save_revision().publish()
    client.force_login(reader)
    page = client.get(reverse("follows:inbox")).content.decode()
    assert page.count('class="inbox-group"') == 2 and "55% done" in page
    assert re.search(r'<span class="badge">2<span class="visually-hidden"> unread', page)
    one = Notification.objects.filter(user=reader).first()
    client.post(reverse("follows:mark_read"), {"notification": one.pk})
    assert Notification.objects.filter(user=reader).unread().count() == 1
    client.post(reverse("follows:mark_read"))
    assert not Notification.objects.filter(user=reader).unread().exists()


def test_nobody_sees_or_marks_another_users_inbox(client, editor, action, member):
    reader = follower("a@example.kz")
    follow(user=reader, obj=action)
    _update(action, editor, progress=55)
    client.force_login(member)
    page = client.get(reverse("follows:inbox")).content.decode()
    assert "55% done" not in page
    client.post(reverse("follows:mark_read"), {"notification": Notification.objects.get().pk})
    assert Notification.objects.get().read_at is None


def test_the_inbox_needs_signing_in(client):
    response = client.get(reverse("follows:inbox"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- a road map's first publication; an identified reporter's case -------------------------------


def test_a_roadmap_is_told_published_once_not_at_each_edit(roadmap):
    reader = follower("r@example.kz")
    follow(user=reader, obj=roadmap)
    roadmap.save_revision().publish()
    roadmap.save_revision().publish()
    assert list(Notification.objects.values_list("event__kind", flat=True)) == ["roadmap_published"]


def test_an_identified_reporter_sees_the_status_in_the_inbox_and_others_hear_nothing(officer, member, db):
    from anticorruption import services as report_services
    from anticorruption.models import Category
    from tests.anticorruption.conftest import report_data

    category = Category.objects.first()
    data = report_data(category, anonymity="identified", reporter_name="Aigerim", reporter_email=member.email)
    report, _code = report_services.report_file(data=data, user=member)
    anonymous, _code = report_services.report_file(data=report_data(category))
    for filed in (report, anonymous):
        report_services.report_transition(report=filed, to_status="acknowledged", actor=officer)
    notification = Notification.objects.get()
    assert notification.user == member and notification.event.kind == "report_status"
    assert notification.emailed_at is not None  # the channel's own email told them already


def test_a_kazakh_email_marks_a_title_that_exists_only_in_russian(editor, action):
    action.title_kk = action.title_en = ""
    action.original_language = "ru"
    action.save()
    reader = follower("kk.reader@example.kz", language="kk")
    follow(user=reader, obj=action)
    _update(action, editor, progress=55)
    message = _mails_to(reader)[0]
    html = message.alternatives[0][0]
    assert '<span lang="ru">1.1 Посадка деревьев</span> (орысша)' in html  # the action named with its code
    assert "1.1 Посадка деревьев (орысша)" in message.body
