"""The hub's form bases and shared forms.

Every form of the hub derives from ``Form`` or ``ModelForm`` here: a single-line text field (a plain
CharField that is no textarea, hidden or password input) gets its line breaks turned into a space, and
no text field keeps NUL, control or direction-override characters (``hub.text``). Model forms of the
Wagtail admin get the same through ``SingleLineField`` (registered in ``hub.wagtail_hooks``).
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.documents.forms import BaseDocumentForm

from .i18n import IN_LANGUAGE, LANGUAGE_CODES, active_language
from .models import User
from .text import check_text, single_line
from .uploads import KIND_OF_EXTENSION, extension_of, validate_document

MULTI_LINE_OR_SECRET = (forms.Textarea, forms.HiddenInput, forms.PasswordInput)


class SingleLineField(forms.CharField):
    """A one-line text: line breaks become a space, invisible control characters are refused."""

    def to_python(self, value):
        return single_line(super().to_python(value))


def is_single_line(field):
    return type(field) in (forms.CharField, SingleLineField) and not isinstance(field.widget, MULTI_LINE_OR_SECRET)


class TypedTextMixin:
    """Typed text cleaned as ``hub.text`` says: single-line fields made one line, control characters refused."""

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            field = self.fields.get(name)
            if field is None or not isinstance(value, str):
                continue
            try:
                cleaned[name] = single_line(value) if is_single_line(field) else check_text(value)
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned


class Form(TypedTextMixin, forms.Form):
    pass


class ModelForm(TypedTextMixin, forms.ModelForm):
    pass


class DocumentForm(BaseDocumentForm):
    """Wagtail documents (``WAGTAILDOCS_DOCUMENT_FORM_BASE``) are public downloads: a PDF or office
    document is checked as the site's other document fields are (``hub.uploads.validate_document``)."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and extension_of(file.name) in KIND_OF_EXTENSION:
            validate_document(file, extensions=settings.WAGTAILDOCS_EXTENSIONS)
        return file


class ProfileForm(ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "language"]


class TranslatedContentForm(ModelForm):
    """A model form for text people write in their language, with the other languages optional.

    ``translated_fields`` names translated attributes (``"problem"`` for ``problem_kk``,
    ``problem_ru``, ``problem_en``) and ``required_translated`` those that must be written in
    the author's language; ``Meta.fields`` lists the columns and ``original_language``. The
    author's language is the one posted, else the stored one, else an initial one, else the page's. Its columns sit
    in the form's flow; the other languages' columns go into one fieldset each
    (:meth:`language_fieldsets`, rendered by ``includes/form_fields.html``).
    """

    translated_fields = ()
    required_translated = ()

    def __init__(self, *args, **kwargs):
        # An explicit initial language (an outcome starts in its report's language) beats the page's.
        self.requested_language = (kwargs.get("initial") or {}).get("original_language")
        super().__init__(*args, **kwargs)
        self.author_language = self._author_language()
        self.initial.setdefault("original_language", self.author_language)
        language = self.fields["original_language"]
        language.required = False
        language.label = pgettext_lazy("content language", "Language you write in")
        language.help_text = _("Fields in this language are required; you may add the other languages below.")
        for name in self.translated_fields:
            for code in LANGUAGE_CODES:
                field = self.fields[f"{name}_{code}"]
                field.required = code == self.author_language and name in self.required_translated
                field.label = capfirst(field.label)
                # The text typed here is in that language, whatever the page's (WCAG 3.1.2).
                field.widget.attrs["lang"] = code
        self._place_language_choice()

    def _update_errors(self, errors):
        # The model's clean() requires the original language's text too: say it once per field.
        if hasattr(errors, "error_dict"):
            errors = forms.ValidationError({k: v for k, v in errors.error_dict.items() if k not in self.errors})
            if not errors.error_dict:
                return
        super()._update_errors(errors)

    def clean_original_language(self):
        return self.cleaned_data.get("original_language") or self.author_language

    def _author_language(self):
        posted = self.data.get(self.add_prefix("original_language")) if self.is_bound else None
        if posted in LANGUAGE_CODES:
            return posted
        columns = [f"{name}_{code}" for name in self.translated_fields for code in LANGUAGE_CODES]
        written = any(getattr(self.instance, column) for column in columns)
        if written:
            return self.instance.original_language
        return self.requested_language or active_language()

    def _place_language_choice(self):
        """The language choice just before the first translated column."""
        first = f"{self.translated_fields[0]}_{self.author_language}"
        names = [name for name in self.fields if name != "original_language"]
        names.insert(names.index(first), "original_language")
        self.order_fields(names)

    def _other_language_names(self):
        return {
            f"{name}_{code}": code
            for name in self.translated_fields
            for code in LANGUAGE_CODES
            if code != self.author_language
        }

    def visible_fields(self):
        others = self._other_language_names()
        return [field for field in super().visible_fields() if field.name not in others]

    def language_fieldsets(self):
        """``[(legend, bound fields)]``: one fieldset per language other than the author's."""
        others = self._other_language_names()
        return [
            (
                format_lazy("{} ({})", capfirst(IN_LANGUAGE[code]), pgettext_lazy("form field", "optional")),
                [self[name] for name, language in others.items() if language == code],
            )
            for code in LANGUAGE_CODES
            if code != self.author_language
        ]
