"""Files no row names: left by a write whose transaction rolled back where ``atomic_with_files`` could not
see it (an enclosing ``transaction.atomic``, a killed process, a half-written file on a full disk).

The folders swept are the ones the models' file fields write into (the first folder of the names each
field makes, in its own storage), never a storage's whole root: registry import previews, the search
index and anything else an operator keeps beside the uploads are not touched. A file younger than
``ORPHAN_FILE_HOURS`` is kept, since its row may still be on its way to a commit.
"""

import datetime
import logging
import os
from pathlib import PurePosixPath

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone

logger = logging.getLogger(__name__)


def _file_fields():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                yield model, field


def _top_folder(model, field):
    """The first folder of the names ``field`` writes, or None where it writes at a storage's root."""
    try:
        name = field.generate_filename(model(), "probe.txt")
    except Exception:  # noqa: BLE001 - a field whose names cannot be foreseen is simply not swept
        logger.warning("Not sweeping %s.%s: its upload folder cannot be worked out.", model.__name__, field.name)
        return None
    parts = PurePosixPath(name).parts
    return parts[0] if len(parts) > 1 else None


def swept_folders():
    """The absolute folders the sweep walks, one per storage and top folder."""
    folders = set()
    for model, field in _file_fields():
        top = _top_folder(model, field)
        location = getattr(field.storage, "location", None)
        if top and location:
            folders.add(os.path.join(location, top))
    return sorted(folders)


def referenced_paths():
    """The absolute path of every file a row names, in any storage."""
    paths = set()
    for model, field in _file_fields():
        if not hasattr(field.storage, "path"):
            continue
        names = model._base_manager.exclude(**{field.attname: ""}).exclude(**{f"{field.attname}__isnull": True})
        for name in names.values_list(field.attname, flat=True).iterator():
            paths.add(os.path.normpath(field.storage.path(name)))
    return paths


def orphan_files(*, now=None, hours=None):
    """Paths of files in the swept folders that no row names and that are older than ``hours``."""
    hours = settings.ORPHAN_FILE_HOURS if hours is None else hours
    cutoff = ((now or timezone.now()) - datetime.timedelta(hours=hours)).timestamp()
    referenced = referenced_paths()
    for folder in swept_folders():
        for directory, _subfolders, files in os.walk(folder):
            for filename in files:
                path = os.path.normpath(os.path.join(directory, filename))
                if path not in referenced and _modified_before(path, cutoff):
                    yield path


def _modified_before(path, cutoff):
    try:
        return os.stat(path).st_mtime < cutoff
    except FileNotFoundError:  # removed meanwhile (by a rollback, or a sweep on another machine)
        return False


def orphans_sweep(*, now=None, hours=None, dry_run=False):
    """Delete the orphan files (logging each); returns their paths. Safe to run twice: a file gone is skipped."""
    removed = []
    for path in orphan_files(now=now, hours=hours):
        if not dry_run:
            try:
                os.remove(path)
            except FileNotFoundError:
                continue
            logger.info("Removed orphan file %s", path)
        removed.append(path)
    return removed
