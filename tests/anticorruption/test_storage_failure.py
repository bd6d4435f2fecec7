"""Filing while the upload folder cannot be written: the form comes back with what was typed, the
reporter is told to choose the files again, nothing is filed and the hourly budget is untouched."""

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from anticorruption import services
from anticorruption.files import CheckedFile
from anticorruption.models import Attachment, AuditEntry, Report
from tests.files import pdf_bytes, upload

from .conftest import png_bytes
from .test_public import form_data, post_report

TYPED = "Директор школы № 12 требует с родителей 50 000 тенге за зачисление."


def file_in_russian(client, category, **overrides):
    with translation.override("ru"):
        return post_report(client, category, files=[upload("act.pdf", pdf_bytes())], description=TYPED, **overrides)


def test_report_with_a_file_is_not_filed_and_the_form_keeps_the_text(client, category, storage_down, caplog):
    response = file_in_russian(client, category, occurred="в сентябре")
    assert response.status_code == 200
    html = response.content.decode()
    assert "хранилище файлов сайта сейчас недоступно" in html
    assert "выберите файлы заново" in html
    assert TYPED in html and "в сентябре" in html
    assert storage_down, "the write was attempted"
    assert not Report.objects.exists() and not Attachment.objects.exists() and not AuditEntry.objects.exists()
    assert "Could not write an upload" in caplog.text


def test_a_failed_filing_does_not_use_the_hourly_budget(client, category, settings, monkeypatch, storage_down):
    settings.ANTICORRUPTION_FILE_LIMIT = 1
    for _ in range(3):
        assert file_in_russian(client, category).status_code == 200
    assert not Report.objects.exists()
    monkeypatch.undo()  # the storage is back
    response = file_in_russian(client, category)
    assert response.status_code == 200 and 'class="ac-receipt"' in response.content.decode()
    assert Report.objects.count() == Attachment.objects.count() == 1
    with translation.override("ru"):
        assert post_report(client, category).status_code == 429  # the one filing used the budget


def test_the_same_form_can_be_sent_again_once_storage_is_back(client, category, monkeypatch, storage_down):
    data = form_data(category, description=TYPED)
    url = reverse("anticorruption:file")
    assert client.post(url, {**data, "attachments": [upload("act.pdf", pdf_bytes())]}).status_code == 200
    monkeypatch.undo()
    response = client.post(url, {**data, "attachments": [upload("act.pdf", pdf_bytes())]})
    assert response.status_code == 200 and 'class="ac-receipt"' in response.content.decode()


@pytest.mark.parametrize("language,expected", [("kk", "файлдарды қайта таңдаңыз"), ("en", "choose the files again")])
def test_the_message_is_in_the_reporters_language(client, category, storage_down, language, expected):
    with translation.override(language):
        response = post_report(client, category, files=[upload("act.pdf", pdf_bytes())])
    assert expected in response.content.decode()


def _stored_files():
    location = Path(Attachment._meta.get_field("file").storage.location)
    return {path for path in location.rglob("*") if path.is_file()}


def test_a_filing_that_fails_after_its_files_are_written_leaves_no_file(file_report, monkeypatch):
    before = _stored_files()

    def fail(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "follow_automatically", fail)
    files = [CheckedFile("photo.png", png_bytes(), "image/png"), CheckedFile("act.pdf", pdf_bytes(), "application/pdf")]
    with pytest.raises(RuntimeError):
        file_report(files=files)
    assert not Report.objects.exists() and not Attachment.objects.exists()
    assert _stored_files() == before


def test_a_reply_that_fails_after_its_files_are_written_leaves_no_file(report, monkeypatch):
    before = _stored_files()
    monkeypatch.setattr(services, "report_transition", lambda **kwargs: 1 / 0)
    report.status = Report.Status.WAITING
    report.save(update_fields=["status"])
    with pytest.raises(ZeroDivisionError):
        services.report_reporter_reply(
            report=report, body="More", files=[CheckedFile("a.png", png_bytes(), "image/png")]
        )
    assert not Attachment.objects.exists() and _stored_files() == before
