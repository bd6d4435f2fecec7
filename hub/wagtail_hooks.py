from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser as chooser_views
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
