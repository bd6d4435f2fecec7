"""The channel's place in the Wagtail admin: the queue and audit log, and the lists editors manage."""

from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser as chooser_views
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet, SnippetViewSetGroup

from hub.admin_menu import PermissionMenuItem, PermissionSubmenuItem

from . import admin_views, dashboard, services
from .models import AnswerTemplate, Category, DepartmentStaff, Holiday, is_officer

admin_urls = [
    path("", admin_views.queue, name="queue"),
    path("bulk/", admin_views.queue_bulk, name="bulk"),
    path("audit/", admin_views.audit_log, name="audit"),
    path("case/<str:case_number>/", admin_views.case, name="case"),
    path("case/<str:case_number>/transition/", admin_views.case_transition, name="transition"),
    path("case/<str:case_number>/assign/", admin_views.case_assign, name="assign"),
    path("case/<str:case_number>/take/", admin_views.case_take, name="take"),
    path("case/<str:case_number>/note/", admin_views.case_note, name="note"),
    path("case/<str:case_number>/question/", admin_views.case_question, name="question"),
    path("case/<str:case_number>/answer/", admin_views.case_answer, name="answer"),
    path("reply/", admin_views.department_reply, name="reply"),
    path("case/<str:case_number>/publish/", admin_views.case_publish, name="publish"),
    path("case/<str:case_number>/unpublish/", admin_views.case_unpublish, name="unpublish"),
    path("case/<str:case_number>/hold/", admin_views.case_hold, name="hold"),
    path("case/<str:case_number>/files/<uuid:token>/", admin_views.case_attachment, name="attachment"),
    path("case/<str:case_number>/<str:kind>.pdf", admin_views.case_pdf, name="pdf"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("adaldyq/", include((admin_urls, "anticorruption_admin")))]


def handles_reports(user):
    return is_officer(user) or DepartmentStaff.objects.filter(user=user).exists()


@hooks.register("register_admin_menu_item")
def register_channel_menu():
    menu = Menu(
        items=[
            PermissionMenuItem(
                _("Report queue"), reverse("anticorruption_admin:queue"), handles_reports, icon_name="list-ul", order=1
            ),
            PermissionMenuItem(
                _("Audit log"), reverse("anticorruption_admin:audit"), is_officer, icon_name="history", order=2
            ),
            PermissionMenuItem(
                _("Reply in the statistics"),
                reverse("anticorruption_admin:reply"),
                handles_reports,
                icon_name="comment",
                order=3,
            ),
        ]
    )
    return PermissionSubmenuItem(
        _("Adaldyq alany"), menu, handles_reports, icon_name="warning", name="adaldyq-alany", order=250
    )


class ReportsPanel(Component):
    """On the dashboard of officers and department staff: reports by urgency, mine, per status."""

    name = "anticorruption_reports"
    template_name = "anticorruption/admin/dashboard_panel.html"
    order = 50

    def __init__(self, context):
        self.context = context

    def get_context_data(self, parent_context=None):
        return self.context


@hooks.register("construct_homepage_panels")
def add_reports_panel(request, panels):
    officer = is_officer(request.user)
    if officer or DepartmentStaff.objects.filter(user=request.user).exists():
        panels.append(ReportsPanel(dashboard.reports_context(request.user, officer=officer)))


class HolidayCreateView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.holiday_add(
            date=data["date"],
            name_kk=data["name_kk"],
            name_ru=data["name_ru"],
            name_en=data.get("name_en", ""),
            kind=data["kind"],
            decree=data.get("decree", ""),
            actor=self.request.user,
        )


class HolidayEditView(EditView):
    def save_instance(self):
        old_date = self.form.initial.get("date")
        instance = super().save_instance()
        services.deadlines_recompute(since=min(d for d in (old_date, instance.date) if d), actor=self.request.user)
        return instance


@hooks.register("after_delete_snippet")
def recompute_after_holiday_delete(request, instances):
    dates = [instance.date for instance in instances if isinstance(instance, Holiday)]
    if dates:
        services.deadlines_recompute(since=min(dates), actor=request.user)


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Report categories")
    list_display = ["name", "default_department", "is_active", "sort_order"]
    list_filter = ["is_active"]


class AnswerTemplateViewSet(SnippetViewSet):
    model = AnswerTemplate
    icon = "doc-full"
    menu_label = _("Answer templates")
    list_display = ["title", "category", "language"]
    list_filter = ["category", "language"]


class HolidayViewSet(SnippetViewSet):
    model = Holiday
    icon = "date"
    menu_label = _("Working calendar")
    list_display = ["date", "kind", "name", "decree"]
    list_filter = ["kind"]
    add_view_class = HolidayCreateView
    edit_view_class = HolidayEditView


class DepartmentStaffCreateView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.department_staff_add(user=data["user"], department=data["department"])


class OfficersOnly:
    """Who handles reports for which body is for administrators and officers only, choosers included."""

    def dispatch(self, request, *args, **kwargs):
        if not is_officer(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DepartmentStaffChooserViewSet(SnippetChooserViewSet):
    choose_view_class = type("ChooseView", (OfficersOnly, chooser_views.ChooseView), {})
    choose_results_view_class = type("ChooseResultsView", (OfficersOnly, chooser_views.ChooseResultsView), {})
    chosen_view_class = type("ChosenView", (OfficersOnly, chooser_views.SnippetChosenView), {})
    chosen_multiple_view_class = type("ChosenMultipleView", (OfficersOnly, chooser_views.SnippetChosenMultipleView), {})
    create_view_class = type("CreateView", (OfficersOnly, chooser_views.SnippetCreateView), {})


class DepartmentStaffViewSet(SnippetViewSet):
    model = DepartmentStaff
    icon = "user"
    menu_label = _("Department staff")
    list_display = ["user", "department"]
    list_filter = ["department"]
    add_view_class = DepartmentStaffCreateView
    chooser_viewset_class = DepartmentStaffChooserViewSet


class ChannelSettingsGroup(SnippetViewSetGroup):
    items = (CategoryViewSet, AnswerTemplateViewSet, HolidayViewSet, DepartmentStaffViewSet)
    menu_icon = "cog"
    menu_label = _("Adaldyq alany settings")
    menu_name = "adaldyq-alany-settings"


register_snippet(ChannelSettingsGroup)
