"""The W3C Nu HTML checker finds no error on the key public pages, in Kazakh, standard and low-vision (issue 20).

The pages are rendered with the Django test client and checked in one run of the checker (``vnu.jar`` from
npm's ``vnu-jar``, pinned in package.json), which needs Java; ``make e2e`` runs this file.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from anticorruption import services as anticorruption_services
from anticorruption.forms import ReportForm
from anticorruption.models import Category, PublishedOutcome, Report
from tests.anticorruption.test_public import form_data, receipt_from

from .conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MODES = {"standard": None, "low-vision": "1-bw-off"}
INFO_PAGES = ("about", "channels", "privacy", "accessibility", "terms")


def nu_errors(files):
    """The checker's errors on ``files``, as (file name, line, message)."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("Java is not installed, the Nu HTML checker needs it (apt-get install default-jre-headless).")
    if not VNU.exists():
        pytest.skip("vnu.jar is missing: run npm ci (make e2e does it).")
    command = [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    return [
        (Path(message.get("url", "")).name, message.get("lastLine"), message["message"])
        for message in json.loads(result.stdout)["messages"]
    ]


def _key_pages(demo_site):
    outcome = PublishedOutcome.objects.published().order_by("pk").first()
    pages = {
        "home": "",
        "directory": "ngos/",
        "organisation": f"ngos/{demo_site['organisation']}/",
        "roadmap": f"roadmaps/{demo_site['roadmap']}/",
        "meeting": f"meetings/{demo_site['meeting']}/",
        "meeting-outcome": f"meetings/{demo_site['outcome']}/",
        "outcomes": "adaldyq-alany/outcomes/",
        "outcome": f"adaldyq-alany/outcomes/{outcome.slug}/",
        "report-form": "adaldyq-alany/",
        "tracking": "adaldyq-alany/track/",
        "statistics": "adaldyq-alany/stats/",
        "search": "search/?q=Алматы",
        "sign-up": "accounts/signup/",
        "login": "accounts/login/",
    }
    return {**pages, **{slug: f"{slug}/" for slug in INFO_PAGES}}


def _answered_case(client, officer):
    """The receipt of a report filed on the form, and the case page once the akimat answered it."""
    receipt = client.post("/kk/adaldyq-alany/", form_data(Category.objects.order_by("pk").first(), language="kk"))
    report = Report.objects.latest("pk")
    report = anticorruption_services.report_transition(
        report=report, to_status=Report.Status.ACKNOWLEDGED, actor=officer
    )
    anticorruption_services.report_answer(report=report, actor=officer, body="Мектеп ақшаны қайтарды.")
    tracked = client.post(
        "/kk/adaldyq-alany/track/", {"case_number": report.case_number, "receipt_code": receipt_from(receipt)}
    )
    return receipt, client.get(tracked["Location"])


def test_key_pages_in_kazakh_have_no_html_errors(client, demo_site, officer, tmp_path):
    files = []
    for mode, cookie in MODES.items():
        client.cookies.clear()
        if cookie:
            client.cookies[settings.LOW_VISION_COOKIE] = cookie
        rendered = {}
        for name, path in _key_pages(demo_site).items():
            response = client.get(f"/kk/{path}")
            assert response.status_code == 200, (mode, name, response.status_code)
            rendered[name] = response
        rendered["report-form-errors"] = client.post(
            "/kk/adaldyq-alany/", {"form_token": ReportForm().initial["form_token"]}
        )
        rendered["receipt"], rendered["case"] = _answered_case(client, officer)
        for name, response in rendered.items():
            assert response.status_code == (400 if name == "report-form-errors" else 200), (mode, name)
            files.append(tmp_path / f"{name}-kk-{mode}.html")
            files[-1].write_bytes(response.content)
    errors = nu_errors(files)
    assert not errors, "\n".join(f"{name}:{line}: {message}" for name, line, message in errors)
