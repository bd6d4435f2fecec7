# ruff: noqa: F811 - fixtures imported from other apps' conftest modules are used by name
"""Hostile values in addresses, queries and forms get a clear answer, never a 500."""

import pytest
from django.urls import reverse

from hub.params import parse_int
from ngos.models import Initiative
from tests.ngos.conftest import leader, make_initiative, organisation  # noqa: F401 - fixtures
from tests.roadmaps.conftest import department, roadmap, section  # noqa: F401 - fixtures

S = Initiative.Status


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12", 12), ("²", None), ("٣", None), ("-1", None), ("99999999999999999999", None), ("", None), (None, None)],
)
def test_parse_int_reads_only_ascii_digits_in_range(value, expected):
    assert parse_int(value) == expected


@pytest.mark.parametrize("year", ["0", "10000", "²", "99999999999999999999"])
def test_report_list_ignores_impossible_years(visitor, site_pages, year):
    assert visitor.get(f"/en/reports/?year={year}").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/en/ngos/?q=%00",
        "/en/reports/?department=%00",
        "/en/adaldyq-alany/track/%00/",
        "/en/adaldyq-alany/outcomes/%00/",
    ],
)
def test_a_nul_byte_in_the_address_is_a_bad_request(visitor, site_pages, path):
    assert visitor.get(path).status_code == 400


def test_road_map_filters_and_actions_ignore_superscript_digits(visitor, roadmap, section):
    assert visitor.get(f"/en/roadmaps/{roadmap.slug}/?section=²").status_code == 200
    assert visitor.get(f"/en/roadmaps/{roadmap.slug}/actions/².1/").status_code == 404
    assert visitor.get(f"/en/roadmaps/{roadmap.slug}/actions/1.99999999999999999999/").status_code == 404


@pytest.mark.parametrize("query", ["start=0000-01", "start=0001-01", "end=9999-12", "start=٢٠٢٤-01"])
def test_statistics_refuse_months_out_of_range(visitor, db, query):
    assert visitor.get(f"/en/adaldyq-alany/stats/?{query}").status_code in (200, 400)


@pytest.mark.parametrize(
    ("initiative_status", "post"),
    [(S.SUBMITTED, {"to_status": S.UNDER_REVIEW, "department": ""}), (S.UNDER_REVIEW, {"to_status": S.DECLINED})],
)
def test_editor_missing_department_or_comment_gets_form_errors(
    client_for,
    editor,
    organisation,
    initiative_status,
    post,
):
    initiative = make_initiative(organisation, status=initiative_status)
    response = client_for(editor).post(
        reverse("ngos_admin:initiative_handle", args=[initiative.pk]), {"comment": "", **post}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    initiative.refresh_from_db()
    assert initiative.status == initiative_status
