"""Two gunicorn app servers and one worker on one PostgreSQL database and one Redis, with the media and
private files on one shared folder (issue 16): nothing a request needs lives on one server.

Runs in CI's PostgreSQL step (DATABASE_URL=postgres://...) when Redis answers on 127.0.0.1:6379; skipped
otherwise. Its database is a copy of the suite's migrated test database (``hub_multiserver_*``), made and
dropped here, so that it takes seconds rather than a minute of migrations. Logs of the servers and the
worker are in the test's tmp_path when it fails.
"""

import html
import io
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from html.parser import HTMLParser
from pathlib import Path

import pytest
import requests

from bench.run import redis_answers

ROOT = Path(__file__).resolve().parents[2]
REDIS_DB = 9  # the test's own Redis database, emptied when it starts
PASSWORD = "correct-horse-battery-9"
# Transactional: the suite's test database is then restored to its migrated state and nothing holds it open,
# so it can serve as the template of this test's own database.
GUNICORN = Path(sys.executable).with_name("gunicorn")
pytestmark = [
    pytest.mark.multiserver,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="needs PostgreSQL: run with DATABASE_URL=postgres://... (CI's PostgreSQL step)",
    ),
    pytest.mark.skipif(not redis_answers(), reason="needs Redis on 127.0.0.1:6379"),
    pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed"),
    pytest.mark.django_db(transaction=True),
]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Form(HTMLParser):
    """The fields of the first form that has a field named ``having``, as a browser would submit them."""

    def __init__(self, page, having):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select, self._textarea = [], None, None, None
        self.feed(page)
        self.fields, self.choices = next(
            form for form in self.forms if having in {n for n, _v in form[0]} | set(form[1])
        )

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = ([], {})
            self.forms.append(self._form)
        if self._form is None:
            return
        fields, choices = self._form
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                choices.setdefault(name, []).append(attrs.get("value", "on"))
                if "checked" in attrs:
                    fields.append((name, attrs.get("value", "on")))
            elif kind in ("submit", "button", "image", "reset"):
                pass
            elif kind == "file":
                choices.setdefault(name, [])
            else:
                fields.append((name, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = [name, None, None]
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            choices.setdefault(self._select[0], []).append(value)
            if self._select[2] is None:
                self._select[2] = value
            if "selected" in attrs:
                self._select[1] = value

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            self._form[0].append(tuple(self._textarea))
            self._textarea = None
        elif tag == "select" and self._select:
            name, selected, first = self._select
            self._form[0].append((name, selected if selected is not None else first))
            self._select = None
        elif tag == "form":
            self._form = None

    def data(self, **changes):
        data = {}
        for name, value in self.fields:
            if name not in changes:
                data.setdefault(name, []).append(value)
        data.update({name: [value] for name, value in changes.items()})
        return data


class Site:
    """One browser (a requests session) talking to one app server."""

    def __init__(self, base, session=None):
        self.base, self.session = base, session or requests.Session()

    def on(self, base):
        return Site(base, self.session)

    def get(self, path, **kwargs):
        return self.session.get(self.base + path, timeout=60, **kwargs)

    def post(self, path, data, **kwargs):
        headers = {"Referer": self.base + path}
        return self.session.post(self.base + path, data=data, headers=headers, timeout=60, **kwargs)

    def sign_in(self, email):
        page = self.get("/en/accounts/login/")
        form = Form(page.text, having="login")
        response = self.post("/en/accounts/login/", form.data(login=email, password=PASSWORD))
        assert response.ok and "sessionid" in self.session.cookies, response.text[:500]
        return self


def _wait_until(check, *, seconds=60, what=""):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.3)
    raise AssertionError(f"Timed out waiting for {what}")


@pytest.fixture
def cluster(transactional_db, django_db_blocker, tmp_path):
    """Database copy, shared folder, Redis database; two app servers and one worker. Yields (A, B)."""
    import psycopg
    from django.db import connection, connections

    template = connection.settings_dict["NAME"]
    name = f"hub_multiserver_{uuid.uuid4().hex[:8]}"
    with django_db_blocker.unblock():
        connections.close_all()
        params = connection.get_connection_params()
        params["dbname"] = "postgres"
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + name
    shared = tmp_path / "shared"
    shared.mkdir()
    ports = [_free_port(), _free_port()]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.test",
        "DATABASE_URL": url,
        "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "TASKS_BACKEND": "database",
        "HUB_VAR_DIR": str(shared),
        "SEARCH_BACKEND": "postgres",
        "PAGE_CACHE_SECONDS": "60",
        "SHARED_CACHE_SECONDS": "300",
        "SITE_URL": f"http://127.0.0.1:{ports[0]}",
        "PYTHONPATH": str(ROOT),
        "LOG_LEVEL": "ERROR",
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    processes = []
    try:
        subprocess.run(["redis-cli", "-n", str(REDIS_DB), "flushdb"], check=False, capture_output=True, timeout=10)
        logs = tmp_path / "logs"
        logs.mkdir()
        for port in ports:
            command = [str(GUNICORN), "hub.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1",
                       "--threads", "4", "--timeout", "60"]  # fmt: skip
            processes.append(_start(command, env, logs / f"server-{port}.log"))
        worker = [sys.executable, "manage.py", "run_worker", "--no-reload", "--no-schedule", "--no-startup-delay",
                  "--interval", "0.3"]  # fmt: skip
        processes.append(_start(worker, env, logs / "worker.log"))
        seeded = subprocess.run(
            [sys.executable, "-m", "tests.multiserver.seed"], env=env, cwd=ROOT, capture_output=True, text=True,
            timeout=240,
        )  # fmt: skip
        assert seeded.returncode == 0, seeded.stderr[-2000:]
        sites = [Site(f"http://127.0.0.1:{port}") for port in ports]
        for site in sites:
            _wait_until(lambda site=site: _answers(site), seconds=120, what=f"{site.base} to answer")
        yield sites[0].base, sites[1].base
    finally:
        # gunicorn quits at once on SIGQUIT (SIGTERM would wait for the browsers' kept-alive connections).
        for process in processes:
            process.send_signal(signal.SIGQUIT if process.args[0] == str(GUNICORN) else signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        with django_db_blocker.unblock(), psycopg.connect(**params, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _start(command, env, log):
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT)


def _answers(site):
    try:
        return site.get("/livez").status_code == 200
    except requests.RequestException:
        return False


def _registry_csv():
    from tests.ngos.conftest import valid_bin
    from tests.ngos.test_import import csv_rows

    return csv_rows(valid_bin(), name="Фонд Көкжайлау").encode()


def test_two_app_servers_and_a_worker_share_everything_a_request_needs(cluster):
    a, b = cluster

    # A registry import previewed on A is confirmed on B; the worker writes it.
    moderator = Site(a).sign_in("ms-moderator@example.kz")
    page = moderator.get("/admin/ngos/import/")
    form = Form(page.text, having="file")
    files = {"file": ("registry.csv", _registry_csv(), "text/csv")}
    preview = moderator.session.post(
        a + "/admin/ngos/import/", data=form.data(), files=files, headers={"Referer": a + "/admin/ngos/import/"}
    )
    assert preview.ok and 'name="token"' in preview.text, preview.text[:2000]
    confirm = Form(preview.text, having="token")
    response = moderator.on(b).post(confirm_path(preview.text), confirm.data())
    assert response.ok
    status = response.url
    _wait_until(
        lambda: "Done with 1 row." in moderator.session.get(status, timeout=60).text, what="the registry import"
    )

    # A report filed with a file on A is downloaded by the officer through B.
    reporter = Site(a)
    page = reporter.get("/en/adaldyq-alany/")
    form = Form(page.text, having="description")
    data = form.data(
        kind=form.choices["kind"][0],
        category=next(value for value in form.choices["category"] if value),
        description="The clinic asked for money for a free vaccination.",
    )
    picture = _png()
    filed = reporter.session.post(
        a + "/en/adaldyq-alany/", data=data, files={"attachments": ("evidence.png", picture, "image/png")},
        headers={"Referer": a + "/en/adaldyq-alany/"}, timeout=60,
    )  # fmt: skip
    assert filed.ok, filed.text[:2000]
    case_number = re.search(r'name="case_number" value="([^"]+)"', filed.text).group(1)
    officer = Site(b).sign_in("ms-officer@example.kz")
    case = officer.get(f"/admin/adaldyq/case/{case_number}/")
    assert case.ok
    link = re.search(rf"/admin/adaldyq/case/{re.escape(case_number)}/files/[0-9a-f-]+/", case.text).group(0)
    download = officer.get(link)
    assert download.status_code == 200 and download.content.startswith(b"\x89PNG")

    # A road map saved on A leaves B's page cache at once; search on both servers finds it.
    visitor_b = Site(b)
    assert visitor_b.get("/en/roadmaps/ms-roadmap/").ok
    cached = visitor_b.get("/en/roadmaps/ms-roadmap/")
    assert cached.headers.get("X-Page-Cache") == "hit" and "Active megapolis" in cached.text
    editor = Site(a).sign_in("ms-editor@example.kz")
    edit_path = _roadmap_edit_path(editor)
    form = Form(editor.get(edit_path).text, having="title_en")
    changed = {**form.data(title_en="Kokzhailau green belt"), "action-publish": ["action-publish"]}
    saved = editor.post(edit_path, changed)
    assert saved.ok and "Kokzhailau green belt" not in form.data()["title_en"][0]
    fresh = visitor_b.get("/en/roadmaps/ms-roadmap/")
    assert "Kokzhailau green belt" in fresh.text, fresh.headers.get("X-Page-Cache")
    for site in (Site(a), Site(b)):
        _wait_until(
            lambda site=site: "Green courtyards" in site.get("/en/search/", params={"q": "Kokzhailau"}).text,
            what=f"search on {site.base}",
        )


def confirm_path(preview_page):
    return html.unescape(re.search(r'action="([^"]*import/confirm/?)"', preview_page).group(1))


def _roadmap_edit_path(editor):
    listing = editor.get("/admin/snippets/roadmaps/roadmap/")
    return re.search(r'href="(/admin/snippets/roadmaps/roadmap/edit/\d+/)"', listing.text).group(1)


def _png():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 60)).save(buffer, "PNG")
    return buffer.getvalue()
