"""What of the hub is searchable: the akimat's published reports, one document per report
with its text in every locale it is published in."""

from search import labels
from search.documents import Document, stream_text
from search.registry import Searchable, register

from .models import ReportPage


@register
class ReportSearch(Searchable):
    type = "report"
    label = labels.REPORT
    model = ReportPage

    def public_objects(self):
        return ReportPage.objects.live().public().select_related("department__district", "locale")

    def key_of(self, obj):
        return str(obj.translation_key)

    def document(self, key):
        return self._document(list(self.public_objects().filter(translation_key=key)))

    def documents(self):
        groups = {}
        for page in self.public_objects().order_by("translation_key", "pk"):
            groups.setdefault(page.translation_key, []).append(page)
        for pages in groups.values():
            yield self._document(pages)

    @staticmethod
    def _body(page, language):
        department = getattr(page.department, f"name_{language}", "") or page.department.name_ru
        return f"{department}. {page.summary}\n{stream_text(page.body)}".strip()

    def _document(self, pages):
        if not pages:
            return None
        first = pages[0]
        district = first.department.district
        return Document(
            type=self.type,
            key=str(first.translation_key),
            title={page.locale.language_code: page.title for page in pages},
            body={page.locale.language_code: self._body(page, page.locale.language_code) for page in pages},
            url={page.locale.language_code: page.get_url() for page in pages},
            district=district.slug if district else "",
            date=first.period_end,
        )
