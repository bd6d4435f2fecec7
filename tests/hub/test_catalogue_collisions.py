"""One msgid (with its context) means one thing: Django merges the app catalogues and the first wins.

Each app keeps its own catalogue, so two apps can translate the same msgid differently; the page then
shows whichever catalogue Django loads first, wherever the string stands. A msgid whose meaning depends
on its place needs a context (pgettext, ``{% translate "…" context "…" %}``).
"""

from collections import defaultdict

import polib
import pytest

from hub import messages


def _translation(entry):
    if entry.msgid_plural:
        return tuple(entry.msgstr_plural[key] for key in sorted(entry.msgstr_plural))
    return entry.msgstr


def _collisions(language):
    seen = defaultdict(dict)
    for path in messages.catalogue_paths():
        if path.parts[-3] != language:
            continue
        for entry in polib.pofile(str(path)):
            if not entry.obsolete:
                seen[(entry.msgctxt, entry.msgid)][path.parts[-5]] = _translation(entry)
    return {key: places for key, places in seen.items() if len(set(places.values())) > 1}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_no_msgid_is_translated_differently_in_two_catalogues(language):
    collisions = _collisions(language)
    assert not collisions, "\n".join(
        f"{msgid!r} (context {context!r}): {places}" for (context, msgid), places in sorted(collisions.items(), key=str)
    )
