"""Forms for registering and editing organisations, inviting colleagues and proposing initiatives."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from hub.forms import Form, ModelForm, TranslatedContentForm
from hub.i18n import LANGUAGE_CODES
from hub.models import Department, District
from hub.uploads import validate_document

from .models import FieldOfActivity, Initiative, Membership, NewsPost, Organisation, TargetGroup
from .validators import validate_bin

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_EXTENSIONS = ("pdf", "docx", "xlsx", "odt", "ods", "jpg", "jpeg", "png")


class IdentityForm(ModelForm):
    """Step 1: who the organisation is."""

    class Meta:
        model = Organisation
        fields = [
            "name_kk",
            "name_ru",
            "name_en",
            "short_name",
            "legal_form",
            "bin",
            "registration_date",
            "founding_year",
        ]
        widgets = {"registration_date": forms.DateInput(attrs={"type": "date"})}

    def clean_bin(self):
        value = (self.cleaned_data.get("bin") or "").strip()
        validate_bin(value)
        if Organisation.objects.exclude(pk=self.instance.pk).filter(bin=value).exists():
            raise forms.ValidationError(_("An organisation with this BIN is already registered."))
        return value


def language_columns(*names):
    return [f"{name}_{code}" for name in names for code in LANGUAGE_CODES]


class ActivityForm(TranslatedContentForm):
    """Step 2: what it does, for whom and where."""

    translated_fields = ("description",)

    fields = forms.ModelMultipleChoiceField(
        label=_("Fields of activity"),
        queryset=FieldOfActivity.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"),
        queryset=TargetGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Districts"),
        queryset=District.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Organisation
        fields = [
            "fields",
            "target_groups",
            "districts",
            "city_wide",
            "original_language",
            *language_columns("description"),
            "staff_count",
            "volunteer_count",
        ]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("city_wide") and not cleaned.get("districts"):
            self.add_error("districts", _("Choose at least one district, or mark the organisation as city-wide."))
        return cleaned


class ContactsForm(ModelForm):
    """Step 3: how to reach it."""

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ["address", "phone", "email", "website", "social_links", "logo"]
        widgets = {"social_links": forms.Textarea(attrs={"rows": 3})}

    def clean_social_links(self):
        lines = [line.strip() for line in self.cleaned_data.get("social_links", "").splitlines() if line.strip()]
        validate = URLValidator(schemes=["http", "https"])
        for line in lines:
            try:
                validate(line)
            except ValidationError as error:
                raise forms.ValidationError(_("Each line must be a web address starting with https://.")) from error
        return "\n".join(lines)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone"):
            self.add_error("email", _("Give an email address or a phone number."))
        return cleaned


REGISTRATION_STEPS = [
    ("identity", _("Organisation"), IdentityForm),
    ("activity", _("Activity"), ActivityForm),
    ("contacts", _("Contacts"), ContactsForm),
]
M2M_FIELDS = ("fields", "target_groups", "districts")


def split_m2m(cleaned_data):
    """Plain field values and many-to-many values, as the services take them."""
    data = {k: v for k, v in cleaned_data.items() if k not in M2M_FIELDS}
    m2m = {k: v for k, v in cleaned_data.items() if k in M2M_FIELDS}
    return data, m2m


class RejectForm(Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)


class InvitationForm(Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)


class RoleForm(Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


INITIATIVE_TEXTS = ("title", "problem", "proposal", "expected_result")


class InitiativeForm(TranslatedContentForm):
    translated_fields = required_translated = INITIATIVE_TEXTS
    asks = forms.MultipleChoiceField(
        label=_("What it asks of the akimat"),
        choices=Initiative.Ask.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_("PDF, office document or image, up to 10 MB."),
    )

    class Meta:
        model = Initiative
        fields = [
            "original_language",
            *language_columns(*INITIATIVE_TEXTS),
            "field",
            "district",
            "asks",
        ]

    def clean_attachment(self):
        file = self.cleaned_data.get("attachment")
        if not file:
            return None
        if file.size > ATTACHMENT_MAX_BYTES:
            raise forms.ValidationError(_("The file is too large: at most 10 MB."))
        validate_document(file, ATTACHMENT_EXTENSIONS)
        return file


class NewsPostForm(TranslatedContentForm):
    """A member writes news in their language; the other languages are optional."""

    translated_fields = required_translated = ("title", "body")

    class Meta:
        model = NewsPost
        fields = ["original_language", *language_columns("title", "body")]
        widgets = {f"body_{code}": forms.Textarea(attrs={"rows": 10}) for code in LANGUAGE_CODES}
        help_texts = {f"body_{code}": _("Plain text; an empty line starts a new paragraph.") for code in LANGUAGE_CODES}


class InitiativeTransitionForm(Form):
    """Staff move an initiative one step, with the official answer where one is required."""

    to_status = forms.ChoiceField(label=_("New status"))
    department = forms.ModelChoiceField(
        label=_("Responsible body"), queryset=Department.objects.active(), required=False
    )
    comment = forms.CharField(
        label=_("Comment or official answer"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
    )

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Initiative.Status.choices)
        self.fields["to_status"].choices = [(value, labels[value]) for value in allowed]


class OrganisationTextsForm(TranslatedContentForm):
    """Editors add or correct the translations of an organisation's description (back office)."""

    translated_fields = ("description",)

    class Meta:
        model = Organisation
        fields = ["original_language", *language_columns("description")]


class InitiativeTextsForm(TranslatedContentForm):
    """Editors add or correct the translations of an initiative's texts and of its official answer (back office)."""

    translated_fields = (*INITIATIVE_TEXTS, "official_answer")
    required_translated = INITIATIVE_TEXTS

    class Meta:
        model = Initiative
        fields = ["original_language", *language_columns(*INITIATIVE_TEXTS, "official_answer")]
