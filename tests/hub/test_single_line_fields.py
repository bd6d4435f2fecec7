"""Names, titles and addresses are one line everywhere (issue 15): line breaks typed or pasted into a
single-line field become a space, control and direction-override characters are refused, in the forms
of every app and in the Wagtail admin's model forms."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.admin.panels import get_edit_handler

from anticorruption.forms import LegalHoldForm
from hub.forms import ProfileForm, SingleLineField
from hub.models import Department
from hub.text import single_line
from meetings.forms import CloseSummaryForm, DecisionForm


@pytest.mark.parametrize(
    "typed,kept",
    [
        ("Фонд «Өркен»\r\nBcc: all@example.kz", "Фонд «Өркен» Bcc: all@example.kz"),
        ("ул. Абая,\n\n 10\tоф. 5", "ул. Абая, 10 оф. 5"),
        ("Line\u2028separator\u2029and\x85next", "Line separator and next"),
        ("  plain  ", "plain"),
    ],
)
def test_line_breaks_in_a_single_line_value_become_one_space(typed, kept):
    assert single_line(typed) == kept


@pytest.mark.parametrize("typed", ["Фонд\x00", "Name\x1b[31m", "invoice\u202egpj.exe", "Del\x7f", "C1\x9b"])
def test_control_and_direction_characters_are_refused(typed):
    with pytest.raises(ValidationError):
        single_line(typed)


def test_a_model_form_of_the_hub_makes_names_one_line(db):
    form = ProfileForm({"first_name": "Айгүл\r\nTo: x@example.kz", "last_name": "Сейітова", "language": "kk"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["first_name"] == "Айгүл To: x@example.kz"


def test_a_plain_form_makes_its_single_line_fields_one_line_and_keeps_paragraphs_in_textareas():
    summary = CloseSummaryForm(
        {"summary_kk": "Бірінші.\nЕкінші.", "summary_ru": "Первое.\nВторое.", "note": "Версия 2\nисправлена"}
    )
    assert summary.is_valid(), summary.errors
    assert summary.cleaned_data["note"] == "Версия 2 исправлена"
    assert summary.cleaned_data["summary_ru"] == "Первое.\nВторое."


def test_a_textarea_refuses_control_characters_in_the_users_language():
    with translation.override("ru"):
        form = DecisionForm({"text_kk": "Шешім", "text_ru": "Решение\x1b[2J"})
        assert not form.is_valid()
        assert "управляющие" in form.errors["text_ru"][0] or "невидим" in form.errors["text_ru"][0]


def test_the_officers_forms_make_a_reason_one_line():
    form = LegalHoldForm({"hold": "on", "reason": "Запрос суда\r\n№ 12"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["reason"] == "Запрос суда № 12"


def test_wagtail_admin_forms_make_model_char_fields_one_line(db):
    form_class = get_edit_handler(Department).get_form_class()
    assert isinstance(form_class.base_fields["name_ru"], SingleLineField)
    assert not isinstance(form_class.base_fields["slug"], SingleLineField)  # a SlugField keeps its own field
    assert form_class.base_fields["name_ru"].clean("Управление\r\nэкологии") == "Управление экологии"
    with pytest.raises(ValidationError):
        form_class.base_fields["name_en"].clean("Ecology\u202e")
