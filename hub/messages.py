"""Refresh every translation catalogue: ``make messages``.

Runs makemessages for the project (``locale/``) and for each app that keeps its own
``<app>/locale/``, then fills the English catalogues from the English source strings,
since English is the language the code is written in. Kazakh and Russian are left for
people to translate; ``tests/hub/test_translations.py`` fails while any entry is empty.
"""

import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["kk", "ru", "en"]
IGNORE = [".venv", "var", "node_modules", "bench", "tests", ".ci"]


def catalogue_paths(root=ROOT):
    return sorted(p for p in root.glob("**/locale/*/LC_MESSAGES/django.po") if ".venv" not in p.parts)


def run_makemessages(root=ROOT, cwd=None, ignore=()):
    command = [sys.executable, str(ROOT / "manage.py"), "makemessages", "--no-obsolete", "--no-location"]
    for pattern in ignore:
        command += ["--ignore", pattern]
    for language in LANGUAGES:
        command += ["-l", language]
    for pattern in IGNORE:
        command += ["--ignore", pattern]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hub.settings.dev"}
    subprocess.run([*command, "-v0"], cwd=cwd or root, check=True, env=env)


def fill_english(root=ROOT, only=None):
    for path in catalogue_paths(root):
        if path.parts[-3] != "en" or (only is not None and path.parts[-5] not in only):
            continue
        catalogue = polib.pofile(str(path))
        for entry in catalogue:
            if entry.msgid_plural:
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
            else:
                entry.msgstr = entry.msgid
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        catalogue.save()


def root_name(app):
    """The folder that holds an app's catalogue: ``locale/`` of the project for "hub"."""
    return ROOT.name if app == "hub" else app


APPS = ("ngos", "roadmaps", "meetings", "anticorruption", "search", "follows")


def main(apps=()):
    """All catalogues, or only the named ones (``python -m hub.messages ngos``; ``hub`` is locale/)."""
    if "hub" in apps:
        run_makemessages(ignore=[f"{app}/*" for app in APPS])
    if apps:
        for app in (a for a in apps if a != "hub"):
            (ROOT / app / "locale").mkdir(exist_ok=True)
            run_makemessages(cwd=ROOT / app)
    else:
        (ROOT / "locale").mkdir(exist_ok=True)
        for app in APPS:
            (ROOT / app / "locale").mkdir(exist_ok=True)
        run_makemessages()
    fill_english(only=[root_name(app) for app in apps] if apps else None)


if __name__ == "__main__":
    main(sys.argv[1:])
