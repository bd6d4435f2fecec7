"""Bad input is refused with a message in the reader's language."""

import datetime

from django.urls import reverse
from django.utils import timezone

from .conftest import make_meeting  # noqa: F401 - fixtures below use it


def url(name, meeting, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"slug": meeting.slug, **kwargs})


def test_registering_twice_shows_translated_message(client_for, member, meeting):
    client = client_for(member)
    client.post(url("register", meeting), {})
    response = client.post("/ru" + url("register", meeting)[3:], {}, follow=True)
    assert "Вы уже зарегистрированы" in response.content.decode()


def test_question_on_a_meeting_that_is_over_is_refused(client_for, member, organisation):
    past = make_meeting(starts_at=timezone.now() - datetime.timedelta(days=3))
    response = client_for(member).post(
        "/kk" + url("ask", past)[3:], {"organisation": organisation.pk, "text": "?"}, follow=True
    )
    assert not past.questions.exists()
    assert "аяқталды" in response.content.decode()


def test_pdf_minutes_headings_are_in_kazakh_and_russian(db, editor, official, department):
    import io

    from pypdf import PdfReader

    from meetings import services
    from meetings.models import Assignment

    meeting = make_meeting(starts_at=timezone.now() - datetime.timedelta(days=1), summary_kk="Қорытынды.")
    meeting.hosts.add(official)
    Assignment.objects.create(
        meeting=meeting, title_kk="Жоспар", title_ru="План", department=department, due_date=timezone.localdate()
    )
    version = services.minutes_start_version(meeting=meeting, by=editor)
    services.minutes_approve(version=version, by=editor)
    for language, words in {"kk": ["Хаттама", "Тапсырмалар", "Қатысушылар"], "ru": ["Протокол", "Поручения"]}.items():
        record = services.minutes_pdf(version=version, language=language)
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(record.pdf.read())).pages)
        for word in words:
            assert word in text, (language, word)
