"""Words a native Kazakh reader flagged: project names in Cyrillic, a surname, plain words for statistics."""

import polib
import pytest
from django.utils import translation
from django.utils.translation import gettext

from hub import messages

KAZAKH = [p for p in messages.catalogue_paths() if p.parts[-3] == "kk"]


@pytest.mark.parametrize("path", KAZAKH, ids=lambda p: p.parts[-5])
def test_kazakh_running_text_writes_project_names_in_kazakh(path):
    latin = [e.msgid for e in polib.pofile(str(path)) if "Adaldyq" in e.msgstr or "Belsendi" in e.msgstr]
    assert not latin, latin


@pytest.mark.parametrize("path", KAZAKH, ids=lambda p: p.parts[-5])
def test_resident_pages_use_no_statistics_jargon_in_kazakh(path):
    jargon = [e.msgid for e in polib.pofile(str(path)) if "n = " in e.msgstr or "95%% аралық" in e.msgstr]
    assert not jargon, jargon


def test_a_surname_is_tegi_and_closing_the_case_page_does_not_read_as_closing_the_case():
    with translation.override("kk"):
        assert gettext("last name") == "тегі"
        assert "істі жабу" not in gettext("Close the case on this device")
        assert gettext("How should we treat you?") != "Сізбен қалай жұмыс істейік?"
