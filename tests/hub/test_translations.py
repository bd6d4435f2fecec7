"""Every catalogue is complete: no empty or fuzzy entry, nothing left unextracted, real Kazakh."""

import shutil
from pathlib import Path

import polib
import pytest

from hub import messages

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = messages.catalogue_paths(ROOT)
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def _ids(path):
    return {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(path))}


def test_every_language_has_a_project_catalogue():
    languages = {
        path.parts[-3] for path in CATALOGUES if path.parts[-4] == "locale" and path.parent.parent.parent.parent == ROOT
    }
    assert languages == {"kk", "ru", "en"}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_has_no_empty_or_fuzzy_entry(path):
    catalogue = polib.pofile(str(path))
    assert not catalogue.untranslated_entries(), [e.msgid for e in catalogue.untranslated_entries()][:10]
    assert not catalogue.fuzzy_entries(), [e.msgid for e in catalogue.fuzzy_entries()][:10]


@pytest.mark.parametrize("path", [p for p in CATALOGUES if p.parts[-3] == "kk"], ids=lambda p: str(p.relative_to(ROOT)))
def test_kazakh_catalogue_is_kazakh_not_russian(path):
    kazakh = polib.pofile(str(path))
    russian = {e.msgid: _text(e) for e in polib.pofile(str(path).replace("/kk/", "/ru/"))}
    long_entries = [e for e in kazakh if len(e.msgid.split()) >= 4]
    copied = [e.msgid for e in long_entries if _text(e) == russian.get(e.msgid)]
    assert not copied, copied[:5]
    with_kazakh_letters = [e for e in long_entries if KAZAKH_LETTERS & set(_text(e))]
    assert len(with_kazakh_letters) >= 0.6 * len(long_entries)


def _text(entry):
    """The translation of an entry; for plurals, all forms joined."""
    if entry.msgid_plural:
        return " | ".join(entry.msgstr_plural[key] for key in sorted(entry.msgstr_plural))
    return entry.msgstr


def test_catalogues_contain_every_string_in_the_code(tmp_path):
    """Extract again into a copy of the tree: no msgid may be missing from the committed catalogues."""
    copy = tmp_path / "tree"
    shutil.copytree(
        ROOT, copy, ignore=shutil.ignore_patterns(".venv", "var", ".git", "node_modules", "*.mo", "__pycache__")
    )
    messages.run_makemessages(root=copy, cwd=copy)
    for fresh in messages.catalogue_paths(copy):
        committed = ROOT / fresh.relative_to(copy)
        missing = _ids(fresh) - (_ids(committed) if committed.exists() else set())
        assert not missing, (
            f"{committed.relative_to(ROOT)} lacks {sorted(m[1] for m in missing)[:10]} (run make messages)"
        )
