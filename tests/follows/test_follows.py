"""Following: who may follow what, the buttons, "My account", automatic follows."""

import pytest
from django.urls import reverse

from follows.models import Follow
from follows.services import follow, is_following
from meetings import services as meeting_services
from ngos import services as ngo_services
from tests.conftest import PASSWORD
from tests.ngos.conftest import valid_bin

from .conftest import follower

pytestmark = pytest.mark.django_db


def _post_follow(client, key, obj, **extra):
    return client.post(reverse("follows:toggle"), {"target": key, "id": obj.pk, **extra})


def test_anonymous_cannot_follow_and_is_sent_to_sign_in(client, roadmap):
    response = _post_follow(client, "roadmap", roadmap)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Follow.objects.exists()


def test_anonymous_sees_a_sign_in_link_not_a_form_so_the_page_stays_cacheable(client, roadmap):
    page = client.get(roadmap.get_absolute_url()).content.decode()
    assert "Sign in to follow" in page and reverse("follows:toggle") not in page


def test_member_follows_a_roadmap_from_its_page_and_stops_from_my_account(client, member, roadmap):
    client.force_login(member)
    page = client.get(roadmap.get_absolute_url()).content.decode()
    assert 'name="target" value="roadmap"' in page
    response = _post_follow(client, "roadmap", roadmap, next=roadmap.get_absolute_url())
    assert response.status_code == 302 and is_following(member, roadmap)
    account = client.get(reverse("account_home")).content.decode()
    assert "What I follow" in account and "Active megapolis" in account
    assert "Following" in client.get(roadmap.get_absolute_url()).content.decode()
    _post_follow(client, "roadmap", roadmap, action="stop")
    assert not is_following(member, roadmap)


@pytest.mark.parametrize("key", ["organisation", "action", "meeting", "field", "district"])
def test_each_kind_of_thing_can_be_followed(client, member, key, action, meeting, ngo):
    from hub.models import District
    from ngos.models import FieldOfActivity

    things = {
        "organisation": ngo,
        "action": action,
        "meeting": meeting,
        "field": FieldOfActivity.objects.first(),
        "district": District.objects.first(),
    }
    client.force_login(member)
    assert _post_follow(client, key, things[key]).status_code == 302
    assert is_following(member, things[key])


def test_an_unpublished_roadmap_cannot_be_followed(client, member, roadmap):
    roadmap.live = False
    roadmap.save()
    client.force_login(member)
    assert _post_follow(client, "roadmap", roadmap).status_code == 404
    assert not Follow.objects.exists()


def test_unknown_kinds_and_ids_are_404(client, member, roadmap):
    client.force_login(member)
    assert client.post(reverse("follows:toggle"), {"target": "user", "id": member.pk}).status_code == 404
    assert client.post(reverse("follows:toggle"), {"target": "roadmap", "id": "x"}).status_code == 404
    assert client.post(reverse("follows:toggle"), {"target": "assignment", "id": "1"}).status_code == 404


def test_following_twice_keeps_one_follow(member, roadmap):
    follow(user=member, obj=roadmap)
    follow(user=member, obj=roadmap)
    assert Follow.objects.count() == 1


def test_directory_filtered_by_a_field_offers_to_follow_it(client, member):
    from ngos.models import FieldOfActivity

    field = FieldOfActivity.objects.first()
    client.force_login(member)
    page = client.get(reverse("ngos:directory") + f"?field={field.slug}").content.decode()
    assert 'name="target" value="field"' in page


def test_registering_for_a_meeting_follows_it(member, meeting):
    meeting_services.meeting_register(meeting=meeting, user=member)
    assert is_following(member, meeting)


def test_asking_a_question_follows_it(member, meeting):
    from tests.meetings.conftest import make_organisation

    make_organisation(member)
    question = meeting_services.question_ask(meeting=meeting, author=member, text="Қашан?")
    assert is_following(member, question)


def test_registering_an_organisation_follows_it(member):
    organisation = ngo_services.organisation_register(
        user=member,
        data={"name_kk": "Жаңа ҚҚ", "name_ru": "Новый ОФ", "legal_form": "public_foundation", "bin": valid_bin()},
    )
    assert is_following(member, organisation)


def test_a_deactivated_user_cannot_follow(roadmap):
    user = follower("gone@example.kz", is_active=False)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        follow(user=user, obj=roadmap)


def test_sign_in_persona_password_works(client, member):
    assert client.login(email=member.email, password=PASSWORD)
