"""Keyboard only: Tab to move, typing, Space and Enter; no mouse and no filling by script."""

from anticorruption.models import Report
from ngos.models import Organisation
from tests.conftest import make_user

from .conftest import snap
from .journeys import sign_in, valid_bin

MAX_TABS = 80


def tab_to(page, selector):
    """Press Tab until the element matching ``selector`` has the focus (it must be reachable)."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


def confirm_the_receipt_is_saved(page):
    """On the receipt page: tick "I have saved it" with Space and continue with Enter."""
    tab_to(page, "#id_saved")
    page.keyboard.press("Space")
    tab_to(page, "form[action$='/receipt/saved/'] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", name="Thank you").is_visible()


def test_report_form_is_filled_and_sent_with_the_keyboard_alone(page, site):
    page.goto("/en/adaldyq-alany/")
    tab_to(page, "input[name=kind]")
    page.keyboard.press("ArrowDown")  # radio group: the arrow moves to "Idea or proposal" and selects it
    page.keyboard.press("ArrowDown")  # "Remark on a public service"
    tab_to(page, "#id_category")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#id_description")
    page.keyboard.type("The bus stop on Abay avenue has no ramp for wheelchairs.")
    tab_to(page, "#id_location")
    page.keyboard.type("Abay avenue / Baitursynov street")
    tab_to(page, "#id_publication_consent")
    page.keyboard.press("Space")
    tab_to(page, "form[enctype] button[type=submit]")
    snap(page, "keyboard-report-form")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", name="Your report has been received").is_visible()
    report = Report.objects.get()
    assert report.kind == "service" and report.publication_consent and report.category_id is not None

    confirm_the_receipt_is_saved(page)


def test_ngo_registration_first_step_with_the_keyboard_alone(page, site):
    make_user("keyboard.leader@example.kz")
    sign_in(page, "keyboard.leader@example.kz")
    page.goto("/en/ngos/register/")
    tab_to(page, "#id_name_kk")
    page.keyboard.type("«Пернетақта» қоғамдық қоры")
    page.keyboard.press("Tab")
    page.keyboard.type("Общественный фонд «Клавиатура»")
    tab_to(page, "#id_legal_form")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#id_bin")
    bin_number = valid_bin()
    page.keyboard.type(bin_number)
    tab_to(page, "#id_founding_year")
    page.keyboard.type("2019")
    snap(page, "keyboard-ngo-register")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url("**/register/activity/")
    organisation = Organisation.objects.get(bin=bin_number)
    assert organisation.legal_form and organisation.status == Organisation.Status.DRAFT
