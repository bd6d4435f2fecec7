"""Published outcomes are searchable; reports themselves never are."""

from django.urls import reverse
from django.utils import translation

from search import labels
from search.documents import Document
from search.registry import Searchable, register

from .models import PublishedOutcome


@register
class OutcomeSearch(Searchable):
    type = "case_outcome"
    label = labels.CASE_OUTCOME
    model = PublishedOutcome

    def public_objects(self):
        return PublishedOutcome.objects.published().select_related("report__district", "report__category")

    def to_document(self, obj):
        urls = {}
        for language in ("kk", "ru", "en"):
            with translation.override(language):
                urls[language] = reverse("anticorruption:outcome", args=[obj.slug])
        district = obj.report.district
        return Document(
            type=self.type,
            key=str(obj.pk),
            title={obj.language: obj.title},
            body={obj.language: f"{obj.summary}\n{obj.outcome}"},
            url=urls,
            district=district.slug if district else "",
            date=obj.published_at.date(),
        )
