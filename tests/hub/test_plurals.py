"""A numeral meets a noun: Kazakh keeps the noun singular, Russian has its three forms."""

import re

import polib
import pytest
from django.template import Context, Template
from django.utils import translation

from hub import messages

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def _plural_entries(language):
    for path in messages.catalogue_paths():
        if path.parts[-3] == language:
            yield from (e for e in polib.pofile(str(path)) if e.msgid_plural)


def test_kazakh_keeps_the_noun_singular_after_a_numeral():
    """Both Kazakh forms are the same wherever both English forms carry the number ("3 қызметкер")."""
    differing = [
        (e.msgid, e.msgstr_plural)
        for e in _plural_entries("kk")
        if set(PLACEHOLDER.findall(e.msgid)) == set(PLACEHOLDER.findall(e.msgid_plural))
        and len(set(e.msgstr_plural.values())) > 1
    ]
    assert not differing, differing


def test_russian_plural_entries_fill_every_form():
    incomplete = [
        e.msgid for e in _plural_entries("ru") if len(e.msgstr_plural) < 3 or not all(e.msgstr_plural.values())
    ]
    assert not incomplete, incomplete


@pytest.mark.parametrize(
    ("language", "total", "expected"),
    [
        ("ru", 1, "Выполнено 0 из 1 мероприятия"),
        ("ru", 21, "Выполнено 0 из 21 мероприятия"),
        ("ru", 3, "Выполнено 0 из 3 мероприятий"),
        ("ru", 16, "Выполнено 0 из 16 мероприятий"),
        ("kk", 16, "16 іс-шараның 0 орындалды"),
    ],
)
def test_a_road_map_counts_its_actions_with_the_right_noun_form(language, total, expected):
    template = Template(
        "{% load i18n %}{% blocktranslate with done=0 count total=total %}{{ done }} of {{ total }} action done"
        "{% plural %}{{ done }} of {{ total }} actions done{% endblocktranslate %}"
    )
    with translation.override(language):
        assert template.render(Context({"total": total})) == expected
