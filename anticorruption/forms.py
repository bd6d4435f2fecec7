"""Forms of the public channel and of the officers' back office."""

import datetime
import secrets
import time

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from hub.forms import Form, TranslatedContentForm
from hub.i18n import LANGUAGE_CODES
from hub.models import Department, District

from . import codes, files
from .models import (
    LANGUAGE_CHOICES,
    OUTCOME_TEXTS,
    OWN_FORM_TARGETS,
    Anonymity,
    AnswerTemplate,
    Category,
    DepartmentReply,
    Kind,
    PublishedOutcome,
    Report,
    ReporterFeedback,
    allowed_targets,
)

TOKEN_SALT = "anticorruption.file-form"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


ANONYMITY_HELP = {
    Anonymity.ANONYMOUS: _(
        "We store no name, contact, address of your computer or account. You follow the case only with the "
        "receipt code. Under Kazakhstan's rules an anonymous appeal is considered only where it reports an offence."
    ),
    Anonymity.CONFIDENTIAL: _(
        "You leave a contact, but only the officer handling the case sees it. Your name is never passed on to the "
        "body you report about."
    ),
    Anonymity.IDENTIFIED: _(
        "A formal appeal with your name and contact: it is answered within the legal deadline and the responsible "
        "body sees who wrote it."
    ),
}


def new_form_token():
    """A signed, dated one-time token: a report can be filed once per form shown."""
    return signing.dumps({"t": int(time.time()), "n": secrets.token_hex(8)}, salt=TOKEN_SALT)


class ReportForm(Form):
    """What the public fills in; the status, deadlines and department are never taken from it."""

    kind = forms.ChoiceField(label=_("What do you want to send?"), choices=Kind.choices, widget=forms.RadioSelect)
    category = forms.ModelChoiceField(
        label=_("Subject"), queryset=Category.objects.none(), empty_label=_("Choose a subject")
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.none(), required=False, empty_label=_("Not specified")
    )
    concerned_body = forms.CharField(label=_("Body or official concerned"), max_length=300, required=False)
    description = forms.CharField(
        label=_("What happened?"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Facts help most: what, who, how much. At most 10,000 characters."),
    )
    occurred = forms.CharField(label=_("When?"), max_length=200, required=False)
    location = forms.CharField(label=_("Where?"), max_length=300, required=False)
    language = forms.ChoiceField(label=_("Language of the answer"), choices=LANGUAGE_CHOICES)
    anonymity = forms.ChoiceField(
        label=_("How should we treat you?"), choices=Anonymity.choices, widget=forms.RadioSelect
    )
    reporter_name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    reporter_email = forms.EmailField(
        label=_("Email"), required=False, help_text=_("We only write that there is news; never the content.")
    )
    reporter_phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    news_email = forms.EmailField(
        label=_("Email for news of your case (optional)"),
        required=False,
        help_text=_(
            "Only for anonymous reports. We write only that there is news, never anything from the report. "
            "The address is kept apart from the report, staff never see it, and it is deleted when the case "
            "closes or when you withdraw it (a link in every email and on the tracking page)."
        ),
    )
    publication_consent = forms.BooleanField(
        label=_("The outcome may be published in anonymised form, written by the officer."), required=False
    )
    attachments = MultipleFileField(
        label=_("Files"),
        required=False,
        help_text=_("Up to 5 files: images (JPEG, PNG, WebP, GIF), PDF or office documents, 5 MB each."),
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    form_token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(is_active=True).select_related("default_department")
        self.fields["district"].queryset = District.objects.ordered()
        self.fields["language"].initial = (get_language() or "kk")[:2]
        self.fields["anonymity"].initial = Anonymity.ANONYMOUS
        if not self.is_bound and "form_token" not in self.initial:
            self.initial["form_token"] = new_form_token()
        self.checked_files = []

    def anonymity_choices(self):
        return [(value, label, ANONYMITY_HELP[value]) for value, label in Anonymity.choices]

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise ValidationError(_("This report could not be accepted."))
        return ""

    def clean_form_token(self):
        try:
            signing.loads(self.cleaned_data["form_token"], salt=TOKEN_SALT, max_age=24 * 3600)
        except signing.BadSignature:
            raise ValidationError(_("The form has expired. Please fill it in again."))
        return self.cleaned_data["form_token"]

    def clean_description(self):
        value = self.cleaned_data["description"].strip()
        if len(value) < 10:
            raise ValidationError(_("Please describe what happened in a few words."))
        return value

    def clean_attachments(self):
        self.checked_files = files.check_uploads(self.cleaned_data["attachments"])
        return self.cleaned_data["attachments"]

    def clean(self):
        cleaned = super().clean()
        anonymity = cleaned.get("anonymity")
        if anonymity == Anonymity.ANONYMOUS:
            for name in ("reporter_name", "reporter_email", "reporter_phone"):
                cleaned[name] = ""
        else:
            cleaned["news_email"] = ""  # reporters who are not anonymous hear at their own contact
        if (
            anonymity
            and anonymity != Anonymity.ANONYMOUS
            and not (cleaned.get("reporter_email") or cleaned.get("reporter_phone"))
        ):
            self.add_error("reporter_email", _("Leave an email or a phone number, or choose anonymous."))
        if anonymity == Anonymity.IDENTIFIED and not cleaned.get("reporter_name"):
            self.add_error("reporter_name", _("A formal appeal needs your name."))
        return cleaned


class ReceiptForm(Form):
    """Case number and receipt code: the only way back to a report."""

    case_number = forms.CharField(label=_("Case number"), max_length=30)
    receipt_code = forms.CharField(
        label=_("Receipt code"),
        max_length=40,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
        help_text=_("16 digits; spaces do not matter."),
    )


class ReceiptSavedForm(Form):
    case_number = forms.CharField(widget=forms.HiddenInput)
    receipt_code = forms.CharField(widget=forms.HiddenInput)
    saved = forms.BooleanField(label=_("I have written down, printed or saved the receipt code."))

    def clean(self):
        cleaned = super().clean()
        number, code = (
            codes.normalise_case_number(cleaned.get("case_number")),
            codes.normalise_receipt(cleaned.get("receipt_code")),
        )
        if not number or not code:
            raise ValidationError(_("The case number or receipt code is not valid."))
        return cleaned


class ReplyForm(Form):
    body = forms.CharField(label=_("Your reply or additional information"), max_length=10000, widget=forms.Textarea)
    attachments = MultipleFileField(label=_("Files"), required=False)

    def __init__(self, *args, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        self.checked_files = []

    def clean_attachments(self):
        already = self.report.attachments.count() if self.report else 0
        self.checked_files = files.check_uploads(self.cleaned_data["attachments"], already=already)
        return self.cleaned_data["attachments"]


class ReopenForm(Form):
    comment = forms.CharField(label=_("Why do you reopen the case?"), max_length=1000, widget=forms.Textarea)


class FeedbackForm(Form):
    resolved = forms.ChoiceField(
        label=_("Was it resolved?"), choices=ReporterFeedback.Resolved.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Do not write your name or contacts here."),
    )


class VerifyForm(Form):
    sha256 = forms.RegexField(
        label=_("SHA-256 printed on the document"), regex=r"^\s*[0-9a-fA-F]{64}\s*$", required=False
    )
    document = forms.FileField(label=_("…or the PDF file itself"), required=False)


# --- Back office ------------------------------------------------------------------------------


class QueueFilterForm(Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any"))] + list(Report.Status.choices), required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("Any"))] + list(Kind.choices), required=False)
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.all(), required=False)
    department = forms.ModelChoiceField(label=_("Responsible body"), queryset=Department.objects.all(), required=False)
    district = forms.ModelChoiceField(label=_("District"), queryset=District.objects.all(), required=False)
    due = forms.ChoiceField(
        label=_("Deadline"),
        choices=[
            ("", _("Any")),
            ("running", _("Golden hour running")),
            ("unacknowledged", _("Golden hour over, not acknowledged")),
            ("soon", _("Due within 3 days")),
            ("overdue", _("Overdue")),
            ("golden", _("Golden hour missed")),
            ("triage", _("Not assigned or redirected in time")),
        ],
        required=False,
    )
    q = forms.CharField(label=_("Case number"), required=False)
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)
    sort = forms.ChoiceField(
        label=_("Order"),
        choices=[("", _("Most urgent first")), ("newest", _("Newest first")), ("oldest", _("Oldest first"))],
        required=False,
    )


class BulkActionForm(Form):
    """Acknowledge or assign several reports at once from the queue; each goes through its service."""

    ACKNOWLEDGE, ASSIGN = "acknowledge", "assign"

    cases = forms.MultipleChoiceField(label=_("Reports"), choices=())
    action = forms.ChoiceField(
        label=pgettext_lazy("bulk action", "Action"),
        choices=[(ACKNOWLEDGE, _("Acknowledge")), (ASSIGN, _("Assign to a responsible body"))],
    )
    department = forms.ModelChoiceField(
        label=_("Responsible body"), queryset=Department.objects.active(), required=False
    )

    def __init__(self, *args, case_numbers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].choices = [(number, number) for number in case_numbers]

    def clean(self):
        data = super().clean()
        if data.get("action") == self.ASSIGN and not data.get("department"):
            self.add_error("department", _("Choose the responsible body."))
        return data


class VersionedForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class TransitionForm(VersionedForm):
    to_status = forms.ChoiceField(label=_("New status"))
    comment = forms.CharField(
        label=_("Comment or reason"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    redirected_to = forms.CharField(label=_("Redirected to (for a redirect)"), max_length=300, required=False)
    eotinish_number = forms.CharField(label=_("e-Otinish case number"), max_length=40, required=False)
    duplicate_of = forms.CharField(label=_("Duplicate of case number"), max_length=30, required=False)
    new_due_date = forms.DateField(
        label=_("New answer date (for an extension)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    EXTRA_FIELDS = {
        Report.Status.REDIRECTED: ("redirected_to", "eotinish_number"),
        Report.Status.REJECTED: ("duplicate_of",),
        Report.Status.EXTENDED: ("new_due_date",),
    }

    def __init__(self, *args, report, role, **kwargs):
        super().__init__(*args, **kwargs)
        targets = [t for t in allowed_targets(report.status, role) if t not in OWN_FORM_TARGETS]
        self.fields["to_status"].choices = [(s, Report.Status(s).label) for s in targets]
        # Only the fields a reachable status needs: no redirect box on a case that cannot be redirected.
        for status, names in self.EXTRA_FIELDS.items():
            if status not in targets:
                for name in names:
                    del self.fields[name]

    def clean_duplicate_of(self):
        number = self.cleaned_data["duplicate_of"].strip()
        if not number:
            return None
        original = Report.objects.filter(case_number=codes.normalise_case_number(number) or "").first()
        if original is None:
            raise ValidationError(_("No case with this number."))
        return original


class AssignForm(VersionedForm):
    department = forms.ModelChoiceField(label=_("Responsible body"), queryset=Department.objects.active())
    comment = forms.CharField(label=_("Comment"), max_length=1000, required=False)


class NoteForm(Form):
    body = forms.CharField(
        label=_("Internal note (the reporter never sees it)"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class QuestionForm(VersionedForm):
    body = forms.CharField(
        label=_("Question to the reporter"), max_length=10000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(VersionedForm):
    body = forms.CharField(label=_("Answer"), max_length=10000, widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.templates = AnswerTemplate.objects.filter(category_id=report.category_id, language=report.language)


# ASCII digits, years 1900-2099: the statistics add and subtract months, which must stay valid dates.
MONTH = r"^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$"


class MonthField(forms.RegexField):
    def __init__(self, **kwargs):
        super().__init__(regex=MONTH, required=False, widget=forms.TextInput(attrs={"type": "month"}), **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        year, month = value.split("-")
        return datetime.date(int(year), int(month), 1)


class StatsFilterForm(Form):
    start = MonthField(label=_("From (month)"))
    end = MonthField(label=_("To (month)"))
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("Any"))] + list(Kind.choices), required=False)
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.none(), required=False, empty_label=_("All districts")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.ordered()


class OutcomeFilterForm(Form):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.all(), required=False, empty_label=_("All categories")
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.none(), required=False, empty_label=_("All districts")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.ordered()


def _columns(*names):
    return [f"{name}_{code}" for name in names for code in LANGUAGE_CODES]


class OutcomeForm(TranslatedContentForm):
    """The officer writes in the report's language (unless they choose another) and may add translations."""

    translated_fields = required_translated = OUTCOME_TEXTS

    class Meta:
        model = PublishedOutcome
        fields = ["original_language", *_columns(*OUTCOME_TEXTS)]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in _columns("summary", "outcome")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[f"summary_{self.author_language}"].help_text = _(
            "Write it yourself: no names, no addresses, nothing copied that could identify the reporter."
        )

    def service_arguments(self):
        """``outcome_publish`` keywords: the texts in the author's language and the other columns."""
        language = self.cleaned_data["original_language"]
        texts = {name: self.cleaned_data[f"{name}_{language}"] for name in OUTCOME_TEXTS}
        others = {column: self.cleaned_data[column] for column in _columns(*OUTCOME_TEXTS)}
        return {**texts, "language": language, "translations": others}


class LegalHoldForm(Form):
    """Place or lift a legal hold: the button says which, the hidden field carries it, nothing is pre-ticked."""

    hold = forms.TypedChoiceField(
        choices=[("on", "on"), ("off", "off")], coerce=lambda value: value == "on", widget=forms.HiddenInput
    )
    reason = forms.CharField(label=_("Reason"), max_length=500)


class DepartmentReplyForm(TranslatedContentForm):
    translated_fields = required_translated = ("text",)

    class Meta:
        model = DepartmentReply
        fields = ["original_language", *_columns("text")]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in _columns("text")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[f"text_{self.author_language}"].label = _("Reply shown beside your row in the statistics")

    def service_arguments(self):
        language = self.cleaned_data["original_language"]
        others = {column: self.cleaned_data[column] for column in _columns("text")}
        return {"text": self.cleaned_data[f"text_{language}"], "language": language, "translations": others}
