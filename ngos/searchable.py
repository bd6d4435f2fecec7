"""What of the registry is searchable: verified organisations, public initiatives and public news."""

from search import labels
from search.documents import LANGUAGE_CODES, Document, join, translated, urls_of
from search.registry import Searchable, register

from .models import FieldOfActivity, Initiative, NewsPost, Organisation

INITIATIVE_TEXT = ("problem", "proposal", "expected_result")


def fields_of_activity():
    """``{slug: name}`` of the fields of activity: the "field" facet of every type that has one."""
    return {item.slug: item.name for item in FieldOfActivity.objects.all()}


@register
class OrganisationSearch(Searchable):
    type = "organisation"
    label = labels.ORGANISATION
    model = Organisation

    def public_objects(self):
        return Organisation.objects.verified().prefetch_related("fields", "districts", "target_groups")

    def to_document(self, organisation):
        titles = translated(organisation, "name")
        fields = list(organisation.fields.all())
        groups = list(organisation.target_groups.all())
        body = {
            language: join(
                organisation.short_name,
                organisation.bin,
                *(getattr(item, f"name_{language}", "") for item in fields + groups),
                getattr(organisation, f"description_{language}"),
            )
            for language in LANGUAGE_CODES
        }
        return Document(
            type=self.type,
            key=str(organisation.pk),
            title=titles,
            body=body,
            url=urls_of(organisation),
            fields=[item.slug for item in fields],
            district=[] if organisation.city_wide else [d.slug for d in organisation.districts.all()],
            date=organisation.verified_at.date() if organisation.verified_at else None,
        )

    field_labels = staticmethod(fields_of_activity)


@register
class InitiativeSearch(Searchable):
    type = "initiative"
    label = labels.INITIATIVE
    model = Initiative
    watches = {
        Organisation: lambda organisation: [str(pk) for pk in organisation.initiatives.values_list("pk", flat=True)],
    }

    def public_objects(self):
        return Initiative.objects.public().select_related("organisation", "field", "district")

    def to_document(self, initiative):
        return Document(
            type=self.type,
            key=str(initiative.pk),
            title=translated(initiative, "title"),
            body={
                language: join(
                    *(getattr(initiative, f"{name}_{language}") for name in (*INITIATIVE_TEXT, "official_answer")),
                    getattr(initiative.organisation, f"name_{language}", ""),
                )
                for language in LANGUAGE_CODES
            },
            url=urls_of(initiative),
            fields=[initiative.field.slug],
            district=initiative.district.slug if initiative.district_id else "",
            date=initiative.submitted_at.date() if initiative.submitted_at else None,
        )

    field_labels = staticmethod(fields_of_activity)


@register
class NewsSearch(Searchable):
    type = "news"
    label = labels.NGO_NEWS
    model = NewsPost
    watches = {
        Organisation: lambda organisation: [str(pk) for pk in organisation.news.values_list("pk", flat=True)],
    }

    def public_objects(self):
        return NewsPost.objects.public().select_related("organisation").prefetch_related("organisation__fields")

    def to_document(self, post):
        organisation = post.organisation
        return Document(
            type=self.type,
            key=str(post.pk),
            title=translated(post, "title"),
            body={
                language: join(getattr(post, f"body_{language}"), getattr(organisation, f"name_{language}", ""))
                for language in LANGUAGE_CODES
            },
            url=urls_of(post),
            fields=[item.slug for item in organisation.fields.all()],
            date=post.published_at.date(),
        )

    field_labels = staticmethod(fields_of_activity)
