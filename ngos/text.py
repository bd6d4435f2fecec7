"""Text helpers: case folding that works for Kazakh and Russian, and Latin slugs from Cyrillic names."""

import re
import unicodedata

from django.utils.text import slugify

CYRILLIC_TO_LATIN = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n",
    "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip


def normalise(text):
    """Lower-case, NFC and ё→е: what both the search column and the search terms go through."""
    text = unicodedata.normalize("NFC", str(text or "")).casefold().replace("ё", "е")
    return re.sub(r"\s+", " ", text).strip()


def transliterate(text):
    return "".join(CYRILLIC_TO_LATIN.get(char, char) for char in str(text).lower())


def latin_slug(text, max_length=100):
    return slugify(transliterate(text))[:max_length].strip("-") or "ngo"
