import re

import pytest
from django.urls import reverse

from search.documents import Document


@pytest.fixture
def indexed(backend):
    backend.index(
        [
            Document(
                type="report",
                key=str(i),
                title={"ru": f"Отчёт о коррупции {i}", "kk": f"Сыбайлас жемқорлық туралы есеп {i}"},
                body={"ru": "Жалобы о коррупции в районе рассмотрены.", "kk": "Ауданда шағымдар қаралды."},
                url={"ru": f"/ru/reports/{i}/", "kk": f"/kk/reports/{i}/"},
                district="almaly" if i % 2 else "medeu",
            )
            for i in range(15)
        ]
    )


def get(client, language="ru", **params):
    with_language = f"/{language}/search/"
    return client.get(with_language, params)


def test_the_url_name_is_search_search():
    assert reverse("search:search").endswith("/search/")


def test_empty_query_shows_the_box(visitor, db):
    response = get(visitor, q="")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_results_are_marked_and_paginated(visitor, indexed):
    response = get(visitor, q="коррупция")
    content = response.content.decode()
    assert "15" in content
    assert "<mark>коррупции</mark>" in content
    assert 'rel="next"' in content
    assert "/ru/reports/" in content
    second = get(visitor, q="коррупция", page=2).content.decode()
    assert 'rel="prev"' in second


def test_each_language_shows_its_own_text_of_the_same_results(visitor, indexed):
    kk = get(visitor, "kk", q="коррупция").content.decode()
    assert "Сыбайлас жемқорлық туралы есеп" in kk
    assert "/kk/reports/" in kk


def test_facets_show_counts_and_filter(visitor, indexed):
    content = get(visitor, q="коррупция").content.decode()
    assert "(8)" in content and "(7)" in content  # almaly / medeu
    filtered = get(visitor, q="коррупция", district="medeu")
    assert filtered.context["search"].total == 8
    assert 'aria-current="true"' in filtered.content.decode()


def test_nothing_found_is_friendly_and_suggests_a_spelling(visitor, indexed):
    response = get(visitor, q="корупции")
    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["search"].total == 0
    assert "search-nothing" in content
    assert "search-suggestion" in content and "коррупции" in content


def test_user_text_is_escaped(visitor, indexed):
    content = get(visitor, q='<script>alert(1)</script> "коррупция').content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;" in content


def test_pages_carry_no_inline_styles_or_scripts(visitor, indexed):
    content = get(visitor, q="коррупция").content.decode()
    assert "style=" not in content
    assert all('src="/static/' in tag for tag in re.findall(r"<script[^>]*>", content))


@pytest.mark.parametrize(
    "q",
    [
        "",
        " ",
        "AND",
        "OR NOT",
        "*",
        '"',
        'title:"x',
        "(((",
        "[a TO",
        "{}",
        "a:b:c",
        "x" * 5000,
        "😀😀",
        "Алматы Almaty 😀 әкім",
    ],
)
def test_bad_input_never_breaks_the_page(visitor, indexed, q):
    response = get(visitor, q=q, page="abc", type="<x>", district="'")
    assert response.status_code == 200


def test_other_pages_can_reuse_the_box_for_one_type(rf, db):
    from django.template.loader import render_to_string

    html = render_to_string("search/includes/search_box.html", {"type": "organisation"}, request=rf.get("/"))
    assert 'action="/' in html and '/search/"' in html
    assert 'name="type" value="organisation"' in html


def test_type_filter_from_another_page_narrows_results(visitor, indexed):
    response = get(visitor, q="коррупция", type="meeting")
    assert response.context["search"].total == 0
    assert "search-nothing" in response.content.decode()


def test_the_search_page_reads_each_list_of_labels_once(visitor, indexed, django_assert_max_num_queries):
    get(visitor, q="коррупция")  # sessions, site and locale lookups warmed
    # The labels, and the engine's own on PostgreSQL (in a savepoint: a failing engine leaves the fallback a
    # usable transaction).
    with django_assert_max_num_queries(8) as captured:
        get(visitor, q="коррупция")
    reads = [query["sql"] for query in captured.captured_queries if "SAVEPOINT" not in query["sql"]]
    assert len(reads) <= 6
    tables = [sql.split(" FROM ")[1].split()[0] for sql in reads]
    labels = [table for table in tables if "search_searchdocument" not in table]
    assert len(labels) == len(set(labels)) <= 3, tables
