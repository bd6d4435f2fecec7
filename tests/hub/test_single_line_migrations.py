"""Names, titles and addresses stored before the forms made them one line are normalised by one data
migration per app (issue 15), with the cleaning the forms' single-line rule describes."""

import importlib

import pytest
from django.apps import apps

from anticorruption import services as anticorruption
from anticorruption.models import Category
from hub.models import Department
from hub.text import single_line_rows, single_line_stored
from ngos.models import Organisation
from roadmaps.models import RoadMap
from tests.anticorruption.conftest import report_data
from tests.conftest import make_user
from tests.meetings.conftest import make_meeting
from tests.ngos.conftest import make_organisation
from tests.roadmaps.conftest import make_roadmap

MIGRATIONS = {
    "hub": "0008_single_line_names",
    "ngos": "0008_single_line_names_titles_addresses",
    "roadmaps": "0006_single_line_titles",
    "meetings": "0006_single_line_titles_places_names",
    "anticorruption": "0010_single_line_names_places",
}
STORED = "Line one\r\nline two\nthree\tfour \u202eevil"
CLEANED = "Line one line two three four evil"


def migrate_forward(app_label):
    module = importlib.import_module(f"{app_label}.migrations.{MIGRATIONS[app_label]}")
    for operation in module.Migration.operations:
        operation.code(apps, None)


@pytest.mark.parametrize(
    "stored, cleaned",
    [
        ("ОФ «Эко\nАлматы»", "ОФ «Эко Алматы»"),
        ("ОФ «Эко\r\nАлматы»", "ОФ «Эко Алматы»"),
        ("Абай даңғылы,\t 10", "Абай даңғылы, 10"),
        ("invoice\u202egpj.exe", "invoicegpj.exe"),
        ("\u2066Айгерім\u2069\x00\x07 ", "Айгерім"),
        ("", ""),
        ("Already one line", "Already one line"),
    ],
)
def test_a_stored_value_is_made_one_line_without_refusing_anything(stored, cleaned):
    assert single_line_stored(stored) == cleaned


def test_every_app_normalises_its_stored_single_line_columns(db, settings, tmp_path):
    settings.ANTICORRUPTION_PRIVATE_ROOT = tmp_path / "private"
    department = Department.objects.get(slug="education")
    person = make_user("stored.names@example.kz")
    organisation = make_organisation(slug="stored-lines")
    roadmap = make_roadmap(department=department)
    meeting = make_meeting()
    report, _code = anticorruption.report_file(
        data=report_data(Category.objects.get(slug="education")), files=(), user=None
    )
    rows = [
        (type(department), department.pk, ["name_ru"]),
        (type(person), person.pk, ["first_name", "last_name"]),
        (Organisation, organisation.pk, ["name_ru", "address", "short_name"]),
        (RoadMap, roadmap.pk, ["title_en"]),
        (type(meeting), meeting.pk, ["title_ru", "venue_ru"]),
        (type(report), report.pk, ["location", "concerned_body", "occurred"]),
    ]
    for model, pk, fields in rows:  # as rows typed before the forms cleaned them were stored
        model.objects.filter(pk=pk).update(**dict.fromkeys(fields, STORED))
    multi_line = "First line\nsecond line"
    type(report).objects.filter(pk=report.pk).update(description=multi_line)
    for app_label in MIGRATIONS:
        migrate_forward(app_label)
    for model, pk, fields in rows:
        assert model.objects.filter(pk=pk).values(*fields).get() == dict.fromkeys(fields, CLEANED), model
    assert type(report).objects.get(pk=report.pk).description == multi_line  # a text area keeps its lines


def test_only_rows_that_change_are_written(db):
    department = Department.objects.get(slug="education")
    Department.objects.filter(pk=department.pk).update(name_en="Education\n")
    assert single_line_rows(Department, ["name_kk", "name_ru", "name_en"]) == 1
    assert single_line_rows(Department, ["name_kk", "name_ru", "name_en"]) == 0
