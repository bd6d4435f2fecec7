"""What of Adaldyq alany is searchable: published, anonymised case outcomes only.

Reports themselves are never indexed, whatever their state: only the text an officer wrote
for publication (``PublishedOutcome``), and only while it is published.
"""

from search import labels
from search.documents import LANGUAGE_CODES, Document, join, translated, urls_of
from search.registry import Searchable, register

from .models import PublishedOutcome


@register
class CaseOutcomeSearch(Searchable):
    type = "case_outcome"
    label = labels.CASE_OUTCOME
    model = PublishedOutcome

    def public_objects(self):
        return PublishedOutcome.objects.published()

    def to_document(self, outcome):
        return Document(
            type=self.type,
            key=str(outcome.pk),
            title=translated(outcome, "title"),
            body={
                language: join(getattr(outcome, f"summary_{language}"), getattr(outcome, f"outcome_{language}"))
                for language in LANGUAGE_CODES
            },
            url=urls_of(outcome),
            date=outcome.published_at,
        )
