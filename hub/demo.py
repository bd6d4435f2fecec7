"""Demo content for the hub itself: the page tree in three languages, reports, one user per role.

Every function is idempotent: running ``seed_demo`` twice leaves the same data.
"""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Locale, Page, Site

from .info_pages import PAGES as INFO_PAGES
from .models import Department, HomePage, ReportIndexPage, ReportPage, StandardPage, User
from .roles import EDITORS, MODERATORS, OFFICERS

HOME = {
    "kk": ("Алматы ҮЕҰ хабы", "Алматы әкімдігі мен қаланың үкіметтік емес ұйымдары бірлесіп жұмыс істейтін ашық алаң."),
    "ru": (
        "Хаб НПО Алматы",
        "Открытая площадка, где акимат Алматы и некоммерческие организации города работают вместе.",
    ),
    "en": ("Almaty NGO Hub", "An open space where the Almaty akimat and the city's NGOs work together."),
}
ABOUT = {
    "kk": (
        "Хаб туралы",
        "Хаб ҮЕҰ тізілімін, жол карталарын, әкіммен кездесулерді және «Adaldyq alany» арнасын бір жерге жинайды.",
    ),
    "ru": (
        "О хабе",
        "Хаб собирает в одном месте реестр НПО, дорожные карты, встречи с акимом и канал «Adaldyq alany».",
    ),
    "en": (
        "About the hub",
        "The hub brings the NGO registry, road maps, meetings with the akim and the Adaldyq alany channel together.",
    ),
}
REPORTS_INDEX = {"kk": "Әкімдік есептері", "ru": "Отчёты акимата", "en": "Akimat reports"}
REPORTS = [
    {
        "slug": "air-quality-2024",
        "department": "ecology",
        "period": (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)),
        "kk": (
            "Ауа сапасы: 2024 жылғы есеп",
            "ЖЭО-2 газға көшірілді: қыста қала үстіндегі түтін азайды, 12 мың үй газға қосылды.",
        ),
        "ru": (
            "Качество воздуха: отчёт за 2024 год",
            "ТЭЦ-2 переведена на газ: зимой над городом стало меньше смога, 12 тысяч домов подключены к газу.",
        ),
        "en": (
            "Air quality: 2024 report",
            "Heat-and-power plant 2 switched to gas: less winter smog over the city, 12,000 homes connected to gas.",
        ),
    },
    {
        "slug": "youth-employment-2024",
        "department": "youth",
        "period": (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)),
        "kk": (
            "Жастарды жұмыспен қамту: 2024",
            "4 200 жас алғашқы жұмысын тапты, аудандарда 9 жастар орталығы ашылды.",
        ),
        "ru": (
            "Занятость молодёжи: 2024",
            "4 200 молодых людей нашли первую работу, в районах открыто 9 молодёжных центров.",
        ),
        "en": (
            "Youth employment: 2024",
            "4,200 young people found their first job; 9 youth centres opened in the districts.",
        ),
    },
    {
        "slug": "large-families-2025",
        "department": "social",
        "period": (datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)),
        "kk": (
            "Көпбалалы отбасыларға көмек: 2025 жылдың бірінші жартысы",
            "Көпбалалы 3 100 отбасы тұрғын үй кезегінде жеделдетілген тәртіппен пәтер алды.",
        ),
        "ru": (
            "Помощь многодетным семьям: первое полугодие 2025",
            "3 100 многодетных семей получили квартиры в ускоренном порядке из очереди на жильё.",
        ),
        "en": (
            "Help for large families: first half of 2025",
            "3,100 large families received flats from the housing queue on a fast track.",
        ),
    },
]


FIGURES = {
    "air-quality-2024": [("12 000", "homes connected to gas", "үйлер газға қосылды", "домов подключены к газу")],
    "youth-employment-2024": [("4 200", "first jobs", "алғашқы жұмыс орны", "первых рабочих мест")],
    "large-families-2025": [("3 100", "families received flats", "отбасы пәтер алды", "семей получили квартиры")],
}
TEXT = {
    "kk": "<p>Есепте басқарманың кезеңдегі жұмысы және тұрғындар сезінген өзгерістер сипатталған.</p>",
    "ru": "<p>В отчёте описана работа управления за период и изменения, которые почувствовали жители.</p>",
    "en": "<p>The report describes the department's work in the period and the changes residents felt.</p>",
}


def _info_fields(texts):
    title, summary, html = texts
    return {"title": title, "summary": summary, "body": [("text", html)]}


def _report_body(slug, code):
    figures = []
    for value, en, kk, ru in FIGURES.get(slug, []):
        figures.append({"value": value, "label": {"en": en, "kk": kk, "ru": ru}[code], "explanation": ""})
    return [("text", TEXT[code]), ("key_figures", figures)]


def seed(stdout=None, *, show_logins=False):
    with transaction.atomic():
        home = build_pages()
    users = seed_users()
    if stdout is not None:
        stdout.write(f"Pages ready under {home.url}.")
        if show_logins:
            for email, password, role in users:
                stdout.write(f"  {role:<24} {email} / {password}")


def _locale(code):
    return Locale.objects.get_or_create(language_code=code)[0]


def build_pages():
    """The home page, an about page, the report index and demo reports, in kk, ru and en."""
    home_kk = _home_page()
    for code in ("ru", "en"):
        _translate(home_kk, code, title=HOME[code][0], lead=HOME[code][1])
    about = _child(home_kk, StandardPage, "about", title=ABOUT["kk"][0], summary=ABOUT["kk"][1])
    index = _child(home_kk, ReportIndexPage, "reports", title=REPORTS_INDEX["kk"])
    for code in ("ru", "en"):
        _translate(about, code, title=ABOUT[code][0], summary=ABOUT[code][1])
        _translate(index, code, title=REPORTS_INDEX[code])
    for slug, texts in INFO_PAGES.items():
        info = _child(home_kk, StandardPage, slug, **_info_fields(texts["kk"]))
        for code in ("ru", "en"):
            _translate(info, code, **_info_fields(texts[code]))
    for report in REPORTS:
        department = Department.objects.get(slug=report["department"])
        start, end = report["period"]
        page = _child(
            index,
            ReportPage,
            report["slug"],
            title=report["kk"][0],
            summary=report["kk"][1],
            body=_report_body(report["slug"], "kk"),
            department=department,
            period_start=start,
            period_end=end,
        )
        for code in ("ru", "en"):
            _translate(
                page, code, title=report[code][0], summary=report[code][1], body=_report_body(report["slug"], code)
            )
    return home_kk


def _home_page():
    existing = HomePage.objects.filter(locale=_locale("kk")).first()
    if existing:
        return existing
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title=HOME["kk"][0], slug="home-kk", lead=HOME["kk"][1], locale=_locale("kk"))
    )
    site = Site.objects.filter(is_default_site=True).first()
    old_root = site.root_page if site else None
    if site:
        site.root_page = home
        site.site_name = "Almaty NGO Hub"
        site.save()
    else:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Almaty NGO Hub"
        )
    if old_root and old_root.specific_class is Page and old_root.pk != home.pk:
        old_root.delete()
    return home


def _child(parent, model, slug, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = parent.add_child(instance=model(slug=slug, locale=parent.locale, **fields))
    page.save_revision().publish()
    return page


def _translate(page, code, **fields):
    locale = _locale(code)
    existing = page.get_translation_or_none(locale)
    if existing:
        return existing
    translation = page.copy_for_translation(locale, copy_parents=True, alias=False)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


DEMO_USERS = [
    ("admin@demo.hub.kz", "Administrator", {"is_superuser": True, "is_staff": True}, None),
    ("editor@demo.hub.kz", "Akimat editor", {"is_staff": True}, EDITORS),
    ("officer@demo.hub.kz", "Anticorruption officer", {"is_staff": True}, OFFICERS),
    ("moderator@demo.hub.kz", "Moderator", {"is_staff": True}, MODERATORS),
    ("leader@demo.hub.kz", "NGO leader", {}, None),
    ("member@demo.hub.kz", "NGO member", {}, None),
]
DEMO_PASSWORD = "demo-hub-2026"


def seed_users():
    created = []
    for email, role, flags, group in DEMO_USERS:
        user = demo_user(email, **flags)
        if group:
            user.groups.add(Group.objects.get(name=group))
        created.append((email, DEMO_PASSWORD, role))
    return created


def demo_user(email, **flags):
    """A user with a verified email address, created once."""
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, **flags)
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user
