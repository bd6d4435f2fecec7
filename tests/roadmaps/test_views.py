import datetime

import pytest
from django.urls import reverse

from roadmaps.models import Action, ActionPartner, ProgressUpdate, RoadMap, Section

from .conftest import make_organisation, make_roadmap


def detail_url(roadmap):
    return reverse("roadmaps:detail", kwargs={"slug": roadmap.slug})


def action_url(action, name="roadmaps:action"):
    return reverse(name, kwargs={"slug": action.section.roadmap.slug, "code": action.code})


def test_list_shows_current_first_and_hides_unpublished(visitor, department):
    done = make_roadmap("old", department=department, status=RoadMap.Status.COMPLETED)
    RoadMap.objects.filter(pk=done.pk).update(
        period_start=datetime.date(2030, 1, 1), period_end=datetime.date(2030, 12, 31)
    )
    current = make_roadmap("current", department=department, status=RoadMap.Status.IMPLEMENTATION)
    make_roadmap("secret", department=department, live=False)
    response = visitor.get(reverse("roadmaps:list"))
    assert response.status_code == 200
    slugs = [roadmap.slug for roadmap in response.context["roadmaps"]]
    assert slugs == [current.slug, done.slug]


def test_unpublished_roadmap_is_404(visitor, department):
    roadmap = make_roadmap("secret", department=department, live=False)
    assert visitor.get(detail_url(roadmap)).status_code == 404


def test_detail_shows_overview_and_actions(visitor, action):
    response = visitor.get(detail_url(action.section.roadmap))
    assert response.status_code == 200
    figures = response.context["figures"]
    assert (figures["total"], figures["overdue"], figures["in_progress"]) == (1, 1, 1)
    content = response.content.decode()
    assert "<svg" in content and "<progress" in content
    assert 'style="' not in content
    assert "1.1" in content


def test_detail_table_by_department(visitor, action, department):
    response = visitor.get(detail_url(action.section.roadmap))
    row = list(response.context["departments_table"])[0]
    assert (row, row.action_count, row.done_count, row.overdue_count) == (department, 1, 0, 1)


@pytest.fixture
def two_actions(action, section, other_department, other_ngo):
    second_section = Section.objects.create(roadmap=section.roadmap, number=2, title_kk="Жастар", title_ru="Молодёжь")
    other = Action.objects.create(
        section=second_section,
        number=1,
        title_kk="Екінші",
        title_ru="Второе",
        start_date=datetime.date(2025, 1, 1),
        due_date=datetime.date(2099, 1, 1),
        status=Action.Status.DONE,
        progress=100,
    )
    other.departments.add(other_department)
    ActionPartner.objects.create(action=other, organisation=other_ngo)
    return action, other


@pytest.mark.parametrize(
    "query, expected",
    [
        ("section=2", ["2.1"]),
        ("status=in_progress", ["1.1"]),
        ("department=youth", ["2.1"]),
        ("partner=jastar-kushi", ["2.1"]),
        ("overdue=1", ["1.1"]),
        ("status=bogus&section=x", ["1.1", "2.1"]),
    ],
)
def test_action_list_filters(visitor, two_actions, query, expected):
    roadmap = two_actions[0].section.roadmap
    response = visitor.get(f"{detail_url(roadmap)}?{query}")
    assert [a.code for a in response.context["page_obj"].object_list] == expected


def test_action_page_shows_timeline(visitor, action, editor):
    from roadmaps import services

    services.update_post(action=action, user=editor, note="Seedlings bought", progress=50)
    response = visitor.get(action_url(action))
    assert response.status_code == 200
    assert "Seedlings bought" in response.content.decode()
    assert response.context["form"] is None


def test_unknown_action_code_is_404(visitor, action):
    url = reverse("roadmaps:action", kwargs={"slug": action.section.roadmap.slug, "code": "9.9"})
    assert visitor.get(url).status_code == 404
    url = reverse("roadmaps:action", kwargs={"slug": action.section.roadmap.slug, "code": "abc"})
    assert visitor.get(url).status_code == 404


# --- progress updates by role ------------------------------------------------------------


def post_update(client, action, **data):
    payload = {"occurred_on": datetime.date.today().isoformat(), "note": "Work done", **data}
    return client.post(action_url(action, "roadmaps:action_update"), payload)


def test_visitor_is_sent_to_login_for_update(visitor, action):
    response = post_update(visitor, action)
    assert response.status_code == 302 and "login" in response.url


@pytest.mark.parametrize("persona", ["other_leader", "moderator", "officer"])
def test_outsiders_cannot_post_update(request, client_for, action, persona):
    response = post_update(client_for(request.getfixturevalue(persona)), action)
    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_partner_member_with_grant_posts_update(client_for, member, action):
    client = client_for(member)
    assert client.get(action_url(action)).context["form"] is not None
    response = post_update(client, action, progress="70")
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.progress == 70


def test_partner_member_without_grant_gets_403(client_for, member, action):
    action.partner_links.update(may_post_updates=False)
    assert post_update(client_for(member), action).status_code == 403


def test_editor_posts_update_with_status_and_evidence(client_for, editor, action):
    response = post_update(
        client_for(editor), action, status="done", evidence_title="Act", evidence_url="https://example.kz/act.pdf"
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.progress) == ("done", 100)
    assert action.evidence.get().title == "Act"


@pytest.mark.parametrize("progress", ["-5", "150"])
def test_progress_out_of_range_is_refused_in_form(client_for, editor, action, progress):
    response = post_update(client_for(editor), action, progress=progress)
    assert response.status_code == 400
    assert "0" in str(response.context["form"].errors["progress"])
    action.refresh_from_db()
    assert action.progress == 40


def test_indicator_value_wrong_type_is_refused_in_form(client_for, editor, action, indicator):
    response = post_update(client_for(editor), action, indicator=indicator.pk, indicator_value="12.5")
    assert response.status_code == 400
    assert response.context["form"].errors["indicator_value"]


# --- proposals by role ---------------------------------------------------------------------


def propose_url(roadmap):
    return reverse("roadmaps:propose", kwargs={"slug": roadmap.slug})


def test_member_proposes_action(client_for, member, ngo, drafting_roadmap):
    client = client_for(member)
    assert client.get(propose_url(drafting_roadmap)).status_code == 200
    response = client.post(
        propose_url(drafting_roadmap), {"organisation": ngo.pk, "title": "Eco patrol", "rationale": "Clean air"}
    )
    assert response.status_code == 302
    assert drafting_roadmap.proposals.get().title == "Eco patrol"
    detail = client.get(detail_url(drafting_roadmap))
    assert [p.title for p in detail.context["my_proposals"]] == ["Eco patrol"]


def test_member_cannot_propose_for_other_ngo(client_for, member, ngo, other_ngo, drafting_roadmap):
    response = client_for(member).post(
        propose_url(drafting_roadmap), {"organisation": other_ngo.pk, "title": "x", "rationale": "y"}
    )
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors


def test_unverified_partner_refused_in_form(client_for, member, ngo, unverified_ngo, drafting_roadmap):
    response = client_for(member).post(
        propose_url(drafting_roadmap),
        {"organisation": ngo.pk, "title": "x", "rationale": "y", "partners": [unverified_ngo.pk]},
    )
    assert "verified" in str(response.context["form"].errors["partners"])


def test_user_without_ngo_cannot_propose(client_for, editor, drafting_roadmap):
    assert client_for(editor).get(propose_url(drafting_roadmap)).status_code == 403


def test_visitor_must_sign_in_to_propose(visitor, drafting_roadmap):
    assert visitor.get(propose_url(drafting_roadmap)).status_code == 302


def test_proposal_after_deadline_redirects_with_message(client_for, member, ngo, drafting_roadmap):
    RoadMap.objects.filter(pk=drafting_roadmap.pk).update(
        proposals_until=datetime.date.today() - datetime.timedelta(days=1)
    )
    response = client_for(member).post(
        propose_url(drafting_roadmap), {"organisation": ngo.pk, "title": "x", "rationale": "y"}, follow=True
    )
    assert not drafting_roadmap.proposals.exists()
    assert "not open" in response.content.decode()


# --- scale ---------------------------------------------------------------------------------


def count_queries(client, url, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_detail_runs_fixed_number_of_queries(visitor, big_roadmap, department, django_assert_max_num_queries):
    small = make_roadmap("small", department=department)
    section = Section.objects.create(roadmap=small, number=1, title_kk="Бір", title_ru="Один")
    one = Action.objects.create(
        section=section,
        number=1,
        title_kk="a",
        title_ru="a",
        start_date=datetime.date(2025, 1, 1),
        due_date=datetime.date(2025, 2, 1),
    )
    one.departments.add(department)
    ActionPartner.objects.create(action=one, organisation=make_organisation("Solo"))
    visitor.get(detail_url(small))  # warm caches (sessions, content types)
    small_count = count_queries(visitor, detail_url(small), django_assert_max_num_queries)
    big_count = count_queries(visitor, detail_url(big_roadmap), django_assert_max_num_queries)
    assert big_count == small_count
    assert big_count <= 12


def test_detail_query_count_is_pinned(visitor, big_roadmap, django_assert_num_queries):
    visitor.get(detail_url(big_roadmap))
    with django_assert_num_queries(12):
        response = visitor.get(detail_url(big_roadmap) + "?overdue=1&department=ecology")
    assert response.status_code == 200


def test_action_page_runs_fixed_number_of_queries(visitor, big_roadmap, django_assert_num_queries):
    action = Action.objects.of_roadmap(big_roadmap).select_related("section").get(section__number=3, number=7)
    visitor.get(action_url(action))
    with django_assert_num_queries(9):
        response = visitor.get(action_url(action))
    assert len(response.context["updates"]) == 10


def test_list_runs_fixed_number_of_queries(visitor, big_roadmap, django_assert_num_queries):
    visitor.get(reverse("roadmaps:list"))
    with django_assert_num_queries(1):
        visitor.get(reverse("roadmaps:list"))


def test_detail_page_in_kazakh_and_russian(client, action):
    roadmap = action.section.roadmap
    kk = client.get(f"/kk/roadmaps/{roadmap.slug}/").content.decode()
    ru = client.get(f"/ru/roadmaps/{roadmap.slug}/").content.decode()
    assert "Іске асырылуда" in kk and "Белсенді мегаполис" in kk
    assert "Реализуется" in ru and "Активный мегаполис" in ru


def test_partner_attaches_a_document_as_evidence(client_for, member, action):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.files import pdf_bytes

    document = SimpleUploadedFile("act.pdf", pdf_bytes(), content_type="application/pdf")
    response = post_update(client_for(member), action, evidence_title="Act of works", evidence_document=document)
    assert response.status_code == 302
    evidence = action.evidence.get()
    assert evidence.document.name.endswith(".pdf") and evidence.update.organisation is not None


def test_executable_evidence_is_refused(client_for, member, action):
    from django.core.files.uploadedfile import SimpleUploadedFile

    program = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    response = post_update(client_for(member), action, evidence_title="x", evidence_document=program)
    assert response.status_code == 400
    assert response.context["form"].errors["evidence_document"]
    assert not ProgressUpdate.objects.exists()
