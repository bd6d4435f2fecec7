"""Time the NGO directory's search box at city scale, without the page cache (issue 8).

Usage: .venv/bin/python -m bench.directory_search   (after `make bench` generated var/bench)

Every query is a different text a visitor might type, so in real use most of them miss the
anonymous page cache; this measures the uncached page: the site search engine's keys of every
matching organisation, then the directory's own facets, order and page over them.
"""

import os
import statistics
import sys
import time
from urllib.parse import urlencode

from bench.run import VAR, bench_env

QUERIES = [
    "фонд", "фонда", "қоры", "қоғамдық", "ұйымдар", "экология", "экологиялық", "молодежь", "жастар",
    "Foundation", "Almaty", "Алматы", "Медеу", "Medeu", "балалар", "дети", "инвалидностью", "мүгедектігі",
    "спорт", "культура", "образование", "білім", "волонтеры", "ерікті", "Bostandyq", "Бостандық",
    "фонд детей", "қоғамдық бірлестік", "экология Алатау", "жастар ұйымы",
]  # fmt: skip


def main():
    if not (VAR / ".generated").exists():
        sys.exit("No generated database: run `make bench` first.")
    os.environ.update(bench_env())
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # so that responses carry their template context (the counts)

    client = Client(HTTP_HOST="127.0.0.1")
    for query in QUERIES[:3]:  # open the index and warm the database, as a running server has them
        client.get("/ru/ngos/?" + urlencode({"q": query}))
    times, found = [], []
    for query in QUERIES:
        started = time.perf_counter()
        response = client.get("/ru/ngos/?" + urlencode({"q": query}))
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (query, response.status_code)
        found.append(response.context["page_obj"].paginator.count)
    ordered = sorted(times)
    print(f"NGO directory search, {len(QUERIES)} queries, uncached; organisations found per query:")
    print(f"  median {statistics.median(found):,.0f}, max {max(found):,}")
    print(f"  page time: median {statistics.median(times):.1f} ms, p95 {ordered[int(len(ordered) * 0.95) - 1]:.1f} ms")


if __name__ == "__main__":
    main()
