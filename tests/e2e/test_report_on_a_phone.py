"""The report form as residents use it (issue 20): with the keyboard alone and on a 360 px phone, from the home
page to a filed report and back with the receipt; the error summary takes the focus; axe-core on the form, its
errors, the receipt and the low-vision presets."""

import re

import pytest

from anticorruption.models import Report

from .conftest import axe_violations, snap
from .test_keyboard import confirm_the_receipt_is_saved, tab_to

PHONE = {"width": 360, "height": 740}
DESCRIPTION = "The bus stop on Abay avenue has no ramp for wheelchairs; the akimat promised one in 2023."


def read_receipt(page):
    case_number = page.locator("p", has_text=re.compile(r"^Case number")).locator("strong").inner_text().strip()
    return case_number, page.locator(".ac-receipt").inner_text().strip()


def focused(page, selector):
    return page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector)


def test_keyboard_only_from_the_home_page_to_a_filed_report_and_back_with_the_receipt(page, site):
    page.goto("/en/")
    tab_to(page, "a.quick-report")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url("**/en/adaldyq-alany/")

    # Sent empty: the error summary takes the focus and links to each field with an error.
    tab_to(page, "form[enctype] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert focused(page, "[data-error-summary]")
    summary = page.locator("[data-error-summary]")
    assert summary.get_attribute("role") == "alert"
    hrefs = summary.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs[:3] == ["#id_kind_0", "#id_category", "#id_description"]
    snap(page, "keyboard-report-errors")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused(page, "#id_kind_0")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # leaves the radio group for the subject
    assert focused(page, "#id_category")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#id_description")
    page.keyboard.type(DESCRIPTION)
    tab_to(page, "form[enctype] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_role("heading", name="Your report has been received").wait_for()
    case_number, receipt = read_receipt(page)
    report = Report.objects.get(case_number=case_number)
    assert report.kind == "corruption" and report.description == DESCRIPTION

    confirm_the_receipt_is_saved(page)

    # Back with the receipt, still with the keyboard alone.
    tab_to(page, "a.quick-track")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "#id_case_number")
    page.keyboard.type(case_number)
    tab_to(page, "#id_receipt_code")
    page.keyboard.type(receipt)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_role("heading", name=f"Case {case_number}").wait_for()
    snap(page, "keyboard-report-case")


def test_a_360_px_phone_from_the_home_page_to_a_filed_report_and_back_with_the_receipt(page, site):
    page.set_viewport_size(PHONE)
    page.goto("/en/")
    page.locator("a.quick-report").click()
    page.wait_for_url("**/en/adaldyq-alany/")

    # The first question is on the first screen; its radio buttons are large targets.
    legend = page.get_by_text("What do you want to send?").bounding_box()
    assert legend["y"] + legend["height"] < PHONE["height"], legend
    for radio in page.locator("input[name=kind]").all():
        box = radio.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, box
        row = radio.locator("xpath=..").bounding_box()
        assert row["height"] >= 44 and row["width"] >= 300, row
    assert not page.get_by_text("only where it reports an offence").is_visible()  # folded into <details>
    page.get_by_text("What do these choices mean?").click()
    assert page.get_by_text("only where it reports an offence").is_visible()
    snap(page, "phone-report-form")

    page.get_by_role("button", name="Send the report").click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert focused(page, "[data-error-summary]")
    box = summary.bounding_box()
    assert box["width"] <= PHONE["width"] and box["y"] < PHONE["height"]
    summary.get_by_role("link", name=re.compile(r"^What happened\?")).click()
    assert focused(page, "#id_description")
    page.locator("#id_description").fill(DESCRIPTION)
    page.get_by_label("Remark on a public service").check()
    page.get_by_label("Subject").select_option(index=1)
    page.get_by_role("button", name="Send the report").click()
    page.get_by_role("heading", name="Your report has been received").wait_for()
    case_number, receipt = read_receipt(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    snap(page, "phone-report-receipt")
    page.get_by_label("I have written down, printed or saved the receipt code.").check()
    page.get_by_role("button", name="Continue").click()

    page.locator("a.quick-track").click()
    page.get_by_label("Case number").fill(case_number)
    page.get_by_label("Receipt code").fill(receipt)
    page.get_by_role("button", name="Open").click()
    page.get_by_role("heading", name=f"Case {case_number}").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("preset", ["1-bw-off", "3-bw-off", "2-wb-off", "2-blue-on"])
def test_low_vision_presets_on_a_phone(page, site, live_server, preset):
    page.context.add_cookies([{"name": "low_vision", "value": preset, "url": live_server.url}])
    page.set_viewport_size(PHONE)
    page.goto("/en/adaldyq-alany/")
    classes = page.evaluate("document.documentElement.className")
    assert f"lv-size-{preset[0]}" in classes
    radio = page.locator("input[name=kind]").first.bounding_box()
    assert radio["width"] >= 32 and radio["height"] >= 32, radio
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    if preset.endswith("-off"):
        assert page.locator("img").count() == 0

    # The presets are links in the menu: the keyboard reaches them and Enter changes the page.
    assert not page.locator(".lv-panel").is_visible()  # folded with the menu on a phone
    tab_to(page, ".menu-button")
    page.keyboard.press("Enter")
    tab_to(page, ".lv-option-scheme-wb")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "lv-wb" in page.evaluate("document.documentElement.className")
    assert page.locator(".lv-option-scheme-wb").get_attribute("aria-current") == "true"
    # Last: the screenshots resize the window, which folds or unfolds the menu.
    snap(page, f"low-vision-{preset}-report-form")


@pytest.mark.parametrize("preset", [None, "1-bw-off", "3-wb-on", "2-blue-off"])
def test_report_form_errors_and_receipt_have_no_serious_accessibility_violations(page, site, live_server, preset):
    if preset:
        page.context.add_cookies([{"name": "low_vision", "value": preset, "url": live_server.url}])
    found = {}
    page.goto("/en/adaldyq-alany/")
    found["form"] = axe_violations(page)
    page.locator("form[enctype] button[type=submit]").click()
    page.locator("[data-error-summary]").wait_for()
    found["form-with-errors"] = axe_violations(page)
    page.locator("input[name=kind]").first.check()
    page.locator("#id_category").select_option(index=1)
    page.locator("#id_description").fill(DESCRIPTION)
    page.locator("form[enctype] button[type=submit]").click()
    page.locator(".ac-receipt").wait_for()
    found["receipt"] = axe_violations(page)
    snap(page, f"a11y-receipt-{preset or 'standard'}")
    assert {name: violations for name, violations in found.items() if violations} == {}
