"""Warnings for moderators: names that look like, or sound like, an organisation already registered.

Four checks, each between the organisation under review and every other registered one:
- a name that *looks* identical once Unicode look-alikes are folded (a Cyrillic "А" in a Latin name);
- a name in one word of which Latin and Cyrillic letters are mixed (nobody types that by accident);
- the same name in another script (Cyrillic "Алматы" and Latin "Almaty") by transliteration;
- a near-duplicate name (a letter or two apart) or BIN (one digit changed, or two adjacent swapped).
"""

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.translation import gettext_lazy as _

from .models import Organisation
from .text import transliterate

# Letters of other scripts drawn like Latin ones (after case folding); Unicode's confusables list, in part.
LOOK_ALIKES = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h", "ӏ": "l",
    "ү": "y", "ә": "a", "ө": "o", "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ε": "e", "κ": "k", "τ": "t",
    "ι": "i", "υ": "u", "χ": "x", "0": "o",
}  # fmt: skip
# Spellings that transliteration gives several ways: folded to one before comparing across scripts.
SOUND_ALIKES = [("kh", "h"), ("q", "k"), ("w", "v"), ("ph", "f"), ("yu", "iu"), ("ya", "ia"), ("y", "i"), ("j", "zh")]
NEAR = 0.88
LATIN = re.compile(r"[a-z]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass(frozen=True)
class Warning:
    kind: str
    message: str
    other: Organisation | None = None


def _letters(text):
    return "".join(char for char in text if char.isalnum())


def skeleton(name):
    """What a name looks like: compatibility-normalised, case-folded, look-alike letters folded."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return _letters("".join(LOOK_ALIKES.get(char, char) for char in folded))


def sound_key(name):
    """What a name sounds like in Latin letters, whatever script it was written in."""
    key = _letters(transliterate(unicodedata.normalize("NFKC", name).casefold()))
    for spelling, folded in SOUND_ALIKES:
        key = key.replace(spelling, folded)
    return re.sub(r"(.)\1+", r"\1", key)


def mixed_script_words(name):
    """Words that mix Latin and Cyrillic letters."""
    return [word for word in name.casefold().split() if LATIN.search(word) and CYRILLIC.search(word)]


def bins_near(first, second):
    """One digit changed, or two neighbouring digits swapped."""
    if len(first) != len(second) or first == second:
        return False
    diff = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
    if len(diff) == 1:
        return True
    i, j = diff[0], diff[-1]
    return len(diff) == 2 and j == i + 1 and first[i] == second[j] and first[j] == second[i]


def _names(row):
    return {name for name in row[1:4] if name}


def _compare(looks, keys, other_names):
    """The strongest likeness between an organisation's name keys and another's names, or None."""
    if looks & {skeleton(n) for n in other_names}:
        return "looks_identical"
    other_keys = {sound_key(n) for n in other_names}
    if keys & other_keys:
        return "same_in_other_script"
    for key in keys:
        for other in other_keys:
            matcher = SequenceMatcher(None, key, other)
            if matcher.real_quick_ratio() >= NEAR and matcher.quick_ratio() >= NEAR and matcher.ratio() >= NEAR:
                return "near_name"
    return None


MESSAGES = {
    "looks_identical": _("Looks identical to “%(other)s” once look-alike letters of other alphabets are folded."),
    "same_in_other_script": _("The same name as “%(other)s” written in another alphabet."),
    "near_name": _("A name very close to “%(other)s”."),
    "near_bin": _("BIN %(bin)s is one digit (or one swap) away from the BIN of “%(other)s”."),
    "mixed": _("The name mixes Latin and Cyrillic letters in one word: %(words)s."),
}


def lookalike_warnings(organisation):
    """Every warning for one organisation, strongest first; one query for all the others."""
    names = {organisation.name_kk, organisation.name_ru, organisation.name_en} - {""}
    warnings = [
        Warning("mixed", MESSAGES["mixed"] % {"words": ", ".join(words)})
        for words in [sorted({w for n in names for w in mixed_script_words(n)})]
        if words
    ]
    others = Organisation.objects.exclude(pk=organisation.pk).exclude(status=Organisation.Status.DRAFT)
    found = {}
    looks, keys = {skeleton(n) for n in names}, {sound_key(n) for n in names}
    for row in others.values_list("pk", "name_kk", "name_ru", "name_en", "bin").iterator(chunk_size=2000):
        kind = _compare(looks, keys, _names(row))
        if kind:
            found[row[0]] = kind
        elif bins_near(organisation.bin, row[4]):
            found[row[0]] = "near_bin"
    order = list(MESSAGES)
    for other in sorted(Organisation.objects.filter(pk__in=found), key=lambda o: order.index(found[o.pk])):
        message = MESSAGES[found[other.pk]] % {"other": other.name, "bin": organisation.bin}
        warnings.append(Warning(found[other.pk], message, other))
    return warnings
