"""The back office for meetings: snippets with drafts and revisions, and the meeting desk."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from hub.admin_menu import PermissionMenuItem

from . import admin_views, services
from .models import Assignment, Meeting, Official


class MeetingViewSet(SnippetViewSet):
    model = Meeting
    icon = "date"
    menu_label = _("Meetings")
    list_display = ["title", "kind", "starts_at", "capacity", "live"]
    list_filter = ["kind", "live", "audience"]
    search_fields = ["title_kk", "title_ru", "title_en", "slug"]
    search_backend_name = None
    ordering = ["-starts_at"]


class OfficialViewSet(SnippetViewSet):
    model = Official
    icon = "user"
    menu_label = _("Officials")
    list_display = ["name", "position", "department"]
    search_fields = ["name_kk", "name_ru", "name_en"]
    search_backend_name = None


class AssignmentViewSet(SnippetViewSet):
    model = Assignment
    icon = "tasks"
    menu_label = _("Assignments")
    list_display = ["title", "meeting", "department", "due_date", "status"]
    list_filter = ["status", "department"]
    search_fields = ["title_kk", "title_ru", "title_en"]
    search_backend_name = None


class MeetingsGroup(SnippetViewSetGroup):
    items = (MeetingViewSet, OfficialViewSet, AssignmentViewSet)
    menu_icon = "date"
    menu_label = _("Meetings")
    menu_name = "meetings"


register_snippet(MeetingsGroup)


@hooks.register("register_admin_urls")
def register_desk_urls():
    return [path("meetings-desk/", include((admin_views.urlpatterns, "meetings_desk"), namespace="meetings_desk"))]


@hooks.register("register_admin_menu_item")
def register_desk_menu_item():
    return PermissionMenuItem(
        _("Meeting desk"),
        reverse("meetings_desk:index"),
        lambda user: user.has_perm("meetings.change_meeting"),
        icon_name="clipboard-list",
        order=250,
    )


@hooks.register("register_snippet_listing_buttons")
def desk_listing_button(snippet, user, next_url=None):
    if isinstance(snippet, Meeting) and services.user_can_manage_meetings(user):
        yield ListingButton(_("Desk"), reverse("meetings_desk:desk", args=[snippet.pk]), icon_name="clipboard-list")
