"""The registry in the Wagtail admin: verification queue, organisations, initiatives, import, reference lists."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from hub import dashboard
from hub.admin_menu import PermissionMenuItem

from . import admin_views, services
from .models import FieldOfActivity, Initiative, Organisation, TargetGroup

MENU_HOOK = "register_ngos_menu_item"


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("verification/", admin_views.verification_queue, name="verification_queue"),
        path("organisations/", admin_views.organisation_index, name="organisation_index"),
        path("organisations/<int:pk>/", admin_views.organisation_review, name="organisation_review"),
        path("organisations/<int:pk>/decide/", admin_views.organisation_decide, name="organisation_decide"),
        path("initiatives/", admin_views.initiative_index, name="initiative_index"),
        path("initiatives/<int:pk>/", admin_views.initiative_handle, name="initiative_handle"),
        path(
            "initiatives/<int:pk>/attachments/<int:attachment_pk>/",
            admin_views.initiative_attachment,
            name="initiative_attachment",
        ),
        path(
            "organisations/<int:pk>/translations/",
            admin_views.texts_translate,
            {"kind": "organisation"},
            name="organisation_translations",
        ),
        path(
            "initiatives/<int:pk>/translations/",
            admin_views.texts_translate,
            {"kind": "initiative"},
            name="initiative_translations",
        ),
        path("news/", admin_views.news_index, name="news_index"),
        path("news/<int:pk>/", admin_views.news_moderate, name="news_moderate"),
        path("import/", admin_views.import_upload, name="import"),
        path("import/confirm/", admin_views.import_confirm, name="import_confirm"),
        path("export.<str:fmt>", admin_views.export_registry, name="export"),
    ]
    return [path("ngos/", include((urls, "ngos_admin"), namespace="ngos_admin"))]


@hooks.register("register_admin_menu_item")
def register_ngos_menu():
    return SubmenuMenuItem(_("NGO registry"), Menu(register_hook_name=MENU_HOOK), icon_name="group", order=250)


@hooks.register(MENU_HOOK)
def verification_menu_item():
    return PermissionMenuItem(
        _("Verification queue"),
        reverse("ngos_admin:verification_queue"),
        services.is_moderator,
        icon_name="tasks",
        order=10,
    )


@hooks.register(MENU_HOOK)
def organisations_menu_item():
    return PermissionMenuItem(
        _("Organisations"), reverse("ngos_admin:organisation_index"), services.is_moderator, icon_name="group", order=20
    )


@hooks.register(MENU_HOOK)
def initiatives_menu_item():
    return PermissionMenuItem(
        _("Initiatives"),
        reverse("ngos_admin:initiative_index"),
        services.is_initiative_staff,
        icon_name="doc-full",
        order=30,
    )


@hooks.register(MENU_HOOK)
def news_menu_item():
    return PermissionMenuItem(
        _("Organisations' news"), reverse("ngos_admin:news_index"), services.is_moderator, icon_name="comment", order=35
    )


@hooks.register(MENU_HOOK)
def import_menu_item():
    return PermissionMenuItem(
        _("Import organisations"),
        reverse("ngos_admin:import"),
        services.can_import,
        icon_name="upload",
        order=40,
    )


class FieldOfActivityViewSet(SnippetViewSet):
    model = FieldOfActivity
    icon = "tag"
    menu_label = _("Fields of activity")
    menu_hook = MENU_HOOK
    menu_order = 50
    list_display = ["name", "slug", "position"]
    search_fields = ["name_kk", "name_ru", "name_en"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "user"
    menu_label = _("Target groups")
    menu_hook = MENU_HOOK
    menu_order = 60
    list_display = ["name", "slug", "position"]
    search_fields = ["name_kk", "name_ru", "name_en"]


register_snippet(FieldOfActivityViewSet)
register_snippet(TargetGroupViewSet)


class VerificationQueuePanel(Component):
    """On the dashboard: organisations waiting for a moderator."""

    name = "ngos_verification_queue"
    template_name = "ngos/admin/dashboard_panel.html"
    order = 90

    def __init__(self, queue, count):
        self.queue = queue
        self.count = count

    def get_context_data(self, parent_context=None):
        return {"queue": self.queue, "count": self.count}


@hooks.register("construct_homepage_panels")
def add_changed_profiles_panel(request, panels):
    """Moderators: verified organisations whose profile changed after verification."""
    if not services.is_moderator(request.user):
        return
    section = dashboard.listing(
        _("Verified profiles changed since verification"),
        Organisation.objects.changed_since_verification().order_by("-updated_at", "pk"),
        reverse("ngos_admin:organisation_index") + "?status=verified&changed=1",
        lambda o: dashboard.Row(o.name, reverse("ngos_admin:organisation_review", args=[o.pk])),
    )
    identity = dashboard.listing(
        _("Identity changes awaiting review"),
        Organisation.objects.identity_under_review().order_by("pending_identity__created_at", "pk"),
        reverse("ngos_admin:verification_queue") + "#identity-changes",
        lambda o: dashboard.Row(o.name, reverse("ngos_admin:organisation_review", args=[o.pk]) + "#identity-change"),
    )
    panels.append(
        dashboard.CountsPanel(
            name="ngos_changed_profiles", heading=_("Registry changes"), sections=[identity, section], order=91
        )
    )


@hooks.register("construct_homepage_panels")
def add_initiatives_panel(request, panels):
    """Editors: initiatives waiting for the akimat's answer, oldest first."""
    if not services.is_initiative_staff(request.user):
        return
    section = dashboard.listing(
        _("Initiatives waiting for an answer"),
        Initiative.objects.awaiting_answer().select_related("organisation").order_by("submitted_at", "pk"),
        reverse("ngos_admin:initiative_index") + f"?status={admin_views.WAITING}",
        lambda i: dashboard.Row(i.title, reverse("ngos_admin:initiative_handle", args=[i.pk]), i.organisation.name),
    )
    panels.append(
        dashboard.CountsPanel(name="ngos_initiatives", heading=_("Initiatives"), sections=[section], order=60)
    )


@hooks.register("construct_homepage_panels")
def add_verification_panel(request, panels):
    if not services.is_moderator(request.user):
        return
    waiting = Organisation.objects.awaiting_verification().order_by("updated_at", "pk")
    panels.append(VerificationQueuePanel(list(waiting[:5]), waiting.count()))
