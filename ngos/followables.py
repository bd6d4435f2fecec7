"""What of the registry may be followed, and who may hear about it (see follows.registry)."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import pgettext_lazy

from follows import registry


def _organisation_audience(organisation):
    if organisation.status in (organisation.Status.VERIFIED, organisation.Status.ARCHIVED):
        return True
    return Q(ngo_memberships__organisation=organisation)


def _initiative_audience(initiative):
    if initiative.status == initiative.Status.DRAFT:
        return False
    return _organisation_audience(initiative.organisation)


def _news_audience(post):
    """Followers of the organisation, while the post is public; members of an unlisted organisation only."""
    if post.is_hidden:
        return False
    if post.organisation.status == post.organisation.Status.VERIFIED:
        return True
    return Q(ngo_memberships__organisation=post.organisation)


def _directory_filtered(name):
    return lambda obj: f"{reverse('ngos:directory')}?{name}={obj.slug}"


def register():
    from hub.models import District

    from .models import FieldOfActivity, Initiative, NewsPost, Organisation

    label = pgettext_lazy("followed thing", "Organisation")
    registry.register("organisation", Organisation, label=label, audience=_organisation_audience)
    label = pgettext_lazy("followed thing", "Initiative")
    registry.register("initiative", Initiative, label=label, audience=_initiative_audience)
    label = pgettext_lazy("followed thing", "News of an organisation")
    registry.register("news", NewsPost, label=label, audience=_news_audience, followable=False)
    label = pgettext_lazy("followed thing", "Field of activity")
    registry.register("field", FieldOfActivity, label=label, url=_directory_filtered("field"))
    label = pgettext_lazy("followed thing", "District")
    registry.register("district", District, label=label, url=_directory_filtered("district"))
