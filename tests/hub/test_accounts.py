import re

import pytest
from django.conf import settings
from django.core import mail

from hub.models import User

from ..conftest import PASSWORD, make_user


def _link(message):
    return re.search(re.escape(settings.SITE_URL) + r"(/\S+)", message.body).group(1)


def test_sign_up_requires_email_verification_then_login_works(client, site_pages, django_capture_on_commit_callbacks):
    response = client.post(
        "/en/accounts/signup/",
        {"email": "Aliya@Example.kz", "password1": PASSWORD, "password2": PASSWORD, "accept_terms": "on"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    user = User.objects.get(email="aliya@example.kz")
    assert user.language == "en"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Confirm your email address"

    # Unverified: signing in only sends the visitor back to the verification step.
    response = client.post("/en/accounts/login/", {"login": "aliya@example.kz", "password": PASSWORD})
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session

    confirm_url = _link(mail.outbox[-1])
    assert client.get(confirm_url).status_code == 200
    client.post(confirm_url)
    response = client.post("/en/accounts/login/", {"login": "aliya@example.kz", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_verification_email_is_in_the_language_of_sign_up(client, site_pages):
    client.post(
        "/kk/accounts/signup/",
        {"email": "dana@example.kz", "password1": PASSWORD, "password2": PASSWORD, "accept_terms": "on"},
    )
    assert mail.outbox[0].subject == "Электрондық пошта мекенжайыңызды растаңыз"
    assert "/kk/accounts/confirm-email/" in mail.outbox[0].body


def test_sign_up_with_taken_email_is_refused_clearly(client, member):
    response = client.post(
        "/ru/accounts/signup/",
        {"email": member.email, "password1": PASSWORD, "password2": PASSWORD, "accept_terms": "on"},
    )
    # allauth does not reveal accounts: it sends the owner a notice instead of showing an error.
    assert response.status_code == 302
    assert User.objects.filter(email=member.email).count() == 1


def test_weak_password_is_refused_in_the_users_language(client, db):
    response = client.post(
        "/ru/accounts/signup/", {"email": "a@example.kz", "password1": "123", "password2": "123", "accept_terms": "on"}
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="a@example.kz").exists()
    assert 'aria-invalid="true"' in response.content.decode()


def test_login_brute_force_is_throttled(client, member):
    for _attempt in range(5):
        response = client.post("/en/accounts/login/", {"login": member.email, "password": "wrong-password"})
        assert "The email address or password is not correct." in response.content.decode()
    response = client.post("/en/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link_that_sets_a_new_password(client, member):
    client.post("/en/accounts/password/reset/", {"email": member.email})
    assert len(mail.outbox) == 1
    link = _link(mail.outbox[0])
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    response = client.post(form_url, {"password1": "a-new-Passw0rd-2026", "password2": "a-new-Passw0rd-2026"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("a-new-Passw0rd-2026")


def test_my_account_needs_sign_in(client, db):
    response = client.get("/en/accounts/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_member_changes_name_and_email_language(client_for, member):
    client = client_for(member)
    response = client.post("/en/accounts/", {"first_name": "Aigerim", "last_name": "Nurova", "language": "kk"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.last_name, member.language) == ("Nurova", "kk")


def test_email_change_needs_confirmation_of_the_new_address(client_for, member):
    client = client_for(member)
    response = client.post("/en/accounts/email/", {"action_add": "", "email": "new@example.kz"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["new@example.kz"]
    member.refresh_from_db()
    assert member.email == "member@example.kz"


def test_account_emails_go_out_in_the_recipients_language(client, db):
    make_user("ru.user@example.kz", language="ru")
    client.post("/en/accounts/password/reset/", {"email": "ru.user@example.kz"})
    assert mail.outbox[0].subject == "Установите новый пароль"


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/"])
def test_anonymous_visitor_cannot_reach_admin(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_verified_non_staff_user_cannot_reach_admin(client_for, member):
    response = client_for(member).get("/admin/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["editor", "officer", "moderator", "admin_user"])
def test_staff_roles_reach_admin(client_for, db, request, persona):
    response = client_for(request.getfixturevalue(persona)).get("/admin/")
    assert response.status_code == 200


def test_editor_may_publish_pages_but_moderator_may_not(client_for, site_pages, editor, moderator):
    from wagtail.models import Page

    home = Page.objects.get(pk=site_pages.pk)
    assert home.permissions_for_user(editor).can_publish()
    assert not home.permissions_for_user(moderator).can_publish()


def test_admin_may_be_framed_only_by_itself(client_for, editor):
    response = client_for(editor).get("/admin/")
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_login_page_is_labelled_and_fully_translated(client, db):
    html = client.get("/kk/accounts/login/").content.decode()
    assert '<label for="id_login">Электрондық пошта' in html
    assert '<label for="id_password">Құпиясөз' in html
    assert "Forgot your password?" not in html
    assert html.count("Құпиясөзді ұмыттыңыз ба?") == 1
