"""Time the key and staff pages in-process, one request at a time, without the page cache (issue 17).

Usage: .venv/bin/python -m bench.pages [--repeat 7] [--profile PATH-SUBSTRING]
(after `make bench` generated var/bench; BENCH_DATABASE_URL selects PostgreSQL as for `make bench`).

Prints, per page, the median and worst render time and the number of SQL queries, anonymous and
signed in as the NGO leader (staff pages as their role). ``--profile`` prints a cProfile summary of
the first page whose path contains the text, to see where the time goes.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time

from bench.run import VAR, bench_env


def timed(client, path, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm: templates, the search index, the database's pages
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
    assert response.status_code == 200, (path, response.status_code)
    return statistics.median(times), max(times), len(queries)


def profile(client, path):
    profiler = cProfile.Profile()
    client.get(path)
    profiler.enable()
    client.get(path)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


def clients():
    from django.contrib.auth import get_user_model
    from django.test import Client

    made = {"anonymous": Client(HTTP_HOST="127.0.0.1")}
    for role in ("leader", "officer", "moderator", "editor"):
        made[role] = Client(HTTP_HOST="127.0.0.1")
        made[role].force_login(get_user_model().objects.get(email=f"{role}@demo.hub.kz"))
    return made


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--profile", help="profile the first page whose path contains this text")
    parser.add_argument("--only", help="only pages whose name or path contains this text")
    options = parser.parse_args()
    if not (VAR / ".generated").exists():
        sys.exit("No generated database: run `make bench` first.")
    os.environ.update(bench_env())
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from bench.generate import key_paths, staff_paths

    by_role = clients()
    rows = [(name, path, ("anonymous", "leader")) for name, path in key_paths()]
    rows += [(name, path, (role,)) for name, path, role in staff_paths()["pages"]]
    if options.only:
        rows = [row for row in rows if options.only in row[0] or options.only in row[1]]
    if options.profile:
        name, path, roles = next(row for row in rows if options.profile in row[1])
        return profile(by_role[roles[-1]], path)
    print("| page | as | median ms | max ms | queries |\n|---|---|---:|---:|---:|")
    for name, path, roles in rows:
        for role in roles:
            median, worst, queries = timed(by_role[role], path, options.repeat)
            print(f"| {name} | {role} | {median:.1f} | {worst:.1f} | {queries} |", flush=True)


if __name__ == "__main__":
    main()
