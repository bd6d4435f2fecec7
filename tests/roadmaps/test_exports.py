import csv
import io
import time

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from roadmaps import exports, panels
from roadmaps.models import RoadMap


def export_url(roadmap, name):
    return reverse(f"roadmaps:{name}", kwargs={"slug": roadmap.slug})


def test_xlsx_export_has_import_columns(visitor, action):
    response = visitor.get(export_url(action.section.roadmap, "xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("section", "number", "code")
    assert rows[1][2] == "1.1" and rows[1][4] == "Посадка деревьев" and rows[1][-1] == "yes"


def test_csv_export_neutralises_formulas(visitor, action):
    type(action).objects.filter(pk=action.pk).update(description="=HYPERLINK(1)")
    response = visitor.get(export_url(action.section.roadmap, "csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][6] == "'=HYPERLINK(1)"


@pytest.mark.parametrize("language, word", [("kk", "Ағаш отырғызу"), ("ru", "Посадка деревьев")])
def test_pdf_renders_kazakh_and_russian(client, action, language, word):
    response = client.get(f"/{language}/roadmaps/{action.section.roadmap.slug}/export.pdf")
    assert response.status_code == 200
    text = " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    assert word in text


def test_unpublished_roadmap_exports_are_404(visitor, department):
    from .conftest import make_roadmap

    roadmap = make_roadmap("hidden", department=department, live=False)
    for name in ("pdf", "xlsx", "csv"):
        assert visitor.get(export_url(roadmap, name)).status_code == 404


def test_organisation_section_lists_partnered_actions(rf, action, ngo, other_ngo):
    section = panels.organisation_section(rf.get("/"), ngo)
    assert [a.code for a in section["actions"]] == ["1.1"]
    assert panels.organisation_section(rf.get("/"), other_ngo) is None


def test_home_section_shows_current_progress_then_completed_road_maps(rf, action, department):
    from .conftest import make_roadmap

    finished = make_roadmap("finished", department=department, status=RoadMap.Status.COMPLETED)
    section = panels.home_section(rf.get("/"))
    roadmap, completed = section["roadmaps"]
    assert completed.pk == finished.pk
    assert (roadmap.action_total, roadmap.action_done, roadmap.action_overdue, roadmap.average_progress) == (
        1,
        0,
        1,
        40,
    )


def test_pdf_of_200_action_roadmap_renders(big_roadmap_for_pdf):
    started = time.perf_counter()
    data = exports.roadmap_pdf(big_roadmap_for_pdf, language="kk")
    elapsed = time.perf_counter() - started
    assert data.startswith(b"%PDF") and len(PdfReader(io.BytesIO(data)).pages) > 5
    print(f"PDF of 200 actions: {elapsed:.1f}s, {len(data)} bytes")


def test_pdf_is_cached_until_the_roadmap_changes(action, editor, monkeypatch):
    from roadmaps import services

    calls = []
    real = exports.roadmap_pdf
    monkeypatch.setattr(
        exports, "roadmap_pdf", lambda roadmap, language: calls.append(language) or real(roadmap, language=language)
    )
    roadmap = action.section.roadmap
    first = exports.cached_roadmap_pdf(roadmap, language="ru")
    assert exports.cached_roadmap_pdf(roadmap, language="ru") == first
    assert calls == ["ru"]
    services.update_post(action=action, user=editor, note="More trees", progress=90)
    exports.cached_roadmap_pdf(roadmap, language="ru")
    assert calls == ["ru", "ru"]


def test_panels_run_one_query_each_at_scale(rf, big_roadmap, django_assert_num_queries):
    from ngos.models import Organisation

    organisation = Organisation.objects.get(slug="partner-1")
    with django_assert_num_queries(1):
        section = panels.organisation_section(rf.get("/"), organisation)
    assert len(section["actions"]) == 80
    with django_assert_num_queries(1):
        [roadmap] = panels.home_section(rf.get("/"))["roadmaps"]
    assert roadmap.action_total == 200


def test_pdf_not_yet_rendered_is_prepared_by_a_worker_while_the_visitor_waits(client, action, database_tasks):
    from django_tasks_db.models import DBTaskResult

    from tests.background import run_worker

    url = f"/en/roadmaps/{action.section.roadmap.slug}/export.pdf"
    started = time.monotonic()
    first = client.get(url)
    assert first.status_code == 202 and time.monotonic() - started < 2
    assert "The PDF is being prepared" in first.content.decode()
    assert client.get(url).status_code == 202
    assert DBTaskResult.objects.count() == 1  # asked once, however often the visitor reloads
    run_worker()
    ready = client.get(url)
    assert ready.status_code == 200 and ready["Content-Type"] == "application/pdf"


def test_the_formula_guard_of_the_xlsx_export_comes_off_when_it_is_imported(action):
    from roadmaps.imports import read_rows

    type(action).objects.filter(pk=action.pk).update(description="- посадка\n- полив", title_en="+1 tree")
    row = read_rows(exports.roadmap_xlsx(action.section.roadmap))[0]
    assert row.values["description"] == "- посадка\n- полив" and row.values["title_en"] == "+1 tree"
