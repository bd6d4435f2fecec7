"""Journeys through the foundation: languages, the low-vision version, sign-up, and an accessibility audit."""

import re

import pytest
from django.core import mail

from hub import demo

from .conftest import axe_violations, snap

PASSWORD = "correct-horse-battery-9"
FOUNDATION_PAGES = ["", "reports/", "reports/air-quality-2024/", "about/", "accounts/login/", "accounts/signup/"]


@pytest.fixture
def pages(transactional_db):
    return demo.build_pages()


def test_visitor_switches_to_kazakh_and_low_vision_and_still_reads_the_site(page, pages):
    page.goto("/en/reports/")
    page.get_by_role("link", name="Қазақша").click()
    page.wait_for_url("**/kk/reports/")
    assert page.locator("html").get_attribute("lang") == "kk"
    assert page.get_by_role("heading", level=1).inner_text() == "Әкімдік есептері"

    page.get_by_role("link", name="Нашар көретіндерге арналған нұсқа").click()
    page.wait_for_url("**/kk/reports/")
    assert "low-vision" in page.locator("html").get_attribute("class")
    font_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert font_size >= 20
    page.get_by_role("link", name="Ауа сапасы: 2024 жылғы есеп").click()
    assert page.get_by_text("Тұрғындар үшін не өзгерді").is_visible()
    snap(page, "foundation-report-kk-low-vision")

    page.get_by_role("link", name="Қалыпты нұсқа").click()
    assert "low-vision" not in (page.locator("html").get_attribute("class") or "")


def test_new_user_signs_up_confirms_email_and_signs_in(page, pages):
    page.goto("/ru/accounts/signup/")
    snap(page, "foundation-signup-ru")
    page.get_by_label("Адрес электронной почты").fill("aliya@example.kz")
    page.get_by_label("Пароль *", exact=True).fill(PASSWORD)
    page.get_by_label("Пароль ещё раз").fill(PASSWORD)
    page.get_by_label("Я принимаю условия использования", exact=False).check()
    page.get_by_role("button", name="Создать учётную запись").click()
    page.wait_for_url("**/ru/accounts/confirm-email/")

    link = re.search(r"http://[^/]+(/\S+)", mail.outbox[-1].body).group(1)
    page.goto(link)
    with page.expect_navigation():
        page.get_by_role("button", name="Подтвердить").click()

    page.goto("/ru/accounts/login/")
    page.get_by_label("Адрес электронной почты").fill("aliya@example.kz")
    page.get_by_label("Пароль").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Войти").click()
    page.goto("/ru/accounts/")
    assert page.get_by_role("heading", name="Личный кабинет").is_visible()
    snap(page, "foundation-account-ru")


def test_sign_in_form_works_with_the_keyboard_alone(page, pages):
    demo.demo_user("keys@example.kz")
    page.goto("/en/accounts/login/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    page.get_by_label("Email address").focus()
    page.keyboard.type("keys@example.kz")
    page.keyboard.press("Tab")
    page.keyboard.type(demo.DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.goto("/en/accounts/")
    assert page.get_by_role("heading", name="My account").is_visible()


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("low_vision", [False, True], ids=["standard", "low-vision"])
@pytest.mark.parametrize("path", ["", "reports/", "reports/air-quality-2024/", "accounts/login/", "accounts/signup/"])
def test_foundation_pages_have_no_serious_accessibility_violations(
    page, pages, live_server, language, low_vision, path
):
    if low_vision:
        page.context.add_cookies([{"name": "low_vision", "value": "1", "url": live_server.url}])
    page.goto(f"/{language}/{path}")
    assert axe_violations(page) == []
