"""PostgreSQL full-text search behind the same interface, for several app servers.

Terms come from :mod:`search.analysis` exactly as for Whoosh and are written as a
``tsvector`` literal (title terms weighted A, body B, transliteration skeletons D with a
``~`` prefix so they never meet ordinary terms); queries are ``tsquery`` literals built
from the same clauses. PostgreSQL's own parsers and dictionaries are never used, so both
backends find the same documents.
"""

import datetime
from collections import Counter

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import BooleanField, FloatField
from django.db.models.expressions import RawSQL
from django.utils import timezone

from ..analysis import closest
from .base import Hit, Query, Results, SearchBackend

MAX_POSITION = 16383
STATE_SQL = "SELECT count(*), max(updated_at) FROM search_searchdocument"
VOCABULARY_SECONDS = 3600
TITLE_WORDS_SQL = "SELECT DISTINCT unnest(string_to_array(words, ' ')) FROM search_searchdocument WHERE words <> ''"
TERMS_SQL = "SELECT word FROM ts_stat('SELECT vector FROM search_searchdocument') WHERE word NOT LIKE '~%%'"
FACET_SCAN_LIMIT = 10_000


def lexeme(term):
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(document):
    parts, position = [], 0
    for weight, terms in (
        ("A", document.title_terms()),
        ("B", document.body_terms()),
        ("D", ["~" + s for s in document.skeleton_terms()]),
    ):
        for term in terms:
            position = min(position + 1, MAX_POSITION)
            parts.append(f"{lexeme(term)}:{position}{weight}")
    return " ".join(parts)


def tsquery_literal(clauses):
    groups = []
    for terms, skeleton in clauses:
        options = [lexeme(term) for term in terms] + [lexeme("~" + skeleton)]
        groups.append("(" + " | ".join(options) + ")")
    return " & ".join(groups)


def aware_date(value):
    if value is None:
        return None
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime(value.year, value.month, value.day)
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def row_for(document):
    from .. import analysis
    from ..models import SearchDocument

    return SearchDocument(
        doc_id=document.id,
        type=document.type,
        fields=list(document.fields),
        districts=document.districts,
        date=aware_date(document.date),
        data=document.stored(),
        words=" ".join(dict.fromkeys(analysis.words(" ".join(document.title.values())))),
    )


class PostgresBackend(SearchBackend):
    def _write(self, documents):
        from ..models import SearchDocument

        documents = list(documents)
        if not documents:
            return
        SearchDocument.objects.bulk_create(
            [row_for(document) for document in documents],
            update_conflicts=True,
            unique_fields=["doc_id"],
            update_fields=["type", "fields", "districts", "date", "data", "words", "updated_at"],
        )
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE search_searchdocument SET vector = %s::tsvector WHERE doc_id = %s",
                [(tsvector_literal(document), document.id) for document in documents],
            )

    def index(self, documents):
        with transaction.atomic():
            self._write(documents)

    def remove(self, ids):
        from ..models import SearchDocument

        SearchDocument.objects.filter(doc_id__in=list(ids)).delete()

    def rebuild(self, documents, chunk=500):
        from ..models import SearchDocument

        # One transaction: searches see the old documents until the new ones are all in.
        with transaction.atomic():
            SearchDocument.objects.all().delete()
            batch = []
            for document in documents:
                batch.append(document)
                if len(batch) >= chunk:
                    self._write(batch)
                    batch = []
            self._write(batch)

    def count(self):
        from ..models import SearchDocument

        return SearchDocument.objects.count()

    def reading(self):
        # A savepoint: when a read fails (the table missing), the caller's transaction stays
        # usable for the fallback that searches the database instead.
        return transaction.atomic()

    def is_empty(self):
        from ..models import SearchDocument

        return not SearchDocument.objects.exists()

    def check(self):
        with self.reading():
            matches, _tsquery = self._matching(Query(clauses=[(["a"], "a")]))
            matches.exists()
            return self.count()

    def _matching(self, query):
        from ..models import SearchDocument

        tsquery = tsquery_literal(query.clauses)
        matches = SearchDocument.objects.filter(RawSQL("vector @@ %s::tsquery", [tsquery], output_field=BooleanField()))
        for name, value in query.filters.items():
            if name == "type":
                matches = matches.filter(type=value)
            else:
                column = "fields" if name == "fields" else "districts"
                matches = matches.filter(**{f"{column}__contains": [value]})
        return matches, tsquery

    def search(self, query):
        if not query.clauses:
            return Results(hits=[], total=0)
        matches, tsquery = self._matching(query)
        ranked = matches.annotate(
            rank=RawSQL("ts_rank(vector, %s::tsquery)", [tsquery], output_field=FloatField())
        ).order_by("-rank", "doc_id")
        rows = ranked[query.offset : query.offset + query.per_page]
        hits = [
            Hit(
                id=row.doc_id,
                type=row.type,
                stored=row.data,
                fields=row.fields,
                districts=row.districts,
                date=row.date,
                score=row.rank,
            )
            for row in rows
        ]
        return Results(hits=hits, total=matches.count(), facets=self._facets(matches))

    def keys(self, query):
        if not query.clauses:
            return set()
        matches, _tsquery = self._matching(query)
        return set(matches.values_list("doc_id", flat=True))

    @staticmethod
    def _facets(matches):
        # Hub-sized result sets: counted in Python from the matching rows' facet columns.
        counts = {"type": Counter(), "fields": Counter(), "district": Counter()}
        rows = matches.values_list("type", "fields", "districts")[:FACET_SCAN_LIMIT]
        for type_, fields, districts in rows:
            counts["type"][type_] += 1
            counts["fields"].update(fields or [])
            counts["district"].update(districts or [])
        return {name: dict(counter) for name, counter in counts.items()}

    def suggest(self, word):
        return closest(word, self._vocabulary("words", TITLE_WORDS_SQL))

    def suggest_term(self, term):
        return closest(term, self._vocabulary("terms", TERMS_SQL))

    @staticmethod
    def _vocabulary(name, sql):
        """Every known word or term, read from all documents once per state of the index
        ("did you mean" asks for each unknown word of a query); the state is one cheap query."""
        with connection.cursor() as cursor:
            cursor.execute(STATE_SQL)
            count, changed = cursor.fetchone()
        key = f"search:postgres:{name}:{count}:{changed.timestamp() if changed else 0}"
        vocabulary = cache.get(key)
        if vocabulary is None:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                vocabulary = [row[0] for row in cursor.fetchall()]
            cache.set(key, vocabulary, VOCABULARY_SECONDS)
        return vocabulary
