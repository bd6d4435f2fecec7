import datetime
import threading

import pytest

from search import services
from search.documents import Document


def doc(key, title, body="", *, type_="report", fields=(), district="", language="ru", date=None):
    return Document(
        type=type_,
        key=key,
        title={language: title},
        body={language: body} if body else {},
        url={language: f"/{language}/{type_}/{key}/"},
        fields=list(fields),
        district=district,
        date=date,
    )


def titles(page):
    return sorted(str(result.title).replace("<mark>", "").replace("</mark>", "") for result in page.results)


@pytest.fixture
def corpus(backend):
    backend.index(
        [
            doc(
                "1", "Борьба с коррупцией", "Жалобы о коррупции в районе", fields=["anticorruption"], district="almaly"
            ),
            doc("2", "Үкіметтік емес ұйымдар", "Ұйымның жұмысы", language="kk", fields=["civil"], district="medeu"),
            doc("3", "Adaldyq alany office", "An anticorruption office", language="en", fields=["anticorruption"]),
            doc("4", "Адалдық алаңы", "Жобалық кеңсе", language="kk", type_="meeting", district="almaly"),
            doc("5", "Air quality report", "Smog and gas", language="en", type_="meeting", fields=["ecology"]),
        ]
    )
    return backend


def test_stemmed_russian_finds_other_forms(corpus):
    assert titles(services.search("коррупция")) == ["Борьба с коррупцией"]


def test_kazakh_endings_find_each_other(corpus):
    for query in ("ұйым", "ұйымдар", "ұйымның"):
        assert titles(services.search(query)) == ["Үкіметтік емес ұйымдар"]


def test_latin_spelling_finds_cyrillic_and_back(corpus):
    assert titles(services.search("Adaldyq alany")) == ["Adaldyq alany office", "Адалдық алаңы"]
    assert titles(services.search("адалдық")) == ["Adaldyq alany office", "Адалдық алаңы"]


def test_all_words_must_match(corpus):
    assert titles(services.search("air smog")) == ["Air quality report"]
    assert services.search("air коррупция").total == 0


def test_filters_narrow_and_facets_count(corpus):
    page = services.search("anticorruption")
    assert page.facets["type"] == {"report": 1}
    page = services.search("адалдық")
    assert page.facets["type"] == {"report": 1, "meeting": 1}
    assert page.facets["district"] == {"almaly": 1}
    assert page.facets["fields"] == {"anticorruption": 1}
    assert titles(services.search("адалдық", filters={"type": "meeting"})) == ["Адалдық алаңы"]
    assert titles(services.search("адалдық", filters={"fields": "anticorruption"})) == ["Adaldyq alany office"]
    assert services.search("адалдық", filters={"district": "medeu"}).total == 0


def test_remove_takes_a_document_out_at_once(corpus):
    corpus.remove(["report:1"])
    assert services.search("коррупция").total == 0


def test_index_replaces_a_document_with_the_same_id(corpus):
    corpus.index([doc("1", "Новый заголовок", "Другое")])
    assert services.search("коррупция").total == 0
    assert titles(services.search("заголовок")) == ["Новый заголовок"]


def test_rebuild_replaces_everything(corpus):
    corpus.rebuild(iter([doc("9", "Только это")]))
    assert services.search("коррупция").total == 0
    assert services.search("только").total == 1


def test_pagination_splits_results(backend):
    backend.index([doc(str(i), f"Встреча номер {i}", date=datetime.date(2025, 1, 1 + i)) for i in range(25)])
    first = services.search("встреча", per_page=10)
    third = services.search("встреча", per_page=10, page=3)
    assert (first.total, len(first.results), first.num_pages) == (25, 10, 3)
    assert len(third.results) == 5
    assert services.search("встреча", page=99).results == []


def test_highlight_marks_matches_and_escapes_text(backend):
    backend.index([doc("1", "<b>Коррупция</b> & co", "Текст о <script>коррупции</script> в городе")])
    result = services.search("коррупция").results[0]
    assert str(result.title) == "&lt;b&gt;<mark>Коррупция</mark>&lt;/b&gt; &amp; co"
    assert "<mark>коррупции</mark>" in str(result.snippet)
    assert "<script>" not in str(result.snippet)


def test_did_you_mean_offers_a_close_known_word(corpus):
    page = services.search("корупцией")
    assert page.total == 0
    assert page.suggestion == "коррупцией"


@pytest.mark.parametrize("text", ["", "AND", 'title:"x', "((( [", "*", "a" * 5000, "😀", "коррупция 😀 AND (Adaldyq*"])
def test_hostile_queries_never_raise(corpus, text):
    page = services.search(text)
    assert page.total >= 0


def test_concurrent_writes_wait_for_the_lock_and_lose_nothing(corpus, backend_name):
    if backend_name == "postgres":
        pytest.skip("PostgreSQL serialises concurrent upserts itself (INSERT ... ON CONFLICT).")
    errors = []

    def write(i):
        try:
            for j in range(5):
                corpus.index([doc(f"t{i}-{j}", f"Поток {i} запись {j}")])
        except Exception as error:  # pragma: no cover - the assertion below reports it
            errors.append(error)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert services.search("поток").total == 20


def test_several_words_rank_title_matches_first_and_skip_removed(backend):
    backend.index(
        [
            doc("a", "Отчёт", "Качество воздуха в городе", date=datetime.date(2025, 5, 1)),
            doc("b", "Качество воздуха", "Отчёт о городе", date=datetime.date(2024, 1, 1)),
            doc("c", "Воздух", "Качество воздуха", district="medeu", date=datetime.date(2025, 6, 1)),
        ]
    )
    page = services.search("качество воздуха")
    assert page.total == 3
    assert "Качество" in str(page.results[0].title)
    assert page.facets["district"] == {"medeu": 1}
    assert services.search("качество воздуха", filters={"district": "medeu"}).total == 1
    backend.remove(["report:b"])
    assert services.search("качество воздуха").total == 2


def test_snippet_quotes_the_text_that_matched(backend):
    backend.index(
        [
            Document(
                type="organisation",
                key="1",
                title={"kk": "Жасыл қала", "ru": "Зелёный город"},
                body={"kk": "Экология", "ru": "Экология", "": "Сажаем деревья во дворах."},
                url={},
                district=["medeu", "almaly"],
            )
        ]
    )
    page = services.search("деревья")
    assert "<mark>деревья</mark>" in str(page.results[0].snippet)
    assert page.results[0].districts == ["medeu", "almaly"] or sorted(page.results[0].districts) == ["almaly", "medeu"]
    assert page.facets["district"] == {"medeu": 1, "almaly": 1}
    assert services.search("деревья", filters={"district": "almaly"}).total == 1
    assert services.search("деревья дворах", filters={"district": "almaly"}).total == 1


def test_did_you_mean_also_knows_words_of_the_body(backend):
    backend.index([doc("1", "Отчёт", "Жалобы о коррупции рассмотрены")])
    assert services.search("корупция").suggestion == "коррупция"
    assert services.search("отчёт корупция").suggestion == "отчёт коррупция"


def test_did_you_mean_offers_a_word_as_written_not_a_stem(backend):
    backend.index([doc("1", "Green Steppe Foundation", "We plant saxaul", language="en")])
    assert services.search("Stepe").suggestion == "steppe"  # the stem alone would be "stepp"
    assert services.search("Foundaton").suggestion == "foundation"
    assert services.search("saxaul Stepe").suggestion == "saxaul steppe"


def test_no_suggestion_for_stopwords_alone(corpus):
    assert services.search("AND").suggestion == ""


def test_an_index_from_an_older_schema_is_replaced(search_index, caplog):
    from whoosh import fields, index

    from search.backends.whoosh import WhooshBackend

    search_index.mkdir(parents=True)
    index.create_in(str(search_index), fields.Schema(id=fields.ID(stored=True)))
    backend = WhooshBackend(search_index)
    backend.index([doc("1", "Новый документ")])
    assert backend.count() == 1
    assert "schema changed" in caplog.text


def test_matching_keys_are_every_match_of_one_type(corpus):
    assert services.matching_keys("report", "адалдық").keys == {"3"}
    assert services.matching_keys("meeting", "Adaldyq alany").keys == {"4"}
    assert services.matching_keys("report", "коррупции").keys == {"1"}
    corpus.remove(["report:1"])
    assert services.matching_keys("report", "коррупция").keys == set()


def test_matching_keys_are_not_limited_to_a_page(backend):
    backend.index([doc(str(i), f"Встреча номер {i}") for i in range(40)])
    assert services.matching_keys("report", "встречи").keys == {str(i) for i in range(40)}
    assert services.matching_keys("meeting", "встречи").keys == set()


@pytest.mark.parametrize("text", ["", "AND", 'title:"x', "((( [", "*", "a" * 5000, "😀", "коррупция 😀 AND (Adaldyq*"])
def test_matching_keys_never_raise(corpus, text):
    assert isinstance(services.matching_keys("report", text).keys, set)


def test_an_index_written_before_ids_were_a_column_is_started_afresh(search_index, caplog):
    from whoosh import fields, index

    from search.backends.whoosh import WhooshBackend, make_schema

    schema = make_schema()
    schema.remove("id")
    schema.add("id", fields.ID(unique=True, stored=True))  # same names, no column
    search_index.mkdir(parents=True)
    index.create_in(str(search_index), schema)
    backend = WhooshBackend(search_index)
    assert backend.is_empty() and "schema changed" in caplog.text
    backend.index([doc("1", "Новый индекс"), doc("2", "Другое")])
    assert backend.ix.schema["id"].column_type is not None
    assert services.matching_keys("report", "индекс").keys == {"1"}


def test_the_index_is_not_empty_once_something_is_indexed(backend):
    assert backend.is_empty()
    backend.index([doc("1", "Первый документ")])
    assert not backend.is_empty()


def test_postgres_reads_its_vocabulary_once_per_state_of_the_index(backend_name, backend):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if backend_name != "postgres":
        pytest.skip("the Whoosh corrector reads its own files")
    backend.index([doc("1", "Отчёт", "Жалобы о коррупции рассмотрены")])
    assert services.search("корупция").suggestion == "коррупция"
    with CaptureQueriesContext(connection) as again:
        assert services.search("корупция").suggestion == "коррупция"
    assert not any("ts_stat" in query["sql"] for query in again.captured_queries)
    backend.index([doc("2", "Отчёт", "Жалобы на загрязнение воздуха рассмотрены")])
    assert services.search("вуздуха").suggestion == "воздуха"  # a new word is known at once
