"""Issue 17: the verification queue a page at a time; an initiative found by its key stays private as before."""

from django.urls import reverse

from ngos import admin_views
from ngos.models import Organisation

from .conftest import make_initiative, make_organisation


def test_verification_queue_is_paged_oldest_first(client_for, moderator, monkeypatch):
    monkeypatch.setattr(admin_views, "PAGE_SIZE", 2)
    waiting = [
        make_organisation(slug=f"waiting-{n}", status=Organisation.Status.AWAITING_VERIFICATION) for n in range(3)
    ]
    client = client_for(moderator)
    url = reverse("ngos_admin:verification_queue")
    first, second = client.get(url).content.decode(), client.get(url, {"p": 2}).content.decode()
    review = [reverse("ngos_admin:organisation_review", args=[o.pk]) for o in waiting]
    assert review[0] in first and review[1] in first and review[2] not in first
    assert review[2] in second and review[0] not in second
    assert client.get(url, {"p": "x"}).status_code == 200


def test_initiative_of_an_organisation_awaiting_verification_is_for_its_members_only(
    client_for, visitor, member, other_leader, organisation
):
    organisation.status = Organisation.Status.AWAITING_VERIFICATION
    organisation.save()
    initiative = make_initiative(organisation, status="submitted")
    url = initiative.get_absolute_url()
    assert client_for(member).get(url).status_code == 200
    assert client_for(other_leader).get(url).status_code == 404
    assert visitor.get(url).status_code == 404
