"""Writes to the NGO registry. Views, the admin, the import and other apps all call these."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from follows.models import Event
from follows.services import event_record, events_forget, follow_automatically
from hub.emails import send_email, send_email_to_user
from hub.i18n import write_new_text
from hub.storage import atomic_with_files

from .models import (
    IdentityChange,
    Initiative,
    InitiativeAttachment,
    InitiativeSupport,
    InitiativeTransition,
    Invitation,
    Membership,
    NewsPost,
    Organisation,
    OrganisationActivity,
    OrganisationStatusChange,
    ProfileChange,
)
from .text import latin_slug

INVITATION_LIFETIME = datetime.timedelta(days=7)
# Who may move an organisation from one status to another: "member" (its own people) or "moderator".
ORGANISATION_TRANSITIONS = {
    (Organisation.Status.DRAFT, Organisation.Status.AWAITING_VERIFICATION): "member",
    (Organisation.Status.REJECTED, Organisation.Status.AWAITING_VERIFICATION): "member",
    (Organisation.Status.AWAITING_VERIFICATION, Organisation.Status.VERIFIED): "moderator",
    (Organisation.Status.AWAITING_VERIFICATION, Organisation.Status.REJECTED): "moderator",
    # "Request changes": back to the leader as a draft, to correct and submit again.
    (Organisation.Status.AWAITING_VERIFICATION, Organisation.Status.DRAFT): "moderator",
    (Organisation.Status.VERIFIED, Organisation.Status.ARCHIVED): "moderator",
    (Organisation.Status.ARCHIVED, Organisation.Status.VERIFIED): "moderator",
}
S = Initiative.Status
# The initiative lifecycle: (from, to) -> who may do it ("member" of the organisation or "staff").
INITIATIVE_TRANSITIONS = {
    (S.DRAFT, S.SUBMITTED): "member",
    (S.NEEDS_CHANGES, S.SUBMITTED): "member",
    (S.SUBMITTED, S.UNDER_REVIEW): "staff",
    (S.UNDER_REVIEW, S.ACCEPTED): "staff",
    (S.UNDER_REVIEW, S.NEEDS_CHANGES): "staff",
    (S.UNDER_REVIEW, S.DECLINED): "staff",
    (S.ACCEPTED, S.IN_PROGRESS): "staff",
    (S.IN_PROGRESS, S.IMPLEMENTED): "staff",
}
ANSWER_REQUIRED = {S.ACCEPTED, S.NEEDS_CHANGES, S.DECLINED}
# Profile fields whose changes on a verified organisation are kept for moderators.
TRACKED_FIELDS = [
    "name_kk",
    "name_ru",
    "name_en",
    "short_name",
    "legal_form",
    "registration_date",
    "address",
    "phone",
    "email",
    "website",
    "social_links",
    "description_kk",
    "description_ru",
    "description_en",
    "original_language",
    "logo",
    "founding_year",
    "staff_count",
    "volunteer_count",
    "city_wide",
]
TRACKED_M2M = ["fields", "target_groups", "districts"]


# --- membership and permissions -------------------------------------------------------------


def is_moderator(user):
    return user.is_authenticated and (user.is_superuser or user.has_perm("ngos.verify_organisation"))


def _require_moderator(user):
    if not is_moderator(user):
        raise PermissionDenied(_("Only moderators may do this."))


def is_initiative_staff(user):
    return user.is_authenticated and (user.is_superuser or user.has_perm("ngos.change_initiative"))


def can_import(user):
    return user.is_authenticated and (user.is_superuser or user.has_perm("ngos.import_organisation"))


def membership_of(user, organisation):
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(organisation=organisation, user=user).first()


def _require_member(user, organisation, *, leader=False):
    membership = membership_of(user, organisation)
    if membership is None or (leader and not membership.is_leader):
        raise PermissionDenied(_("Only the organisation's leaders may do this."))
    return membership


# --- activity -------------------------------------------------------------------------------


@transaction.atomic
def activity_record(*, organisation, kind, occurred_at, description=""):
    """Note something an organisation did with the hub; keeps ``last_activity_at`` current.

    Other apps call this (kind "meeting", "roadmap", ...); ``organisation`` may be an instance or an id.
    """
    organisation_id = getattr(organisation, "pk", organisation)
    activity = OrganisationActivity.objects.create(
        organisation_id=organisation_id, kind=kind[:30], occurred_at=occurred_at, description=description[:300]
    )
    Organisation.objects.filter(pk=organisation_id).filter(
        Q(last_activity_at__isnull=True) | Q(last_activity_at__lt=occurred_at)
    ).update(last_activity_at=occurred_at, updated_at=F("updated_at"))
    return activity


# --- organisations --------------------------------------------------------------------------


def unique_slug(name, *, exclude_pk=None):
    base = latin_slug(name, max_length=100)
    slug, counter = base, 2
    taken = Organisation.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _save_organisation(organisation, m2m=None):
    organisation.search_text = organisation.build_search_text()
    organisation.full_clean(exclude=["fields"] if organisation.pk is None else None)
    organisation.save()
    for name, values in (m2m or {}).items():
        getattr(organisation, name).set(values)


@atomic_with_files()
def organisation_register(*, user, data, m2m=None):
    """Start a registration: a draft organisation whose leader is the user who registers it."""
    organisation = Organisation(**data, status=Organisation.Status.DRAFT)
    organisation.slug = unique_slug(data.get("name_ru") or data.get("name_kk") or "ngo")
    _save_organisation(organisation, m2m)
    Membership.objects.create(organisation=organisation, user=user, role=Membership.Role.LEADER)
    OrganisationStatusChange.objects.create(
        organisation=organisation, actor=user, from_status="", to_status=Organisation.Status.DRAFT
    )
    follow_automatically(user=user, obj=organisation)
    return organisation


def _display(organisation, name):
    value = getattr(organisation, name)
    if hasattr(organisation, f"get_{name}_display"):
        return str(getattr(organisation, f"get_{name}_display")())
    if hasattr(value, "name"):
        return value.name or ""
    return "" if value is None else str(value)


def _m2m_display(values):
    return ", ".join(sorted(str(value) for value in values))


@atomic_with_files()
def organisation_update(*, user, organisation, data, m2m=None):
    """Save a member's changes; for a verified organisation, keep what changed for moderators.

    The legal identity (names, BIN, legal form) is the leaders' to change; on a verified organisation
    their change waits for a moderator while the public page keeps the verified identity.
    """
    # Compare with the stored row: a bound ModelForm has already written its values onto ``organisation``.
    stored = Organisation.objects.get(pk=organisation.pk)
    identity = {name: data[name] for name in IdentityChange.FIELDS if name in data}
    if any(value != getattr(stored, name) for name, value in identity.items()) and not is_moderator(user):
        _require_member(user, organisation, leader=True)
        if stored.status == Organisation.Status.VERIFIED:
            _identity_change_request(user, stored, identity)
            data = {name: value for name, value in data.items() if name not in identity}
            for name in identity:
                setattr(organisation, name, getattr(stored, name))
    elif not is_moderator(user):
        _require_member(user, organisation)
    before = {name: _display(stored, name) for name in TRACKED_FIELDS}
    before_m2m = {name: _m2m_display(getattr(organisation, name).all()) for name in (m2m or {})}
    for name, value in data.items():
        setattr(organisation, name, value)
    _save_organisation(organisation, m2m)
    changes = {
        name: [before[name], _display(organisation, name)]
        for name in TRACKED_FIELDS
        if before[name] != _display(organisation, name)
    }
    for name, values in (m2m or {}).items():
        after = _m2m_display(values)
        if before_m2m[name] != after:
            changes[name] = [before_m2m[name], after]
    if changes and organisation.status == Organisation.Status.VERIFIED:
        ProfileChange.objects.create(organisation=organisation, actor=user, changes=changes)
        activity_record(
            organisation=organisation, kind="profile", occurred_at=timezone.now(), description=_("Profile updated")
        )
    return organisation


def _identity_change_request(user, stored, identity):
    requested = {name: identity.get(name, getattr(stored, name)) for name in IdentityChange.FIELDS}
    if Organisation.objects.exclude(pk=stored.pk).filter(bin=requested["bin"]).exists():
        raise ValidationError({"bin": _("An organisation with this BIN is already registered.")})
    IdentityChange.objects.update_or_create(organisation=stored, defaults={**requested, "requested_by": user})


@transaction.atomic
def identity_change_approve(*, user, change):
    """A moderator accepts a verified organisation's new legal identity: it goes public, kept in the history."""
    _require_moderator(user)
    organisation = Organisation.objects.select_for_update().get(pk=change.organisation_id)
    before = {name: _display(organisation, name) for name in IdentityChange.FIELDS}
    for name in IdentityChange.FIELDS:
        setattr(organisation, name, getattr(change, name))
    _save_organisation(organisation)
    changes = {
        n: [before[n], _display(organisation, n)]
        for n in IdentityChange.FIELDS
        if before[n] != _display(organisation, n)
    }
    ProfileChange.objects.create(organisation=organisation, actor=user, changes=changes)
    change.delete()
    return organisation


@transaction.atomic
def identity_change_decline(*, user, change, reason):
    """A moderator keeps the verified identity; the leaders read why."""
    _require_moderator(user)
    if not reason.strip():
        raise ValidationError({"reason": _("Say what needs changing.")})
    organisation = change.organisation
    change.delete()
    context = {"reason": reason.strip()}
    transaction.on_commit(lambda: _email_leaders(organisation, "ngos/emails/identity_change_declined", context))
    return organisation


def _change_status(*, organisation, user, to_status, comment=""):
    key = (organisation.status, to_status)
    who = ORGANISATION_TRANSITIONS.get(key)
    if who is None:
        raise ValidationError(_("This organisation cannot move to that status now."))
    if who == "moderator":
        _require_moderator(user)
    if who == "member":
        _require_member(user, organisation)
    OrganisationStatusChange.objects.create(
        organisation=organisation, actor=user, from_status=organisation.status, to_status=to_status, comment=comment
    )
    organisation.status = to_status
    return organisation


def _leaders(organisation):
    return [m.user for m in organisation.memberships.filter(role=Membership.Role.LEADER).select_related("user")]


def _email_leaders(organisation, template, context=None):
    for leader in _leaders(organisation):
        send_email_to_user(user=leader, template=template, context={"organisation": organisation, **(context or {})})


@transaction.atomic
def organisation_submit(*, user, organisation):
    """Send a draft (or a rejected organisation, corrected) to the moderators' queue."""
    missing = organisation_missing_fields(organisation)
    if missing:
        raise ValidationError(_("Fill in the required fields first: %(fields)s.") % {"fields": ", ".join(missing)})
    _change_status(organisation=organisation, user=user, to_status=Organisation.Status.AWAITING_VERIFICATION)
    organisation.rejection_reason = ""
    organisation.save(update_fields=["status", "rejection_reason", "updated_at"])
    return organisation


def organisation_missing_fields(organisation):
    missing = []
    if not organisation.fields.exists():
        missing.append(str(Organisation._meta.get_field("fields").verbose_name))
    if not organisation.city_wide and not organisation.districts.exists():
        missing.append(str(Organisation._meta.get_field("districts").verbose_name))
    if not (organisation.email or organisation.phone):
        missing.append(str(Organisation._meta.get_field("email").verbose_name))
    return missing


@transaction.atomic
def organisation_verify(*, user, organisation):
    """A moderator confirms the organisation: it appears in the public directory."""
    _change_status(organisation=organisation, user=user, to_status=Organisation.Status.VERIFIED)
    organisation.verified_at = timezone.now()
    organisation.rejection_reason = ""
    organisation.save(update_fields=["status", "verified_at", "rejection_reason", "updated_at"])
    transaction.on_commit(lambda: _email_leaders(organisation, "ngos/emails/organisation_verified"))
    followed = [*organisation.fields.all(), *organisation.districts.all()]
    event_record(kind=Event.Kind.NGO_VERIFIED, target=organisation, followed=followed)
    return organisation


@transaction.atomic
def organisation_reject(*, user, organisation, reason):
    """A moderator refuses the registration, with the reason the leader will read."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the rejection.")})
    return _send_back(user, organisation, reason, Organisation.Status.REJECTED, "ngos/emails/organisation_rejected")


@transaction.atomic
def organisation_request_changes(*, user, organisation, reason):
    """A moderator asks the leaders to correct the profile; it returns to them as a draft, reason emailed."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say what needs changing.")})
    template = "ngos/emails/organisation_changes_requested"
    return _send_back(user, organisation, reason, Organisation.Status.DRAFT, template)


def _send_back(user, organisation, reason, to_status, template):
    _change_status(organisation=organisation, user=user, to_status=to_status, comment=reason)
    organisation.rejection_reason = reason.strip()
    organisation.save(update_fields=["status", "rejection_reason", "updated_at"])
    transaction.on_commit(lambda: _email_leaders(organisation, template))
    return organisation


@transaction.atomic
def organisation_archive(*, user, organisation, reason=""):
    """A moderator archives an organisation that stopped existing: it leaves the directory."""
    _change_status(organisation=organisation, user=user, to_status=Organisation.Status.ARCHIVED, comment=reason)
    organisation.save(update_fields=["status", "updated_at"])
    return organisation


@transaction.atomic
def organisation_restore(*, user, organisation, reason=""):
    _change_status(organisation=organisation, user=user, to_status=Organisation.Status.VERIFIED, comment=reason)
    organisation.save(update_fields=["status", "updated_at"])
    return organisation


# --- members and invitations ----------------------------------------------------------------


@transaction.atomic
def invitation_create(*, user, organisation, email, role=Membership.Role.MEMBER):
    """A leader invites a colleague by email; the link works for a week."""
    _require_member(user, organisation, leader=True)
    email = email.strip().lower()
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member.")})
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        invited_by=user,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    transaction.on_commit(
        lambda: send_email(
            template="ngos/emails/invitation",
            to=[email],
            context={"invitation": invitation, "organisation": organisation, "inviter": user},
            language=user.language,
        )
    )
    return invitation


def _verified_emails(user):
    from allauth.account.models import EmailAddress

    return {e.lower() for e in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)}


@transaction.atomic
def invitation_accept(*, user, invitation):
    """The invited person joins, if the link is still valid and was sent to one of their verified addresses."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.is_expired:
        raise ValidationError(_("This invitation has expired or was already used."))
    if invitation.email.lower() not in _verified_emails(user):
        raise PermissionDenied(_("This invitation was sent to another email address."))
    membership, _created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at", "updated_at"])
    return membership


@transaction.atomic
def membership_set_role(*, user, membership, role):
    """A leader changes a colleague's role; an organisation always keeps at least one leader."""
    _require_member(user, membership.organisation, leader=True)
    if role not in Membership.Role.values:
        raise ValidationError(_("Unknown role."))
    if membership.is_leader and role != Membership.Role.LEADER:
        _keep_a_leader(membership)
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    return membership


def _keep_a_leader(membership):
    others = membership.organisation.memberships.filter(role=Membership.Role.LEADER).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(_("An organisation needs at least one leader: hand over leadership first."))


@transaction.atomic
def membership_remove(*, user, membership):
    """A leader removes a colleague, or a member leaves."""
    if membership.user_id != user.pk:
        _require_member(user, membership.organisation, leader=True)
    if membership.is_leader:
        _keep_a_leader(membership)
    membership.delete()


@transaction.atomic
def leadership_handover(*, user, organisation, to_membership):
    """The leader makes a colleague the leader and becomes a member."""
    own = _require_member(user, organisation, leader=True)
    if to_membership.organisation_id != organisation.pk or to_membership.pk == own.pk:
        raise ValidationError(_("Choose another member of this organisation."))
    to_membership.role = Membership.Role.LEADER
    to_membership.save(update_fields=["role", "updated_at"])
    own.role = Membership.Role.MEMBER
    own.save(update_fields=["role", "updated_at"])
    return to_membership


# --- initiatives ----------------------------------------------------------------------------


@atomic_with_files()
def initiative_create(*, user, organisation, data, attachment=None):
    """A member drafts an initiative on behalf of the organisation."""
    _require_member(user, organisation)
    if organisation.status != Organisation.Status.VERIFIED:
        raise ValidationError(_("Only verified organisations can propose initiatives."))
    initiative = Initiative(organisation=organisation, created_by=user, **data)
    initiative.full_clean(exclude=["created_by"])
    initiative.save()
    InitiativeTransition.objects.create(initiative=initiative, actor=user, from_status="", to_status=S.DRAFT)
    _attach(initiative, attachment)
    follow_automatically(user=user, obj=initiative)
    return initiative


@atomic_with_files()
def initiative_update(*, user, initiative, data, attachment=None):
    """Members edit an initiative while it is a draft or sent back for changes."""
    _require_member(user, initiative.organisation)
    if initiative.status not in (S.DRAFT, S.NEEDS_CHANGES):
        raise ValidationError(_("This initiative can no longer be edited."))
    for name, value in data.items():
        setattr(initiative, name, value)
    initiative.full_clean(exclude=["created_by"])
    initiative.save()
    _attach(initiative, attachment)
    return initiative


def _attach(initiative, attachment):
    if attachment:
        InitiativeAttachment.objects.create(initiative=initiative, file=attachment, title=attachment.name[:200])


def allowed_initiative_transitions(user, initiative):
    """The statuses this user may move the initiative to now."""
    result = []
    for (from_status, to_status), who in INITIATIVE_TRANSITIONS.items():
        if from_status != initiative.status:
            continue
        is_staff = who == "staff" and is_initiative_staff(user)
        if is_staff or (who == "member" and membership_of(user, initiative.organisation)):
            result.append(to_status)
    return result


@transaction.atomic
def initiative_transition(*, user, initiative, to_status, comment="", department=None):
    """Move an initiative one step: check, stamp, save, log, then email the organisation's members."""
    given, initiative = initiative, Initiative.objects.select_for_update().get(pk=initiative.pk)
    if to_status not in allowed_initiative_transitions(user, initiative):
        if (initiative.status, to_status) in INITIATIVE_TRANSITIONS:
            raise PermissionDenied(_("You may not make this change."))
        raise ValidationError(_("An initiative cannot move from this status to that one."))
    if to_status == S.UNDER_REVIEW:
        department = department or initiative.department
        if department is None:
            raise ValidationError({"department": _("Assign a responsible body first.")})
        initiative.department = department
    if to_status in ANSWER_REQUIRED:
        if not comment.strip():
            raise ValidationError({"comment": _("An official answer with reasons is required.")})
        write_new_text(initiative, "official_answer", comment.strip())
        initiative.answered_at = timezone.now()
    if to_status == S.SUBMITTED:
        initiative.submitted_at = timezone.now()
    from_status = initiative.status
    initiative.status = to_status
    initiative.save()
    InitiativeTransition.objects.create(
        initiative=initiative, actor=user, from_status=from_status, to_status=to_status, comment=comment.strip()
    )
    if to_status == S.SUBMITTED:
        activity_record(
            organisation=initiative.organisation,
            kind="initiative",
            occurred_at=timezone.now(),
            description=initiative.title,
        )
    transaction.on_commit(lambda: _email_members_about(initiative))
    _tell_initiative_followers(initiative, to_status)
    given.refresh_from_db()
    return initiative


def _tell_initiative_followers(initiative, to_status):
    """Followers hear of the new status (the members are emailed above, so theirs stays in the inbox)."""
    members = list(initiative.organisation.memberships.values_list("user_id", flat=True))
    if to_status == S.SUBMITTED:
        organisation = initiative.organisation
        followed = [organisation, initiative.field, initiative.district]
        event_record(kind=Event.Kind.NGO_INITIATIVE, target=initiative, followed=followed, already_emailed=members)
    kind = Event.Kind.INITIATIVE_ANSWERED if to_status in ANSWER_REQUIRED else Event.Kind.INITIATIVE_STATUS
    payload = {"status": to_status}
    event_record(kind=kind, target=initiative, followed=[initiative], payload=payload, already_emailed=members)


def _email_members_about(initiative):
    memberships = initiative.organisation.memberships.select_related("user")
    for membership in memberships:
        send_email_to_user(
            user=membership.user,
            template="ngos/emails/initiative_status",
            context={"initiative": initiative, "organisation": initiative.organisation},
        )


@transaction.atomic
def initiative_support(*, user, initiative):
    """A signed-in user supports a public initiative, once; returns False if they already had."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to support an initiative."))
    if not Initiative.objects.public().filter(pk=initiative.pk).exists():
        raise ValidationError(_("This initiative cannot be supported."))
    _support, created = InitiativeSupport.objects.get_or_create(initiative=initiative, user=user)
    return created


# --- news -----------------------------------------------------------------------------------


@transaction.atomic
def news_publish(*, user, organisation, data):
    """A member publishes news on a verified organisation's page; the organisation's followers are told."""
    _require_member(user, organisation)
    if organisation.status != Organisation.Status.VERIFIED:
        raise ValidationError(_("Only verified organisations can publish news."))
    post = NewsPost(organisation=organisation, author=user, **data)
    post.full_clean(exclude=["author", "hidden_by"])
    post.save()
    activity_record(organisation=organisation, kind="news", occurred_at=post.published_at, description=post.title)
    # The author knows already: the post is in their inbox, without an email.
    event_record(kind=Event.Kind.NGO_NEWS, target=post, followed=[organisation], already_emailed=[user.pk])
    return post


@transaction.atomic
def news_update(*, user, post, data):
    """A member corrects a post. Followers are not told again; a hidden post stays hidden."""
    _require_member(user, post.organisation)
    for name, value in data.items():
        setattr(post, name, value)
    post.full_clean(exclude=["author", "hidden_by"])
    post.save()
    return post


@transaction.atomic
def news_delete(*, user, post):
    """A member deletes a post; what followers were told of it leaves their inboxes."""
    _require_member(user, post.organisation)
    events_forget(target=post)
    post.delete()


@transaction.atomic
def news_hide(*, user, post, reason):
    """A moderator hides a post from the public, with the reason its leaders read; followers hear no more of it."""
    _require_moderator(user)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for hiding the post.")})
    post.hidden_at, post.hidden_by, post.hidden_reason = timezone.now(), user, reason.strip()
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])
    events_forget(target=post)
    context = {"post": post, "reason": post.hidden_reason}
    transaction.on_commit(lambda: _email_leaders(post.organisation, "ngos/emails/news_hidden", context))
    return post


@transaction.atomic
def news_restore(*, user, post):
    """A moderator shows a hidden post again (followers are not told a second time)."""
    _require_moderator(user)
    post.hidden_at, post.hidden_by, post.hidden_reason = None, None, ""
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])
    return post


# --- translations of written texts ----------------------------------------------------------


@transaction.atomic
def texts_translate(*, user, obj, data):
    """Editors add or correct the language versions of an organisation's or initiative's texts."""
    allowed = is_moderator(user) if isinstance(obj, Organisation) else is_initiative_staff(user)
    if not allowed:
        raise PermissionDenied
    for name, value in data.items():
        setattr(obj, name, value)
    # Only the texts are checked: a proposer's account deleted since must not block a translation.
    obj.full_clean(exclude=[field.name for field in obj._meta.fields if field.name not in data])
    if isinstance(obj, Organisation):
        obj.search_text = obj.build_search_text()
    obj.save()
    return obj
