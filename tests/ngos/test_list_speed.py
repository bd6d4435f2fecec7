"""The public lists at scale (issue 17): counts and facets once per filter state, never stale, never personal."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ngos.models import Initiative, Organisation

from .conftest import make_initiative, make_organisation

S = Initiative.Status


def queries(client, url, params=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured), response


def test_initiative_list_query_count_is_fixed_as_initiatives_grow(visitor, organisation):
    make_initiative(organisation, status=S.SUBMITTED)
    url = reverse("ngos:initiative_list")
    visitor.get(url)
    few, _response = queries(visitor, url)
    for number in range(25):
        make_initiative(organisation, status=S.ACCEPTED, title=f"Initiative {number}")
    more, response = queries(visitor, url)
    assert more == few
    assert response.context["page_obj"].paginator.count == 26


def test_initiative_list_counts_supporters_of_each_initiative_on_the_page(client_for, other_leader, organisation):
    supported = make_initiative(organisation, status=S.SUBMITTED, title="Supported")
    make_initiative(organisation, status=S.SUBMITTED, title="Not supported")
    client_for(other_leader).post(reverse("ngos:initiative_support", args=[supported.pk]))
    response = client_for(other_leader).get(reverse("ngos:initiative_list"))
    counts = {i.title: i.support_count for i in response.context["initiatives"]}
    assert counts == {"Supported": 1, "Not supported": 0}


def test_initiative_list_filters_keep_working(visitor, organisation):
    make_initiative(organisation, status=S.SUBMITTED, title="Submitted")
    make_initiative(organisation, status=S.DECLINED, title="Declined")
    response = visitor.get(reverse("ngos:initiative_list"), {"status": "declined"})
    assert [i.title for i in response.context["initiatives"]] == ["Declined"]
    assert response.context["page_obj"].paginator.count == 1
    response = visitor.get(reverse("ngos:initiative_list"), {"status": "nonsense", "field": "no-such-field"})
    assert response.context["page_obj"].paginator.count == 0


def test_initiative_list_count_is_shared_once_per_filter_state(
    shared_cache, visitor, client_for, other_leader, organisation
):
    make_initiative(organisation, status=S.SUBMITTED)
    url = reverse("ngos:initiative_list")
    first, _response = queries(visitor, url)
    again, response = queries(client_for(other_leader), url)
    assert again < first  # the count came from the shared cache, even signed in
    assert response.context["page_obj"].paginator.count == 1
    _n, response = queries(visitor, url, {"status": "declined"})
    assert response.context["page_obj"].paginator.count == 0  # another filter state, counted for itself


def test_own_support_and_new_initiatives_show_at_once_with_the_shared_cache(
    shared_cache, client_for, other_leader, leader, organisation
):
    initiative = make_initiative(organisation, status=S.SUBMITTED)
    client = client_for(other_leader)
    url = reverse("ngos:initiative_list")
    assert [i.support_count for i in client.get(url).context["initiatives"]] == [0]
    client.post(reverse("ngos:initiative_support", args=[initiative.pk]))
    response = client.get(url)
    assert [i.support_count for i in response.context["initiatives"]] == [1]
    make_initiative(organisation, status=S.SUBMITTED, title="A second one")
    assert client.get(url).context["page_obj"].paginator.count == 2


def test_directory_count_and_facets_follow_changes_with_the_shared_cache(shared_cache, visitor, organisation):
    url = reverse("ngos:directory")
    response = visitor.get(url, {"field": "ecology"})
    assert response.context["page_obj"].paginator.count == 1
    other = make_organisation(slug="second-eco", status=Organisation.Status.AWAITING_VERIFICATION)
    assert visitor.get(url, {"field": "ecology"}).context["page_obj"].paginator.count == 1
    other.status = Organisation.Status.VERIFIED
    other.save()
    response = visitor.get(url, {"field": "ecology"})
    assert response.context["page_obj"].paginator.count == 2
    ecology = next(option for option in response.context["facets"]["field"] if option["value"] == "ecology")
    assert ecology["count"] == 2


def test_directory_query_count_is_fixed_as_organisations_grow(visitor, organisation):
    url = reverse("ngos:directory")
    visitor.get(url)
    few, _response = queries(visitor, url)
    for number in range(12):
        make_organisation(slug=f"more-{number}", fields=("ecology", "youth"))
    more, response = queries(visitor, url)
    assert more == few
    assert response.context["page_obj"].paginator.count == 13


def test_signed_in_pages_with_the_shared_cache_show_only_their_own_account(
    shared_cache, client, leader, other_leader, organisation
):
    """The shared parts are the same for everyone; the account menu and forms stay personal."""
    for url in (reverse("ngos:initiative_list"), reverse("ngos:directory")):
        client.force_login(leader)
        client.get(url)
        client.force_login(other_leader)
        response = client.get(url)
        assert response.context["user"] == other_leader
        assert "X-Page-Cache" not in response
        assert leader.email not in response.content.decode()
