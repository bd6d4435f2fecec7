"""Road-map evidence while the upload folder cannot be written: the update is not posted, the note typed
is kept and the partner is told to choose the file again."""

from django.utils import translation

from roadmaps.models import Evidence, ProgressUpdate
from tests.files import pdf_bytes, upload

from .test_evidence_uploads import post_update


def test_update_with_evidence_is_not_posted_and_the_note_is_kept(client_for, member, action, storage_down):
    progress = action.progress
    with translation.override("ru"):
        response = post_update(
            client_for(member),
            action,
            note="Высажено 120 деревьев вдоль проспекта Райымбека.",
            progress="60",
            evidence_title="Акт приёмки",
            evidence_document=upload("act.pdf", pdf_bytes()),
        )
    assert response.status_code == 400
    html = response.content.decode()
    assert "хранилище файлов сайта сейчас недоступно" in html and "выберите файлы заново" in html
    assert "Высажено 120 деревьев вдоль проспекта Райымбека." in html and "Акт приёмки" in html
    assert not ProgressUpdate.objects.exists() and not Evidence.objects.exists()
    action.refresh_from_db()
    assert action.progress == progress
