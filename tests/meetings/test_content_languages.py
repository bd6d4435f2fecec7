"""Answers to agenda questions (and the meeting's outcome) in their language: the reader's language when it
exists, else the original with ``lang`` and a visible marker, on the page and in the minutes PDF; the desk
records the answer's language; search finds every language."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from meetings import services
from meetings.minutes import minutes_context
from meetings.models import Question
from search import services as search

from .test_outcomes import held_meeting  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
MARKED_RU = '<span lang="ru"><span class="lang-marker" lang="kk">орысша</span> В 2025 году.</span>'


def kk_page(client, meeting):
    with translation.override("kk"):
        return client.get(meeting.get_absolute_url()).content.decode()


def test_russian_only_answer_is_marked_on_a_kazakh_page(visitor, held_meeting):  # noqa: F811
    assert MARKED_RU in kk_page(visitor, held_meeting)


def test_kazakh_answer_is_shown_to_a_kazakh_reader(visitor, held_meeting, editor):  # noqa: F811
    question = held_meeting.questions.get()
    services.question_answer(
        question=question, answers={"ru": "В 2025 году.", "kk": "2025 жылы."}, language="ru", by=editor
    )
    html = kk_page(visitor, held_meeting)
    assert "<span>2025 жылы.</span>" in html and "В 2025 году." not in html


def test_meeting_summary_in_another_language_is_marked(visitor, held_meeting):  # noqa: F811
    held_meeting.summary_kk = ""
    held_meeting.save()
    html = kk_page(visitor, held_meeting)
    assert '<p lang="ru"><span class="lang-marker" lang="kk">орысша</span> Аким поручил' in html


def test_minutes_pdf_marks_the_answer_in_another_language(held_meeting, editor):  # noqa: F811
    version = services.minutes_start_version(meeting=held_meeting, by=editor)
    services.minutes_approve(version=version, by=editor)
    version.refresh_from_db()
    with translation.override("kk"):
        html = render_to_string("meetings/pdf/minutes.html", minutes_context(version))
    assert MARKED_RU in html


def test_desk_shows_a_field_per_language_and_saves_the_answers_language(client_for, editor, held_meeting):  # noqa: F811
    client = client_for(editor)
    question = held_meeting.questions.get()
    html = client.get(reverse("meetings_desk:desk", args=[held_meeting.pk])).content.decode()
    prefix = f"answer-{question.pk}"
    for code in ("kk", "ru", "en"):
        assert f'name="{prefix}-answer_{code}"' in html
    client.post(
        reverse("meetings_desk:answer", args=[held_meeting.pk, question.pk]),
        {f"{prefix}-original_language": "kk", f"{prefix}-answer_kk": "2025 жылы.", f"{prefix}-answer_en": "In 2025."},
    )
    question.refresh_from_db()
    assert (question.original_language, question.answer_kk, question.answer_ru, question.answer_en) == (
        "kk",
        "2025 жылы.",
        "",
        "In 2025.",
    )
    assert question.answered_at


@pytest.mark.parametrize("word", ["ежеквартально", "тоқсан", "quarterly"])
def test_search_finds_an_answer_in_each_language(held_meeting, editor, word, django_capture_on_commit_callbacks):  # noqa: F811
    question = held_meeting.questions.get()
    answers = {
        "ru": "Ход работ публикуется ежеквартально.",
        "kk": "Жұмыс барысы тоқсан сайын.",
        "en": "Reported quarterly.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        services.question_answer(question=question, answers=answers, language="ru", by=editor)
    search.rebuild()
    assert "meeting" in [r.type for r in search.search(word).results]


def test_answers_of_questions_not_on_the_agenda_are_not_indexed(held_meeting):  # noqa: F811
    Question.objects.filter(meeting=held_meeting).update(status="approved", answer_ru="секретный ответ")
    search.rebuild()
    assert search.search("секретный").results == []
