from ngos.models import Initiative, Organisation
from search.registry import get

from .conftest import make_initiative, make_organisation


def test_only_verified_organisations_are_searchable(organisation):
    make_organisation(slug="hidden", status=Organisation.Status.DRAFT)
    search = get("organisation")
    documents = list(search.documents())
    assert [d.key for d in documents] == [str(organisation.pk)]
    assert documents[0].fields == ["ecology"]
    assert organisation.bin in documents[0].body["ru"]


def test_only_public_initiatives_are_searchable(organisation):
    make_initiative(organisation, title="Черновик")
    public = make_initiative(organisation, status=Initiative.Status.ACCEPTED, title="Принятая")
    documents = list(get("initiative").documents())
    assert [d.key for d in documents] == [str(public.pk)]
    assert documents[0].title == {"kk": "Принятая"}


def test_an_organisation_working_in_several_districts_is_found_under_each(organisation):
    from hub.models import District

    organisation.city_wide = False
    organisation.save()
    organisation.districts.set(District.objects.filter(slug__in=["medeu", "turksib"]))
    document = get("organisation").document(str(organisation.pk))
    assert sorted(document.districts) == ["medeu", "turksib"]
