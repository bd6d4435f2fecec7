"""The Wagtail editor for meetings: editors create drafts and publish; bad input is refused there too."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from meetings.models import Meeting

from .conftest import make_meeting

ADD_URL = "/admin/snippets/meetings/meeting/add/"


def _form(**overrides):
    data = {
        "kind": "dialogue_platform",
        "slug": "new-platform",
        "title_kk": "Жаңа диалог алаңы",
        "title_ru": "Новая диалоговая площадка",
        "title_en": "",
        "topic_kk": "",
        "topic_ru": "",
        "topic_en": "",
        "starts_at": "2030-05-10 15:00",
        "ends_at": "2030-05-10 17:00",
        "venue_kk": "",
        "venue_ru": "Дом НПО",
        "venue_en": "",
        "online_link": "",
        "capacity": "30",
        "audience": "ngo",
        "registration_opens_at": "",
        "registration_closes_at": "",
        "summary_kk": "",
        "summary_ru": "",
        "summary_en": "",
        "agenda_items": inline_formset([]),
        "decisions": inline_formset([]),
        "photos": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_editor_saves_a_draft_meeting_that_stays_private(client_for, editor, visitor):
    response = client_for(editor).post(ADD_URL, _form())
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = Meeting.objects.get(slug="new-platform")
    assert not meeting.live and meeting.revisions.count() == 1
    assert meeting.starts_at.hour == 10  # 15:00 in Almaty is 10:00 UTC


def test_editor_publishes_from_the_editor(client_for, editor):
    response = client_for(editor).post(ADD_URL, {**_form(), "action-publish": "action-publish"})
    assert response.status_code == 302
    assert Meeting.objects.get(slug="new-platform").live


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        # the back office speaks the site's default language here: Kazakh
        ({"ends_at": "2030-05-10 14:00"}, "Кездесу басталмай тұрып аяқтала алмайды."),
        ({"kind": "online", "venue_ru": ""}, "Онлайн кездесуге қосылу сілтемесі қажет."),
        ({"registration_closes_at": "2030-05-11 10:00"}, "Тіркеу кездесу аяқталғаннан кейін жабыла алмайды."),
    ],
)
def test_editor_form_refuses_bad_input_with_a_message(client_for, editor, overrides, message):
    response = client_for(editor).post(ADD_URL, _form(**overrides))
    assert response.status_code == 200
    assert not Meeting.objects.filter(slug="new-platform").exists()
    assert message in response.content.decode()


def test_capacity_below_registrations_refused_in_the_editor(client_for, editor, member):
    from meetings import services

    meeting = make_meeting(capacity=2)
    services.meeting_register(meeting=meeting, user=member)
    data = _form(slug=meeting.slug, capacity="0")
    response = client_for(editor).post(f"/admin/snippets/meetings/meeting/edit/{meeting.pk}/", data)
    assert response.status_code == 200
    assert "Орын саны тіркеліп қойған 1 адамнан аз бола алмайды." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.capacity == 2


@pytest.mark.parametrize("persona", ["member", "moderator", "officer"])
def test_non_editors_cannot_add_meetings(db, client_for, request, persona):
    user = request.getfixturevalue(persona)
    response = client_for(user).post(ADD_URL, _form())
    assert response.status_code in (302, 403)
    assert not Meeting.objects.filter(slug="new-platform").exists()


def test_publishing_a_larger_capacity_promotes_the_waiting_list(
    client_for, editor, member, other_leader, django_capture_on_commit_callbacks
):
    import datetime

    from django.core import mail
    from django.utils import timezone

    from meetings import services

    # Announced (at the time the form keeps) before anyone registers, as on the site.
    meeting = make_meeting(capacity=1, starts_at=timezone.make_aware(datetime.datetime(2030, 5, 10, 15, 0)))
    meeting.save_revision().publish()
    services.meeting_register(meeting=meeting, user=member)
    waiting = services.meeting_register(meeting=meeting, user=other_leader)
    mail.outbox.clear()
    data = {**_form(slug=meeting.slug, capacity="2"), "action-publish": "action-publish"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(editor).post(f"/admin/snippets/meetings/meeting/edit/{meeting.pk}/", data)
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert [m.to for m in mail.outbox] == [[other_leader.email]]


def test_meeting_listing_links_to_the_desk(client_for, editor):
    meeting = make_meeting()
    page = client_for(editor).get("/admin/snippets/meetings/meeting/").content.decode()
    assert f"/admin/meetings-desk/{meeting.pk}/" in page
