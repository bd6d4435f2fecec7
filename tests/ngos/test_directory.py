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


def test_directory_search_is_case_insensitive_in_cyrillic(visitor, organisation, reindex):
    make_organisation(slug="other", name_ru="Союз КСК Медеу", name_kk="Медеу ПИК одағы")
    reindex()
    response = visitor.get(reverse("ngos:directory"), {"q": "ЭКО алматы"})
    assert [org.slug for org in response.context["organisations"]] == ["eco-almaty"]
    response = visitor.get(reverse("ngos:directory"), {"q": "ксК"})
    assert [org.slug for org in response.context["organisations"]] == ["other"]


def test_directory_search_by_bin(visitor, organisation, reindex):
    reindex()
    response = visitor.get(reverse("ngos:directory"), {"q": organisation.bin})
    assert list(response.context["organisations"]) == [organisation]


def found(client, q, **params):
    response = client.get(reverse("ngos:directory"), {"q": q, **params})
    assert response.status_code == 200
    return [org.slug for org in response.context["organisations"]]


def test_directory_search_finds_what_site_search_finds(visitor, reindex):
    make_organisation(slug="zhastar", name_kk="Жастар ұйымы", name_ru="Молодёжная организация")
    make_organisation(slug="adaldyq", name_kk="Адалдық алаңы қоғамдық бірлестігі", name_ru="ОО Адалдык алани")
    reindex()
    for typed in ("ұйымдар", "ұйымның", "организации", "молодежные"):  # Kazakh endings, Russian stems, ё
        assert found(visitor, typed) == ["zhastar"], typed
    assert found(visitor, "Adaldyq alany") == ["adaldyq"]  # Latin spelling of a Cyrillic name
    assert found(visitor, "ұйым адалдық") == []  # every word must match


def test_directory_search_narrows_facets_and_keeps_filters(visitor, organisation, other_organisation, reindex):
    make_organisation(slug="eco-draft", name_ru="Эко черновик", status=Organisation.Status.AWAITING_VERIFICATION)
    reindex()
    response = visitor.get(reverse("ngos:directory"), {"q": "эко"})
    assert [org.slug for org in response.context["organisations"]] == ["eco-almaty"]
    fields = {option["value"]: option["count"] for option in response.context["facets"]["field"]}
    assert fields["ecology"] == 1 and fields["youth"] == 0
    assert found(visitor, "эко", field="youth") == []


@pytest.mark.parametrize("typed", ["AND", 'name:"x', "((( [", "*", "a" * 5000, "😀", "Эко 😀 AND (алматы*"])
def test_directory_search_takes_any_text(visitor, organisation, reindex, typed):
    reindex()
    response = visitor.get(reverse("ngos:directory"), {"q": typed})
    assert response.status_code == 200
    assert not response.context["filters"]["reduced"]  # answered by the engine, no fallback


def test_directory_finds_the_first_digits_of_a_bin(visitor, organisation, reindex):
    from ngos.validators import bin_check_digit

    body = next(f"9876540{n:04d}" for n in range(10_000) if bin_check_digit(f"9876540{n:04d}") is not None)
    make_organisation(slug="by-bin", bin=body + str(bin_check_digit(body)))
    reindex()
    assert found(visitor, "987654") == ["by-bin"]
    assert found(visitor, organisation.bin) == ["eco-almaty"]


def test_directory_answers_from_the_database_until_the_index_is_built(visitor, organisation, caplog):
    response = visitor.get(reverse("ngos:directory"), {"q": "эко"})
    assert [org.slug for org in response.context["organisations"]] == ["eco-almaty"]
    assert response.context["filters"]["reduced"]
    assert "rebuild_search_index" in caplog.text


def test_directory_finds_an_organisation_once_its_verification_commits(
    visitor, moderator, django_capture_on_commit_callbacks
):
    from ngos import services

    with django_capture_on_commit_callbacks(execute=True):
        pending = make_organisation(
            slug="steppe", name_ru="Степной фонд", status=Organisation.Status.AWAITING_VERIFICATION
        )
    assert found(visitor, "степной") == []
    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_verify(user=moderator, organisation=pending)
    assert found(visitor, "степной") == ["steppe"]


def test_directory_suggests_a_spelling_when_nothing_is_found(visitor, organisation, reindex):
    reindex()
    response = visitor.get(reverse("ngos:directory"), {"q": "Алматв", "field": "ecology"})
    assert response.context["page_obj"].paginator.count == 0
    assert response.context["suggestion"]
    following = visitor.get(reverse("ngos:directory") + "?" + response.context["suggestion_query"])
    assert [org.slug for org in following.context["organisations"]] == ["eco-almaty"]
    content = response.content.decode()
    assert "Did you mean" in content and reverse("search:search") in content


def test_directory_falls_back_to_the_database_when_search_fails(visitor, organisation, reindex, monkeypatch):
    from search.backends.whoosh import WhooshBackend

    reindex()

    def broken(*args, **kwargs):
        raise OSError("index folder missing")

    monkeypatch.setattr(WhooshBackend, "keys", broken)
    assert found(visitor, "эко") == ["eco-almaty"]


def test_directory_facets_count_each_option(visitor, organisation, other_organisation):
    response = visitor.get(reverse("ngos:directory"), {"field": "ecology"})
    fields = {option["value"]: option["count"] for option in response.context["facets"]["field"]}
    assert fields["ecology"] == 1 and fields["youth"] == 1
    forms = {option["value"]: option["count"] for option in response.context["facets"]["legal_form"]}
    assert forms["public_foundation"] == 1  # only the ecology one, with the field filter applied
    assert [org.slug for org in response.context["organisations"]] == ["eco-almaty"]


def test_directory_runs_a_fixed_number_of_queries(visitor, organisation, django_assert_max_num_queries, reindex):
    for number in range(30):
        make_organisation(slug=f"ngo-{number}", fields=("ecology", "youth"))
    reindex()
    url = reverse("ngos:directory")
    visitor.get(url)  # warm up sessions and caches
    with django_assert_max_num_queries(12) as captured:
        visitor.get(url, {"field": "ecology", "q": "ngo", "page": 2})
    few = len(captured)
    for number in range(30, 60):
        make_organisation(slug=f"ngo-{number}", fields=("ecology", "youth"))
    reindex()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as more:
        response = visitor.get(url, {"field": "ecology", "q": "ngo", "page": 2})
    assert len(more) == few
    assert response.context["page_obj"].paginator.count == 60


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
    cell = sheet.cell(row=2, column=header.index("description_kk") + 1)
    assert cell.value == "'=1+1" and cell.data_type == "s"
