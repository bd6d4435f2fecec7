from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "search" / "locale"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_search_catalogue_is_complete(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert [e.msgid for e in catalogue if "fuzzy" in e.flags] == []
    assert [e.msgid for e in catalogue if not e.translated()] == []


def test_kazakh_is_not_russian_copied():
    kk = {e.msgid: e.msgstr for e in polib.pofile(str(LOCALE / "kk" / "LC_MESSAGES" / "django.po"))}
    ru = {e.msgid: e.msgstr for e in polib.pofile(str(LOCALE / "ru" / "LC_MESSAGES" / "django.po"))}
    assert not [msgid for msgid in kk if kk[msgid] and kk[msgid] == ru.get(msgid)]


@pytest.mark.parametrize(("language", "heading"), [("kk", "Хаб бойынша іздеу"), ("ru", "Поиск по хабу")])
def test_search_page_speaks_the_interface_language(client, db, language, heading):
    assert heading in client.get(f"/{language}/search/").content.decode()
