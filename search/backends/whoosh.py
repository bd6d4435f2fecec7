"""The embedded default: a Whoosh index in local files.

Text arrives already analysed (:mod:`search.analysis`), so the fields only split on
spaces. Every write takes Whoosh's file lock, waiting for it rather than failing
(``SEARCH_WRITE_TIMEOUT`` seconds, default 60): two saves at the same time queue up and
both land, in this process or another one on the same machine.
"""

import bisect
import heapq
import itertools
import logging
import marshal
import tempfile
from collections import Counter
from contextlib import suppress
from pathlib import Path

from django.conf import settings
from whoosh import index, scoring, sorting, writing
from whoosh.analysis import RegexTokenizer
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.query import And, NullQuery, Or, Term
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length

from ..analysis import max_distance
from .base import FACETS, Hit, Results, SearchBackend

logger = logging.getLogger(__name__)

TERMS = RegexTokenizer(r"[^ ]+")
# Posting memory of a writer before it sorts a run to disk. Measured at 100,000 documents
# (bench/search_bench.py): 128 MB wrote in 55 s; 1,024 MB in 64 s (bigger sorts, worse caching).
WRITER_MB = 128


class Terms(TEXT):
    """A text field whose value is already analysed: terms separated by spaces.

    Counting the terms directly skips Whoosh's token objects, a sixth of the writing time.
    """

    def index(self, value, **kwargs):
        boost = self.format.field_boost
        for term, freq in Counter(value.split()).items():
            yield term.encode("utf-8"), freq, freq * boost, pack_uint(freq)


class PostingRuns(writing.PostingPool):
    """Whoosh's posting pool, writing its sorted runs in blocks.

    When the postings of a big rebuild outgrow the writer's memory (``limitmb``), Whoosh
    sorts them in runs on disk and merges the runs at the end, writing and reading back one
    pickle per posting: a third of the rebuild time at 100,000 documents. A block of postings
    per ``marshal`` call does the same work in C.
    """

    # Postings per marshal call; the merge holds one block per run (at most 128 runs, ~2 MB each).
    BLOCK = 10_000

    def _write_run(self, f, items):
        block = []
        for item in items:
            block.append(item)
            if len(block) == self.BLOCK:
                marshal.dump(block, f)
                block = []
        if block:
            marshal.dump(block, f)
        f.close()

    def _read_run(self, path):
        f = self._open_run(path)
        try:
            while True:
                try:
                    block = marshal.load(f)  # noqa: S302 - our own temporary file, written just above
                except EOFError:
                    return
                yield from block
        finally:
            f.close()
            self._remove_run(path)


class FieldLengths:
    """Each new document's field lengths, read from the new segment once per field.

    Whoosh looks a document's field length up on disk again for every posting it writes
    (and checks that the column file exists each time): 10 % of the rebuild time.
    """

    DECODED = [None] + [byte_to_length(byte) for byte in range(1, 256)]

    def __init__(self, reader):
        self.reader = reader
        self.fields = {}

    def doc_field_length(self, docnum, fieldname, default=0):
        if fieldname not in self.fields:
            column = self.reader._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
            self.fields[fieldname] = column.load() if column is not None else None
        lengths = self.fields[fieldname]
        return default if lengths is None else self.DECODED[lengths[docnum]]


class SegmentWriter(writing.SegmentWriter):
    """Whoosh's writer with the two rebuild speed-ups above (same files, same results)."""

    def __init__(self, ix, limitmb=128, **kwargs):
        try:
            super().__init__(ix, limitmb=limitmb, **kwargs)
        except Exception:
            # Whoosh takes the lock before it reads the index: a damaged index would keep it locked.
            lock = getattr(self, "writelock", None)
            if lock is not None and lock.fd is not None:
                lock.release()
            raise
        self.pool = PostingRuns(self._tempstorage, self.newsegment, limitmb=limitmb)

    def _flush_segment(self):
        self.perdocwriter.close()
        reader = self.per_document_reader() if self.codec.length_stats else None
        lengths = FieldLengths(reader) if reader else None
        self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
        if reader:
            reader.close()


def make_schema():
    return Schema(
        # A column too, so a page can read the ids of thousands of matches quickly (keys()).
        id=ID(unique=True, stored=True, sortable=True),
        type=ID(stored=True, sortable=True),
        fields=KEYWORD(stored=True, scorable=False),
        district=KEYWORD(stored=True, scorable=False),
        date=DATETIME(stored=True, sortable=True),
        # Title terms are written twice, which ranks title matches first at no extra cost.
        text=Terms(analyzer=TERMS, phrase=False),
        # Title terms alone: multi-word queries rank documents with the words in the title first.
        title=Terms(analyzer=TERMS, phrase=False),
        skel=Terms(analyzer=TERMS, phrase=False, field_boost=0.5),
        data=STORED(),
    )


def schema_signature(schema):
    """What an index's files depend on (Whoosh writes with the schema saved in the index)."""
    return sorted(
        (name, type(field).__name__, field.stored, field.unique, field.column_type is not None)
        for name, field in schema.items()
    )


def fields_for(document):
    """The Whoosh fields of one document."""
    title = document.title_terms()
    values = {
        "id": document.id,
        "type": document.type,
        "text": " ".join(title + title + document.body_terms()),
        "title": " ".join(title),
        "skel": " ".join(document.skeleton_terms()),
        "data": document.stored(),
    }
    if document.fields:
        values["fields"] = " ".join(document.fields)
    if document.districts:
        values["district"] = " ".join(document.districts)
    if document.sort_date:
        values["date"] = document.sort_date
    return values


def build_query(clauses, reader=None):
    """Every clause must match; a clause matches by any of its terms or by its skeleton.

    With a ``reader``, terms absent from the index are dropped first: most clauses then
    become one term instead of a union of three, which lets Whoosh skip through blocks
    (a two-word AND query over unions was the slowest case in bench/search_bench.py).
    """
    parts = []
    for terms, skeleton in clauses:
        options = [("text", term) for term in terms] + [("skel", skeleton)]
        if reader is not None:
            options = [option for option in options if option in reader]
        if not options:
            return NullQuery
        terms_query = [Term(field, text) for field, text in options]
        parts.append(Or(terms_query) if len(terms_query) > 1 else terms_query[0])
    return And(parts) if len(parts) > 1 else parts[0]


def build_filter(filters):
    terms = [Term(name, value) for name, value in filters.items() if value and name in FACETS]
    return And(terms) if terms else None


def postings(reader, field, text):
    """The set of document numbers containing a term (empty if the term is unknown)."""
    if (field, text) not in reader:
        return set()
    return set(reader.postings(field, text).all_ids())


def match_all(reader, clauses):
    sets = []
    for terms, skeleton in clauses:
        ids = postings(reader, "skel", skeleton)
        for term in terms:
            ids |= postings(reader, "text", term)
        if not ids:
            return set()
        sets.append(ids)
    sets.sort(key=len)
    return sets[0].intersection(*sets[1:])


class Columns:
    """Per-document column values across segments (Whoosh's multi-segment column reader
    fails when a segment has no value for the column)."""

    def __init__(self, reader, name, translate=True):
        self.offsets, self.columns = [], []
        for leaf, offset in reader.leaf_readers():
            self.offsets.append(offset)
            has = leaf.has_column(name)
            self.columns.append(leaf.column_reader(name, translate=translate) if has else None)

    def __getitem__(self, docnum):
        index = bisect.bisect_right(self.offsets, docnum) - 1
        column = self.columns[index]
        return column[docnum - self.offsets[index]] if column is not None else None


def rank_by_title_then_date(reader, clauses, matched, limit):
    in_title = Counter()
    for terms, _skeleton in clauses:
        title_ids = set()
        for term in terms:
            title_ids |= postings(reader, "title", term)
        in_title.update(title_ids & matched)
    dates = Columns(reader, "date", translate=False)
    return heapq.nsmallest(limit, matched, key=lambda docnum: (-in_title[docnum], -(dates[docnum] or 0), docnum))


def facet_counts(reader, matched):
    counts = {"type": Counter(), "district": Counter(), "fields": Counter()}
    types = Columns(reader, "type")
    counts["type"].update(types[docnum] for docnum in matched)
    for name in ("fields", "district"):
        for value in reader.lexicon(name):
            value = value.decode() if isinstance(value, bytes) else value
            count = len(postings(reader, name, value) & matched)
            if count:
                counts[name][value] = count
    return {name: {k: v for k, v in counter.items() if k} for name, counter in counts.items()}


class WhooshBackend(SearchBackend):
    def __init__(self, path, weighting=None):
        self.path = Path(path)
        self.weighting = weighting or scoring.BM25F()
        self._index = None

    # ------------------------------------------------------------ index files

    @property
    def ix(self):
        if self._index is None:
            self.path.mkdir(parents=True, exist_ok=True)
            schema = make_schema()
            if index.exists_in(str(self.path)):
                self._index = index.open_dir(str(self.path))
                if schema_signature(self._index.schema) != schema_signature(schema):
                    # An index written by an older version of this module: start afresh.
                    logger.warning("Search index schema changed; run manage.py rebuild_search_index.")
                    self._index = index.create_in(str(self.path), schema)
            else:
                self._index = index.create_in(str(self.path), schema)
        return self._index

    def start_afresh(self):
        """Remove the index's files (only Whoosh's, by their names) and create an empty index."""
        self._index = None
        self.path.mkdir(parents=True, exist_ok=True)
        for file in self.path.iterdir():
            if file.is_file() and file.name.startswith(("MAIN_", "_MAIN_")):
                with suppress(FileNotFoundError):  # another process may be cleaning up too
                    file.unlink()
        self._index = index.create_in(str(self.path), make_schema())

    def writer(self, **kwargs):
        """A writer that waits for the lock instead of failing; TimeoutError once SEARCH_WRITE_TIMEOUT passes."""
        timeout = getattr(settings, "SEARCH_WRITE_TIMEOUT", 60)
        # Uncompressed posting blocks: 8 % less writing time for a somewhat bigger index.
        kwargs.setdefault("codec", W3Codec(compression=0))
        try:
            return SegmentWriter(self.ix, timeout=timeout, delay=0.05, **kwargs)
        except writing.LockError as error:
            raise TimeoutError(f"Another process kept the search index locked for {timeout} s.") from error

    # ------------------------------------------------------------ writing

    def index(self, documents):
        with self.writer() as writer:
            for document in documents:
                writer.update_document(**fields_for(document))

    def remove(self, ids):
        with self.writer() as writer:
            for id_ in ids:
                writer.delete_by_term("id", id_)

    def rebuild(self, documents):
        self.write_all(fields_for(document) for document in documents)

    def write_all(self, values, limitmb=WRITER_MB):
        """Replace the whole index with documents given as field values, in one commit."""
        # One compound file is only an aid for many small indexes; skipping it saves a full copy.
        options = {"limitmb": limitmb, "compound": False}
        try:
            writer = self.writer(**options)
        except TimeoutError:
            raise
        except Exception:
            # Nothing of a damaged index is worth keeping: the rebuild writes everything anyway.
            logger.exception("The search index in %s cannot be opened; starting afresh.", self.path)
            self.start_afresh()
            writer = self.writer(**options)
        try:
            for fields in values:
                writer.add_document(**fields)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=writing.CLEAR)

    def optimize(self):
        self.ix.optimize()

    # ------------------------------------------------------------ reading

    def count(self):
        return self.ix.doc_count()

    def is_empty(self):
        return self.ix.is_empty()

    def check(self):
        """The number of documents, after checking that the folder takes writes and reading a little
        of every part of every segment (both ends of the stored documents, columns and postings);
        raises when the files are damaged. Leaves nothing behind."""
        folder = next(path for path in (self.path, *self.path.parents) if path.exists())
        with tempfile.TemporaryFile(dir=folder):  # saves and rebuilds must be able to write here
            pass
        if not index.exists_in(str(self.path)):
            return 0
        with self.ix.searcher() as searcher:
            for leaf, _offset in searcher.reader().leaf_readers():
                self._check_segment(leaf)
            return searcher.doc_count()

    @staticmethod
    def _check_segment(leaf):
        documents = [0, leaf.doc_count_all() - 1] if leaf.doc_count_all() else []
        for docnum in documents:
            leaf.stored_fields(docnum)
            for name in ("id", "type", "date"):
                if leaf.has_column(name):
                    leaf.column_reader(name)[docnum]
            for name in ("text", "title", "skel"):
                if leaf.doc_field_length(docnum, name) is None:  # ranking multiplies by it
                    raise ValueError(f"The length of field {name} of document {docnum} cannot be read.")
        for name in leaf.indexed_field_names():
            terms = list(itertools.islice(leaf.lexicon(name), 1))
            if name == "type":  # the last field of the postings file: its last term reaches the end
                terms = list(leaf.lexicon(name))[-1:] + terms
            for term in terms:
                list(leaf.postings(name, term).all_ids())

    def search(self, query):
        if not query.clauses:
            return Results(hits=[], total=0)
        with self.ix.searcher(weighting=self.weighting) as searcher:
            if len(query.clauses) > 1:
                return self._search_all_words(searcher, query)
            return self._search_ranked(searcher, query)

    def _search_ranked(self, searcher, query):
        """One word: Whoosh's BM25F ranking with its block skipping for the top hits."""
        facets = {
            "type": sorting.FieldFacet("type"),
            "fields": sorting.FieldFacet("fields", allow_overlap=True),
            "district": sorting.FieldFacet("district", allow_overlap=True),
        }
        results = searcher.search(
            build_query(query.clauses, searcher.reader()),
            limit=query.offset + query.per_page,
            filter=build_filter(query.filters),
            groupedby=facets,
            maptype=sorting.Count,
        )
        hits = [self._hit(hit) for hit in results[query.offset : query.offset + query.per_page]]
        counts = {name: {k: v for k, v in results.groups(name).items() if k} for name in facets}
        return Results(hits=hits, total=len(results), facets=counts)

    def _search_all_words(self, searcher, query):
        """Several words: set intersection of posting lists, ranked by title matches, then date.

        Whoosh intersects posting lists one posting at a time in Python and scores every
        match; building the sets of matching documents from decoded posting blocks and
        intersecting them in C is an order of magnitude faster. The ranking is simpler
        than BM25 but fits AND queries: every hit has every word, so those with the words
        in their title come first, newest first.
        """
        reader = searcher.reader()
        matched = self._filtered(reader, match_all(reader, query.clauses), query.filters)
        ordered = rank_by_title_then_date(reader, query.clauses, matched, query.offset + query.per_page)
        hits = [self._stored_hit(searcher.stored_fields(docnum)) for docnum in ordered[query.offset :]]
        return Results(hits=hits, total=len(matched), facets=facet_counts(reader, matched))

    def keys(self, query):
        if not query.clauses:
            return set()
        with self.ix.searcher() as searcher:
            reader = searcher.reader()
            matched = self._filtered(reader, match_all(reader, query.clauses), query.filters)
            ids = Columns(reader, "id")
            return {ids[docnum] for docnum in matched}

    @staticmethod
    def _filtered(reader, matched, filters):
        for name, value in filters.items():
            matched &= postings(reader, name, value)
        if reader.has_deletions():
            matched = {docnum for docnum in matched if not reader.is_deleted(docnum)}
        return matched

    def top(self, clauses, limit=10, searcher=None):
        """Only the best ``limit`` ids, without counts or facets (what the benchmark times)."""
        if searcher is None:
            with self.ix.searcher(weighting=self.weighting) as searcher:
                return self.top(clauses, limit, searcher)
        if len(clauses) > 1:
            reader = searcher.reader()
            matched = self._filtered(reader, match_all(reader, clauses), {})
            return [searcher.stored_fields(d)["id"] for d in rank_by_title_then_date(reader, clauses, matched, limit)]
        return [hit["id"] for hit in searcher.search(build_query(clauses, searcher.reader()), limit=limit)]

    @staticmethod
    def _stored_hit(stored):
        return Hit(
            id=stored["id"],
            type=stored["type"],
            stored=stored.get("data") or {},
            fields=(stored.get("fields") or "").split(),
            districts=(stored.get("district") or "").split(),
            date=stored.get("date"),
        )

    @staticmethod
    def _hit(hit):
        return Hit(
            id=hit["id"],
            type=hit["type"],
            stored=hit.get("data") or {},
            fields=(hit.get("fields") or "").split(),
            districts=(hit.get("district") or "").split(),
            date=hit.get("date"),
            score=hit.score or 0.0,
        )

    def suggest(self, word):
        # Whole title words are not indexed separately (that cost 11 % of writing time):
        # did-you-mean corrects the stem instead (suggest_term) and keeps the typed ending.
        return None

    def suggest_term(self, term):
        with self.ix.searcher() as searcher:
            suggestions = searcher.corrector("text").suggest(term, limit=1, maxdist=max_distance(term))
        return suggestions[0] if suggestions else None
