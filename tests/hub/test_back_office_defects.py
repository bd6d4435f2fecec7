"""Small back-office defects of issue 18: headings, table headers, avatars, department choosers, dates."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import formats, translation

from hub.models import Department
from tests.roadmaps.conftest import make_roadmap


@pytest.fixture
def roadmap(db):
    return make_roadmap(department=Department.objects.active().first())


@pytest.mark.parametrize("name", ["status", "import"])
def test_roadmap_tool_pages_have_their_h1_with_the_roadmaps_name(client_for, editor, roadmap, name):
    html = client_for(editor).get(reverse(f"roadmaps_admin:{name}", args=[roadmap.pk])).content.decode()
    h1 = html[html.index('<h1 class="w-header__title"') : html.index("</h1>")]
    assert str(roadmap.title) in h1


def test_proposal_queue_and_meeting_desk_have_no_empty_headers(client_for, editor):
    client = client_for(editor)
    for url in (reverse("roadmaps_admin:proposals"), reverse("meetings_desk:index")):
        html = client.get(url).content.decode()
        assert "<h1" in html and "<th></th>" not in html


def test_admin_loads_no_gravatar(client_for, editor, settings):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert "gravatar.com" not in client_for(editor).get("/admin/").content.decode()


def test_department_chooser_searches_names_in_any_language(client_for, editor):
    client = client_for(editor)
    body = Department.objects.active().exclude(name_ru="").first()
    choose = json.loads(client.get(reverse("wagtailsnippetchoosers_hub_department:choose")).content)["html"]
    assert 'name="q"' in choose
    word = body.name_ru.split()[-1]
    results = client.get(reverse("wagtailsnippetchoosers_hub_department:choose_results"), {"q": word})
    html = results.content.decode()
    assert body.name_ru in html or body.name_kk in html or body.name_en in html
    assert html.count("<tr") < Department.objects.count() + 1


@pytest.mark.parametrize("persona", ["editor", "moderator", "member"])
def test_department_staff_chooser_is_for_officers_and_administrators(request, client_for, persona):
    response = client_for(request.getfixturevalue(persona)).get(
        reverse("wagtailsnippetchoosers_anticorruption_departmentstaff:choose")
    )
    assert response.status_code in (302, 403)


@pytest.mark.parametrize("persona", ["officer", "admin_user"])
def test_officers_and_administrators_open_the_department_staff_chooser(request, client_for, persona):
    response = client_for(request.getfixturevalue(persona)).get(
        reverse("wagtailsnippetchoosers_anticorruption_departmentstaff:choose")
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "language, expected", [("kk", "21.11.2026 15:28"), ("ru", "21.11.2026 15:28"), ("en", "21 Nov 2026, 15:28")]
)
def test_dates_are_day_first_and_24_hour(language, expected):
    moment = datetime.datetime(2026, 11, 21, 15, 28)
    with translation.override(language):
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == expected
