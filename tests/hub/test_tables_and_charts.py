"""Tables become cards on phones and charts stay legible (issue 20): the shared pattern and its users."""

import io
from html.parser import HTMLParser

from django.template.loader import render_to_string

from hub import charts
from hub import demo as hub_demo


class TableCells(HTMLParser):
    """Every table of a page (with its classes) and the data-label of each of its cells."""

    def __init__(self):
        super().__init__()
        self.tables, self.depth = [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append({"classes": (attrs.get("class") or "").split(), "cells": []})
        elif tag in ("td", "th") and self.tables and attrs.get("scope") != "col":
            self.tables[-1]["cells"].append(attrs.get("data-label"))


def tables_of(html):
    parser = TableCells()
    parser.feed(html)
    return parser.tables


def assert_cards_on_phones(html):
    tables = tables_of(html)
    assert tables
    for table in tables:
        assert "table-stack" in table["classes"]
        assert table["cells"] and all(table["cells"]), "every cell carries its column's heading"


def test_long_labels_wrap_onto_lines_and_are_never_cut():
    label = "Remark on a public service in the district akimat's reception office"
    chart = charts.bar_chart([{"name": label, "count": 7}, {"name": "Idea", "count": 70}])
    long_bar, short_bar = chart["bars"]
    assert len(long_bar["lines"]) > 1
    assert " ".join(line["text"] for line in long_bar["lines"]) == label
    assert all(len(line["text"]) <= charts.LABEL_CHARACTERS for line in long_bar["lines"])
    assert short_bar["bar_y"] > long_bar["bar_y"] + charts.BAR_HEIGHT
    assert max(bar["value_x"] for bar in chart["bars"]) + 30 <= charts.WIDTH
    # 14-unit text in a drawing at most 340 wide: at 328 px of a 360 px screen it stays above 12 px
    assert charts.FONT_SIZE * 328 / charts.WIDTH >= 12


def test_chart_include_draws_at_its_own_size_and_gives_its_figures_as_a_table():
    chart = charts.bar_chart([{"name": "Құрылыс <б>", "count": 3, "status": "done"}])
    html = render_to_string(
        "includes/bar_chart.html",
        {"chart": chart, "chart_id": "c", "chart_title": "T", "label_heading": "L", "count_heading": "N"},
    )
    assert f'viewBox="0 0 {charts.WIDTH} {chart["height"]}" width="{charts.WIDTH}"' in html
    assert 'font-size="14"' in html and "chart-done" in html
    assert "Құрылыс &lt;б&gt;" in html and "<б>" not in html
    assert '<details class="chart-data">' in html
    assert_cards_on_phones(html)


def test_assignment_tables_are_cards_on_phones(db, client):
    from meetings import demo as meetings_demo
    from ngos import demo as ngos_demo

    hub_demo.seed_users()
    ngos_demo.seed()
    meetings_demo.seed(io.StringIO())
    for path in ("/kk/meetings/assignments/", "/ru/meetings/akim-meets-ngo-leaders-2019-07/"):
        response = client.get(path)
        assert response.status_code == 200
        assert_cards_on_phones(response.content.decode())
    tracker = client.get("/en/meetings/assignments/").content.decode()
    assert 'data-label="Due"' in tracker and 'data-label="Status"' in tracker


def test_statistics_tables_are_cards_and_charts_have_their_tables(db, client, settings):
    settings.ANTICORRUPTION_STATS_CACHE_SECONDS = 0
    from anticorruption import demo as anticorruption_demo

    anticorruption_demo.seed(io.StringIO())
    page = client.get("/en/adaldyq-alany/stats/").content.decode()
    assert_cards_on_phones(page)
    assert page.count('class="bar-chart"') == 2 and page.count('class="chart-data"') == 2
    assert 'data-label="First response within the golden hour"' in page
