"""Storage for the PostgreSQL backend: one row per search document.

Unused by the default Whoosh backend; the table exists everywhere so migrations are the
same on SQLite and PostgreSQL.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from hub.models import TimeStampedModel


class SearchDocument(TimeStampedModel):
    """A document as the PostgreSQL backend stores it; ``vector`` holds the analysed terms."""

    doc_id = models.CharField(_("document id"), max_length=200, unique=True)
    type = models.CharField(_("type"), max_length=40)
    fields = models.JSONField(_("fields of activity"), default=list, blank=True)
    districts = models.JSONField(_("districts"), default=list, blank=True)
    date = models.DateTimeField(_("date"), null=True, blank=True)
    data = models.JSONField(_("stored text"), default=dict)
    words = models.TextField(_("title words"), blank=True, help_text=_("Known words for “did you mean”."))
    # A GIN index on this column is created by migration 0002 on PostgreSQL only.
    vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        ordering = ["doc_id"]
        indexes = [
            # The type facet filter: WHERE type = %s.
            models.Index(fields=["type"], name="search_doc_type_idx"),
        ]

    def __str__(self):
        return self.doc_id
