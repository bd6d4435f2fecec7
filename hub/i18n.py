"""The one mechanism for translated names and content of domain data.

A translated attribute is stored as one column per site language (``name_kk``,
``name_ru``, ``name_en``) and read through :class:`TranslatedField`, which
returns the active language's value and falls back to the other languages when
that one is empty. Editorial Wagtail pages are translated as whole pages with
Wagtail's locales instead.
"""

from django.conf import settings
from django.utils.translation import get_language

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def active_language():
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def language_fallbacks(language=None):
    """The active language first, then the others in the site's order."""
    first = language or active_language()
    return [first, *[code for code in LANGUAGE_CODES if code != first]]


class TranslatedField:
    """Reads ``<name>_<language>`` for the active language, with fallbacks."""

    def __init__(self, field_name):
        self.field_name = field_name

    def __get__(self, instance, owner):
        if instance is None:
            return self
        for language in language_fallbacks():
            value = getattr(instance, f"{self.field_name}_{language}", "")
            if value:
                return value
        return ""


def translated_order_by(field_name):
    """The column to sort a translated field by in the active language."""
    return f"{field_name}_{active_language()}"
