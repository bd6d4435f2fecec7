"""Adaldyq alany: an anonymous visitor files a report with a photo, keeps the receipt and reads the answer."""

import io
import re

from PIL import Image

from anticorruption.models import Report
from hub.roles import OFFICERS
from tests.conftest import make_user

from .conftest import snap
from .journeys import admin_sign_in, sign_out

DESCRIPTION = "The clerk at the district service centre asked for 20,000 tenge to speed up my land certificate."
ANSWER = "The clerk has been suspended and the case passed to the Anticorruption Agency. Thank you."


def small_jpeg(tmp_path, name="counter.jpg"):
    path = tmp_path / name
    image = Image.new("RGB", (64, 48), (200, 120, 40))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def file_report(page, photo, language="en", snap_as=None):
    """Fill the public form as a visitor; returns (case number, receipt code) read from the receipt page."""
    page.goto(f"/{language}/adaldyq-alany/")
    page.get_by_label("Corruption report").check()
    page.get_by_label("Subject").select_option(label="Land")
    page.get_by_label("District").select_option(label="Medeu district")
    page.get_by_label("What happened?").fill(DESCRIPTION)
    page.get_by_label("Where?").fill("Public service centre, Dostyk avenue")
    page.get_by_label("Files").set_input_files(str(photo))
    page.get_by_label("Anonymous").check()
    page.get_by_label("The outcome may be published").check()
    if snap_as:
        snap(page, f"{snap_as}-form")
    page.get_by_role("button", name="Send the report").click()
    page.get_by_role("heading", name="Your report has been received").wait_for()
    case_number = page.locator("p", has_text=re.compile(r"^Case number")).locator("strong").inner_text().strip()
    receipt = page.locator(".ac-receipt").inner_text().strip()
    return case_number, receipt


def test_report_form_is_accepted_from_a_real_browser(page, site, tmp_path):
    """Regression: with ``Referrer-Policy: no-referrer`` Chromium posted ``Origin: null`` and Django's CSRF
    check refused every report (403); the channel's pages now send ``same-origin``."""
    page.goto("/en/adaldyq-alany/")
    page.get_by_label("Question", exact=True).check()
    page.get_by_label("Subject").select_option(label="Land")
    page.get_by_label("What happened?").fill("When does the land commission meet in Medeu district?")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Send the report").click()
    assert posted.value.status == 200
    assert page.get_by_role("heading", name="Your report has been received").is_visible()


def test_visitor_files_a_report_keeps_the_receipt_and_reads_the_officers_answer(page, site, tmp_path):
    officer = make_user("adal.officer@example.kz", groups=[OFFICERS], is_staff=True)
    photo = small_jpeg(tmp_path)

    page.goto("/en/adaldyq-alany/stats/")
    before = int(page.locator(".key-figures .value").first.inner_text())

    case_number, receipt = file_report(page, photo, snap_as="report")
    snap(page, "report-receipt")
    assert len(receipt.replace(" ", "")) == 16
    report = Report.objects.get(case_number=case_number)
    assert report.anonymity == "anonymous" and report.attachments.count() == 1

    # "Have you saved it?" — continuing needs the confirmation.
    page.get_by_label("I have written down, printed or saved the receipt code.").check()
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role("heading", name="Thank you").is_visible()

    # The officer acknowledges, assigns and answers in the admin.
    sign_out(page)
    admin_sign_in(page, officer.email)
    page.goto("/admin/adaldyq/")
    page.get_by_role("link", name=case_number).first.click()
    transition = page.locator("form[action$='/transition/']")
    transition.get_by_label("New status").select_option(label="Acknowledged")
    transition.get_by_role("button", name="Change status").click()
    page.get_by_text("Saved.").first.wait_for()
    assign = page.locator("form[action$='/assign/']")
    assign.get_by_label("Responsible body").select_option(index=1)
    assign.get_by_role("button", name="Assign").click()
    page.get_by_text("Saved.").first.wait_for()
    answer = page.locator("form[action$='/answer/']")
    # The question, answer and note forms all render their text as id="id_body": see the report.
    answer.locator("textarea[name=body]").fill(ANSWER)
    snap(page, "report-admin-answer")
    answer.get_by_role("button", name="Send the answer").click()
    page.get_by_text("Saved.").first.wait_for()
    report.refresh_from_db()
    assert report.status == "answered"
    assert report.department is not None

    # The visitor comes back with the case number and the receipt.
    sign_out(page)
    page.goto("/en/adaldyq-alany/")
    page.get_by_role("link", name="Already filed? Follow your report with its receipt code.").click()
    page.get_by_label("Case number").fill(case_number)
    page.get_by_label("Receipt code").fill(receipt)
    page.get_by_role("button", name="Open").click()
    page.get_by_role("heading", name=f"Case {case_number}").wait_for()
    assert page.locator(".badge").first.inner_text() == "Answered"
    assert page.get_by_text(ANSWER).is_visible()
    assert page.get_by_role("link", name="Download the answer (PDF)").is_visible()
    snap(page, "report-case-answered")

    page.goto("/en/adaldyq-alany/stats/")
    after = int(page.locator(".key-figures .value").first.inner_text())
    assert after == before + 1
    snap(page, "report-statistics")
