"""Pages of long lists whose count is known without counting on every request."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CountedPaginator(Paginator):
    """A paginator given its count (from :func:`hub.page_cache.shared`) instead of running COUNT(*) itself."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self):
        return self._known_count
