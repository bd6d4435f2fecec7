"""Writes to the NGO registry. Views, the admin, the import and other apps all call these."""

from django.db import transaction
from django.db.models import F, Q

from .models import Organisation, OrganisationActivity


@transaction.atomic
def activity_record(*, organisation, kind, occurred_at, description=""):
    """Note something an organisation did with the hub; keeps ``last_activity_at`` current.

    Other apps call this (kind "meeting", "roadmap", ...), so it takes an organisation or its id.
    """
    organisation_id = getattr(organisation, "pk", organisation)
    activity = OrganisationActivity.objects.create(
        organisation_id=organisation_id, kind=kind[:30], occurred_at=occurred_at, description=description[:300]
    )
    Organisation.objects.filter(pk=organisation_id).filter(
        Q(last_activity_at__isnull=True) | Q(last_activity_at__lt=occurred_at)
    ).update(last_activity_at=occurred_at, updated_at=F("updated_at"))
    return activity
