"""What of the NGO registry is searchable: verified organisations and public initiatives.

Unverified, rejected, archived and draft organisations are never indexed; initiatives only
once submitted by an organisation the public may see (``Initiative.objects.public()``).
"""

from search import labels
from search.documents import Document, join, translated, urls_of
from search.registry import Searchable, register

from .models import FieldOfActivity, Initiative, Organisation


def _field_labels():
    return {field.slug: field.name for field in FieldOfActivity.objects.all()}


def _only_district(districts):
    districts = list(districts)
    return districts[0].slug if len(districts) == 1 else ""


@register
class OrganisationSearch(Searchable):
    type = "organisation"
    label = labels.ORGANISATION
    model = Organisation

    def public_objects(self):
        return Organisation.objects.verified().prefetch_related("fields", "districts")

    def to_document(self, organisation):
        names = translated(organisation, "name")
        if organisation.short_name:
            names = {language: f"{name} ({organisation.short_name})" for language, name in names.items()}
        return Document(
            type=self.type,
            key=str(organisation.pk),
            title=names,
            # Descriptions are typed in whatever language the organisation chose.
            body={"": join(organisation.description, organisation.address)},
            url=urls_of(organisation),
            fields=[field.slug for field in organisation.fields.all()],
            district=_only_district(organisation.districts.all()),
            date=organisation.verified_at,
        )

    def field_labels(self):
        return _field_labels()


@register
class InitiativeSearch(Searchable):
    type = "initiative"
    label = labels.INITIATIVE
    model = Initiative
    # An organisation losing (or gaining) its verification hides (or shows) its initiatives.
    watches = {
        Organisation: lambda organisation: [str(pk) for pk in organisation.initiatives.values_list("pk", flat=True)]
    }

    def public_objects(self):
        return Initiative.objects.public().select_related("field", "district", "organisation")

    def to_document(self, initiative):
        organisation = translated(initiative.organisation, "name").values()
        return Document(
            type=self.type,
            key=str(initiative.pk),
            title={"": initiative.title},
            # Typed by the organisation in its own language; its names make it findable by them.
            body={
                "": join(
                    initiative.problem,
                    initiative.proposal,
                    initiative.expected_result,
                    initiative.official_answer,
                    *dict.fromkeys(organisation),
                )
            },
            url=urls_of(initiative),
            fields=[initiative.field.slug] if initiative.field_id else [],
            district=initiative.district.slug if initiative.district_id else "",
            date=initiative.submitted_at,
        )

    def field_labels(self):
        return _field_labels()
