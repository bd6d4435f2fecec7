"""Every write to road maps goes through these functions: views, admin, import and demo alike."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from follows.models import Event
from follows.services import event_record, follow_automatically, last_event
from hub.emails import send_email_to_user
from hub.storage import atomic_with_files

from .models import (
    LINKABLE_INITIATIVE_STATUSES,
    Action,
    ActionPartner,
    Evidence,
    Indicator,
    Proposal,
    RoadMap,
    RoadMapStatusChange,
    Section,
    today,
    validate_indicator_value,
    validate_verified_organisation,
)
from .permissions import can_edit_roadmaps, can_propose, granted_organisation

S = RoadMap.Status
A = Action.Status

# The one table of allowed lifecycle steps.
ROADMAP_TRANSITIONS = {
    S.DRAFTING: {S.ADOPTED},
    S.ADOPTED: {S.DRAFTING, S.IMPLEMENTATION},
    S.IMPLEMENTATION: {S.COMPLETED},
    S.COMPLETED: set(),
}
ACTION_TRANSITIONS = {
    A.PLANNED: {A.IN_PROGRESS, A.DONE, A.CANCELLED},
    A.IN_PROGRESS: {A.PLANNED, A.DONE, A.CANCELLED},
    A.DONE: {A.IN_PROGRESS},
    A.CANCELLED: {A.PLANNED},
}
PROPOSAL_TRANSITIONS = {
    Proposal.Status.SUBMITTED: {Proposal.Status.ACCEPTED, Proposal.Status.DECLINED},
    Proposal.Status.ACCEPTED: set(),
    Proposal.Status.DECLINED: set(),
}


def _require_editor(user):
    if not can_edit_roadmaps(user):
        raise PermissionDenied(_("Only akimat editors can change road maps."))


def _record_activity(*, organisation, kind, description=""):
    from ngos.services import activity_record

    activity_record(organisation=organisation, kind=kind, occurred_at=timezone.now(), description=description)


# --- Road map lifecycle ------------------------------------------------------------------


def roadmap_transition(*, roadmap, to_status, user, comment=""):
    """Move a road map one step along its lifecycle; completing it needs a final report."""
    _require_editor(user)
    with transaction.atomic():
        roadmap = RoadMap.objects.select_for_update().get(pk=roadmap.pk)
        if to_status not in ROADMAP_TRANSITIONS[roadmap.status]:
            raise ValidationError(
                _("A road map cannot go from “%(from)s” to “%(to)s”."),
                params={"from": roadmap.get_status_display(), "to": S(to_status).label},
            )
        if to_status == S.COMPLETED and not (roadmap.final_report_kk or roadmap.final_report_ru):
            raise ValidationError(_("Write the final report (in Kazakh or Russian) before completing the road map."))
        RoadMapStatusChange.objects.create(
            roadmap=roadmap, from_status=roadmap.status, to_status=to_status, changed_by=user, comment=comment
        )
        roadmap.status = to_status
        roadmap.save(update_fields=["status", "updated_at"])
        kind = Event.Kind.ROADMAP_DRAFTING if to_status == S.DRAFTING else Event.Kind.ROADMAP_STATUS
        event_record(kind=kind, target=roadmap, followed=[roadmap], payload={"status": to_status})
    return roadmap


def roadmap_published(*, roadmap):
    """An editor published the road map: its followers hear of the first publication only (not of each edit)."""
    if roadmap.live and last_event(roadmap, Event.Kind.ROADMAP_PUBLISHED, Event.Kind.ROADMAP_DRAFTING) is None:
        kind = Event.Kind.ROADMAP_DRAFTING if roadmap.accepts_proposals() else Event.Kind.ROADMAP_PUBLISHED
        event_record(kind=kind, target=roadmap, followed=[roadmap])


# --- Actions -----------------------------------------------------------------------------


def action_create(*, section, user, departments=(), partners=(), **fields):
    """Add a numbered action to a section, with responsible bodies and verified partner NGOs."""
    _require_editor(user)
    action = Action(section=section, **fields)
    if not action.number:
        action.number = (section.actions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    with transaction.atomic():
        action.full_clean(exclude=["departments", "initiatives"])
        action.save()
        action.departments.set(departments)
        action_set_partners(action=action, organisations=partners, user=user)
    return action


def action_set_partners(*, action, organisations, user, may_post_updates=None):
    """Make exactly these verified NGOs partners of an action; new partners are recorded as activity."""
    _require_editor(user)
    for organisation in organisations:
        validate_verified_organisation(organisation)
    with transaction.atomic():
        ActionPartner.objects.filter(action=action).exclude(organisation__in=list(organisations)).delete()
        for organisation in organisations:
            link, _created = ActionPartner.objects.get_or_create(action=action, organisation=organisation)
            if may_post_updates is not None and link.may_post_updates != may_post_updates:
                link.may_post_updates = may_post_updates
                link.save(update_fields=["may_post_updates"])
        action_record_partner_activity(action=action)


def action_import_row(*, action, user, section, departments, partners, **fields):
    """Create an action from an import row, or update the matching one (dates, texts, bodies, partners)."""
    _require_editor(user)
    if action is None:
        return action_create(section=section, user=user, departments=departments, partners=partners, **fields)
    for name, value in fields.items():
        setattr(action, name, value)
    action.full_clean(exclude=["departments", "initiatives"])
    action.save()
    action.departments.set(departments)
    action_set_partners(action=action, organisations=partners, user=user)
    return action


def action_grant_updates(*, action, organisation, user, allowed=True):
    """The editor allows (or stops allowing) a partner NGO's members to post updates on an action."""
    _require_editor(user)
    updated = ActionPartner.objects.filter(action=action, organisation=organisation).update(may_post_updates=allowed)
    if not updated:
        raise ValidationError(_("This organisation is not a partner of the action."))


def action_record_partner_activity(*, action):
    """Tell the NGO registry once about each partnership (also after editing an action in the admin)."""
    links = list(action.partner_links.filter(activity_recorded=False).select_related("organisation"))
    for link in links:
        _record_activity(
            organisation=link.organisation,
            kind="roadmap",
            description=f"{action.section.roadmap.title}: {action.code} {action.title}",
        )
        event_record(kind=Event.Kind.NGO_JOINED_ROADMAP, target=action, followed=[link.organisation])
    ActionPartner.objects.filter(pk__in=[link.pk for link in links]).update(activity_recorded=True)


def action_link_initiatives(*, action, initiatives, user):
    """Link accepted NGO initiatives to an action."""
    _require_editor(user)
    for initiative in initiatives:
        if initiative.status not in LINKABLE_INITIATIVE_STATUSES:
            raise ValidationError(_("Only accepted initiatives can be linked to an action."))
    action.initiatives.add(*initiatives)


# --- Progress updates --------------------------------------------------------------------


def _clean_update(action, *, occurred_on, status, progress, indicator, indicator_value):
    errors = {}
    if occurred_on > today():
        errors["occurred_on"] = _("An update cannot be dated in the future.")
    if status and status != action.status and status not in ACTION_TRANSITIONS[action.status]:
        errors["status"] = _("An action cannot go from “%(from)s” to “%(to)s”.") % {
            "from": action.get_status_display(),
            "to": A(status).label,
        }
    if progress is not None and not 0 <= progress <= 100:
        errors["progress"] = _("Progress is a percentage from 0 to 100.")
    if indicator is not None and indicator.action_id != action.pk:
        errors["indicator"] = _("This indicator belongs to another action.")
    elif indicator is not None and indicator_value is None:
        errors["indicator_value"] = _("Give the indicator's new actual value.")
    elif indicator is not None:
        try:
            validate_indicator_value(indicator.unit_kind, indicator_value)
        except ValidationError as error:
            errors["indicator_value"] = error.messages[0]
    if errors:
        raise ValidationError(errors)


def update_post(
    *,
    action,
    user,
    note,
    occurred_on=None,
    status="",
    progress=None,
    indicator=None,
    indicator_value=None,
    evidence=(),
):
    """Post a dated progress update. Editors may always; partner members only where granted.

    ``evidence`` is a list of dicts with ``title`` and ``url`` or ``document``.
    """
    organisation = None
    if not can_edit_roadmaps(user):
        organisation = granted_organisation(user, action)
        if organisation is None:
            raise PermissionDenied(_("You may not post updates on this action."))
    occurred_on = occurred_on or today()
    with atomic_with_files():
        action = Action.objects.select_for_update().select_related("section").get(pk=action.pk)
        _clean_update(
            action,
            occurred_on=occurred_on,
            status=status,
            progress=progress,
            indicator=indicator,
            indicator_value=indicator_value,
        )
        if status == A.DONE and progress is None:
            progress = 100
        update = action.updates.create(
            occurred_on=occurred_on,
            author=user,
            organisation=organisation,
            note=note,
            status_before=action.status if status else "",
            status_after=status if status and status != action.status else "",
            progress_before=action.progress if progress is not None else None,
            progress_after=progress,
            indicator=indicator,
            indicator_value=indicator_value,
        )
        _apply_update(action, update, indicator)
        for item in evidence:
            piece = Evidence(action=action, update=update, **item)
            piece.full_clean()
            piece.save()
        _tell_action_followers(action, update)
    return update


def _tell_action_followers(action, update):
    """Followers of the action, then of its road map, hear of a new status or a new percentage."""
    followed = [action, action.section.roadmap]
    if update.status_after:
        payload = {"status": update.status_after}
        event_record(kind=Event.Kind.ACTION_STATUS, target=action, followed=followed, payload=payload)
    elif update.progress_after is not None and update.progress_after != update.progress_before:
        payload = {"progress": update.progress_after}
        event_record(kind=Event.Kind.ACTION_PROGRESS, target=action, followed=followed, payload=payload)


def _apply_update(action, update, indicator):
    changed = []
    if update.status_after:
        action.status = update.status_after
        changed.append("status")
    if update.progress_after is not None:
        action.progress = update.progress_after
        changed.append("progress")
    if changed:
        action.save(update_fields=[*changed, "updated_at"])
    if indicator is not None:
        Indicator.objects.filter(pk=indicator.pk).update(actual=update.indicator_value)


# --- Sections ----------------------------------------------------------------------------


def section_create(*, roadmap, user, number=None, **titles):
    _require_editor(user)
    if number is None:
        number = (roadmap.sections.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    section = Section(roadmap=roadmap, number=number, **titles)
    section.full_clean()
    section.save()
    return section


# --- NGO proposals -----------------------------------------------------------------------


def proposal_submit(*, roadmap, organisation, user, title, rationale, section=None, partners=()):
    """An NGO member proposes an action while the road map is open for proposals."""
    if not can_propose(user, organisation):
        raise PermissionDenied(_("Only members of a verified NGO can propose actions."))
    if roadmap.status != S.DRAFTING or not roadmap.live:
        raise ValidationError(_("This road map is not open for proposals."))
    if not roadmap.accepts_proposals():
        raise ValidationError(_("The deadline for proposals to this road map has passed."))
    if section is not None and section.roadmap_id != roadmap.pk:
        raise ValidationError({"section": _("Choose a section of this road map.")})
    for partner in partners:
        validate_verified_organisation(partner)
    with transaction.atomic():
        proposal = Proposal.objects.create(
            roadmap=roadmap, organisation=organisation, proposer=user, section=section, title=title, rationale=rationale
        )
        proposal.partners.set(partners)
        follow_automatically(user=user, obj=roadmap)
    return proposal


def _decide(proposal, to_status, user, reason):
    _require_editor(user)
    proposal = Proposal.objects.select_for_update().select_related("roadmap", "organisation").get(pk=proposal.pk)
    if to_status not in PROPOSAL_TRANSITIONS[proposal.status]:
        raise ValidationError(_("This proposal has already been decided."))
    proposal.status = to_status
    proposal.decision_reason = reason
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    return proposal


def _email_proposer(proposal, template):
    if proposal.proposer is None:
        return
    transaction.on_commit(
        lambda: send_email_to_user(
            user=proposal.proposer,
            template=f"roadmaps/emails/{template}",
            context={"proposal": proposal, "roadmap": proposal.roadmap},
        )
    )


def proposal_accept(*, proposal, user, section, start_date, due_date, departments, comment=""):
    """Turn a proposal into an action of the road map, with the proposing NGO and its partners as partners."""
    with transaction.atomic():
        proposal = _decide(proposal, Proposal.Status.ACCEPTED, user, comment)
        if section.roadmap_id != proposal.roadmap_id:
            raise ValidationError({"section": _("Choose a section of this road map.")})
        partners = [proposal.organisation, *proposal.partners.exclude(pk=proposal.organisation_id)]
        action = action_create(
            section=section,
            user=user,
            departments=departments,
            partners=partners,
            title_kk=proposal.title,
            title_ru=proposal.title,
            description=proposal.rationale,
            start_date=start_date,
            due_date=due_date,
        )
        proposal.action = action
        proposal.save()
        _record_activity(organisation=proposal.organisation, kind="roadmap_proposal", description=proposal.title)
        _email_proposer(proposal, "proposal_accepted")
    return proposal


def proposal_decline(*, proposal, user, reason):
    """Decline a proposal; the reason is required and sent to the proposer."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for declining the proposal.")})
    with transaction.atomic():
        proposal = _decide(proposal, Proposal.Status.DECLINED, user, reason.strip())
        proposal.save()
        _email_proposer(proposal, "proposal_declined")
    return proposal
