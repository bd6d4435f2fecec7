"""Filing Adaldyq alany reports under load: ``run_filing(base_url, env, clients=20, seconds=30)``.

Each client is a thread with its own cookie jar. It loops: GET the public form (CSRF cookie and
token, the signed form token, a category), POST an anonymous report, and when the receipt is shown
POST the "have you saved it?" step. Production settings mark cookies Secure, so over plain HTTP the
Cookie header is sent by hand. Afterwards the database is asked (``manage.py shell`` in the same
environment) whether the number of reports grew by exactly the number accepted, and whether every
accepted case number and receipt code is stored, unique, and opens its report.

A refusal (429: the per-client filing limit, ``ANTICORRUPTION_FILE_LIMIT`` per
``ANTICORRUPTION_FILE_WINDOW`` seconds, default 5 per hour; all clients here share 127.0.0.1)
is counted as refused, not as an error.
"""

import html
import json
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORM_PATH = "/ru/adaldyq-alany/"
SAVED_PATH = "/ru/adaldyq-alany/receipt/saved/"
INPUT = re.compile(r"<input[^>]*>", re.I)
ATTR = re.compile(r'([\w-]+)="([^"]*)"')
OPTION = re.compile(r'<select[^>]*name="category"[^>]*>(.*?)</select>', re.S | re.I)
OPTION_VALUE = re.compile(r'<option value="(\d+)"')
DESCRIPTIONS = [
    "Сотрудник требовал деньги за ускорение выдачи справки в ЦОНе, сумма 20 000 тенге.",
    "Емханада кезексіз қабылдау үшін ақша сұрайды, бұл бірнеше рет қайталанды.",
    "Во дворе второй месяц не вывозят мусор, КСК на обращения не отвечает.",
]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def inputs(page):
    """{name: value} of the page's <input> elements (the first of each name)."""
    found = {}
    for tag in INPUT.findall(page):
        attrs = dict(ATTR.findall(tag))
        if "name" in attrs:
            found.setdefault(attrs["name"], html.unescape(attrs.get("value", "")))
    return found


class Client:
    """One visitor: a cookie jar kept by hand (cookies are Secure, the benchmark speaks HTTP)."""

    def __init__(self, base_url):
        self.base = base_url.rstrip("/")
        self.cookies = {}

    def request(self, path, data=None):
        headers = {"User-Agent": "hub-bench-filing"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            response = OPENER.open(request, timeout=30)
            status, text, header_list = response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            status, text, header_list = error.code, error.read().decode(errors="replace"), error.headers
        for value in header_list.get_all("Set-Cookie") or []:
            name, _sep, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return status, text


def file_once(client, number):
    """One filing; returns ("accepted", (case, code)) or ("refused"|"error", reason)."""
    status, page = client.request(FORM_PATH)
    if status != 200:
        return "error", f"form GET {status}"
    fields = inputs(page)
    categories = OPTION_VALUE.findall((OPTION.search(page) or [None, ""])[1]) if OPTION.search(page) else []
    if "csrfmiddlewaretoken" not in fields or "form_token" not in fields or not categories:
        return "error", "form without token or categories"
    data = {
        "csrfmiddlewaretoken": fields["csrfmiddlewaretoken"],
        "form_token": fields["form_token"],
        "kind": "corruption",
        "category": categories[number % len(categories)],
        "district": "",
        "description": f"{DESCRIPTIONS[number % len(DESCRIPTIONS)]} (нагрузочный тест {number})",
        "language": "ru",
        "anonymity": "anonymous",
        "website": "",
    }
    status, page = client.request(FORM_PATH, data)
    if status == 429:
        return "refused", "429 rate limit"
    if status == 409:
        return "refused", "409 already filed"
    if status != 200:
        return "error", f"form POST {status}"
    fields = inputs(page)
    case, code = fields.get("case_number"), fields.get("receipt_code")
    if not case or not code or case not in page:
        return "error", "200 without a receipt"
    # The "have you saved it?" step, as a careful reporter would do.
    status, _page = client.request(
        SAVED_PATH,
        {
            "csrfmiddlewaretoken": fields.get("csrfmiddlewaretoken", ""),
            "case_number": case,
            "receipt_code": code,
            "saved": "on",
        },
    )
    if status != 200:
        return "accepted-unconfirmed", (case, code, f"saved step {status}")
    return "accepted", (case, code)


def count_reports(env):
    code = "from anticorruption.models import Report; print('COUNT', Report.objects.count())"
    output = _shell(env, code)
    return int(re.search(r"COUNT (\d+)", output).group(1))


def _shell(env, code):
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def verify(env, receipts):
    """(stored, unique cases, unique receipt hashes, receipts that open their report)."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(receipts, handle)
    code = (
        "import json\n"
        "from anticorruption.models import Report\n"
        "from anticorruption.services import report_find\n"
        f"pairs = json.load(open({handle.name!r}))\n"
        "cases = [c for c, _ in pairs]\n"
        "stored = Report.objects.filter(case_number__in=cases)\n"
        "hashes = set(stored.values_list('receipt_hash', flat=True))\n"
        "opened = sum(1 for c, k in pairs if report_find(case_number=c, receipt_code=k) is not None)\n"
        "print('VERIFY', stored.count(), len(set(cases)), len(hashes), opened)\n"
    )
    output = _shell(env, code)
    Path(handle.name).unlink(missing_ok=True)
    return tuple(int(n) for n in re.search(r"VERIFY (\d+) (\d+) (\d+) (\d+)", output).groups())


def run_filing(base_url, env, clients=20, seconds=30):
    """File reports with ``clients`` threads for ``seconds``; returns a markdown summary."""
    before = count_reports(env)
    lock = threading.Lock()
    results = {"accepted": 0, "accepted-unconfirmed": 0, "refused": 0, "error": 0}
    reasons, receipts, latencies = {}, [], []
    deadline = time.monotonic() + seconds
    counter = iter(range(10**9))

    def worker():
        client = Client(base_url)
        while time.monotonic() < deadline:
            with lock:
                number = next(counter)
            started = time.perf_counter()
            try:
                outcome, detail = file_once(client, number)
            except Exception as error:  # noqa: BLE001 - a timeout or reset is an error to count
                outcome, detail = "error", type(error).__name__
            elapsed = time.perf_counter() - started
            with lock:
                results[outcome] += 1
                if outcome.startswith("accepted"):
                    receipts.append(list(detail[:2]))
                    latencies.append(elapsed)
                if outcome != "accepted":
                    reason = detail if isinstance(detail, str) else detail[2]
                    reasons[reason] = reasons.get(reason, 0) + 1
            if outcome == "refused":
                time.sleep(0.2)  # a refused visitor waits a little before trying again

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 60)
    wall = time.monotonic() - started
    after = count_reports(env)
    accepted = results["accepted"] + results["accepted-unconfirmed"]
    stored, unique_cases, unique_hashes, opened = verify(env, receipts) if receipts else (0, 0, 0, 0)
    latencies.sort()

    def pct(p):
        return f"{latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000:.0f}" if latencies else "–"

    grew = after - before
    ok = grew == accepted == stored == unique_cases == unique_hashes == opened and results["error"] == 0
    lines = [
        f"{clients} clients, {seconds} s ({wall:.0f} s with the last requests): "
        f"**{accepted} accepted** ({accepted / wall:.1f}/s), {results['refused']} refused, "
        f"{results['error']} errors.",
        "",
        "| check | figure |",
        "|---|---:|",
        f"| reports accepted (receipt shown) | {accepted} |",
        f"| of which the \u201csaved it?\u201d step failed | {results['accepted-unconfirmed']} |",
        f"| refused (rate limit or duplicate form) | {results['refused']} |",
        f"| errors | {results['error']} |",
        f"| reports in the database before \u2192 after | {before} \u2192 {after} (+{grew}) |",
        f"| accepted case numbers stored / unique | {stored} / {unique_cases} |",
        f"| unique receipt hashes / receipts that open their report | {unique_hashes} / {opened} |",
        f"| filing round trip (GET form, POST, saved step) p50 / p95 ms | {pct(0.5)} / {pct(0.95)} |",
        "",
        f"Every accepted report stored, unique and openable, zero errors: **{'yes' if ok else 'NO'}**.",
    ]
    if reasons:
        lines.append("")
        lines.append("Not accepted: " + ", ".join(f"{reason} \u00d7{n}" for reason, n in sorted(reasons.items())) + ".")
    if results["refused"] and not results["error"]:
        lines.append(
            "Refusals come from the per-client filing limit (ANTICORRUPTION_FILE_LIMIT, default 5 per "
            "ANTICORRUPTION_FILE_WINDOW = 3600 s); all benchmark clients share 127.0.0.1."
        )
    return "\n".join(lines)


if __name__ == "__main__":
    import os

    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8077"
    print(run_filing(base, dict(os.environ), clients=int(os.environ.get("CLIENTS", 20)),
                     seconds=int(os.environ.get("SECONDS", 30))))  # fmt: skip
