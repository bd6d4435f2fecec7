import pytest
from django.urls import reverse

from ngos.models import Organisation

from .conftest import make_organisation


def test_directory_lists_only_verified_organisations(visitor, organisation):
    make_organisation(slug="draft-one", status=Organisation.Status.DRAFT)
    make_organisation(slug="archived-one", status=Organisation.Status.ARCHIVED)
    response = visitor.get(reverse("ngos:directory"))
    assert response.status_code == 200
    slugs = [org.slug for org in response.context["organisations"]]
    assert slugs == ["eco-almaty"]


def test_directory_search_is_case_insensitive_in_cyrillic(visitor, organisation):
    make_organisation(slug="other", name_ru="Союз КСК Медеу", name_kk="Медеу ПИК одағы")
    response = visitor.get(reverse("ngos:directory"), {"q": "ЭКО алматы"})
    assert [org.slug for org in response.context["organisations"]] == ["eco-almaty"]
    response = visitor.get(reverse("ngos:directory"), {"q": "ксК"})
    assert [org.slug for org in response.context["organisations"]] == ["other"]


def test_directory_search_by_bin(visitor, organisation):
    response = visitor.get(reverse("ngos:directory"), {"q": organisation.bin})
    assert list(response.context["organisations"]) == [organisation]


def test_directory_facets_count_each_option(visitor, organisation, other_organisation):
    response = visitor.get(reverse("ngos:directory"), {"field": "ecology"})
    fields = {option["value"]: option["count"] for option in response.context["facets"]["field"]}
    assert fields["ecology"] == 1 and fields["youth"] == 1
    forms = {option["value"]: option["count"] for option in response.context["facets"]["legal_form"]}
    assert forms["public_foundation"] == 1  # only the ecology one, with the field filter applied
    assert [org.slug for org in response.context["organisations"]] == ["eco-almaty"]


def test_directory_runs_a_fixed_number_of_queries(visitor, organisation, django_assert_max_num_queries):
    for number in range(30):
        make_organisation(slug=f"ngo-{number}", fields=("ecology", "youth"))
    url = reverse("ngos:directory")
    visitor.get(url)  # warm up sessions and caches
    with django_assert_max_num_queries(12) as captured:
        visitor.get(url, {"field": "ecology", "q": "ngo", "page": 2})
    few = len(captured)
    for number in range(30, 60):
        make_organisation(slug=f"ngo-{number}", fields=("ecology", "youth"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as more:
        visitor.get(url, {"field": "ecology", "q": "ngo", "page": 2})
    assert len(more) == few


def test_directory_active_filter(visitor, organisation, other_organisation):
    from django.utils import timezone

    from ngos.services import activity_record

    activity_record(organisation=other_organisation, kind="meeting", occurred_at=timezone.now())
    response = visitor.get(reverse("ngos:directory"), {"active": "1"})
    assert [org.slug for org in response.context["organisations"]] == ["youth-turksib"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_open_data_download(visitor, organisation, fmt):
    response = visitor.get(reverse("ngos:export", args=[fmt]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]


def test_open_data_neutralises_formulas(visitor, organisation):
    organisation.description = '=HYPERLINK("http://evil")'
    organisation.short_name = "@SUM(1)"
    organisation.save()
    content = visitor.get(reverse("ngos:export", args=["csv"])).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in content
    assert "'@SUM(1)" in content


def test_open_data_respects_filters_and_hides_unverified(visitor, organisation, other_organisation):
    make_organisation(slug="hidden", status=Organisation.Status.AWAITING_VERIFICATION)
    data = visitor.get(reverse("ngos:export", args=["json"]), {"field": "youth"}).json()
    assert [row["url"].rsplit("/", 2)[-2] for row in data["organisations"]] == ["youth-turksib"]


def test_xlsx_open_data_keeps_formulas_as_text(visitor, organisation):
    import io

    from openpyxl import load_workbook

    organisation.description = "=1+1"
    organisation.save()
    content = visitor.get(reverse("ngos:export", args=["xlsx"])).content
    sheet = load_workbook(io.BytesIO(content)).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("description") + 1)
    assert cell.value == "'=1+1" and cell.data_type == "s"
