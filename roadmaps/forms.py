"""Public forms: a progress update on an action, and an NGO's proposal for a drafting road map."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hub.forms import Form
from hub.models import Department
from hub.uploads import validate_document

from .models import EVIDENCE_EXTENSIONS, EVIDENCE_MAX_BYTES, Action, Indicator, Section
from .services import ACTION_TRANSITIONS


class DateInput(forms.DateInput):
    input_type = "date"


class ProgressUpdateForm(Form):
    occurred_on = forms.DateField(label=_("Date"), widget=DateInput)
    note = forms.CharField(
        label=pgettext_lazy("progress update", "What happened"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
    status = forms.ChoiceField(label=_("New status"), required=False)
    progress = forms.IntegerField(label=_("New progress, %"), required=False, help_text=_("From 0 to 100."))
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none(), required=False)
    indicator_value = forms.CharField(label=_("New actual value of the indicator"), required=False, max_length=30)
    evidence_title = forms.CharField(label=_("Evidence title"), required=False, max_length=200)
    evidence_url = forms.URLField(label=_("Evidence link"), required=False, assume_scheme="https")
    evidence_document = forms.FileField(
        label=_("Evidence document"),
        required=False,
        help_text=_("PDF, office document or photo, up to 10 MB."),
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = ACTION_TRANSITIONS[action.status]
        self.fields["status"].choices = [("", _("No change"))] + [
            (value, label) for value, label in Action.Status.choices if value in allowed
        ]
        self.fields["indicator"].queryset = action.indicators.all()

    def clean_evidence_document(self):
        document = self.cleaned_data.get("evidence_document")
        if document:
            if document.size > EVIDENCE_MAX_BYTES:
                raise ValidationError(_("The document is larger than 10 MB."))
            validate_document(document, EVIDENCE_EXTENSIONS)
        return document

    def clean(self):
        data = super().clean()
        if (data.get("evidence_url") or data.get("evidence_document")) and not data.get("evidence_title"):
            self.add_error("evidence_title", _("Give the evidence a title."))
        if data.get("indicator_value") and not data.get("indicator"):
            self.add_error("indicator", _("Choose the indicator this value is for."))
        return data

    def service_arguments(self):
        data = self.cleaned_data
        evidence = []
        if data.get("evidence_url") or data.get("evidence_document"):
            evidence.append(
                {
                    "title": data["evidence_title"],
                    "url": data.get("evidence_url") or "",
                    "document": data.get("evidence_document") or "",
                }
            )
        return {
            "occurred_on": data["occurred_on"],
            "note": data["note"],
            "status": data.get("status") or "",
            "progress": data.get("progress"),
            "indicator": data.get("indicator"),
            "indicator_value": data.get("indicator_value") or None,
            "evidence": evidence,
        }


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class OrganisationMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ProposalForm(Form):
    organisation = OrganisationChoiceField(label=_("On behalf of"), queryset=None)
    section = forms.ModelChoiceField(label=_("Section"), queryset=Section.objects.none(), required=False)
    title = forms.CharField(label=_("Proposed action"), max_length=300)
    rationale = forms.CharField(
        label=_("Rationale"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_("What problem the action solves and what will change for residents."),
    )
    partners = OrganisationMultipleChoiceField(
        label=_("Partner organisations"),
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("Choose partners among verified NGOs.")},
    )

    def __init__(self, *args, roadmap, organisations, **kwargs):
        from ngos.models import Organisation

        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["section"].queryset = roadmap.sections.order_by("number")
        self.fields["partners"].queryset = Organisation.objects.verified().ordered()


class AcceptProposalForm(Form):
    section = forms.ModelChoiceField(label=_("Section"), queryset=Section.objects.none())
    start_date = forms.DateField(label=_("Start date"), widget=DateInput)
    due_date = forms.DateField(label=_("Due date"), widget=DateInput)
    departments = forms.ModelMultipleChoiceField(label=_("Responsible bodies"), queryset=Department.objects.none())
    comment = forms.CharField(label=_("Comment to the NGO"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = proposal.roadmap.sections.order_by("number")
        self.fields["section"].initial = proposal.section_id
        self.fields["departments"].queryset = Department.objects.active().ordered()

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("due_date") and data["due_date"] < data["start_date"]:
            self.add_error("due_date", _("The due date cannot be before the start date."))
        return data


class DeclineProposalForm(Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4}), max_length=3000)


class RoadMapTransitionForm(Form):
    to_status = forms.ChoiceField(label=_("New status"))
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, roadmap, **kwargs):
        from .services import ROADMAP_TRANSITIONS

        super().__init__(*args, **kwargs)
        allowed = ROADMAP_TRANSITIONS[roadmap.status]
        self.fields["to_status"].choices = [(v, label) for v, label in roadmap.Status.choices if v in allowed]


class ImportForm(Form):
    file = forms.FileField(label=_("XLSX file"), help_text=_("The same columns as the XLSX export."))
