"""What of Adaldyq alany is searchable: published, anonymised case outcomes only.

Reports themselves are never indexed, whatever their state: only the text an officer wrote
for publication (``PublishedOutcome``), and only while it is published.
"""

from search import labels
from search.documents import Document, join, urls_of
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
            title={outcome.language: outcome.title},
            body={outcome.language: join(outcome.summary, outcome.outcome)},
            url=urls_of(outcome),
            date=outcome.published_at,
        )
