"""The statistics page in plain words for residents, above the figures for journalists (issue 20)."""

import datetime
import re

import pytest
from django.utils import translation

from anticorruption import services, stats
from anticorruption.models import Report

from .test_stats import make

Status = Report.Status


@pytest.fixture(autouse=True)
def no_stats_cache(settings):
    settings.ANTICORRUPTION_STATS_CACHE_SECONDS = 0


def overall(**figures):
    base = {"total": 0, "trials": 0, "on_time_share": None, "median_acknowledge": None, "median_answer": None,
            "overdue_open": 0}  # fmt: skip
    return {**base, **figures}


def test_sentences_come_from_the_figures_the_page_shows():
    with translation.override("en"):
        words = services.statistics_in_plain_words(
            overall(
                total=400,
                trials=367,
                on_time_share=0.75,
                median_acknowledge=datetime.timedelta(minutes=42),
                median_answer=datetime.timedelta(days=6, hours=2),
                overdue_open=3,
            )
        )
    assert words == [
        "75% of reports were answered on time (367 reports in all).",
        "Half of the reports were read by a person within 42 minutes.",
        "Half of the answers came within 7 days.",
        "3 reports are still waiting for an answer past their deadline.",
    ]


@pytest.mark.parametrize(
    "language, count, expected",
    [
        ("ru", 1, "всего 1 сообщение"),
        ("ru", 3, "всего 3 сообщения"),
        ("ru", 367, "всего 367 сообщений"),
        ("kk", 1, "барлығы 1 хабарлама"),
        ("kk", 367, "барлығы 367 хабарлама"),  # Kazakh: singular after a number
        ("en", 1, "1 report in all"),
    ],
)
def test_counts_take_the_plural_of_their_language(language, count, expected):
    with translation.override(language):
        [sentence, *_rest] = services.statistics_in_plain_words(overall(total=count, trials=count, on_time_share=1))
    assert expected in sentence


def test_long_first_responses_are_said_in_hours_and_an_empty_period_says_so():
    with translation.override("en"):
        words = services.statistics_in_plain_words(overall(total=5, median_acknowledge=datetime.timedelta(hours=2.2)))
        assert words[0] == "Half of the reports were read by a person within 3 hours."
        assert words[-1] == "No report is waiting past its deadline."
        assert services.statistics_in_plain_words(overall()) == ["No reports were counted in this period."]


def test_statistics_page_opens_with_the_plain_words_and_keeps_the_method_below(visitor, file_report, education):
    for days in (5, 5, 30):
        make(file_report, education, Status.CLOSED_RESOLVED, age_days=40, answer_after_days=days)
    page = visitor.get("/en/adaldyq-alany/stats/").content.decode()
    expected = services.statistics_in_plain_words(stats.compute({})["overall"])
    assert expected[0] == "67% of reports were answered on time (3 reports in all)."
    plain = page.index('id="plain-words-heading"')
    assert plain < page.index('class="key-figures"') < page.index('id="methods"')
    for sentence in expected:
        assert sentence in page
    # its own include, so other parts of the page (the feedback figure) are added beside it
    assert re.search(r'<section class="plain-words" aria-labelledby="plain-words-heading">', page)


def test_statistics_page_in_kazakh_says_it_in_kazakh(visitor, file_report, education):
    make(file_report, education, Status.CLOSED_RESOLVED, age_days=40, answer_after_days=5)
    page = visitor.get("/kk/adaldyq-alany/stats/").content.decode()
    assert "Қысқаша" in page and "барлығы 1 хабарлама" in page
