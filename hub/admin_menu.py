"""Wagtail admin menu entries shown only to the people a check lets in.

The check takes the user, like the permission checks the admin views call, so a menu entry
and its view use the same function.
"""

import uuid

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.admin.menu import MenuItem, SubmenuMenuItem

from .cache import shared_cache_down


class PermissionMenuItem(MenuItem):
    def __init__(self, label, url, check, **kwargs):
        self.check = check
        super().__init__(label, url, **kwargs)

    def is_shown(self, request):
        return self.check(request.user)


class PermissionSubmenuItem(SubmenuMenuItem):
    def __init__(self, label, menu, check, **kwargs):
        self.check = check
        super().__init__(label, menu, **kwargs)

    def is_shown(self, request):
        return self.check(request.user)


# --- the sidebar, built once per user (issue 17) ----------------------------------------------------
#
# Wagtail rebuilds its sidebar (the menu, with every item's permission check) on every admin request:
# about 40 % of a staff page. It is kept in the shared cache per user and language, under two stamps:
# the user's own (account, profile, groups, permissions, and the roles named by `menu_depends_on`) and
# everyone's (a group's name or permissions, page and collection permissions, a page moved). A change
# replaces its stamp after commit, so the next request builds the menu afresh. The process's start is
# in the key, so new code (a new menu) never reads a menu built by the old. The active item is marked
# in the browser, so one built sidebar serves every page.

PROCESS = uuid.uuid4().hex
EVERYONE = "admin-sidebar:everyone"
SIDEBAR_SECONDS = 3600  # a bound for a stamp change lost while the shared cache was down


def _user_key(user_pk):
    return f"admin-sidebar:user:{user_pk}"


def _stamps(keys, found):
    """The current stamp of each key, a new one where the cache has none (an evicted stamp never revives)."""
    stamps = []
    for key in keys:
        if found.get(key) is None:
            cache.add(key, uuid.uuid4().hex, None)
            found[key] = cache.get(key)
        stamps.append(found[key])
    return tuple(stamps)


def cached_sidebar(context, build):
    """The sidebar from `build(context)` (Wagtail's `sidebar_props`), built at most once per user and stamps."""
    user = context["request"].user
    if not user.is_authenticated or shared_cache_down(cache):
        return build(context)
    stamp_keys = [EVERYONE, _user_key(user.pk)]
    entry_key = f"admin-sidebar:{PROCESS}:{user.pk}:{get_language()}"
    found = cache.get_many([*stamp_keys, entry_key])
    stamps = _stamps(stamp_keys, found)
    entry = found.get(entry_key)
    if entry and entry[0] == stamps:
        return mark_safe(entry[1])  # noqa: S308 - Wagtail's json_script output, escaped when built
    html = build(context)
    if not shared_cache_down(cache):
        cache.set(entry_key, (stamps, str(html)), SIDEBAR_SECONDS)
    return html


def menu_changed_for(user_pk=None):
    """After commit, make the next request of this user (None: of everyone) build the sidebar afresh."""
    key = EVERYONE if user_pk is None else _user_key(user_pk)
    transaction.on_commit(lambda: cache.set(key, uuid.uuid4().hex, None))


def menu_depends_on(model, user_field="user_id"):
    """Rows of `model` give their user a role a menu check reads: saving or deleting one changes that menu."""

    def changed(sender, instance, **kwargs):
        menu_changed_for(getattr(instance, user_field))

    _on_save_and_delete(model, changed)


def _on_save_and_delete(model, receiver):
    for name, signal in (("save", post_save), ("delete", post_delete)):
        # weak=False: a local function held only by a weak reference would be collected at once.
        signal.connect(receiver, sender=model, weak=False, dispatch_uid=f"admin-sidebar-{name}-{model._meta.label}")


def _membership_changed(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        menu_changed_for(instance.pk if isinstance(instance, get_user_model()) else None)


def _everyone_changed(**kwargs):
    menu_changed_for(None)


def connect_sidebar_stamps():
    """Called once at start-up: the changes that Wagtail's and Django's own models make to menus."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupCollectionPermission, GroupPagePermission
    from wagtail.signals import post_page_move
    from wagtail.users.models import UserProfile

    User = get_user_model()  # noqa: N806
    menu_depends_on(User, user_field="pk")
    menu_depends_on(UserProfile)
    for through in (User.groups.through, User.user_permissions.through):
        m2m_changed.connect(_membership_changed, sender=through, dispatch_uid=f"admin-sidebar-{through._meta.label}")
    m2m_changed.connect(_everyone_changed, sender=Group.permissions.through, dispatch_uid="admin-sidebar-group-perms")
    for model in (Group, GroupPagePermission, GroupCollectionPermission):
        _on_save_and_delete(model, _everyone_changed)
    post_page_move.connect(_everyone_changed, dispatch_uid="admin-sidebar-page-move")

    from wagtail.admin.templatetags import wagtailadmin_tags

    # Wagtail offers no hook for the sidebar: its tag is registered again, around Wagtail's own.
    build = wagtailadmin_tags.sidebar_props
    wagtailadmin_tags.register.simple_tag(
        lambda context: cached_sidebar(context, build), takes_context=True, name="sidebar_props"
    )
