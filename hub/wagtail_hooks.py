from django import forms
from django.db.models import Q
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser as chooser_views
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import task_admin
from .admin_menu import PermissionMenuItem
from .models import Department, District


class DepartmentSearchForm(BaseFilterForm):
    """The department chooser's search box: names in any language, in the database."""

    q = forms.CharField(
        label=_("Search term"), widget=forms.TextInput(attrs={"placeholder": _("Search")}), required=False
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            names = Q(name_kk__icontains=query) | Q(name_ru__icontains=query) | Q(name_en__icontains=query)
            objects = objects.filter(names | Q(slug__icontains=query))
            self.is_searching, self.search_query = True, query
        return objects


class DepartmentChooserViewSet(SnippetChooserViewSet):
    choose_view_class = type("ChooseView", (chooser_views.ChooseView,), {"filter_form_class": DepartmentSearchForm})
    choose_results_view_class = type(
        "ChooseResultsView", (chooser_views.ChooseResultsView,), {"filter_form_class": DepartmentSearchForm}
    )


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = _("Responsible bodies")
    list_display = ["name", "kind", "district", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name_kk", "name_ru", "name_en"]
    # Departments are not in Wagtail's search index: search their names in the database.
    search_backend_name = None
    chooser_viewset_class = DepartmentChooserViewSet


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    menu_label = _("Districts")
    list_display = ["name", "slug"]


class ReferenceDataGroup(SnippetViewSetGroup):
    items = (DepartmentViewSet, DistrictViewSet)
    menu_icon = "list-ul"
    menu_label = _("Reference data")
    menu_name = "reference-data"


register_snippet(ReferenceDataGroup)


@hooks.register("register_admin_urls")
def register_task_admin_urls():
    patterns = [
        path("", task_admin.failed_tasks, name="failed"),
        path("<uuid:pk>/retry/", task_admin.retry_task, name="retry"),
        path("imports/<int:pk>/", task_admin.import_run, name="import_run"),
    ]
    return [path("background-tasks/", include((patterns, "hub_tasks_admin"), namespace="hub_tasks_admin"))]


@hooks.register("register_settings_menu_item")
def register_failed_tasks_menu_item():
    return PermissionMenuItem(
        _("Failed background tasks"), reverse("hub_tasks_admin:failed"), lambda user: user.is_superuser,
        icon_name="warning", order=900,
    )  # fmt: skip
