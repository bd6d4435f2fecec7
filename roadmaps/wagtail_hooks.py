"""Road maps in the back office: snippets with drafts, preview and revisions, and editors' tools."""

from django.urls import include, path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from hub import dashboard
from hub.admin_menu import PermissionMenuItem

from . import admin_views, services
from .models import Action, Proposal, RoadMap, Section
from .permissions import can_edit_roadmaps


class RoadMapViewSet(SnippetViewSet):
    model = RoadMap
    icon = "list-ol"
    menu_label = _("Road maps")
    list_display = ["title", "status", "period_start", "period_end", "owner"]
    list_filter = ["status"]
    search_fields = ["title_kk", "title_ru", "title_en", "slug"]
    search_backend_name = None


class SectionViewSet(SnippetViewSet):
    model = Section
    icon = "folder-open-inverse"
    menu_label = _("Sections")
    list_display = ["__str__"]
    list_filter = ["roadmap"]

    def get_queryset(self, request):
        return Section.objects.select_related("roadmap")


class ActionFilterSet(dashboard.OverdueFilterSet):
    class Meta:
        model = Action
        fields = ["section__roadmap", "status"]


class ActionViewSet(SnippetViewSet):
    model = Action
    icon = "tasks"
    menu_label = pgettext_lazy("road map", "Actions")
    list_display = ["__str__", "status", "progress", "due_date"]
    filterset_class = ActionFilterSet
    search_fields = ["title_kk", "title_ru", "title_en"]
    search_backend_name = None
    list_per_page = 50

    def get_queryset(self, request):
        return Action.objects.select_related("section", "section__roadmap")


class ProposalViewSet(SnippetViewSet):
    model = Proposal
    icon = "help"
    menu_label = _("NGO proposals")
    list_display = ["title", "organisation", "roadmap", "status"]
    list_filter = ["status", "roadmap"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Proposal.objects.select_related("roadmap", "organisation")


class RoadMapGroup(SnippetViewSetGroup):
    items = (RoadMapViewSet, SectionViewSet, ActionViewSet, ProposalViewSet)
    menu_icon = "list-ol"
    menu_label = _("Road maps")
    menu_name = "roadmaps"


register_snippet(RoadMapGroup)


admin_patterns = [
    path("<int:pk>/status/", admin_views.roadmap_status, name="status"),
    path("<int:pk>/import/", admin_views.roadmap_import, name="import"),
    path("proposals/", admin_views.proposal_queue, name="proposals"),
    path("proposals/<int:pk>/decide/", admin_views.proposal_decide, name="decide"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("roadmap-tools/", include((admin_patterns, "roadmaps_admin"), namespace="roadmaps_admin"))]


@hooks.register("register_admin_menu_item")
def register_proposals_menu_item():
    return PermissionMenuItem(
        _("Road-map proposals"), reverse("roadmaps_admin:proposals"), can_edit_roadmaps, icon_name="help", order=310
    )


@hooks.register("register_snippet_listing_buttons")
def roadmap_listing_buttons(snippet, user, next_url=None):
    if not can_edit_roadmaps(user):
        return []
    if isinstance(snippet, RoadMap):
        return [
            Button(_("Change status"), reverse("roadmaps_admin:status", args=[snippet.pk]), icon_name="resubmit"),
            Button(_("Import actions"), reverse("roadmaps_admin:import", args=[snippet.pk]), icon_name="upload"),
        ]
    if isinstance(snippet, Proposal) and snippet.status == Proposal.Status.SUBMITTED:
        return [Button(_("Accept or decline"), reverse("roadmaps_admin:decide", args=[snippet.pk]), icon_name="tick")]
    return []


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def record_partner_activity(request, instance):
    """Partners added in the admin are told to the NGO registry, as the service does."""
    if isinstance(instance, Action):
        services.action_record_partner_activity(action=instance)


@hooks.register("construct_homepage_panels")
def add_roadmaps_panel(request, panels):
    """Editors: NGO proposals waiting for a decision and road-map actions past their due date."""
    if not can_edit_roadmaps(request.user):
        return
    pending = Proposal.objects.pending().select_related("organisation").order_by("created_at", "pk")
    overdue = Action.objects.overdue().select_related("section__roadmap").order_by("due_date", "pk")
    proposals = dashboard.listing(
        _("Proposals to decide"),
        pending,
        reverse("roadmaps_admin:proposals") + "?status=submitted",
        lambda p: dashboard.Row(p.title, reverse("roadmaps_admin:decide", args=[p.pk]), p.organisation.name),
    )
    actions = dashboard.listing(
        _("Road-map actions past due"),
        overdue,
        reverse("wagtailsnippets_roadmaps_action:list") + "?overdue=true",
        lambda a: dashboard.Row(
            str(a),
            reverse("wagtailsnippets_roadmaps_action:edit", args=[a.pk]),
            date_format(a.due_date, "SHORT_DATE_FORMAT"),
        ),
    )
    panels.append(
        dashboard.CountsPanel(name="roadmaps_work", heading=_("Road maps"), sections=[proposals, actions], order=70)
    )
