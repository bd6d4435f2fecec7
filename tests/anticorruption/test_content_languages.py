"""Published outcomes and bodies' replies in their language: the reader's language when it exists, else the
original with ``lang`` and a visible marker; the back-office forms record the language; search finds each one."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from anticorruption import services
from anticorruption.models import DepartmentReply, PublishedOutcome, Report
from search import services as search

from .test_stats import body_row, closed_report, make

pytestmark = pytest.mark.django_db
MARKER = '<span class="lang-marker" lang="kk">орысша</span> '


def kk(name, *args):
    with translation.override("kk"):
        return reverse(name, args=args)


def publish(report, officer, **translations):
    return services.outcome_publish(
        report=report, actor=officer, title="Поборы прекращены", summary="Просили деньги.", outcome="Деньги вернули.",
        language="ru", translations=translations,
    )  # fmt: skip


def test_russian_only_outcome_is_marked_on_a_kazakh_page(visitor, officer, file_report):
    outcome = publish(closed_report(file_report, officer), officer)
    html = visitor.get(kk("anticorruption:outcome", outcome.slug)).content.decode()
    assert f'<h1 lang="ru">{MARKER}Поборы прекращены</h1>' in html
    assert f'<p lang="ru">{MARKER}Деньги вернули.</p>' in html
    listing = visitor.get(kk("anticorruption:outcomes")).content.decode()
    url = kk("anticorruption:outcome", outcome.slug)
    assert f'{MARKER}<a href="{url}" lang="ru">Поборы прекращены</a>' in listing


def test_kazakh_translation_of_an_outcome_is_shown_to_a_kazakh_reader(visitor, officer, file_report):
    outcome = publish(closed_report(file_report, officer), officer, title_kk="Заңсыз төлемдер тоқтатылды")
    html = visitor.get(kk("anticorruption:outcome", outcome.slug)).content.decode()
    assert "<h1>Заңсыз төлемдер тоқтатылды</h1>" in html
    # Only the title was translated: the rest is the Russian original, marked.
    assert f'<p lang="ru">{MARKER}Деньги вернули.</p>' in html


def test_outcome_form_starts_in_the_reports_language_and_saves_the_chosen_one(client_for, officer, file_report):
    report = closed_report(file_report, officer)
    Report.objects.filter(pk=report.pk).update(language="ru")
    client = client_for(officer)
    html = client.get(reverse("anticorruption_admin:case", args=[report.case_number])).content.decode()
    assert '<option value="ru" selected>' in html
    for column in ("title_kk", "title_ru", "title_en", "summary_kk", "outcome_en"):
        assert f'name="{column}"' in html
    data = {
        "original_language": "kk",
        "title_kk": "Тоқтатылды",
        "summary_kk": "Ақша сұрады.",
        "outcome_kk": "Қайтарылды.",
    }
    client.post(reverse("anticorruption_admin:publish", args=[report.case_number]), {**data, "title_ru": "Прекращено"})
    outcome = PublishedOutcome.objects.get()
    assert (outcome.original_language, outcome.title_kk, outcome.title_ru, outcome.summary_ru) == (
        "kk",
        "Тоқтатылды",
        "Прекращено",
        "",
    )


def test_body_reply_in_another_language_is_marked_in_the_statistics(visitor, file_report, education):
    make(file_report, education, Report.Status.CLOSED_RESOLVED, answer_after_days=5)
    DepartmentReply.objects.create(department=education, original_language="ru", text_ru="Наняли двух инспекторов.")
    html = visitor.get(kk("anticorruption:stats")).content.decode()
    assert re.search(rf'<td data-label="[^"]+" lang="ru">{re.escape(MARKER)}Наняли двух инспекторов.</td>', html)
    DepartmentReply.objects.filter(department=education).update(text_kk="Екі инспектор жалданды.")
    with translation.override("kk"):
        from anticorruption import stats

        assert body_row(stats.cached({}), education)["reply"] == "Екі инспектор жалданды."


def test_reply_form_has_a_field_per_language_and_saves_the_language(client_for, department_staff, education):
    client = client_for(department_staff)
    html = client.get(reverse("anticorruption_admin:reply") + f"?body={education.slug}").content.decode()
    for code in ("kk", "ru", "en"):
        assert f'name="text_{code}"' in html
    data = {"body": education.slug, "original_language": "kk", "text_kk": "Бізге қатысы жоқ.", "text_ru": "Не наше."}
    assert client.post(reverse("anticorruption_admin:reply"), data).status_code == 302
    reply = DepartmentReply.objects.get(department=education)
    assert (reply.original_language, reply.text_kk, reply.text_ru, reply.text_en) == (
        "kk",
        "Бізге қатысы жоқ.",
        "Не наше.",
        "",
    )


@pytest.mark.parametrize("word", ["поборы", "төлемдер", "fees"])
def test_search_finds_an_outcome_in_each_language(officer, file_report, word, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish(
            closed_report(file_report, officer), officer,
            title_kk="Заңсыз төлемдер тоқтатылды", title_en="School fees stopped",
        )  # fmt: skip
    search.rebuild()
    assert "case_outcome" in [r.type for r in search.search(word).results]
