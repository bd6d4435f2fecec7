"""Each app's searchable things: only what the public may see is ever found, and changes show at once."""

import datetime
import itertools

import pytest
from django.utils import timezone

from hub.models import Department, District
from search import services

pytestmark = pytest.mark.django_db
_numbers = itertools.count(1)


def found(text, **filters):
    return [(r.type, r.url) for r in services.search(text, filters=filters).results]


def types(text):
    return [r.type for r in services.search(text).results]


@pytest.fixture(autouse=True)
def engine(backend):
    """Every test here runs on both engines (PostgreSQL only when the database is PostgreSQL)."""
    return backend


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the block's after-commit index updates."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# ---------------------------------------------------------------- NGOs


def make_organisation(status, name_ru="Зелёный город", fields=("ecology",)):
    from ngos.models import FieldOfActivity, Organisation
    from ngos.validators import bin_check_digit

    number = next(_numbers)
    while True:
        prefix = str(20_000_000_000 + number)
        digit = bin_check_digit(prefix)
        if digit is not None:
            break
        number = next(_numbers)
    organisation = Organisation.objects.create(
        slug=f"org-{number}",
        name_kk="Жасыл қала",
        name_ru=name_ru,
        name_en="Green City",
        legal_form=Organisation.LegalForm.PUBLIC_FOUNDATION,
        bin=prefix + str(digit),
        status=status,
        original_language="ru",
        description="Сажаем деревья во дворах Турксиба.",
        verified_at=timezone.now() if status == "verified" else None,
    )
    organisation.fields.set(FieldOfActivity.objects.filter(slug__in=fields))
    return organisation


def test_only_verified_organisations_are_found(commit):
    with commit():
        make_organisation("verified")
        make_organisation("awaiting_verification", name_ru="Непроверенный фонд")
        make_organisation("rejected", name_ru="Отклонённый фонд")
    assert types("деревья") == ["organisation"]
    assert found("фонд") == []
    assert found("Zhasyl kala") and found("жасыл қаланың")


def test_translated_descriptions_and_initiatives_are_found_in_each_language(commit):
    from ngos.models import FieldOfActivity, Initiative

    with commit():
        organisation = make_organisation("verified")
        organisation.description_kk = "Аулаларда ағаш отырғызамыз."
        organisation.description_en = "We plant trees in courtyards."
        organisation.save()
        Initiative.objects.create(
            organisation=organisation,
            original_language="ru",
            title_ru="Велодорожки",
            title_kk="Велосипед жолдары",
            title_en="Bicycle lanes",
            problem_ru="Нет велодорожек.",
            problem_en="No safe cycling.",
            proposal_ru="Построить.",
            expected_result_ru="Меньше машин.",
            field=FieldOfActivity.objects.get(slug="ecology"),
            status="submitted",
            submitted_at=timezone.now(),
        )
    for word in ("деревья", "ағаш", "courtyards"):
        assert types(word) == ["organisation"], word
    for word in ("велодорожки", "велосипед", "bicycle", "cycling"):
        assert types(word) == ["initiative"], word


def test_organisation_loses_verification_and_disappears(commit):
    with commit():
        organisation = make_organisation("verified")
    organisation.status = "archived"
    with commit():
        organisation.save()
    assert found("деревья") == []


def test_fields_of_activity_are_facets_with_labels(commit, client):
    with commit():
        make_organisation("verified", fields=("ecology",))
    page = services.search("деревья")
    assert page.facets["fields"] == {"ecology": 1}
    content = client.get("/ru/search/", {"q": "деревья"}).content.decode()
    assert "(1)" in content


def test_initiatives_are_found_once_submitted_by_a_visible_organisation(commit):
    from ngos.models import FieldOfActivity, Initiative

    with commit():
        organisation = make_organisation("verified")
        common = {
            "organisation": organisation,
            "original_language": "ru",
            "problem": "Смог зимой.",
            "proposal": "Посадить деревья вдоль кольцевой.",
            "expected_result": "Чище воздух.",
            "field": FieldOfActivity.objects.get(slug="ecology"),
        }
        Initiative.objects.create(title="Черновик про смог", status="draft", **common)
        Initiative.objects.create(title="Чистый воздух", status="submitted", submitted_at=timezone.now(), **common)
    assert types("смог") == ["initiative"]
    with commit():
        organisation.status = "rejected"
        organisation.save()
    assert found("смог") == []


# ---------------------------------------------------------------- road maps


def make_action(live=True):
    from roadmaps.models import Action, RoadMap, Section

    department = Department.objects.get(slug="ecology")
    roadmap = RoadMap.objects.create(
        slug=f"belsendi-{next(_numbers)}",
        title_kk="Белсенді мегаполис",
        title_ru="Активный мегаполис",
        title_en="Active megapolis",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        owner=department,
        live=live,
    )
    section = Section.objects.create(roadmap=roadmap, number=1, title_kk="Экология", title_ru="Экология")
    action = Action.objects.create(
        section=section,
        number=1,
        title_kk="Ағаш отырғызу",
        title_ru="Посадка деревьев",
        title_en="Plant trees",
        start_date=datetime.date(2025, 2, 1),
        due_date=datetime.date(2025, 6, 30),
    )
    action.departments.add(department)
    return roadmap, action


def test_actions_of_published_road_maps_only(commit):
    with commit():
        make_action(live=False)
    assert found("посадка") == []
    with commit():
        roadmap, _action = make_action(live=True)
    assert types("посадка деревьев") == ["roadmap_action"]
    assert types("Belsendi megapolis") == ["roadmap_action"]
    with commit():
        roadmap.live = False
        roadmap.save()
    assert found("посадка") == []


# ---------------------------------------------------------------- meetings


def make_meeting(live=True):
    from meetings.models import Decision, Meeting

    starts = timezone.now() - datetime.timedelta(days=3)
    meeting = Meeting.objects.create(
        slug=f"meeting-{next(_numbers)}",
        title_kk="Әкіммен кездесу",
        title_ru="Встреча с акимом",
        title_en="Meeting with the akim",
        topic_ru="Качество воздуха",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        summary_ru="Обсудили перевод ТЭЦ-2 на газ.",
        live=live,
    )
    Decision.objects.create(meeting=meeting, text_kk="ЖЭО-2 газға көшіру", text_ru="Перевести ТЭЦ-2 на газ")
    return meeting


def test_published_meetings_and_their_outcomes_are_found(commit):
    with commit():
        make_meeting(live=False)
    assert found("газ") == []
    with commit():
        meeting = make_meeting(live=True)
    assert types("газ") == ["meeting"]
    assert types("газға көшіру") == ["meeting"]
    with commit():
        meeting.live = False
        meeting.save()
    assert found("газ") == []


def test_a_new_assignment_is_found_with_its_meeting(commit):
    from meetings.models import Assignment

    with commit():
        meeting = make_meeting(live=True)
        Assignment.objects.create(
            meeting=meeting,
            title_kk="Аулаларды көгалдандыру",
            title_ru="Озеленить дворы",
            due_date=datetime.date(2026, 1, 1),
            department=Department.objects.get(slug="ecology"),
        )
    assert types("озеленить") == ["meeting"]


# ---------------------------------------------------------------- anticorruption


def test_reports_are_never_found_and_published_outcomes_are(commit):
    from anticorruption import services as anticorruption
    from anticorruption.models import Category, PublishedOutcome

    category = Category.objects.get(slug="education")
    data = {
        "kind": "corruption",
        "category": category,
        "district": None,
        "concerned_body": "Школа 12",
        "description": "Директор вымогает деньги за зачисление детей.",
        "occurred": "сентябрь",
        "location": "Ауэзовский район",
        "language": "ru",
        "anonymity": "anonymous",
        "reporter_name": "",
        "reporter_email": "",
        "reporter_phone": "",
        "publication_consent": True,
    }
    with commit():
        report, _code = anticorruption.report_file(data=data, files=(), user=None)
    services.rebuild()
    assert found("вымогает") == found("директор") == []
    with commit():
        outcome = PublishedOutcome.objects.create(
            report=report,
            language="ru",
            title="Поборы при зачислении в школу",
            summary="Родителей просили платить за зачисление.",
            outcome="Проверка подтвердила нарушение, виновный уволен.",
        )
    assert types("зачисление") == ["case_outcome"]
    assert found("вымогает") == []
    with commit():
        outcome.is_published = False
        outcome.save()
    assert found("зачисление") == []


def test_rebuild_indexes_every_source(commit, site_pages):
    make_organisation("verified")
    make_action(live=True)
    make_meeting(live=True)
    assert services.rebuild() >= 3 + 3  # plus the demo reports
    assert set(types("деревьев")) >= {"organisation", "roadmap_action"}


def test_district_facet_uses_district_names(commit, client):
    from ngos.models import FieldOfActivity, Initiative

    medeu = District.objects.get(slug="medeu")
    with commit():
        organisation = make_organisation("verified")
        Initiative.objects.create(
            organisation=organisation,
            title="Чистые дворы",
            problem="Мусор во дворах.",
            proposal="Субботники.",
            expected_result="Чисто.",
            field=FieldOfActivity.objects.get(slug="ecology"),
            district=medeu,
            status="submitted",
            submitted_at=timezone.now(),
        )
    assert services.search("дворы").facets["district"] == {"medeu": 1}
    assert medeu.name_ru in client.get("/ru/search/", {"q": "дворы"}).content.decode()


def test_refreshing_many_organisations_takes_a_fixed_number_of_queries(django_assert_max_num_queries):
    organisations = [make_organisation("verified") for _ in range(15)]
    keys = [str(organisation.pk) for organisation in organisations] + ["999999"]
    with django_assert_max_num_queries(10):
        services.refresh("organisation", keys)
    assert services.search("деревья").total == 15
