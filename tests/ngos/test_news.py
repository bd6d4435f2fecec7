"""An organisation's news: who writes and hides it, what the public sees, and who is told of it."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from follows.delivery import fan_out
from follows.models import Event, Notification
from follows.services import follow
from ngos import demo, services
from ngos.models import NewsPost, Organisation
from tests.conftest import make_user

from .conftest import make_organisation

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "leader", "member", "other_leader", "moderator", "editor"]


@pytest.fixture
def as_role(request, client_for, visitor):
    def sign_in(role):
        return visitor if role == "visitor" else client_for(request.getfixturevalue(role))

    return sign_in


def make_post(organisation, *, title="Посадили 600 деревьев", body="Первый абзац.\n\nВторой абзац.", **extra):
    language = extra.pop("original_language", "ru")
    return NewsPost.objects.create(
        organisation=organisation,
        original_language=language,
        **{f"title_{language}": title, f"body_{language}": body},
        **extra,
    )


def follower(email, language="en"):
    user = make_user(email)
    user.language = language
    user.save(update_fields=["language"])
    return user


def _mails_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def _form(title="Субботник в Медеу", body="Собрали 40 мешков мусора.", language="ru"):
    return {"original_language": language, f"title_{language}": title, f"body_{language}": body}


def admin_denied(response):
    """Wagtail sends people who are not staff to its login, and turns a PermissionDenied into a
    redirect to the dashboard with a message."""
    if response.status_code == 302:
        return response.url == "/admin/" or "login" in response.url
    return response.status_code == 403


# --- who may write, edit, delete --------------------------------------------------------------


@pytest.mark.parametrize(
    "role,expected",
    [("visitor", 302), ("leader", 200), ("member", 200), ("other_leader", 404), ("moderator", 404), ("editor", 404)],
)
@pytest.mark.parametrize("name", ["ngos:news_create", "ngos:news_edit", "ngos:news_delete"])
def test_writing_pages_per_role(as_role, organisation, other_organisation, name, role, expected):
    post = make_post(organisation)
    args = [organisation.slug] if name == "ngos:news_create" else [organisation.slug, post.pk]
    assert as_role(role).get(reverse(name, args=args)).status_code == expected


@pytest.mark.parametrize("role", ["leader", "member"])
def test_members_publish_news_in_the_language_they_write(as_role, organisation, role):
    response = as_role(role).post(reverse("ngos:news_create", args=[organisation.slug]), _form())
    post = NewsPost.objects.get()
    assert response.status_code == 302 and response.url == post.get_absolute_url()
    assert (post.original_language, post.title_ru, post.title_kk) == ("ru", "Субботник в Медеу", "")
    assert post.author.email == f"{role}@example.kz"
    assert organisation.activities.filter(kind="news").exists()


@pytest.mark.parametrize("role", ["visitor", "other_leader", "moderator", "editor"])
def test_outsiders_cannot_publish_edit_or_delete(as_role, organisation, other_organisation, role):
    post = make_post(organisation, title="Как было")
    client = as_role(role)
    client.post(reverse("ngos:news_create", args=[organisation.slug]), _form())
    client.post(reverse("ngos:news_edit", args=[organisation.slug, post.pk]), _form(title="Взлом"))
    client.post(reverse("ngos:news_delete", args=[organisation.slug, post.pk]))
    assert list(NewsPost.objects.values_list("title_ru", flat=True)) == ["Как было"]


def test_a_post_cannot_be_reached_through_another_organisations_address(client_for, other_leader, organisation):
    other = make_organisation(slug="other-ngo", leader=other_leader)
    post = make_post(organisation)
    client = client_for(other_leader)
    assert client.get(reverse("ngos:news_edit", args=[other.slug, post.pk])).status_code == 404
    assert client.post(reverse("ngos:news_delete", args=[other.slug, post.pk])).status_code == 404
    assert NewsPost.objects.filter(pk=post.pk).exists()


def test_the_service_refuses_outsiders(other_leader, organisation):
    with pytest.raises(PermissionDenied):
        services.news_publish(user=other_leader, organisation=organisation, data=_form())


def test_a_title_and_text_in_the_chosen_language_are_required(client_for, leader, organisation):
    response = client_for(leader).post(reverse("ngos:news_create", args=[organisation.slug]), _form(title=""))
    assert response.status_code == 200 and not NewsPost.objects.exists()
    assert 'class="error-summary"' in response.content.decode()
    assert "title_ru" in response.context["form"].errors


def test_a_member_edits_and_deletes_a_post(client_for, member, organisation):
    post = make_post(organisation)
    client = client_for(member)
    client.post(reverse("ngos:news_edit", args=[organisation.slug, post.pk]), _form(title="Исправлено"))
    post.refresh_from_db()
    assert post.title_ru == "Исправлено"
    response = client.post(reverse("ngos:news_delete", args=[organisation.slug, post.pk]))
    assert response.url == reverse("ngos:news_list", args=[organisation.slug])
    assert not NewsPost.objects.exists()


# --- only verified organisations publish ------------------------------------------------------


def test_an_unverified_organisation_is_told_why_it_cannot_publish(client_for, member):
    waiting = make_organisation(slug="waiting", status=Organisation.Status.AWAITING_VERIFICATION, members=[member])
    client = client_for(member)
    response = client.get(reverse("ngos:news_create", args=[waiting.slug]))
    assert response.status_code == 200 and "form" not in response.context
    assert "Only verified organisations can publish news" in response.content.decode()
    client.post(reverse("ngos:news_create", args=[waiting.slug]), _form())
    assert not NewsPost.objects.exists()
    with pytest.raises(ValidationError):
        services.news_publish(user=member, organisation=waiting, data=_form())


# --- what the public sees ---------------------------------------------------------------------


def test_the_organisation_page_shows_the_latest_three_posts_and_links_to_all(visitor, organisation):
    now = timezone.now()
    for number in range(5):
        make_post(organisation, title=f"Новость {number}", published_at=now - datetime.timedelta(days=number))
    response = visitor.get(organisation.get_absolute_url())
    assert [post.title for post in response.context["latest_news"]] == ["Новость 0", "Новость 1", "Новость 2"]
    assert reverse("ngos:news_list", args=[organisation.slug]) in response.content.decode()


def test_text_is_escaped_and_kept_in_paragraphs(visitor, organisation):
    post = make_post(organisation, title="<script>alert(1)</script>", body="<b>bold</b>\n\nsecond & last")
    html = visitor.get(post.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<p>&lt;b&gt;bold&lt;/b&gt;</p>" in html and "<p>second &amp; last</p>" in html
    listing = visitor.get(reverse("ngos:news_list", args=[organisation.slug])).content.decode()
    assert "<script>alert(1)</script>" not in listing


def test_a_post_in_another_language_carries_lang_and_the_marker(visitor, organisation):
    post = make_post(organisation, title="Субботник", body="Текст новости.")
    html = visitor.get(post.get_absolute_url()).content.decode()  # the page is English
    assert '<h1 lang="ru">' in html and 'class="news-body" lang="ru"' in html
    assert "in Russian" in html
    with translation.override("ru"):
        russian = visitor.get(post.get_absolute_url()).content.decode()
    assert "<h1>Субботник</h1>" in russian and "in Russian" not in russian


def test_the_list_is_paged_and_hostile_pages_are_harmless(visitor, organisation):
    for number in range(23):
        make_post(organisation, title=f"Новость {number}")
    url = reverse("ngos:news_list", args=[organisation.slug])
    assert len(visitor.get(url).context["posts"]) == 10
    assert len(visitor.get(url, {"page": "3"}).context["posts"]) == 3
    for page in ["abc", "-1", "0", "99999999999999999999", "1e3", "2'; DROP TABLE", ""]:
        response = visitor.get(url, {"page": page})
        assert response.status_code == 200 and response.context["posts"]
    assert visitor.get(url, {"page": "\x00"}).status_code == 400  # the site refuses NUL before any view


def test_the_list_runs_a_fixed_number_of_queries(visitor, organisation, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("ngos:news_list", args=[organisation.slug])
    make_post(organisation)
    visitor.get(url)
    with CaptureQueriesContext(connection) as few:
        visitor.get(url)
    for number in range(12):
        make_post(organisation, title=f"Новость {number}")
    with django_assert_num_queries(len(few)):
        response = visitor.get(url)
    assert len(response.context["posts"]) == 10


def test_news_of_an_unverified_organisation_is_not_public(visitor, member):
    waiting = make_organisation(slug="waiting", status=Organisation.Status.AWAITING_VERIFICATION, members=[member])
    post = make_post(waiting)
    assert visitor.get(post.get_absolute_url()).status_code == 404
    assert visitor.get(reverse("ngos:news_list", args=[waiting.slug])).status_code == 404


# --- hiding -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["visitor", "leader", "member", "other_leader", "editor"])
def test_only_moderators_reach_the_news_moderation_screens(as_role, organisation, other_organisation, role):
    post = make_post(organisation)
    client = as_role(role)
    assert admin_denied(client.get(reverse("ngos_admin:news_index")))
    assert admin_denied(client.get(reverse("ngos_admin:news_moderate", args=[post.pk])))
    client.post(reverse("ngos_admin:news_moderate", args=[post.pk]), {"action": "hide", "reason": "Спам."})
    post.refresh_from_db()
    assert not post.is_hidden


def test_a_moderator_hides_a_post_with_a_reason_and_its_leaders_are_emailed(
    client_for, moderator, leader, organisation, django_capture_on_commit_callbacks
):
    post = make_post(organisation, title="Реклама")
    client = client_for(moderator)
    assert client.get(reverse("ngos_admin:news_index")).status_code == 200
    url = reverse("ngos_admin:news_moderate", args=[post.pk])
    assert client.post(url, {"action": "hide", "reason": ""}).status_code == 200  # the reason is required
    post.refresh_from_db()
    assert not post.is_hidden
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "hide", "reason": "Реклама, не новость."})
    post.refresh_from_db()
    assert post.is_hidden and post.hidden_reason == "Реклама, не новость." and post.hidden_by == moderator
    assert "Реклама, не новость." in _mails_to(leader)[0].body
    client.post(url, {"action": "restore"})
    post.refresh_from_db()
    assert not post.is_hidden


def test_a_hidden_post_is_gone_for_the_public_and_kept_for_its_members(client_for, visitor, member, organisation):
    post = make_post(organisation, title="Скрытая")
    services.news_hide(user=make_user("mod@example.kz", is_superuser=True), post=post, reason="Нарушение правил.")
    assert visitor.get(post.get_absolute_url()).status_code == 404
    assert "Скрытая" not in visitor.get(organisation.get_absolute_url()).content.decode()
    assert not visitor.get(reverse("ngos:news_list", args=[organisation.slug])).context["posts"]
    response = client_for(member).get(post.get_absolute_url())
    assert response.status_code == 200 and "Нарушение правил." in response.content.decode()


# --- followers are told ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("kk", "Ұйым жаңалық жариялады."),
        ("ru", "Организация опубликовала новость."),
        ("en", "The organisation has published news."),
    ],
)
def test_followers_get_the_news_in_their_inbox_and_by_email_in_their_language(
    client_for, leader, organisation, settings, language, sentence
):
    reader = follower(f"{language}@example.kz", language)
    stranger = follower("stranger@example.kz")
    follow(user=reader, obj=organisation)
    data = {"original_language": "ru", "title_ru": "Субботник", "body_ru": "Текст.", "title_kk": "Сенбілік"}
    post = services.news_publish(user=leader, organisation=organisation, data=data)
    notification = Notification.objects.get(user=reader)
    assert notification.event.kind == Event.Kind.NGO_NEWS and notification.event.target == post
    message = _mails_to(reader)[0]
    assert sentence in message.body
    assert f"{settings.SITE_URL}/{language}/ngos/{organisation.slug}/news/{post.pk}/" in message.body
    assert ("Сенбілік" if language == "kk" else "Субботник") in message.body
    assert not _mails_to(stranger) and not Notification.objects.filter(user=stranger).exists()
    with translation.override(language):
        inbox = client_for(reader).get(reverse("follows:inbox")).content.decode()
        assert sentence in inbox and post.get_absolute_url() in inbox


def test_the_author_is_not_emailed_about_their_own_post(leader, organisation):
    follow(user=leader, obj=organisation)
    services.news_publish(user=leader, organisation=organisation, data=_form())
    assert Notification.objects.filter(user=leader).exists() and not _mails_to(leader)


def test_editing_a_post_does_not_tell_followers_again(leader, member, organisation):
    reader = follower("reader@example.kz")
    follow(user=reader, obj=organisation)
    post = services.news_publish(user=leader, organisation=organisation, data=_form())
    services.news_update(user=member, post=post, data=_form(title="Исправленный заголовок"))
    assert Event.objects.count() == 1 and Notification.objects.filter(user=reader).count() == 1
    assert len(_mails_to(reader)) == 1


def test_a_post_hidden_before_the_fan_out_is_not_delivered(organisation):
    reader = follower("reader@example.kz")
    follow(user=reader, obj=organisation)
    post = make_post(organisation)
    event = Event.objects.create(
        kind=Event.Kind.NGO_NEWS, target=post, followed=[[_content_type(organisation), organisation.pk]]
    )
    NewsPost.objects.filter(pk=post.pk).update(hidden_at=timezone.now(), hidden_reason="Спам.")
    fan_out.call(event.pk)
    assert not Notification.objects.exists() and not _mails_to(reader)


def test_hiding_or_deleting_a_post_takes_it_out_of_inboxes(leader, moderator, organisation):
    reader = follower("reader@example.kz")
    follow(user=reader, obj=organisation)
    hidden = services.news_publish(user=leader, organisation=organisation, data=_form(title="Первая"))
    deleted = services.news_publish(user=leader, organisation=organisation, data=_form(title="Вторая"))
    assert Notification.objects.filter(user=reader).count() == 2
    services.news_hide(user=moderator, post=hidden, reason="Спам.")
    services.news_delete(user=leader, post=deleted)
    assert not Notification.objects.filter(user=reader).exists() and not Event.objects.exists()


def test_a_moderator_cannot_be_bypassed_through_the_service(member, organisation):
    post = make_post(organisation)
    with pytest.raises(PermissionDenied):
        services.news_hide(user=member, post=post, reason="Не нравится.")


def _content_type(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


# --- demo -------------------------------------------------------------------------------------


def test_demo_news_is_seeded_once(db):
    demo.seed()
    count = NewsPost.objects.count()
    demo.seed()
    assert NewsPost.objects.count() == count >= 2
    assert NewsPost.objects.public().filter(organisation__memberships__user__email="leader@demo.hub.kz").exists()


# --- site search --------------------------------------------------------------------------------


def test_only_public_news_is_found_by_site_search(organisation, member, reindex):
    from search import services as search

    waiting = make_organisation(slug="waiting", status=Organisation.Status.AWAITING_VERIFICATION, members=[member])
    public = make_post(organisation, title="Субботник в Медеу", body="Собрали сорок мешков мусора.")
    make_post(organisation, title="Скрытый субботник", body="Мешки.", hidden_at=timezone.now())
    make_post(waiting, title="Непроверенный субботник", body="Мешки.")
    reindex()
    results = search.search("субботник").results
    assert [(result.type, result.url) for result in results] == [("news", public.get_absolute_url())]
