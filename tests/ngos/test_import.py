"""Import from CSV/XLSX in the Wagtail admin: preview, errors per row and column, all-or-nothing, by BIN."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from ngos.importing import ImportFileError, import_organisations, read_dataset, summarise
from ngos.models import Organisation

from .conftest import valid_bin

HEADER = "bin,name_kk,name_ru,legal_form,fields,districts,target_groups,city_wide,description\n"


def csv_rows(*bins, name="Фонд «Өркен»", fields="ecology;youth", districts="medeu;turksib"):
    lines = [
        f'{b},{name} {i},{name} {i},public_foundation,{fields},{districts},youth,0,"Экология, молодёжь"'
        for i, b in enumerate(bins)
    ]
    return HEADER + "\n".join(lines) + "\n"


def run(content, name="file.csv", dry_run=False):
    dataset = read_dataset(name, content)
    result = import_organisations(dataset, dry_run=dry_run)
    counts, problems, _rows = summarise(result, dataset)
    return counts, problems


def test_import_then_reimport_updates_by_bin(db):
    bins = [valid_bin() for _ in range(3)]
    counts, problems = run(csv_rows(*bins).encode("utf-8"))
    assert problems == [] and counts["new"] == 3
    organisation = Organisation.objects.get(bin=bins[0])
    assert organisation.status == "verified"
    assert sorted(organisation.fields.values_list("slug", flat=True)) == ["ecology", "youth"]
    assert sorted(organisation.districts.values_list("slug", flat=True)) == ["medeu", "turksib"]
    assert "өркен" in organisation.search_text
    counts, problems = run(csv_rows(*bins).encode("utf-8"))
    assert counts["skip"] == 3 and counts["new"] == 0
    counts, problems = run(csv_rows(*bins, fields="health-care").encode("utf-8"))
    assert counts["update"] == 3 and Organisation.objects.count() == 3
    assert list(Organisation.objects.get(bin=bins[0]).fields.values_list("slug", flat=True)) == ["health-care"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251"])
def test_csv_encodings(db, encoding):
    counts, problems = run(csv_rows(valid_bin(), name="Фонд Алматы").encode(encoding))
    assert problems == [] and counts["new"] == 1
    assert Organisation.objects.get().name_ru.startswith("Фонд Алматы")


def test_xlsx(db):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["bin", "name_kk", "name_ru", "legal_form", "fields"])
    sheet.append([valid_bin(), "Қор", "Фонд", "institution", "culture"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    counts, problems = run(buffer.getvalue(), name="registry.xlsx")
    assert problems == [] and counts["new"] == 1


def test_preview_writes_nothing(db):
    counts, problems = run(csv_rows(valid_bin()).encode(), dry_run=True)
    assert counts["new"] == 1
    assert not Organisation.objects.exists()


def test_errors_name_row_and_column_and_nothing_is_saved(db):
    good = valid_bin()
    content = (
        HEADER
        + f"{good},Қор,Фонд,public_foundation,ecology,,,1,\n"
        + "123,Қор 2,Фонд 2,public_foundation,ecology,,,1,\n"
        + f"{valid_bin()},Қор 3,,cooperative,unknown-field,,,1,\n"
        + f"{good},Қор 4,Фонд 4,public_foundation,ecology,,,1,\n"
    )
    counts, problems = run(content.encode())
    found = {(p["row"], p["column"]) for p in problems}
    assert {(3, "bin"), (4, "name_ru"), (4, "legal_form"), (4, "fields"), (5, "bin")} <= found
    assert not Organisation.objects.exists()


def test_empty_rows_are_ignored(db):
    content = csv_rows(valid_bin()) + ",,,,,,,,\n\n"
    counts, problems = run(content.encode())
    assert problems == [] and counts["new"] == 1


@pytest.mark.parametrize(
    "name,content",
    [
        ("file.csv", b"bin,name_ru\n123456789012,X\n"),  # missing columns
        ("file.csv", b""),  # empty
        ("file.csv", b"\x00\x01\x02junk" * 1000),  # binary junk
        ("file.xlsx", b"PK\x03\x04 not really a workbook"),
        ("file.txt", b"bin,name_kk"),
        ("file.csv", b"x" * (10 * 1024 * 1024 + 1)),  # too large
    ],
)
def test_bad_files_get_a_clear_error(db, name, content):
    with pytest.raises(ImportFileError) as error:
        read_dataset(name, content)
    assert str(error.value).endswith(".")


def test_admin_upload_preview_and_confirm(client_for, moderator, django_capture_on_commit_callbacks):
    client = client_for(moderator)
    upload = SimpleUploadedFile("registry.csv", csv_rows(valid_bin(), valid_bin(), name="Фонд Алматы").encode("cp1251"))
    response = client.post(reverse("ngos_admin:import"), {"file": upload})
    assert response.status_code == 200
    assert response.context["counts"]["new"] == 2 and not response.context["problems"]
    assert not Organisation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):  # the import commits, then announces
        response = client.post(reverse("ngos_admin:import_confirm"), {"token": response.context["token"]})
    assert response.status_code == 302
    assert Organisation.objects.count() == 2
    # Imported organisations are verified: the directory's search box finds them at once.
    response = client.get(reverse("ngos:directory"), {"q": "алматы"})
    assert response.context["page_obj"].paginator.count == 2


def test_admin_upload_with_missing_columns_shows_the_error(client_for, moderator):
    upload = SimpleUploadedFile("registry.csv", b"bin,name_ru\n1,2\n")
    response = client_for(moderator).post(reverse("ngos_admin:import"), {"file": upload})
    assert "name_kk" in response.context["error"]


def test_editor_cannot_import(client_for, editor):
    upload = SimpleUploadedFile("registry.csv", csv_rows(valid_bin()).encode())
    response = client_for(editor).post(reverse("ngos_admin:import"), {"file": upload})
    assert response.status_code in (302, 403)
    assert not Organisation.objects.exists()


def test_reimport_with_changed_columns_updates_the_row(db):
    bin_ = valid_bin()
    run(csv_rows(bin_, name="Фонд Алматы").encode())
    counts, problems = run(csv_rows(bin_, name="Фонд Алатау").encode())
    assert counts["update"] == 1 and problems == []
    organisation = Organisation.objects.get()
    assert organisation.name_ru == "Фонд Алатау 0"
    assert "алатау" in organisation.search_text


def test_preview_lists_rows_with_their_kind(client_for, moderator, organisation):
    content = (
        csv_rows(valid_bin(), name="Фонд Алматы") + f"{organisation.bin},Қор,Фонд,public_foundation,ecology,,,1,\n"
    )
    upload = SimpleUploadedFile("registry.csv", content.encode())
    response = client_for(moderator).post(reverse("ngos_admin:import"), {"file": upload})
    kinds = [row["kind"] for row in response.context["rows"]]
    assert len(kinds) == 2 and kinds[0] != kinds[1]
    assert response.context["counts"]["new"] == 1 and response.context["counts"]["update"] == 1
