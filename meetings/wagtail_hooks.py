"""The back office for meetings: snippets with drafts and revisions, and the meeting desk."""

from django.db.models import Count
from django.urls import include, path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from hub import dashboard
from hub.admin_menu import PermissionMenuItem
from hub.models import Department

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


class AssignmentFilterSet(dashboard.OverdueFilterSet):
    class Meta:
        model = Assignment
        fields = ["status", "department"]


class AssignmentViewSet(SnippetViewSet):
    model = Assignment
    icon = "tasks"
    menu_label = _("Assignments")
    list_display = ["title", "meeting", "department", "due_date", "status"]
    filterset_class = AssignmentFilterSet
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


@hooks.register("construct_homepage_panels")
def add_meetings_panel(request, panels):
    """Editors: this week's meetings, and overdue assignments counted per responsible body."""
    if not services.user_can_manage_meetings(request.user):
        return
    week = Meeting.objects.this_week().order_by("starts_at", "pk")
    meetings = dashboard.listing(
        _("Meetings this week"),
        week,
        reverse("meetings_desk:index") + "?week=this",
        lambda m: dashboard.Row(
            m.title, reverse("meetings_desk:desk", args=[m.pk]), date_format(m.starts_at, "SHORT_DATETIME_FORMAT")
        ),
        _("No meetings this week."),
    )
    overdue = Assignment.objects.overdue()
    by_body = (
        Department.objects.filter(meeting_assignments__in=overdue)
        .annotate(overdue_count=Count("meeting_assignments"))
        .order_by("-overdue_count", "slug")
    )
    list_url = reverse("wagtailsnippets_meetings_assignment:list")
    assignments = dashboard.Section(
        _("Assignments overdue"),
        overdue.count(),
        list_url + "?overdue=true",
        [
            dashboard.Row(str(body), f"{list_url}?overdue=true&department={body.pk}", str(body.overdue_count))
            for body in by_body
        ],
        _("No assignment is overdue."),
    )
    panels.append(
        dashboard.CountsPanel(name="meetings_work", heading=_("Meetings"), sections=[meetings, assignments], order=65)
    )
