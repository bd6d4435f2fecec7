"""The one mechanism for translated names and content of domain data.

A translated attribute is stored as one column per site language (``name_kk``,
``name_ru``, ``name_en``) and read through :class:`TranslatedField`, which
returns the active language's value and falls back to the other languages when
that one is empty. Text people write (descriptions, initiatives, answers) also
records the language it was written in (``original_language``): the fallback
prefers that original, and templates mark it with ``lang`` and a visible note
through the ``{% translated %}`` tag (hub_tags). Editorial Wagtail pages are
translated as whole pages with Wagtail's locales instead.
"""

from django.conf import settings
from django.db import models
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import get_language, pgettext_lazy

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

# "орысша" / "на русском" / "in Russian": the note beside text shown in another language,
# and the language part of a column's label ("description (in Russian)").
IN_LANGUAGE = {
    "kk": pgettext_lazy("content language", "in Kazakh"),
    "ru": pgettext_lazy("content language", "in Russian"),
    "en": pgettext_lazy("content language", "in English"),
}

# Letters Kazakh writes and Russian does not.
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def active_language():
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def language_fallbacks(language=None, original=""):
    """The active language first, then the original language if known, then the others in the site's order."""
    first = language or active_language()
    return list(dict.fromkeys(code for code in [first, original, *LANGUAGE_CODES] if code in LANGUAGE_CODES))


class TranslatedText(str):
    """A translated value as shown to a reader: the text itself (a ``str``), its language, and the reader's."""

    def __new__(cls, text, language, reader_language):
        value = super().__new__(cls, text)
        value.language, value.reader_language = language, reader_language
        return value

    @property
    def text(self):
        return str(self)

    @property
    def is_other_language(self):
        return bool(self.text) and self.language != self.reader_language

    @property
    def lang_attr(self):
        """`` lang="ru"`` for text in another language than the page (WCAG 3.1.2), else nothing."""
        return format_html(' lang="{}"', self.language) if self.is_other_language else ""

    @property
    def marker_text(self):
        return str(IN_LANGUAGE[self.language]) if self.is_other_language else ""

    @property
    def marker(self):
        """The visible note "орысша" in the reader's language, for text shown in another one."""
        if not self.is_other_language:
            return ""
        return format_html('<span class="lang-marker" lang="{}">{}</span> ', self.reader_language, self.marker_text)

    @property
    def inline_html(self):
        """A name or title inside a sentence: ``<span lang="ru">…</span> (орысша)``, else the escaped text."""
        if not self.is_other_language:
            return format_html("{}", self.text)
        return format_html('<span lang="{}">{}</span> ({})', self.language, self.text, self.marker_text)

    @property
    def with_marker(self):
        """The plain-text form (emails): "… (орысша)" for text in another language."""
        return f"{self.text} ({self.marker_text})" if self.is_other_language else self.text


def translated_text(instance, field_name, language=None):
    """The value of ``<field_name>_<language>`` for the reader, else the original, else any language."""
    reader = language or active_language()
    for code in language_fallbacks(reader, getattr(instance, "original_language", "")):
        value = getattr(instance, f"{field_name}_{code}", "") or ""
        if value:
            return TranslatedText(value, code, reader)
    return TranslatedText("", reader, reader)


def as_written(value, reader=None):
    """What a message quotes (a title, a reason, an object's name) with the language it is written in.

    Objects with translated ``title``/``name`` columns, and values already read through
    :func:`translated_text`, know their language; plain text (a moderator's reason, a proposal's
    title) is detected from its script. Latin letters in a short text are more often a name
    ("Taza Aua") than English, so only three words or more count as English there.
    """
    reader = reader or active_language()
    if isinstance(value, TranslatedText):
        return value
    if isinstance(value, models.Model):
        for field_name in ("title", "name"):
            if hasattr(value, f"{field_name}_{reader}"):
                return translated_text(value, field_name, reader)
    text = "" if value is None else str(value)
    language = detect_language(text, reader)
    if language == "en" and len(text.split()) < 3:
        language = reader
    return TranslatedText(text, language, reader)


class TranslatedField(property):
    """Reads ``<name>_<language>`` for the active language, with fallbacks.

    Assigning (``initiative.title = ...``, or ``Initiative(title=...)``, which is why this is a
    property) writes the original language's column: code that records what an author wrote
    need not know the columns.
    """

    def __init__(self, field_name):
        super().__init__()
        self.field_name = field_name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return translated_text(instance, self.field_name).text

    def __set__(self, instance, value):
        language = getattr(instance, "original_language", "") or settings.LANGUAGE_CODE
        setattr(instance, f"{self.field_name}_{language}", value)


def write_new_text(instance, field_name, text, language=None):
    """Record a new text (an official answer replacing an earlier one) in its language's column.

    The language is the one the text is written in (detected from its script, else the active
    one); the other columns are cleared, since translations of the earlier text no longer apply.
    """
    language = language or detect_language(text, active_language())
    for code in LANGUAGE_CODES:
        setattr(instance, f"{field_name}_{code}", text if code == language else "")
    return language


def translated_order_by(field_name):
    """The column to sort a translated field by in the active language."""
    return f"{field_name}_{active_language()}"


def column_label(verbose_name, language):
    """ "the problem (in Russian)": the label of one language's column."""
    return format_lazy("{} ({})", verbose_name, IN_LANGUAGE[language])


def original_language_field():
    """The language an author wrote a text in; the reader's fallback when their language is missing."""
    return models.CharField(
        pgettext_lazy("content language", "original language"),
        max_length=2,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )


def require_original_language(instance, *field_names):
    """Model ``clean()`` helper: these translated fields must be written in the original language."""
    from django.core.exceptions import ValidationError

    missing = [f"{name}_{instance.original_language}" for name in field_names]
    message = pgettext_lazy("content language", "This field is required.")
    errors = {name: message for name in missing if not getattr(instance, name, "")}
    if errors:
        raise ValidationError(errors)


def detect_language(text, default=""):
    """The site language a text is most likely written in, from its script.

    Kazakh-only letters (ә ғ қ ң ө ұ ү һ і) in at least 1 of 20 Cyrillic letters mean Kazakh (they
    are far more frequent in Kazakh, and a Russian text may quote a Kazakh name), other Cyrillic
    means Russian, Latin means English.
    """
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return default
    cyrillic = [char for char in letters if "\u0400" <= char <= "\u04ff"]
    kazakh = sum(1 for char in cyrillic if char in KAZAKH_LETTERS)
    if cyrillic and kazakh * 20 >= len(cyrillic):
        return "kk"
    return "ru" if len(cyrillic) * 2 >= len(letters) else "en"


def move_into_language_columns(model, fields, default=settings.LANGUAGE_CODE, detect=True):
    """Data migration step: each object's single-language text into the columns of its language,
    detected from the script (or, with ``detect=False``, the ``original_language`` already stored)."""
    for obj in model.objects.all():
        texts = {field: getattr(obj, field) or "" for field in fields}
        if detect or obj.original_language not in LANGUAGE_CODES:
            obj.original_language = detect_language(" ".join(texts.values()), default)
        for field, text in texts.items():
            setattr(obj, f"{field}_{obj.original_language}", text)
        obj.save(update_fields=["original_language", *(f"{field}_{obj.original_language}" for field in fields)])


def move_out_of_language_columns(model, fields):
    """Reverse of :func:`move_into_language_columns`: the original (else any) language's text back in one column."""
    for obj in model.objects.all():
        for field in fields:
            setattr(obj, field, translated_text(obj, field, obj.original_language).text)
        obj.save(update_fields=fields)


def wagtail_in_russian_for_kazakh():
    """Give Kazakh a fallback to Wagtail's own Russian catalogues.

    Wagtail has no Kazakh translation, so staff who choose Kazakh met Wagtail's screens in English,
    mixed with the project's Kazakh labels. The project's catalogues (and Django's Kazakh) are looked
    up first; only a msgid none of them knows, which in practice is Wagtail's own, falls back to
    Wagtail's Russian. Called once at start-up from ``HubConfig.ready``.
    """
    import gettext
    from pathlib import Path

    from django.apps import apps
    from django.utils.translation import trans_real

    chain = None
    for config in apps.get_app_configs():
        localedir = Path(config.path) / "locale"
        if not config.name.startswith("wagtail") or not (localedir / "ru" / "LC_MESSAGES" / "django.mo").exists():
            continue
        catalogue = gettext.translation("django", localedir, ["ru"])
        if chain is None:
            chain = catalogue
        else:
            chain.add_fallback(catalogue)
    if chain is not None:
        trans_real.translation("kk").add_fallback(chain)
