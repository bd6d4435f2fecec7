"""``make bench``: the hub at city scale under load, on this machine.

1. Builds a database beyond the scale of a city of two million (``bench/generate.py``) in
   ``var/bench/`` once (``--fresh`` rebuilds it); with ``BENCH_DATABASE_URL`` in that PostgreSQL
   database, with its search index and media in ``var/bench-postgres/``.
2. Serves the site with gunicorn on 127.0.0.1 with production settings (HTTP only, Redis cache
   when Redis answers on 127.0.0.1:6379, else the database cache).
3. Loads each key page with wrk for a fixed time at 8 connections and prints requests per second
   and p50/p95 latency next to a trivial view (``/livez``, the floor), as a markdown table.
4. Files reports with 20 concurrent clients for 30 seconds and checks every accepted report is stored.
5. Runs the other measurements: minutes PDF, registry import of 5,000 rows, search, follows.
6. Two app servers on the same database and cache, each with half the workers, loaded at once
   (issue 16): their combined requests per second next to the combined floor.

Targets (issue 9): p95 under 150 ms at 8 connections; throughput at least a quarter of the floor's.
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
# One folder per engine: the SQLite file, the search index and media belong to one database.
VAR = ROOT / "var" / ("bench-postgres" if os.environ.get("BENCH_DATABASE_URL") else "bench")
PORT = int(os.environ.get("BENCH_PORT", "8077"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
BASE = f"http://127.0.0.1:{PORT}"
P95_TARGET_MS = 150
THROUGHPUT_TARGET = 0.25  # of the floor, for anonymous pages served from the page cache
UNCACHED_TARGET = 0.10  # of the floor, for pages rendered on every request (issue 17)


def bench_env():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "HUB_VAR_DIR": str(VAR),
        "SITE_URL": BASE,
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
        # Every load client comes from 127.0.0.1: lift the per-client filing limit for the benchmark.
        "ANTICORRUPTION_FILE_LIMIT": "1000000",
    }
    if os.environ.get("BENCH_DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    if redis_answers():
        env["REDIS_URL"] = REDIS_URL
    return env


def redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def manage(env, *args, **kwargs):
    return subprocess.run([PY, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True, **kwargs)


def prepare(env, fresh):
    if fresh and VAR.exists():
        shutil.rmtree(VAR)
    if fresh and "DATABASE_URL" in env:
        drop_postgres_tables(env["DATABASE_URL"])
    VAR.mkdir(parents=True, exist_ok=True)
    manage(env, "createcachetable")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    if not (VAR / ".generated").exists():
        started = time.perf_counter()
        subprocess.run([PY, "-m", "bench.generate"], env=env, cwd=ROOT, check=True)
        (VAR / ".generated").write_text(f"{time.perf_counter() - started:.0f}s\n")
    if redis_answers():
        subprocess.run(["redis-cli", "-u", REDIS_URL, "FLUSHDB"], capture_output=True)


def drop_postgres_tables(url):
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")


def start_server(env, workers, port=PORT):
    command = [
        PY,
        "-m",
        "gunicorn",
        "hub.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/livez", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise SystemExit("gunicorn did not start")


def stop_server(server):
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def in_django(env, code):
    """Run ``code`` (which prints JSON on its last line) in a Django process with the server's settings."""
    import json

    output = subprocess.run(
        [PY, "-c", f"import django; django.setup(); {code}"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def key_pages(env):
    """The pages people read most, with real slugs from the generated data."""
    return in_django(env, "from bench.generate import key_paths; import json; print(json.dumps(key_paths()))")


def staff_pages(env):
    """{"pages": [(name, path, role)], "cookies": {role: Cookie header}}: staff pages and signed-in sessions."""
    return in_django(env, "from bench.generate import staff_paths; import json; print(json.dumps(staff_paths()))")


def wrk(path, seconds, connections=8, cookie=None, base=BASE):
    headers = {"Cookie": cookie} if cookie else {}
    request = urllib.request.Request(base + path, headers=headers)
    urllib.request.urlopen(request, timeout=30).read()  # warm: first render, then the cache
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command += ["-s", str(ROOT / "bench" / "percentiles.lua"), base + path]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH "))
    return {key: float(value) for key, value in re.findall(r"(\w+)=([\d.]+)", line)}


def load_table(pages, seconds, floor, throughput_target=THROUGHPUT_TARGET, cookies=None):
    """A markdown table of ``pages`` ([(name, path) or (name, path, role)]) next to the floor's figures."""
    rows = [("floor: /livez", "/livez", floor)]
    for name, path, *role in pages:
        cookie = (cookies or {}).get(role[0] if role else "")
        rows.append((name + (f" ({role[0]})" if role else ""), path, wrk(path, seconds, cookie=cookie)))
    lines = [
        f"| page | path | req/s | p50 ms | p95 ms | errors | vs floor | p95 < {P95_TARGET_MS} ms "
        f"| ≥ {throughput_target:.0%} floor |",
        "|---|---|---:|---:|---:|---:|---:|:-:|:-:|",
    ]
    for name, path, figures in rows:
        share = figures["rps"] / floor["rps"]
        errors = int(figures["errors"] + figures["non2xx"])
        lines.append(
            f"| {name} | `{path}` | {figures['rps']:.0f} | {figures['p50_ms']:.1f} | {figures['p95_ms']:.1f} | "
            f"{errors} | {share:.3f} | {'yes' if figures['p95_ms'] < P95_TARGET_MS else 'NO'} | "
            f"{'yes' if share >= throughput_target else 'NO'} |"
        )
    return "\n".join(lines)


def load_average():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def print_table(title, table):
    print(f"\n### {title} (load average {load_average()})\n\n{table}", flush=True)


def cached_and_signed_in_tables(env, options, pages):
    """Tables 1, 3 and 4: anonymous with the page cache, signed in as an NGO leader, staff pages."""
    staff = staff_pages(env)
    floor = wrk("/livez", options.seconds)
    print_table("Anonymous, page cache on", load_table(pages, options.seconds, floor))
    leader = [(name, path, "leader") for name, path in pages]
    print_table(
        "Signed in as an NGO leader (never cached)",
        load_table(leader, options.seconds, floor, UNCACHED_TARGET, staff["cookies"]),
    )
    staff_table(env, options, floor, staff)


def staff_table(env, options, floor, staff=None):
    staff = staff or staff_pages(env)
    table = load_table(staff["pages"], options.seconds, floor, UNCACHED_TARGET, staff["cookies"])
    print_table("Staff pages, signed in as their role", table)


def uncached_table(env, options, pages):
    """Table 2: anonymous with the page cache off, on a server started with PAGE_CACHE_SECONDS=0."""
    server = start_server({**env, "PAGE_CACHE_SECONDS": "0"}, options.workers)
    try:
        floor = wrk("/livez", options.seconds)
        print_table("Anonymous, page cache off", load_table(pages, options.seconds, floor, UNCACHED_TARGET))
    finally:
        stop_server(server)


def two_server_table(env, options, pages):
    """Two gunicorn servers (half the workers each) on one database and cache, wrk on both at once:
    what a second machine adds. On one machine they share its cores, so this shows that nothing
    serialises the servers (no per-server state, no lock), not the gain of real second hardware."""
    from concurrent.futures import ThreadPoolExecutor

    half = max(1, options.workers // 2)
    bases = [f"http://127.0.0.1:{PORT + 1}", f"http://127.0.0.1:{PORT + 2}"]
    servers = [start_server(env, half, port=PORT + 1), start_server(env, half, port=PORT + 2)]
    rows = []
    try:
        for name, path in [("floor: /livez", "/livez"), *pages[:2]]:
            with ThreadPoolExecutor(2) as pool:
                both = list(pool.map(lambda base, path=path: wrk(path, options.seconds, base=base), bases))
            rows.append((name, path, both))
    finally:
        for server in servers:
            stop_server(server)
    floor = sum(figures["rps"] for figures in rows[0][2])
    lines = [
        "| page | path | req/s A+B | A | B | p95 ms (worse) | errors | vs floor |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, path, (first, second) in rows:
        total = first["rps"] + second["rps"]
        errors = int(sum(f["errors"] + f["non2xx"] for f in (first, second)))
        lines.append(
            f"| {name} | `{path}` | {total:.0f} | {first['rps']:.0f} | {second['rps']:.0f} | "
            f"{max(first['p95_ms'], second['p95_ms']):.1f} | {errors} | {total / floor:.3f} |"
        )
    print_table(f"Two app servers, {half} workers each, wrk on both at once, page cache on", "\n".join(lines))


def run_script(args, env, title):
    print(f"\n### {title}\n", flush=True)
    # Each script builds its own throwaway database, never the benchmark's.
    script_env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "hub.settings.test",
        "HUB_VAR_DIR": tempfile.mkdtemp(prefix="hub-bench-script-"),
    }
    script_env.pop("DATABASE_URL", None)
    result = subprocess.run([PY, *args], cwd=ROOT, env=script_env, capture_output=True, text=True)
    print("```\n" + (result.stdout + result.stderr).strip()[-3000:] + "\n```", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="rebuild the generated database")
    parser.add_argument("--seconds", type=int, default=10, help="load time per page")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--only-load", action="store_true", help="skip PDF, import and search figures")
    parser.add_argument("--only-staff", action="store_true", help="only the staff pages (after a first run)")
    parser.add_argument("--only-two-servers", action="store_true", help="only the two-server row")
    options = parser.parse_args()
    env = bench_env()
    prepare(env, options.fresh)
    pages = key_pages(env)
    print(
        f"\n## Key pages: wrk, 2 threads, 8 connections, {options.seconds} s each, "
        f"{options.workers} gunicorn workers, cache: {'Redis' if 'REDIS_URL' in env else 'database'}, "
        f"database: {'PostgreSQL' if 'DATABASE_URL' in env else 'SQLite'}, {os.cpu_count()} CPUs"
    )
    if options.only_two_servers:
        return two_server_table(env, options, pages)
    if not options.only_staff:
        uncached_table(env, options, pages)
    server = start_server(env, options.workers)
    try:
        if options.only_staff:
            return staff_table(env, options, wrk("/livez", options.seconds))
        cached_and_signed_in_tables(env, options, pages)
        from bench.filing import run_filing

        print("\n## Filing reports: 20 concurrent clients, 30 s\n")
        print(run_filing(BASE, env, clients=20, seconds=30), flush=True)
    finally:
        stop_server(server)
    if not options.only_staff:
        two_server_table(env, options, pages)
    if not options.only_load:
        run_script(["bench/meetings_pdf.py"], env, "Minutes PDF: first render and cached")
        run_script(["bench/ngos_import.py", "5000"], env, "Registry import: 5,000 rows, twice")
        run_script(["-m", "bench.search_bench", "--docs", "20000"], env, "Search: Whoosh against stemmed FTS5")
        title = "Follows: an action with 5,000 followers updated, its fan-out, a daily digest for 20,000"
        run_script(["-m", "bench.follows_bench", "5000", "20000"], env, title)


if __name__ == "__main__":
    main()
