"""A visitor switches to Kazakh and to the low-vision version, finds an NGO and files a report."""

import io

from django.utils import translation
from django.utils.translation import gettext

from ngos import demo as ngos_demo
from ngos.models import Organisation

from .conftest import snap
from .test_report_journey import small_jpeg


def kk(text):
    """What the page says in Kazakh for an English source string; it must really be translated."""
    with translation.override("kk"):
        translated = gettext(text)
    assert translated != text, f"no Kazakh translation for {text!r}"
    return translated


PHONE = 360
OVERFLOW_JS = """(width) => {
  const sticksOut = (el) => el && el.getBoundingClientRect().right > width + 1;
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.getBoundingClientRect().width && sticksOut(el) && !sticksOut(el.parentElement)) {
      const name = typeof el.className === 'string' && el.className ? '.' + el.className.split(' ').join('.') : '';
      wide.push(el.tagName.toLowerCase() + name + ' ' + Math.round(el.getBoundingClientRect().right) + 'px');
    }
  }
  return {scroll: document.documentElement.scrollWidth, wide: wide.slice(0, 5)};
}"""


def wider_than_a_phone(page):
    """Elements sticking out of a 360 px wide screen (the page would scroll sideways), or None."""
    original = page.viewport_size
    page.set_viewport_size({"width": PHONE, "height": 800})
    found = page.evaluate(OVERFLOW_JS, PHONE)
    page.set_viewport_size(original)
    return found if found["scroll"] > PHONE else None


def test_visitor_in_kazakh_low_vision_finds_an_ngo_and_files_a_report(page, site, tmp_path):
    ngos_demo.seed(io.StringIO())
    organisation = Organisation.objects.filter(status=Organisation.Status.VERIFIED).order_by("pk").first()

    page.goto("/en/")
    page.get_by_role("link", name="Қазақша").click()
    page.wait_for_url("**/kk/")
    page.get_by_role("link", name=kk("Low-vision version")).click()
    page.wait_for_url("**/kk/")
    assert "low-vision" in page.locator("html").get_attribute("class")
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 20

    # The directory, in Kazakh, large print.
    page.get_by_role("navigation", name=kk("Main")).get_by_role("link", name=kk("NGO directory")).click()
    page.wait_for_url("**/kk/ngos/")
    assert page.locator("html").get_attribute("lang") == "kk"
    page.get_by_role("searchbox", name=kk("Search")).fill(organisation.name_kk.split()[1].strip("«»"))
    page.get_by_role("button", name=kk("Show"), exact=True).click()
    snap(page, "kk-low-vision-directory")
    overflow = {"directory": wider_than_a_phone(page)}
    page.get_by_role("link", name=organisation.name_kk).first.click()
    assert organisation.name_kk in page.get_by_role("heading", level=1).inner_text()
    assert "low-vision" in page.locator("html").get_attribute("class")
    snap(page, "kk-low-vision-organisation")
    overflow["organisation"] = wider_than_a_phone(page)

    # The report form, in Kazakh, large print, one tap from any page; the receipt reads in Kazakh too.
    page.get_by_role("navigation", name=kk("Report and track")).get_by_role("link", name=kk("Report a problem")).click()
    page.wait_for_url("**/kk/adaldyq-alany/")
    page.get_by_label(kk("Remark on a public service")).check()
    page.get_by_label(kk("Subject")).select_option(index=1)
    page.get_by_label(kk("What happened?")).fill("ХҚКО-да кезек үш сағатқа созылды, электрондық кезек жұмыс істемеді.")
    page.get_by_label(kk("Files")).set_input_files(str(small_jpeg(tmp_path)))
    assert page.get_by_label(kk("Language of the answer")).input_value() == "kk"
    snap(page, "kk-low-vision-report-form")
    overflow["report form"] = wider_than_a_phone(page)
    page.get_by_role("button", name=kk("Send the report")).click()
    page.get_by_role("heading", name=kk("Your report has been received")).wait_for()
    assert page.get_by_role("heading", name=kk("Have you saved it?")).is_visible()
    assert "low-vision" in page.locator("html").get_attribute("class")
    snap(page, "kk-low-vision-receipt")
    overflow["receipt"] = wider_than_a_phone(page)

    # Nothing scrolls sideways on a phone (language links wrap, cards and long words fit).
    assert {name: found for name, found in overflow.items() if found} == {}


def test_on_a_phone_the_menu_folds_and_report_and_track_stay_one_tap_away(page, site):
    page.set_viewport_size({"width": PHONE, "height": 740})
    page.goto("/kk/")
    menu = page.get_by_role("button", name=kk("Menu"))
    assert menu.get_attribute("aria-expanded") == "false"
    assert not page.get_by_role("navigation", name=kk("Main")).is_visible()
    quick = page.get_by_role("navigation", name=kk("Report and track"))
    assert quick.get_by_role("link", name=kk("Report a problem")).is_visible()
    assert quick.get_by_role("link", name=kk("Track a report")).is_visible()
    snap(page, "kk-low-vision-header-closed")
    # The keyboard opens the menu and Escape folds it again, back on the button.
    menu.focus()
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    main_menu = page.get_by_role("navigation", name=kk("Main"))
    assert main_menu.get_by_role("link", name=kk("Road maps")).is_visible()
    main_menu.get_by_role("link", name=kk("Road maps")).focus()
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('menu-button')")
    # The screenshots resize the window, which folds the menu again: take them last.
    page.keyboard.press("Enter")
    snap(page, "kk-low-vision-header-open")
    assert wider_than_a_phone(page) is None
    # One tap from the home page to the report form.
    quick.get_by_role("link", name=kk("Report a problem")).click()
    page.wait_for_url("**/kk/adaldyq-alany/")
    assert page.get_by_role("heading", level=1).is_visible()
