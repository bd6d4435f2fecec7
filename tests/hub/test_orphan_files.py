"""No upload outlives the rows that name it: a rollback deletes what its block wrote
(``hub.storage.atomic_with_files``), and ``sweep_orphan_files`` deletes what escaped, once old enough."""

import io
import logging
import os
import threading
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from anticorruption.models import Attachment
from hub import schedule
from hub.locks import exclusive
from hub.storage import atomic_with_files, private_storage_at
from tests.anticorruption.conftest import png_bytes
from tests.ngos.conftest import make_organisation

DAY = 24 * 3600


def test_files_written_in_a_block_that_rolls_back_are_deleted(db, tmp_path):
    storage = private_storage_at(str(tmp_path))
    with pytest.raises(RuntimeError), atomic_with_files():
        name = storage.save("reports/a.txt", ContentFile(b"typed"))
        assert storage.exists(name)
        raise RuntimeError("a later step failed")
    assert not storage.exists(name)


def test_an_enclosing_block_that_rolls_back_deletes_the_files_of_a_committed_inner_one(db, tmp_path):
    storage = private_storage_at(str(tmp_path))
    with pytest.raises(RuntimeError), atomic_with_files():
        with atomic_with_files():
            name = storage.save("reports/a.txt", ContentFile(b"typed"))
        assert storage.exists(name)
        raise RuntimeError
    assert not storage.exists(name)


def test_files_of_a_block_that_commits_stay(db, tmp_path):
    storage = private_storage_at(str(tmp_path))
    with atomic_with_files():
        name = storage.save("reports/a.txt", ContentFile(b"typed"))
    assert storage.exists(name)


def _aged(path, seconds):
    past = time.time() - seconds
    os.utime(path, (past, past))
    return path


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _write(path, content=b"x"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def test_the_sweep_deletes_old_orphans_and_keeps_named_and_fresh_files(db, media, settings, caplog):
    settings.ORPHAN_FILE_HOURS = 24
    organisation = make_organisation(slug="green-city")
    organisation.logo.save("green.png", ContentFile(png_bytes((64, 64))), save=True)
    named = _aged(organisation.logo.path, 3 * DAY)
    old_orphan = _aged(_write(media / "ngos" / "logos" / "left-behind.png"), 25 * 3600)
    fresh_orphan = _write(media / "ngos" / "logos" / "being-saved.png")
    elsewhere = _aged(_write(media / "exports" / "kept-by-the-operator.csv"), 30 * DAY)
    private = Attachment._meta.get_field("file").storage
    private_orphan = _aged(_write(Path(private.location) / "anticorruption" / "ab" / "abc"), 2 * DAY)

    out = io.StringIO()
    with caplog.at_level(logging.INFO, logger="hub.orphans"):
        call_command("sweep_orphan_files", stdout=out)

    assert not os.path.exists(old_orphan) and not os.path.exists(private_orphan)
    assert os.path.exists(named) and os.path.exists(fresh_orphan) and os.path.exists(elsewhere)
    assert "Deleted 2 orphan files." in out.getvalue()
    assert f"Removed orphan file {old_orphan}" in caplog.text
    out = io.StringIO()
    call_command("sweep_orphan_files", stdout=out)  # a second run finds nothing and fails on nothing
    assert "Deleted 0 orphan files." in out.getvalue()


def test_the_age_limit_is_a_setting(db, media, settings):
    orphan = _aged(_write(media / "ngos" / "logos" / "left-behind.png"), 3 * 3600)
    settings.ORPHAN_FILE_HOURS = 4
    call_command("sweep_orphan_files", stdout=io.StringIO())
    assert os.path.exists(orphan)
    settings.ORPHAN_FILE_HOURS = 2
    call_command("sweep_orphan_files", "--dry-run", stdout=io.StringIO())
    assert os.path.exists(orphan)
    call_command("sweep_orphan_files", stdout=io.StringIO())
    assert not os.path.exists(orphan)


def test_the_sweep_is_on_the_schedule_and_runs_once_across_machines(db):
    assert "sweep_orphan_files" in {job.command for job in schedule.SCHEDULE}
    out = io.StringIO()

    def second_machine():
        try:
            call_command("sweep_orphan_files", stdout=out)
        finally:
            connection.close()

    with exclusive("command:sweep_orphan_files") as held:
        assert held
        thread = threading.Thread(target=second_machine)
        thread.start()
        thread.join()
    assert "already running elsewhere" in out.getvalue()
