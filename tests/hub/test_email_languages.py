"""Emails quote what people wrote in the language they wrote it: ``lang`` in the HTML part, "(орысша)" in text.

A Kazakh reader's email that quotes a Russian title, answer or reason marks it, as the site does
(WCAG 3.1.2); the same text in a Russian email carries no mark.
"""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format

from hub.emails import render_email
from hub.i18n import as_written
from meetings.models import Meeting
from ngos.models import Initiative, Organisation
from roadmaps.models import RoadMap

SITE = {"site_url": "https://hub.example.kz"}


def russian_initiative():
    return Initiative(
        pk=7,
        original_language="ru",
        title_ru="Чистый воздух",
        official_answer_ru="Поддерживаем: весной построим парк.",
        status=Initiative.Status.ACCEPTED,
    )


def test_kazakh_email_marks_a_russian_initiative_title_and_answer():
    _subject, text, html = render_email(
        "ngos/emails/initiative_status", {"initiative": russian_initiative(), **SITE}, "kk"
    )
    assert '<span lang="ru">Чистый воздух</span> (орысша)' in html
    assert '<blockquote lang="ru"><span class="lang-marker" lang="kk">орысша</span> Поддерживаем' in html
    assert "Чистый воздух (орысша)" in text
    assert "(орысша)\nПоддерживаем: весной построим парк." in text


def test_russian_email_quotes_russian_text_without_a_mark():
    _subject, text, html = render_email(
        "ngos/emails/initiative_status", {"initiative": russian_initiative(), **SITE}, "ru"
    )
    assert 'lang="' not in html and "Чистый воздух" in html
    assert "(на русском)" not in text and "Чистый воздух" in text


def test_kazakh_email_marks_a_russian_proposal_title_and_reason_but_not_a_kazakh_road_map():
    proposal = SimpleNamespace(title="Посадить деревья во дворах", decision_reason="Нет бюджета на этот год.")
    roadmap = RoadMap(slug="belsendi", title_kk="Белсенді мегаполис", title_ru="Активный мегаполис")
    context = {"proposal": proposal, "roadmap": roadmap, **SITE}
    _subject, text, html = render_email("roadmaps/emails/proposal_declined", context, "kk")
    assert '<span lang="ru">Посадить деревья во дворах</span> (орысша)' in html
    assert '<span lang="ru"><span class="lang-marker" lang="kk">орысша</span> Нет бюджета на этот год.</span>' in html
    assert "Белсенді мегаполис" in html and 'lang="ru">Белсенді' not in html
    assert "Посадить деревья во дворах (орысша)" in text and "Нет бюджета на этот год. (орысша)" in text


def test_kazakh_email_marks_a_moderators_reason_written_in_russian():
    organisation = Organisation(slug="taza-aua", name_kk="Таза ауа", rejection_reason="Укажите БИН организации.")
    context = {"organisation": organisation, **SITE}
    _subject, text, html = render_email("ngos/emails/organisation_changes_requested", context, "kk")
    assert '<blockquote lang="ru"><span class="lang-marker" lang="kk">орысша</span> Укажите БИН' in html
    assert "(орысша)\nУкажите БИН организации." in text


@pytest.mark.django_db
def test_kazakh_meeting_email_marks_a_title_and_venue_that_exist_only_in_russian():
    starts = timezone.make_aware(datetime.datetime(2026, 12, 28, 18, 0))
    meeting = Meeting(
        slug="budget", title_ru="Бюджет города", venue_ru="Акимат, зал 2", starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )  # fmt: skip
    context = {"recipient": SimpleNamespace(get_short_name="Айгүл", email="a@example.kz"), "meeting": meeting}
    context["registration"] = SimpleNamespace(organisation=None, code="123")
    _subject, text, html = render_email("meetings/emails/registration_reminder", {**context, **SITE}, "kk")
    assert '<strong lang="ru">Бюджет города</strong> (орысша)' in html
    assert '<span lang="ru">Акимат, зал 2</span> (орысша)' in html
    assert "Бюджет города (орысша)" in text and "Акимат, зал 2 (орысша)" in text
    assert "2026 жылғы 28 желтоқсан" in text or "28.12.2026" in text


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Жаңа саябақ салынады", "kk"),
        ("Новый парк", "ru"),
        ("Taza Aua", "kk"),
        ("We will plant trees", "en"),
        ("", "kk"),
    ],
)
def test_quoted_plain_text_gets_the_language_of_its_script(text, language):
    assert as_written(text, "kk").language == language


# --- dates in emails and PDFs follow hub/formats -------------------------------------------------

MORNING = datetime.datetime(2026, 12, 5, 4, 28, tzinfo=datetime.UTC)  # 09:28 in Almaty: 5 December, not 12 May

EDITOR = SimpleNamespace(email="a@example.kz", get_full_name="Айгүл Сейітова")
VERSION = SimpleNamespace(number=1, approved_at=MORNING, approved_by=EDITOR)


def kazakh_datetime(moment):
    with translation.override("kk"):
        return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def assert_kazakh_dates(rendered, moment=MORNING):
    expected = kazakh_datetime(moment)
    assert expected.startswith("2026 жылғы 5 желтоқсан") and expected.endswith("09:28"), expected
    assert expected in rendered
    assert not re.search(r"Т\.Қ\.|\b[AP]M\b|12/05|Жел\.", rendered)


def test_kazakh_deadline_email_writes_its_dates_with_the_project_formats():
    line = SimpleNamespace(case_number="AA-1", status="Тіркелді", kind="answer", due=MORNING, overdue=True)
    context = {"lines": [line], "queue_url": "https://hub.example.kz/admin/adaldyq/"}
    _subject, text, html = render_email("anticorruption/emails/breaches", {**context, **SITE}, "kk")
    assert_kazakh_dates(text)
    assert_kazakh_dates(html)


@pytest.mark.parametrize(
    ("template", "context"),
    [
        (
            "anticorruption/pdf/confirmation.html",
            {"report": SimpleNamespace(created_at=MORNING, answer_due_at=MORNING)},
        ),
        ("anticorruption/pdf/answer.html", {"report": SimpleNamespace(created_at=MORNING), "messages": []}),
        (
            "anticorruption/pdf/record.html",
            {"report": SimpleNamespace(created_at=MORNING, answer_due_at=MORNING), "messages": [], "entries": []},
        ),
        (
            "meetings/pdf/minutes.html",
            {"meeting": SimpleNamespace(starts_at=MORNING, ends_at=MORNING), "attended_count": 3, "version": VERSION},
        ),
    ],
)
def test_kazakh_pdfs_write_their_dates_with_the_project_formats(template, context):
    with translation.override("kk"):
        html = render_to_string(template, context)
    assert_kazakh_dates(html)
