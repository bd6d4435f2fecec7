"""Who may do what with road maps. One place, used by views, services and templates."""

EDIT_PERMISSION = "roadmaps.change_roadmap"


def can_edit_roadmaps(user):
    """Akimat editors (and administrators) run road maps."""
    return bool(user and user.is_authenticated and user.has_perm(EDIT_PERMISSION))


def member_organisations(user):
    """Verified organisations the user belongs to."""
    from ngos.models import Organisation

    if not (user and user.is_authenticated):
        return Organisation.objects.none()
    return Organisation.objects.verified().of_member(user)


def granted_organisation(user, action):
    """The partner NGO through which the user may post updates on this action, or None."""
    if not (user and user.is_authenticated):
        return None
    link = (
        action.partner_links.filter(may_post_updates=True, organisation__in=member_organisations(user))
        .select_related("organisation")
        .first()
    )
    return link.organisation if link else None


def can_post_update(user, action):
    return can_edit_roadmaps(user) or granted_organisation(user, action) is not None


def can_propose(user, organisation):
    return member_organisations(user).filter(pk=organisation.pk).exists()
