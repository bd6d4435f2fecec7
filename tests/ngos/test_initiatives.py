"""The initiative lifecycle: allowed transitions only, an immutable log, emails, support."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from hub.models import Department
from ngos import services
from ngos.models import FieldOfActivity, Initiative, InitiativeTransition

from .conftest import make_initiative

S = Initiative.Status


def test_member_proposes_and_submits_an_initiative(
    client_for, member, organisation, django_capture_on_commit_callbacks
):
    client = client_for(member)
    response = client.post(
        reverse("ngos:initiative_create", args=[organisation.slug]),
        {
            "original_language": "ru",
            "title_ru": "Велодорожка вдоль Есентая",
            "problem_ru": "Нет безопасного пути.",
            "proposal_ru": "Построить дорожку.",
            "expected_result_ru": "Меньше машин.",
            "field": FieldOfActivity.objects.get(slug="ecology").pk,
            "asks": ["partnership", "information"],
        },
    )
    initiative = Initiative.objects.get()
    assert response.url == initiative.get_absolute_url()
    assert initiative.status == S.DRAFT and initiative.asks == ["partnership", "information"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("ngos:initiative_submit", args=[initiative.pk]))
    initiative.refresh_from_db()
    assert initiative.status == S.SUBMITTED and initiative.submitted_at
    assert sorted(m.to[0] for m in mail.outbox) == ["leader@example.kz", "member@example.kz"]
    assert organisation.activities.filter(kind="initiative").exists()


def test_attachment_type_and_size_are_checked(client_for, member, organisation):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(member).post(
        reverse("ngos:initiative_create", args=[organisation.slug]),
        {
            "title_en": "T",
            "problem_en": "P",
            "proposal_en": "P",
            "expected_result_en": "R",
            "field": FieldOfActivity.objects.get(slug="ecology").pk,
            "attachment": SimpleUploadedFile("run.exe", b"MZ..."),
        },
    )
    assert "attachment" in response.context["form"].errors
    assert not Initiative.objects.exists()


def test_full_lifecycle_with_log_and_official_answer(editor, member, organisation, django_capture_on_commit_callbacks):
    initiative = make_initiative(organisation)
    services.initiative_transition(user=member, initiative=initiative, to_status=S.SUBMITTED)
    department = Department.objects.get(slug="ecology")
    with pytest.raises(ValidationError):
        services.initiative_transition(user=editor, initiative=initiative, to_status=S.UNDER_REVIEW)
    services.initiative_transition(user=editor, initiative=initiative, to_status=S.UNDER_REVIEW, department=department)
    with pytest.raises(ValidationError):
        services.initiative_transition(user=editor, initiative=initiative, to_status=S.ACCEPTED, comment=" ")
    with django_capture_on_commit_callbacks(execute=True):
        services.initiative_transition(
            user=editor, initiative=initiative, to_status=S.ACCEPTED, comment="Поддерживаем: весной."
        )
    services.initiative_transition(user=editor, initiative=initiative, to_status=S.IN_PROGRESS)
    services.initiative_transition(user=editor, initiative=initiative, to_status=S.IMPLEMENTED)
    initiative.refresh_from_db()
    assert initiative.official_answer == "Поддерживаем: весной." and initiative.department == department
    log = list(initiative.transitions.values_list("from_status", "to_status"))
    assert log == [
        ("", S.DRAFT),
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.UNDER_REVIEW),
        (S.UNDER_REVIEW, S.ACCEPTED),
        (S.ACCEPTED, S.IN_PROGRESS),
        (S.IN_PROGRESS, S.IMPLEMENTED),
    ]
    assert any("Поддерживаем" in message.body for message in mail.outbox)


def test_transitions_outside_the_table_are_refused(editor, member, organisation):
    initiative = make_initiative(organisation, status=S.SUBMITTED)
    with pytest.raises(ValidationError):
        services.initiative_transition(user=editor, initiative=initiative, to_status=S.IMPLEMENTED)
    with pytest.raises(PermissionDenied):
        services.initiative_transition(user=member, initiative=initiative, to_status=S.UNDER_REVIEW)


def test_needs_changes_goes_back_to_members(editor, member, organisation):
    initiative = make_initiative(organisation, status=S.UNDER_REVIEW, department=Department.objects.first())
    services.initiative_transition(
        user=editor, initiative=initiative, to_status=S.NEEDS_CHANGES, comment="Уточните смету."
    )
    services.initiative_update(user=member, initiative=initiative, data={"title": "Уточнённая смета"})
    services.initiative_transition(user=member, initiative=initiative, to_status=S.SUBMITTED)
    assert Initiative.objects.get().status == S.SUBMITTED


def test_the_log_cannot_be_edited_or_deleted(organisation):
    initiative = make_initiative(organisation)
    row = initiative.transitions.get()
    row.comment = "rewritten"
    with pytest.raises(ValidationError):
        row.save()
    with pytest.raises(ValidationError):
        row.delete()
    assert InitiativeTransition.objects.get().comment == ""


def test_submitted_initiative_cannot_be_edited_by_members(member, organisation):
    initiative = make_initiative(organisation, status=S.SUBMITTED)
    with pytest.raises(ValidationError):
        services.initiative_update(user=member, initiative=initiative, data={"title": "x"})


def test_editor_handles_initiative_in_admin(client_for, editor, organisation, django_capture_on_commit_callbacks):
    initiative = make_initiative(organisation, status=S.SUBMITTED)
    department = Department.objects.get(slug="ecology")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(editor).post(
            reverse("ngos_admin:initiative_handle", args=[initiative.pk]),
            {"to_status": S.UNDER_REVIEW, "department": department.pk, "comment": ""},
        )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == S.UNDER_REVIEW and initiative.department == department
    assert initiative.transitions.last().actor == editor


def test_admin_initiative_filters(client_for, editor, organisation):
    make_initiative(organisation, status=S.SUBMITTED, title="Первая")
    make_initiative(organisation, status=S.DECLINED, title="Вторая")
    response = client_for(editor).get(reverse("ngos_admin:initiative_index"), {"status": S.DECLINED})
    titles = [i.title for i in response.context["page_obj"].object_list]
    assert titles == ["Вторая"]


def test_signed_in_user_supports_once(client_for, other_leader, organisation):
    initiative = make_initiative(organisation, status=S.SUBMITTED)
    client = client_for(other_leader)
    client.post(reverse("ngos:initiative_support", args=[initiative.pk]))
    client.post(reverse("ngos:initiative_support", args=[initiative.pk]))
    assert initiative.supports.count() == 1
    response = client.get(initiative.get_absolute_url())
    assert response.context["support_count"] == 1 and response.context["supported"]


def test_visitor_cannot_support(visitor, organisation):
    initiative = make_initiative(organisation, status=S.SUBMITTED)
    response = visitor.post(reverse("ngos:initiative_support", args=[initiative.pk]))
    assert response.status_code == 302 and "login" in response.url
    assert not initiative.supports.exists()


def test_public_initiative_page_shows_status_log_and_answer(visitor, organisation):
    initiative = make_initiative(
        organisation,
        status=S.DECLINED,
        official_answer="Нет бюджета в этом году.",
        department=Department.objects.first(),
    )
    content = visitor.get(initiative.get_absolute_url()).content.decode()
    assert "Нет бюджета в этом году." in content


def test_public_list_hides_drafts(visitor, organisation):
    make_initiative(organisation, title="Черновик")
    make_initiative(organisation, status=S.SUBMITTED, title="Поданная")
    response = visitor.get(reverse("ngos:initiative_list"))
    assert [i.title for i in response.context["initiatives"]] == ["Поданная"]


def test_organisation_page_runs_a_fixed_number_of_queries(visitor, organisation, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_initiative(organisation, status=S.SUBMITTED)
    visitor.get(organisation.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        visitor.get(organisation.get_absolute_url())
    for number in range(10):
        make_initiative(organisation, status=S.SUBMITTED, title=f"Initiative {number}")
    with django_assert_num_queries(len(few)):
        response = visitor.get(organisation.get_absolute_url())
    assert len(response.context["initiatives"]) == 11
