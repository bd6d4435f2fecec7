"""Export → import of the registry is an exact round trip, and spreadsheets as Excel writes them are read
(issue 14, "Imports that corrupt data")."""

import codecs
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook
from wagtail.users.models import UserProfile

from bench.generate import Generator
from hub.spreadsheets import CellNotEncodable, csv_bytes, neutralise, unneutralise
from ngos import demo, exports
from ngos.importing import ImportFileError, import_organisations, read_dataset, summarise
from ngos.models import Organisation
from ngos.validators import bin_check_digit

from .conftest import make_organisation, valid_bin

HEADER = ["bin", "name_kk", "name_ru", "legal_form", "fields", "phone"]


def registry():
    return Organisation.objects.order_by("name_ru", "pk")


def run(name, content, dry_run=False):
    dataset = read_dataset(name, content)
    result = import_organisations(dataset, dry_run=dry_run)
    counts, problems, _rows = summarise(result, dataset)
    return counts, problems


def xlsx_rows(content):
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def workbook_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def bin_with_leading_zero():
    number = 1_000_000_000
    while bin_check_digit(f"0{number}") is None:
        number += 1
    return f"0{number}{bin_check_digit(f'0{number}')}"


def without_url(rows):
    return [row[:-1] for row in rows]  # the address depends on the slug, made anew for new rows


# --- the formula guard --------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["+7 727 300 10 20", "=1+2", "-", "@home", "'+7", "''=x", "'quoted'", "plain", ""])
def test_the_formula_guard_comes_off_exactly_as_it_was_put_on(value):
    assert unneutralise(neutralise(value)) == value


def test_phones_keep_their_plus_through_export_and_import(db):
    organisation = make_organisation(slug="orken", phone="+7 727 300 10 20", description_ru="- экология\n- дети")
    exported = exports.as_csv(registry())
    assert b"'+7 727 300 10 20" in exported  # still safe to open in a spreadsheet
    Organisation.objects.filter(pk=organisation.pk).update(phone="", description_ru="")
    counts, problems = run("registry.csv", exported)
    assert problems == [] and counts["update"] == 1
    organisation.refresh_from_db()
    assert organisation.phone == "+7 727 300 10 20"
    assert organisation.description_ru == "- экология\n- дети"


# --- exact round trips ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_demo_registry_reimports_unchanged(db, fmt):
    demo.seed()
    exported = getattr(exports, f"as_{fmt}")(registry())
    counts, problems = run(f"registry.{fmt}", exported)
    assert problems == []
    assert counts["skip"] == Organisation.objects.count() and counts["update"] == counts["new"] == 0
    again = getattr(exports, f"as_{fmt}")(registry())
    assert (again == exported) if fmt == "csv" else xlsx_rows(again) == xlsx_rows(exported)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_demo_registry_exported_fills_an_empty_registry_with_the_same_rows(db, fmt):
    demo.seed()
    before = list(exports.table(registry()))
    exported = getattr(exports, f"as_{fmt}")(registry())
    Organisation.objects.all().delete()
    counts, problems = run(f"registry.{fmt}", exported)
    assert problems == [] and counts["new"] == len(before) - 1
    assert without_url(exports.table(registry())) == without_url(before)


def test_a_generated_registry_of_5000_rows_round_trips_exactly(db):
    generator = Generator(1.0)
    generator.load_reference()
    generator.organisations()
    assert Organisation.objects.count() >= 5000
    exported = exports.as_csv(registry())
    counts, problems = run("registry.csv", exported)
    assert problems == [] and counts["skip"] == Organisation.objects.count()
    assert exports.as_csv(registry()) == exported


# --- encodings ------------------------------------------------------------------------------------


def test_a_windows_1251_export_refuses_kazakh_letters_naming_row_and_column(db):
    make_organisation(slug="a", name_kk="Ақ жол қоры", name_ru="Фонд А")
    with pytest.raises(CellNotEncodable) as refused:
        exports.as_csv(registry(), "cp1251")
    assert (refused.value.row, refused.value.column, refused.value.character) == (2, "name_kk", "қ")


def test_a_windows_1251_export_of_russian_text_is_written(db):
    make_organisation(slug="a", name_kk="Фонд А", name_ru="Фонд А", description_ru="Экология")
    content = exports.as_csv(registry(), "cp1251")
    assert "Экология".encode("cp1251") in content and not content.startswith(codecs.BOM_UTF8)
    counts, problems = run("registry.csv", content)
    assert problems == [] and counts["skip"] == 1


def test_the_staff_export_in_windows_1251_explains_instead_of_writing_question_marks(client_for, moderator):
    make_organisation(slug="a", name_kk="Ақ жол қоры", name_ru="Фонд А")
    UserProfile.objects.update_or_create(user=moderator, defaults={"preferred_language": "en"})
    client = client_for(moderator)
    url = reverse("ngos_admin:export", args=["csv"])
    response = client.get(url, {"encoding": "windows-1251"}, follow=True)
    text = response.content.decode()
    assert "row 2, column name_kk" in text and "қ" in text
    assert client.get(url, {"encoding": "koi8-u"}).status_code in (302, 403)  # the admin redirects refusals


def test_a_windows_1251_file_that_lost_kazakh_letters_is_refused_with_row_and_column(db):
    rows = [HEADER, [valid_bin(), "Фонд", "Фонд", "institution", "culture", ""]]
    rows.append([valid_bin(), "Жасыл ?ала", "Зелёный город", "institution", "culture", ""])
    content = csv_bytes(rows, "utf-8").decode("utf-8-sig").encode("cp1251")
    with translation.override("ru"), pytest.raises(ImportFileError) as refused:
        read_dataset("registry.csv", content)
    message = str(refused.value)
    assert "3" in message and "name_kk" in message and "UTF-8" in message and "ә" in message
    assert "Строка" in message


def test_question_marks_in_latin_text_and_at_sentence_end_are_not_lost_letters(db):
    content = "bin,name_kk,name_ru,legal_form,fields,description_ru\n"
    content += f"{valid_bin()},Фонд,Фонд,institution,culture,Зачем? Смотрите https://a.kz/?id=1\n"
    counts, problems = run("registry.csv", content.encode("cp1251"))
    assert problems == [] and counts["new"] == 1


def test_utf16_tab_separated_text_from_excel_is_read(db):
    content = "\t".join(HEADER) + "\r\n" + "\t".join([valid_bin(), "Өркен қоры", "Фонд", "institution", "culture", ""])
    counts, problems = run("registry.csv", codecs.BOM_UTF16_LE + content.encode("utf-16-le"))
    assert problems == [] and Organisation.objects.get().name_kk == "Өркен қоры"


# --- shapes Excel writes ----------------------------------------------------------------------------


def test_a_semicolon_csv_as_russian_excel_writes_it_is_read(db):
    lines = [
        ";".join(HEADER),
        ";".join([valid_bin(), "Фонд Алматы", "Фонд Алматы", "institution", "culture", "+7 727"]),
    ]
    content = ("\r\n".join(lines) + "\r\n;;;;;\r\n;;;;;\r\n").encode("cp1251")
    counts, problems = run("registry.csv", content)
    assert problems == [] and counts == {"new": 1, "update": 0, "skip": 0, "invalid": 0, "error": 0}


def test_a_semicolon_csv_in_utf8_with_bom_keeps_kazakh_letters(db):
    lines = [";".join(HEADER), ";".join([valid_bin(), "«Өркен» қоғамдық қоры", "Фонд", "institution", "culture", ""])]
    counts, problems = run("registry.csv", codecs.BOM_UTF8 + "\r\n".join(lines).encode())
    assert problems == [] and Organisation.objects.get().name_kk == "«Өркен» қоғамдық қоры"


def test_an_xlsx_with_a_title_row_numeric_bins_and_trailing_empty_rows(db):
    zero_bin = bin_with_leading_zero()
    rows = [
        ["Реестр НПО г. Алматы на 01.12.2026"],
        [],
        HEADER,
        [int(zero_bin), "Жасыл қала", "Зелёный город", "institution", "culture", "+7 727 300 10 20"],
        [valid_bin(), "Қор", "Фонд", "cooperative", "culture", ""],
        [None] * 6,
        [None] * 6,
    ]
    counts, problems = run("registry.xlsx", workbook_bytes(rows), dry_run=True)
    assert counts["skip"] == 0 and counts["new"] == 1
    assert problems == [{"row": 5, "column": "legal_form", "reason": problems[0]["reason"]}]
    counts, problems = run("registry.xlsx", workbook_bytes(rows[:4]))
    assert problems == [] and Organisation.objects.get().bin == zero_bin


def test_a_bin_that_lost_its_leading_zero_in_a_csv_gets_it_back(db):
    zero_bin = bin_with_leading_zero()
    content = ",".join(HEADER) + f"\n{zero_bin[1:]},Қор,Фонд,institution,culture,\n"
    counts, problems = run("registry.csv", content.encode())
    assert problems == [] and Organisation.objects.get().bin == zero_bin


def test_a_bin_rounded_to_scientific_notation_is_explained(db):
    content = ",".join(HEADER) + '\n"1,23457E+11",Қор,Фонд,institution,culture,\n'
    _counts, problems = run("registry.csv", content.encode())
    assert problems[0]["row"] == 2 and problems[0]["column"] == "bin" and "text" in problems[0]["reason"]


def test_missing_columns_are_named_when_no_row_is_a_header(db):
    with pytest.raises(ImportFileError) as refused:
        read_dataset("registry.xlsx", workbook_bytes([["Реестр"], ["bin", "name_ru"], [valid_bin(), "Фонд"]]))
    assert "name_kk" in str(refused.value) and "bin," not in str(refused.value)


def test_errors_are_in_the_users_language_and_name_row_and_column(client_for, moderator):
    content = ";".join(HEADER) + f"\n{valid_bin()};Қор;Фонд;cooperative;culture;\n"
    upload = SimpleUploadedFile("registry.csv", content.encode("utf-8"))
    UserProfile.objects.update_or_create(user=moderator, defaults={"preferred_language": "kk"})
    response = client_for(moderator).post(reverse("ngos_admin:import"), {"file": upload})
    problems = response.context["problems"]
    assert problems[0]["row"] == 2 and problems[0]["column"] == "legal_form"
    assert "Белгісіз" in problems[0]["reason"]
