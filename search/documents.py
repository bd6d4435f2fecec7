"""What an app hands to search: one :class:`Document` per public thing.

Apps never talk to an engine: they describe their searchable things in ``<app>/searchable.py``
(see :mod:`search.registry`) and the engine indexes the documents those descriptions build.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation

from . import analysis

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# Stored text per language is cut to this length: enough for a snippet, small in the index.
STORED_BODY_CHARS = 3000


@dataclass
class Document:
    """One public thing as search sees it.

    ``title``, ``body`` and ``url`` map a language code ("kk", "ru", "en") to text; the key
    ``""`` holds text whose language is unknown (typed by users as they wished). A thing
    translated into several languages is ONE document, so every interface language finds
    the same things and shows each in its own language where it exists.
    """

    type: str
    key: str
    title: dict
    body: dict = field(default_factory=dict)
    url: dict = field(default_factory=dict)
    fields: list = field(default_factory=list)
    district: str | list = ""
    date: datetime.date | None = None

    @property
    def districts(self):
        """District slugs: a thing may concern one district, several, or the whole city (none)."""
        values = [self.district] if isinstance(self.district, str) else list(self.district)
        return [value for value in dict.fromkeys(values) if value]

    @property
    def id(self):
        return f"{self.type}:{self.key}"

    def title_terms(self):
        return [t for language, text in self.title.items() for t in analysis.index_terms(text, language)]

    def body_terms(self):
        return [t for language, text in self.body.items() for t in analysis.index_terms(text, language)]

    def skeleton_terms(self):
        """Transliteration skeletons: every title word, and the names in the body."""
        title = [s for text in self.title.values() for s in analysis.skeleton_terms(text)]
        body = [s for text in self.body.values() for s in analysis.name_skeletons(text)]
        return list(dict.fromkeys(title + body))

    def stored(self):
        """The JSON-safe part an engine keeps to show the result."""
        return {
            "title": {k: v for k, v in self.title.items() if v},
            "body": {k: v[:STORED_BODY_CHARS] for k, v in self.body.items() if v},
            "url": self.url,
        }

    @property
    def sort_date(self):
        if isinstance(self.date, datetime.datetime):
            return self.date.replace(tzinfo=None)
        if isinstance(self.date, datetime.date):
            return datetime.datetime(self.date.year, self.date.month, self.date.day)
        return None


def per_language(function):
    """``{language: function()}`` with each language active in turn (for URLs and labels)."""
    values = {}
    for language in LANGUAGE_CODES:
        with translation.override(language):
            values[language] = str(function())
    return values


def translated(instance, name):
    """``{language: value}`` of a ``<name>_<language>`` translated field, skipping empty ones."""
    values = {language: getattr(instance, f"{name}_{language}", "") or "" for language in LANGUAGE_CODES}
    return {language: value for language, value in values.items() if value}


def pick(values, language=None):
    """The value for the active language, falling back to unknown-language text, then any."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    language = language.split("-")[0]
    for candidate in (language, "", *LANGUAGE_CODES):
        if values.get(candidate):
            return candidate, values[candidate]
    return "", ""


def stream_text(value):
    """The plain text inside a StreamField (rich text without tags), for indexing."""
    from django.utils.html import strip_tags

    raw = getattr(value, "raw_data", value)
    parts = []

    def walk(item):
        if isinstance(item, str):
            parts.append(strip_tags(item))
        elif isinstance(item, dict):
            for name, child in item.items():
                if name not in ("type", "id"):
                    walk(child)
        elif isinstance(item, list | tuple):
            for child in item:
                walk(child)
        elif hasattr(item, "items"):
            walk(dict(item))

    walk(list(raw) if raw is not None else [])
    return " ".join(p.strip() for p in parts if p and p.strip())


def urls_of(obj):
    """``{language: obj.get_absolute_url()}``; empty while the owning app has no public page yet."""
    from django.urls import NoReverseMatch

    try:
        return per_language(obj.get_absolute_url)
    except NoReverseMatch:
        return {}


def join(*parts):
    """Non-empty text parts as one paragraph each."""
    return "\n".join(str(part).strip() for part in parts if part and str(part).strip())


def join_translated(language, *items):
    """One language's text of several (instance, field name) translated fields."""
    return join(*(getattr(instance, f"{name}_{language}", "") for instance, name in items))
