"""Dates and times read the way each language writes them, with a 24-hour clock and no month/day doubt."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format

MOMENT = datetime.datetime(2026, 12, 25, 18, 0)
MORNING = datetime.datetime(2026, 12, 5, 9, 28)

EXPECTED = {
    "kk": {
        "DATE_FORMAT": "2026 жылғы 25 желтоқсан",
        "DATETIME_FORMAT": "2026 жылғы 25 желтоқсан, 18:00",
        "SHORT_DATE_FORMAT": "25.12.2026",
        "SHORT_DATETIME_FORMAT": "25.12.2026 18:00",
        "TIME_FORMAT": "18:00",
        "MONTH_DAY_FORMAT": "25 желтоқсан",
        "YEAR_MONTH_FORMAT": "2026 жылғы желтоқсан",
        "l": "жұма",
    },
    "ru": {
        "DATE_FORMAT": "25 декабря 2026 г.",
        "DATETIME_FORMAT": "25 декабря 2026 г., 18:00",
        "SHORT_DATE_FORMAT": "25.12.2026",
        "SHORT_DATETIME_FORMAT": "25.12.2026 18:00",
        "TIME_FORMAT": "18:00",
        "MONTH_DAY_FORMAT": "25 декабря",
        "YEAR_MONTH_FORMAT": "Декабрь 2026 г.",
        "l": "Пятница",
    },
    "en": {
        "DATE_FORMAT": "25 December 2026",
        "DATETIME_FORMAT": "25 December 2026, 18:00",
        "SHORT_DATE_FORMAT": "25 Dec 2026",
        "SHORT_DATETIME_FORMAT": "25 Dec 2026, 18:00",
        "TIME_FORMAT": "18:00",
        "MONTH_DAY_FORMAT": "25 December",
        "YEAR_MONTH_FORMAT": "December 2026",
        "l": "Friday",
    },
}
CASES = [(language, name, text) for language, formats in EXPECTED.items() for name, text in formats.items()]


@pytest.mark.parametrize(("language", "name", "expected"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_each_format_reads_right_in_each_language(language, name, expected):
    with translation.override(language):
        assert date_format(MOMENT, name) == expected


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_morning_time_is_on_the_24_hour_clock_and_the_day_comes_before_the_month(language):
    with translation.override(language):
        short = date_format(MORNING, "SHORT_DATETIME_FORMAT")
    assert short.startswith("05") and "09:28" in short


def test_kazakh_month_names_are_lower_case_everywhere_in_a_sentence():
    with translation.override("kk"):
        months = [date_format(datetime.date(2026, month, 1), "F") for month in range(1, 13)]
        after_a_day = [date_format(datetime.date(2026, month, 1), "E") for month in range(1, 13)]
    assert months == after_a_day
    assert all(name == name.lower() for name in months), months
    assert months[2] == "наурыз"


def test_the_date_filter_in_templates_uses_the_project_formats():
    template = Template('{{ when|date:"DATETIME_FORMAT" }} · {{ when|date:"SHORT_DATE_FORMAT" }}')
    with translation.override("kk"):
        assert template.render(Context({"when": MOMENT})) == "2026 жылғы 25 желтоқсан, 18:00 · 25.12.2026"
