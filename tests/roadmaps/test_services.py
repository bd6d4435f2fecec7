import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from ngos.models import OrganisationActivity
from roadmaps import services
from roadmaps.models import Action, Proposal, RoadMap, RoadMapStatusChange

from .conftest import make_organisation

TODAY = datetime.date.today()


def test_overdue_is_derived_from_due_date_and_status(action):
    assert action.is_overdue
    assert list(Action.objects.overdue()) == [action]
    assert Action.objects.with_overdue().get().overdue_flag is True
    Action.objects.filter(pk=action.pk).update(status=Action.Status.DONE)
    action.refresh_from_db()
    assert not action.is_overdue
    assert not Action.objects.overdue().exists()


def test_action_not_yet_due_is_not_overdue(action):
    Action.objects.filter(pk=action.pk).update(due_date=TODAY)
    assert not Action.objects.overdue().exists()


def test_action_due_before_start_is_refused(section, department, editor):
    with pytest.raises(ValidationError) as error:
        services.action_create(
            section=section,
            user=editor,
            departments=[department],
            title_kk="Тест",
            title_ru="Тест",
            start_date=datetime.date(2025, 5, 1),
            due_date=datetime.date(2025, 4, 1),
        )
    assert "due_date" in error.value.message_dict


def test_action_create_numbers_actions_and_records_partner_activity(section, department, editor, ngo):
    first = services.action_create(
        section=section,
        user=editor,
        departments=[department],
        partners=[ngo],
        title_kk="Бір",
        title_ru="Один",
        start_date=datetime.date(2025, 1, 1),
        due_date=datetime.date(2025, 2, 1),
    )
    second = services.action_create(
        section=section,
        user=editor,
        departments=[department],
        title_kk="Екі",
        title_ru="Два",
        start_date=datetime.date(2025, 1, 1),
        due_date=datetime.date(2025, 2, 1),
    )
    assert (first.code, second.code) == ("1.1", "1.2")
    assert list(first.departments.all()) == [department]
    assert OrganisationActivity.objects.filter(organisation=ngo, kind="roadmap").count() == 1
    services.action_record_partner_activity(action=first)
    assert OrganisationActivity.objects.filter(organisation=ngo, kind="roadmap").count() == 1


def test_unverified_ngo_cannot_be_partner(action, editor, unverified_ngo):
    with pytest.raises(ValidationError) as error:
        services.action_set_partners(action=action, organisations=[unverified_ngo], user=editor)
    assert "not a verified NGO" in error.value.messages[0]


@pytest.mark.parametrize("persona", ["member", "other_leader", "moderator", "officer"])
def test_only_editors_change_road_maps(request, persona, roadmap, action):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.roadmap_transition(roadmap=roadmap, to_status=RoadMap.Status.COMPLETED, user=user)
    with pytest.raises(PermissionDenied):
        services.action_set_partners(action=action, organisations=[], user=user)


def test_roadmap_transition_follows_table_and_keeps_history(roadmap, editor):
    with pytest.raises(ValidationError):
        services.roadmap_transition(roadmap=roadmap, to_status=RoadMap.Status.DRAFTING, user=editor)
    with pytest.raises(ValidationError) as error:
        services.roadmap_transition(roadmap=roadmap, to_status=RoadMap.Status.COMPLETED, user=editor)
    assert "final report" in error.value.messages[0]
    RoadMap.objects.filter(pk=roadmap.pk).update(final_report_ru="Итоги")
    services.roadmap_transition(roadmap=roadmap, to_status=RoadMap.Status.COMPLETED, user=editor, comment="Done")
    roadmap.refresh_from_db()
    assert roadmap.status == RoadMap.Status.COMPLETED
    change = RoadMapStatusChange.objects.get()
    assert (change.from_status, change.to_status, change.changed_by) == ("in_implementation", "completed", editor)


def test_publishing_an_old_draft_keeps_current_status(roadmap, editor):
    revision = roadmap.save_revision(user=editor)
    RoadMap.objects.filter(pk=roadmap.pk).update(status=RoadMap.Status.COMPLETED)
    revision.publish(user=editor)
    roadmap.refresh_from_db()
    assert roadmap.status == RoadMap.Status.COMPLETED


def test_editor_update_changes_status_progress_and_indicator(action, indicator, editor):
    update = services.update_post(
        action=action,
        user=editor,
        note="Planted",
        status=Action.Status.DONE,
        indicator=indicator,
        indicator_value=1000,
        evidence=[{"title": "Photo report", "url": "https://example.kz/report"}],
    )
    action.refresh_from_db()
    indicator.refresh_from_db()
    assert (action.status, action.progress, indicator.actual) == ("done", 100, 1000)
    assert (update.status_before, update.status_after, update.progress_before) == ("in_progress", "done", 40)
    assert update.evidence.get().url == "https://example.kz/report"
    assert not action.is_overdue


@pytest.mark.parametrize("progress", [-1, 101])
def test_progress_outside_0_to_100_is_refused(action, editor, progress):
    with pytest.raises(ValidationError) as error:
        services.update_post(action=action, user=editor, note="x", progress=progress)
    assert "progress" in error.value.message_dict


@pytest.mark.parametrize("value", ["2.5", "-3", "abc"])
def test_indicator_value_of_wrong_unit_type_is_refused(action, indicator, editor, value):
    with pytest.raises(ValidationError) as error:
        services.update_post(action=action, user=editor, note="x", indicator=indicator, indicator_value=value)
    assert "indicator_value" in error.value.message_dict
    indicator.refresh_from_db()
    assert indicator.actual is None


def test_forbidden_action_transition_is_refused(action, editor):
    services.update_post(action=action, user=editor, note="x", status=Action.Status.CANCELLED)
    with pytest.raises(ValidationError):
        services.update_post(action=action, user=editor, note="x", status=Action.Status.DONE)


def test_update_cannot_be_dated_in_future(action, editor):
    with pytest.raises(ValidationError):
        services.update_post(action=action, user=editor, note="x", occurred_on=TODAY + datetime.timedelta(days=1))


def test_partner_member_with_grant_posts_update(action, member, ngo):
    update = services.update_post(action=action, user=member, note="We planted 300 trees", progress=60)
    assert update.organisation == ngo
    action.refresh_from_db()
    assert action.progress == 60


def test_partner_member_without_grant_cannot_post(action, member):
    action.partner_links.update(may_post_updates=False)
    with pytest.raises(PermissionDenied):
        services.update_post(action=action, user=member, note="x")


def test_editor_grants_updates_to_partner(action, member, ngo, editor):
    services.action_grant_updates(action=action, organisation=ngo, user=editor, allowed=False)
    with pytest.raises(PermissionDenied):
        services.update_post(action=action, user=member, note="x")
    services.action_grant_updates(action=action, organisation=ngo, user=editor, allowed=True)
    services.update_post(action=action, user=member, note="x")


@pytest.mark.parametrize("persona", ["other_leader", "moderator", "officer"])
def test_non_partners_cannot_post_updates(request, action, persona):
    with pytest.raises(PermissionDenied):
        services.update_post(action=action, user=request.getfixturevalue(persona), note="x")


def test_member_proposes_during_drafting(drafting_roadmap, member, ngo, other_ngo):
    proposal = services.proposal_submit(
        roadmap=drafting_roadmap,
        organisation=ngo,
        user=member,
        title="Eco patrol",
        rationale="Why",
        partners=[other_ngo],
    )
    assert proposal.status == Proposal.Status.SUBMITTED
    assert list(proposal.partners.all()) == [other_ngo]


def test_proposal_after_deadline_is_refused(drafting_roadmap, member, ngo):
    RoadMap.objects.filter(pk=drafting_roadmap.pk).update(proposals_until=TODAY - datetime.timedelta(days=1))
    drafting_roadmap.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.proposal_submit(roadmap=drafting_roadmap, organisation=ngo, user=member, title="x", rationale="y")
    assert "deadline" in error.value.messages[0]


def test_proposal_to_running_roadmap_is_refused(roadmap, member, ngo):
    with pytest.raises(ValidationError):
        services.proposal_submit(roadmap=roadmap, organisation=ngo, user=member, title="x", rationale="y")


def test_non_member_cannot_propose_for_ngo(drafting_roadmap, other_leader, ngo, unverified_ngo, member):
    with pytest.raises(PermissionDenied):
        services.proposal_submit(
            roadmap=drafting_roadmap, organisation=ngo, user=other_leader, title="x", rationale="y"
        )
    unverified_ngo.memberships.create(user=member, role="leader")
    with pytest.raises(PermissionDenied):
        services.proposal_submit(
            roadmap=drafting_roadmap, organisation=unverified_ngo, user=member, title="x", rationale="y"
        )


def test_proposal_with_unverified_partner_is_refused(drafting_roadmap, member, ngo, unverified_ngo):
    with pytest.raises(ValidationError):
        services.proposal_submit(
            roadmap=drafting_roadmap, organisation=ngo, user=member, title="x", rationale="y", partners=[unverified_ngo]
        )


@pytest.fixture
def proposal(drafting_roadmap, member, ngo, other_ngo):
    member.language = "ru"
    member.save()
    return services.proposal_submit(
        roadmap=drafting_roadmap,
        organisation=ngo,
        user=member,
        title="Eco patrol",
        rationale="Why",
        partners=[other_ngo],
    )


def test_accepting_proposal_creates_action_and_emails_proposer(
    proposal, editor, department, ngo, other_ngo, django_capture_on_commit_callbacks
):
    section = drafting_roadmap_section(proposal.roadmap)
    with django_capture_on_commit_callbacks(execute=True):
        proposal = services.proposal_accept(
            proposal=proposal,
            user=editor,
            section=section,
            start_date=datetime.date(2026, 1, 1),
            due_date=datetime.date(2026, 6, 1),
            departments=[department],
        )
    action = proposal.action
    assert action.code == "1.1"
    assert set(action.partner_links.values_list("organisation", flat=True)) == {ngo.pk, other_ngo.pk}
    assert OrganisationActivity.objects.filter(organisation=ngo, kind="roadmap_proposal").exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["member@example.kz"]
    assert "Eco patrol" in mail.outbox[0].subject
    assert "принято" in mail.outbox[0].subject  # the proposer chose Russian


def test_declining_needs_reason_and_emails_proposer(proposal, editor, django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError):
        services.proposal_decline(proposal=proposal, user=editor, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_decline(proposal=proposal, user=editor, reason="Already planned in 2.3")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DECLINED
    assert "Already planned in 2.3" in mail.outbox[0].body
    with pytest.raises(ValidationError):
        services.proposal_decline(proposal=proposal, user=editor, reason="again")


def test_member_cannot_decide_proposals(proposal, member):
    with pytest.raises(PermissionDenied):
        services.proposal_decline(proposal=proposal, user=member, reason="no")


def drafting_roadmap_section(roadmap):
    from roadmaps.models import Section

    return Section.objects.create(roadmap=roadmap, number=1, title_kk="Экология", title_ru="Экология")


def test_link_only_accepted_initiatives(action, editor, ngo):
    from ngos.models import FieldOfActivity, Initiative

    field = FieldOfActivity.objects.first()
    draft = Initiative.objects.create(
        organisation=ngo, title="D", problem="p", proposal="p", expected_result="r", field=field
    )
    with pytest.raises(ValidationError):
        services.action_link_initiatives(action=action, initiatives=[draft], user=editor)
    Initiative.objects.filter(pk=draft.pk).update(status="accepted")
    draft.refresh_from_db()
    services.action_link_initiatives(action=action, initiatives=[draft], user=editor)
    assert list(action.initiatives.all()) == [draft]


def test_make_organisation_helper_creates_verified(db):
    assert make_organisation("X").status == "verified"


@pytest.mark.parametrize(
    "language, expected",
    [("kk", "Орындалу деңгейі"), ("ru", "Прогресс — это процент"), ("en", "Progress is a percentage")],
)
def test_refusals_are_translated(action, editor, language, expected):
    from django.utils import translation

    with translation.override(language), pytest.raises(ValidationError) as error:
        services.update_post(action=action, user=editor, note="x", progress=150)
    assert expected in error.value.message_dict["progress"][0]


def test_proposal_deadline_refusal_in_kazakh(drafting_roadmap, member, ngo):
    from django.utils import translation

    RoadMap.objects.filter(pk=drafting_roadmap.pk).update(proposals_until=TODAY - datetime.timedelta(days=1))
    drafting_roadmap.refresh_from_db()
    with translation.override("kk"), pytest.raises(ValidationError) as error:
        services.proposal_submit(roadmap=drafting_roadmap, organisation=ngo, user=member, title="x", rationale="y")
    assert "мерзімі өтіп кетті" in error.value.messages[0]


def test_admin_partner_row_refuses_unverified_ngo(action, unverified_ngo):
    from roadmaps.models import ActionPartner

    with pytest.raises(ValidationError) as error:
        ActionPartner(action=action, organisation=unverified_ngo).full_clean()
    assert "not a verified NGO" in str(error.value)


@pytest.mark.parametrize(
    "unit_kind, field, value",
    [("percent", "target", 150), ("count", "baseline", "1.5"), ("yes_no", "actual", 2), ("money", "actual", -1)],
)
def test_indicator_values_must_fit_unit_type_in_admin(action, unit_kind, field, value):
    from roadmaps.models import Indicator

    indicator = Indicator(action=action, name_kk="К", name_ru="П", unit_kind=unit_kind, baseline=0, target=1)
    setattr(indicator, field, value)
    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert field in error.value.message_dict
