"""Wagtail's sidebar is built once per user, and follows every change of that user's rights (issue 17)."""

import re

from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.users.models import UserProfile

from anticorruption.models import DepartmentStaff
from hub.models import Department
from hub.roles import MODERATORS, OFFICERS
from tests.queries import page_queries

QUEUE = "/admin/adaldyq/"
VERIFICATION = "/admin/ngos/verification/"


def sidebar(client):
    """The sidebar's JSON on the admin home page, as this client's user gets it."""
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    return re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1)


def test_the_sidebar_is_built_once_per_user(client_for, moderator):
    client = client_for(moderator)
    client.get(reverse("wagtailadmin_home"))
    built = page_queries(client, reverse("wagtailadmin_home"))
    client.cookies.clear()
    client.force_login(moderator)  # a new session, the same user: the menu is not built again
    assert page_queries(client, reverse("wagtailadmin_home")) <= built
    assert VERIFICATION in sidebar(client)


def test_no_user_gets_another_users_menu(client_for, officer, moderator):
    assert QUEUE in sidebar(client_for(officer))
    moderators_menu = sidebar(client_for(moderator))
    assert QUEUE not in moderators_menu
    assert VERIFICATION in moderators_menu
    assert "officer@example.kz" not in moderators_menu


def test_a_new_role_shows_in_the_menu_at_the_next_request(client_for, moderator, django_capture_on_commit_callbacks):
    client = client_for(moderator)
    assert QUEUE not in sidebar(client)
    with django_capture_on_commit_callbacks(execute=True):
        moderator.groups.add(Group.objects.get(name=OFFICERS))
    assert QUEUE in sidebar(client)
    with django_capture_on_commit_callbacks(execute=True):
        Group.objects.get(name=OFFICERS).user_set.remove(moderator)
    assert QUEUE not in sidebar(client)


def test_a_department_role_shows_in_the_menu_at_the_next_request(
    client_for, moderator, django_capture_on_commit_callbacks
):
    client = client_for(moderator)
    assert QUEUE not in sidebar(client)
    department = Department.objects.get(slug="education")
    with django_capture_on_commit_callbacks(execute=True):
        role = DepartmentStaff.objects.create(user=moderator, department=department)
    assert QUEUE in sidebar(client)
    with django_capture_on_commit_callbacks(execute=True):
        role.delete()
    assert QUEUE not in sidebar(client)


def test_a_groups_permissions_change_every_members_menu(client_for, moderator, django_capture_on_commit_callbacks):
    client = client_for(moderator)
    assert VERIFICATION in sidebar(client)
    verify = Permission.objects.get(content_type__app_label="ngos", codename="verify_organisation")
    with django_capture_on_commit_callbacks(execute=True):
        Group.objects.get(name=MODERATORS).permissions.remove(verify)
    assert VERIFICATION not in sidebar(client)


def test_the_menu_follows_the_users_admin_language(client_for, moderator, django_capture_on_commit_callbacks):
    client = client_for(moderator)
    assert '"Log out"' not in sidebar(client)  # the site's default language
    with django_capture_on_commit_callbacks(execute=True):
        UserProfile.objects.update_or_create(user=moderator, defaults={"preferred_language": "en"})
    assert '"Log out"' in sidebar(client)
