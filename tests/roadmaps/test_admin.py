import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import Workbook

from roadmaps import services
from roadmaps.models import Action, Proposal, RoadMap, Section
from tests.conftest import back_office_in_english

HEADER = ["section", "number", "title_kk", "title_ru", "title_en", "departments", "partners", "start_date", "due_date"]


def xlsx(rows, header=HEADER):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "actions.xlsx"
    return buffer


@pytest.fixture
def editor(editor):
    """The editor reads the back office in English, so messages can be asserted."""
    return back_office_in_english(editor)


def import_url(roadmap):
    return reverse("roadmaps_admin:import", args=[roadmap.pk])


@pytest.mark.parametrize("persona", ["member", "other_leader", "moderator", "officer"])
def test_non_editors_cannot_use_roadmap_tools(request, client_for, roadmap, persona):
    client = client_for(request.getfixturevalue(persona))
    for url in (
        reverse("roadmaps_admin:status", args=[roadmap.pk]),
        import_url(roadmap),
        reverse("roadmaps_admin:proposals"),
    ):
        assert client.get(url).status_code in (302, 403)


@pytest.mark.parametrize("persona", ["visitor", "member", "other_leader", "moderator", "officer"])
def test_non_editors_cannot_decide_proposals_or_confirm_imports(
    request, client, client_for, roadmap, proposal, persona
):
    browser = client if persona == "visitor" else client_for(request.getfixturevalue(persona))
    decide = reverse("roadmaps_admin:decide", args=[proposal.pk])
    for method, url, data in (
        ("get", decide, {}),
        ("post", decide, {"decision": "decline", "comment": "No"}),
        ("post", import_url(roadmap), {"token": "anything"}),
    ):
        assert getattr(browser, method)(url, data).status_code in (302, 403), url
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED and not Action.objects.exists()


def test_visitor_is_sent_to_admin_login(visitor, roadmap):
    response = visitor.get(import_url(roadmap))
    assert response.status_code == 302 and "login" in response.url


def test_editor_sees_roadmap_snippets(client_for, editor, roadmap):
    client = client_for(editor)
    listing = client.get(reverse("wagtailsnippets_roadmaps_roadmap:list"))
    assert reverse("roadmaps_admin:status", args=[roadmap.pk]) in listing.content.decode()
    assert reverse("roadmaps_admin:import", args=[roadmap.pk]) in listing.content.decode()
    assert client.get(reverse("wagtailsnippets_roadmaps_roadmap:edit", args=[roadmap.pk])).status_code == 200
    assert client.get(reverse("wagtailsnippets_roadmaps_action:list")).status_code == 200


def test_editor_changes_status_in_admin(client_for, editor, roadmap):
    RoadMap.objects.filter(pk=roadmap.pk).update(final_report_kk="Қорытынды")
    response = client_for(editor).post(
        reverse("roadmaps_admin:status", args=[roadmap.pk]), {"to_status": "completed", "comment": "End of year"}
    )
    assert response.status_code == 302
    roadmap.refresh_from_db()
    assert roadmap.status == "completed"


def test_import_preview_then_confirm_creates_actions(client_for, editor, roadmap, section, department, ngo):
    client = client_for(editor)
    rows = [
        [1, 1, "Бір", "Один", "One", "ecology", "taza-aua", "2025-01-01", "2025-03-01"],
        [1, 2, "Екі", "Два", "", "ecology; youth", "", datetime.datetime(2025, 2, 1), datetime.datetime(2025, 4, 1)],
    ]
    response = client.post(import_url(roadmap), {"file": xlsx(rows)})
    assert response.status_code == 200
    assert (response.context["new"], response.context["invalid"]) == (2, 0)
    assert not Action.objects.exists()
    response = client.post(import_url(roadmap), {"token": response.context["token"]})
    assert response.status_code == 302
    assert [a.code for a in Action.objects.of_roadmap(roadmap).numbered()] == ["1.1", "1.2"]
    assert Action.objects.get(number=1).partner_links.get().organisation == ngo


def test_import_reimport_updates_instead_of_duplicating(client_for, editor, roadmap, action):
    client = client_for(editor)
    rows = [[1, 1, "Жаңа", "Новое", "New", "youth", "taza-aua", "2025-02-01", "2025-09-30"]]
    response = client.post(import_url(roadmap), {"file": xlsx(rows)})
    assert response.context["updated"] == 1
    client.post(import_url(roadmap), {"token": response.context["token"]})
    action.refresh_from_db()
    assert (action.title_ru, action.due_date, Action.objects.count()) == ("Новое", datetime.date(2025, 9, 30), 1)
    assert action.status == "in_progress"


def test_import_with_errors_writes_nothing_and_lists_each_row(client_for, editor, roadmap, section, unverified_ngo):
    rows = [
        [1, 1, "Бір", "Один", "", "ecology", "", "2025-01-01", "2025-03-01"],
        [1, 2, "Екі", "Два", "", "ecology", "", "2025-05-01", "2025-03-01"],
        [7, 1, "", "Три", "", "nowhere", "jana-bastama", "soon", "2025-03-01"],
        [1, 1, "Бір", "Один", "", "ecology", "", "2025-01-01", "2025-03-01"],
    ]
    response = client_for(editor).post(import_url(roadmap), {"file": xlsx(rows)})
    assert response.context["invalid"] == 3
    assert "token" not in response.context
    errors = {row.line: " ".join(row.errors) for row in response.context["rows"]}
    assert "due date" in errors[3]
    assert "section 7" in errors[4] and "nowhere" in errors[4] and "verified" in errors[4] and "title_kk" in errors[4]
    assert "twice" in errors[5]
    assert not Action.objects.exists()


def test_import_preview_catches_text_longer_than_an_action_takes(client_for, editor, roadmap, section, department):
    rows = [[1, 1, "Ұзын " * 80, "Один", "", "ecology", "", "2025-01-01", "2025-03-01"]]
    response = client_for(editor).post(import_url(roadmap), {"file": xlsx(rows)})
    assert response.context["invalid"] == 1 and "token" not in response.context
    assert "title_kk: at most 300 characters" in " ".join(response.context["rows"][0].errors)
    assert not Action.objects.exists()


def test_import_refuses_missing_columns_and_junk(client_for, editor, roadmap):
    client = client_for(editor)
    response = client.post(import_url(roadmap), {"file": xlsx([[1]], header=["section"])})
    assert "Columns missing" in str(response.context["form"].errors["file"])
    junk = io.BytesIO(b"not a spreadsheet" * 100)
    junk.name = "junk.xlsx"
    response = client.post(import_url(roadmap), {"file": junk})
    assert "not a readable XLSX" in str(response.context["form"].errors["file"])


def test_confirm_with_unknown_token_imports_nothing(client_for, editor, roadmap):
    response = client_for(editor).post(import_url(roadmap), {"token": "forged"})
    assert response.status_code == 302
    assert not Action.objects.exists()


@pytest.fixture
def proposal(drafting_roadmap, member, ngo):
    Section.objects.create(roadmap=drafting_roadmap, number=1, title_kk="Экология", title_ru="Экология")
    return services.proposal_submit(
        roadmap=drafting_roadmap, organisation=ngo, user=member, title="Eco patrol", rationale="Clean air"
    )


def test_editor_accepts_proposal_in_admin(client_for, editor, proposal, department, django_capture_on_commit_callbacks):
    client = client_for(editor)
    assert client.get(reverse("roadmaps_admin:proposals")).status_code == 200
    url = reverse("roadmaps_admin:decide", args=[proposal.pk])
    data = {
        "decision": "accept",
        "section": proposal.roadmap.sections.get().pk,
        "start_date": "2026-01-01",
        "due_date": "2026-05-01",
        "departments": [department.pk],
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED and proposal.action.code == "1.1"
    assert len(mail.outbox) == 1


def test_editor_declines_without_reason_is_refused(client_for, editor, proposal):
    response = client_for(editor).post(reverse("roadmaps_admin:decide", args=[proposal.pk]), {"decision": "decline"})
    assert response.status_code == 200
    assert response.context["decline_form"].errors["reason"]
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED


def test_moderator_cannot_decide_proposal(client_for, moderator, proposal):
    response = client_for(moderator).post(
        reverse("roadmaps_admin:decide", args=[proposal.pk]), {"decision": "decline", "reason": "no"}
    )
    assert response.status_code in (302, 403)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED


def test_editor_sees_history_preview_and_action_form(client_for, editor, rf, action):
    roadmap = action.section.roadmap
    roadmap.save_revision(user=editor)
    client = client_for(editor)
    assert client.get(reverse("wagtailsnippets_roadmaps_roadmap:history", args=[roadmap.pk])).status_code == 200
    assert client.get(reverse("wagtailsnippets_roadmaps_action:edit", args=[action.pk])).status_code == 200
    request = rf.get("/")
    request.user = editor
    preview = roadmap.serve_preview(request, roadmap.default_preview_mode)
    preview.render()
    assert "Белсенді мегаполис" in preview.content.decode()


def test_saving_a_draft_does_not_change_the_public_page(client, editor, roadmap):
    roadmap.title_en = "Draft title"
    roadmap.save_revision(user=editor)
    roadmap.refresh_from_db()
    assert roadmap.title_en == "Active megapolis" and roadmap.has_unpublished_changes
    page = client.get(f"/en/roadmaps/{roadmap.slug}/").content.decode()
    assert "Draft title" not in page


def _inline(prefix, rows):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
        data[f"{prefix}-{index}-ORDER"] = str(index + 1)
        data[f"{prefix}-{index}-DELETE"] = ""
    return data


def _action_form(section, department, partner, due="2025-06-01"):
    return {
        "section": section.pk,
        "number": "5",
        "title_kk": "Жаңа іс-шара",
        "title_ru": "Новое мероприятие",
        "title_en": "",
        "description": "",
        "original_language": "ru",
        "expected_result_kk": "",
        "expected_result_ru": "",
        "expected_result_en": "",
        "departments": [department.pk],
        "start_date": "2025-03-01",
        "due_date": due,
        **_inline("partner_links", [{"organisation": partner.pk, "may_post_updates": "on"}]),
        **_inline("indicators", []),
        **_inline("evidence", []),
    }


def test_editor_creates_action_in_admin_and_partner_activity_is_recorded(client_for, editor, section, department, ngo):
    from ngos.models import OrganisationActivity

    response = client_for(editor).post(
        reverse("wagtailsnippets_roadmaps_action:add"), _action_form(section, department, ngo)
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    action = Action.objects.get(number=5)
    assert action.partner_links.get().may_post_updates
    assert OrganisationActivity.objects.filter(organisation=ngo, kind="roadmap").count() == 1


def test_admin_refuses_due_before_start_and_unverified_partner(client_for, editor, section, department, unverified_ngo):
    response = client_for(editor).post(
        reverse("wagtailsnippets_roadmaps_action:add"),
        _action_form(section, department, unverified_ngo, due="2025-01-01"),
    )
    assert response.status_code == 200
    assert "due_date" in response.context["form"].errors
    assert not Action.objects.filter(number=5).exists()


def test_proposal_queue_runs_a_fixed_number_of_queries(
    client_for, editor, drafting_roadmap, member, ngo, department, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    section = Section.objects.create(roadmap=drafting_roadmap, number=1, title_kk="Экология", title_ru="Экология")
    client = client_for(editor)
    url = reverse("roadmaps_admin:proposals")

    def accepted(count):
        for number in range(count):
            proposal = services.proposal_submit(
                roadmap=drafting_roadmap, organisation=ngo, user=member, title=f"Idea {number}", rationale="Why"
            )
            services.proposal_accept(
                proposal=proposal,
                user=editor,
                section=section,
                start_date=datetime.date(2026, 1, 1),
                due_date=datetime.date(2026, 6, 1),
                departments=[department],
            )

    accepted(2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    accepted(6)
    with CaptureQueriesContext(connection) as more:
        response = client.get(url)
    assert response.status_code == 200 and response.content.decode().count("Idea 5") == 1
    assert len(more) == len(few)
