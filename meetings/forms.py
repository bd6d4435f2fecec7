"""Forms of the public meeting pages; the services do the rules, the forms the shapes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.forms import Form, ModelForm, TranslatedContentForm
from hub.i18n import LANGUAGE_CODES
from hub.models import Department
from ngos.models import FieldOfActivity

from .models import Assignment, Meeting, Question


class OrganisationChoiceMixin:
    def _set_organisations(self, organisations, required):
        field = self.fields["organisation"]
        field.queryset = organisations
        field.required = required
        if not required:
            field.empty_label = _("For myself")


class RegistrationForm(OrganisationChoiceMixin, Form):
    organisation = forms.ModelChoiceField(
        label=_("Register on behalf of"), queryset=None, required=False, empty_label=None
    )

    def __init__(self, *args, meeting, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_organisations(organisations, required=meeting.audience == Meeting.Audience.NGO)


class QuestionForm(OrganisationChoiceMixin, Form):
    organisation = forms.ModelChoiceField(label=_("On behalf of"), queryset=None, empty_label=None)
    text = forms.CharField(
        label=_("Your question for the agenda"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Editors read every question before it is published."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_organisations(organisations, required=True)


class AttendanceForm(Form):
    code = forms.CharField(
        label=_("Registration code"),
        max_length=12,
        help_text=_("Scan the QR code with the phone camera, or type the 8-character code."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off", "autofocus": True}),
    )


class ProgressUpdateForm(Form):
    status = forms.ChoiceField(label=_("Status"), choices=Assignment.Status.choices)
    comment = forms.CharField(label=_("What has been done"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


class CalendarFilterForm(Form):
    field = forms.ModelChoiceField(
        label=_("Field of activity"),
        queryset=FieldOfActivity.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All fields"),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds")), *Meeting.Kind.choices], required=False)

    def filter(self, meetings):
        if not self.is_valid():
            return meetings
        if self.cleaned_data["field"]:
            meetings = meetings.filter(fields_of_activity=self.cleaned_data["field"])
        if self.cleaned_data["kind"]:
            meetings = meetings.filter(kind=self.cleaned_data["kind"])
        return meetings


OVERDUE = "overdue"


class TrackerFilterForm(Form):
    department = forms.ModelChoiceField(
        label=_("Responsible body"),
        queryset=Department.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All bodies"),
    )
    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=Meeting.objects.published(),
        to_field_name="slug",
        required=False,
        widget=forms.HiddenInput,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *Assignment.Status.choices, (OVERDUE, _("Overdue"))],
        required=False,
    )

    def filter(self, assignments):
        if not self.is_valid():
            return assignments
        data = self.cleaned_data
        if data["department"]:
            assignments = assignments.filter(department=data["department"])
        if data["meeting"]:
            assignments = assignments.filter(meeting=data["meeting"])
        if data["status"] == OVERDUE:
            assignments = assignments.overdue()
        elif data["status"]:
            assignments = assignments.filter(status=data["status"])
        return assignments


class AnswerForm(TranslatedContentForm):
    """The answer given at the meeting, in the language it was given, with optional translations."""

    translated_fields = ("answer",)

    class Meta:
        model = Question
        fields = ["original_language", *(f"answer_{code}" for code in LANGUAGE_CODES)]
        widgets = {f"answer_{code}": forms.Textarea(attrs={"rows": 2}) for code in LANGUAGE_CODES}


# --- closing a meeting (the back office's one-screen flow) ----------------------------------


class CloseSummaryForm(Form):
    """The outcome summary, the attendance and the minutes decision of the close-the-meeting screen."""

    summary_kk = forms.CharField(label=_("Outcome summary (Kazakh)"), widget=forms.Textarea(attrs={"rows": 4}))
    summary_ru = forms.CharField(label=_("Outcome summary (Russian)"), widget=forms.Textarea(attrs={"rows": 4}))
    summary_en = forms.CharField(
        label=_("Outcome summary (English)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    attended = forms.MultipleChoiceField(
        label=_("Attended"), widget=forms.CheckboxSelectMultiple, required=False, choices=()
    )
    approve_minutes = forms.BooleanField(label=_("Approve and publish the minutes now"), required=False, initial=True)
    note = forms.CharField(label=_("Note on this version of the minutes"), max_length=300, required=False)

    def __init__(self, *args, registrations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [
            (str(r.pk), f"{r.user} · {r.organisation.name if r.organisation_id else '—'} · {r.code}")
            for r in registrations
        ]


class DecisionForm(Form):
    text_kk = forms.CharField(label=_("Decision (Kazakh)"), widget=forms.Textarea(attrs={"rows": 2}))
    text_ru = forms.CharField(label=_("Decision (Russian)"), widget=forms.Textarea(attrs={"rows": 2}))
    text_en = forms.CharField(label=_("Decision (English)"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class CloseAssignmentForm(ModelForm):
    """One assignment given at the meeting: what, which body, by when, and the road-map action it serves."""

    class Meta:
        model = Assignment
        fields = ["title_kk", "title_ru", "title_en", "department", "due_date", "roadmap_action"]
        widgets = {
            "title_kk": forms.Textarea(attrs={"rows": 2}),
            "title_ru": forms.Textarea(attrs={"rows": 2}),
            "title_en": forms.Textarea(attrs={"rows": 2}),
            "due_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        from wagtail.snippets.widgets import AdminSnippetChooser

        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.active().ordered()
        self.fields["department"].required = True
        action_field = self.fields["roadmap_action"]
        action_field.widget = AdminSnippetChooser(action_field.queryset.model)


DecisionFormSet = forms.formset_factory(DecisionForm, extra=2)
AssignmentFormSet = forms.modelformset_factory(Assignment, form=CloseAssignmentForm, extra=3)
