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
