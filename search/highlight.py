"""Titles and snippets with the query's words marked, safe to put in a page.

Works on the stored text with the same analysis as the index, so it needs no engine and
marks "ұйымның" when the query was "ұйымдар". User text is escaped; only <mark> is added.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import analysis

SNIPPET_WORDS = 32


class Marker:
    """Knows which words of a text match a parsed query."""

    def __init__(self, clauses):
        self.terms = {term for terms, _skeleton in clauses for term in terms}
        self.skeletons = {skeleton for _terms, skeleton in clauses}

    def matches(self, word, language):
        folded = analysis.fold(word)
        if folded in analysis.STOPWORDS and folded not in self.terms:
            return False
        if self.terms.intersection(analysis.stems(folded, language)):
            return True
        return analysis.skeleton(folded) in self.skeletons

    def spans(self, text, language):
        return [(m.start(), m.end()) for m in analysis.WORD_RE.finditer(text) if self.matches(m.group(), language)]

    def mark(self, text, language, start=0, end=None):
        """``text[start:end]`` escaped, with matching words in <mark>."""
        end = len(text) if end is None else end
        pieces, position = [], start
        for span_start, span_end in self.spans(text[start:end], language):
            span_start, span_end = span_start + start, span_end + start
            pieces.append(escape(text[position:span_start]))
            pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
            position = span_end
        pieces.append(escape(text[position:end]))
        return mark_safe("".join(pieces))  # noqa: S308 - every piece of user text is escaped above

    def snippet(self, text, language, size=SNIPPET_WORDS):
        """The window of ``size`` words with the most matches, marked, with ellipses where cut."""
        words = list(analysis.WORD_RE.finditer(text))
        if not words:
            return self.mark(text, language)
        hits = [i for i, m in enumerate(words) if self.matches(m.group(), language)]
        first = self._best_window(hits, size)
        last = min(len(words), first + size) - 1
        start = 0 if first == 0 else words[first].start()
        end = len(text) if last == len(words) - 1 else words[last].end()
        marked = self.mark(text, language, start, end)
        before = "… " if start > 0 else ""
        after = " …" if end < len(text) else ""
        return mark_safe(f"{before}{marked}{after}")  # noqa: S308 - marked is escaped

    @staticmethod
    def _best_window(hits, size):
        if not hits:
            return 0
        best, best_count = hits[0], 0
        for i, first in enumerate(hits):
            count = sum(1 for h in hits[i:] if h < first + size)
            if count > best_count:
                best, best_count = first, count
        return max(0, best - 3)
