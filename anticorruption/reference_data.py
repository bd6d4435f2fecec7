"""Categories and public holidays as first seeded; editors change them in the back office afterwards."""

import datetime

CATEGORIES = [
    # slug, default body (hub.Department slug), Kazakh, Russian, English
    ("state-services", "adaldyq-alany", "Мемлекеттік қызметтер", "Государственные услуги", "State services"),
    ("land", "land", "Жер қатынастары", "Земельные отношения", "Land"),
    ("construction", "construction", "Құрылыс", "Строительство", "Construction"),
    (
        "housing-utilities",
        "utilities",
        "Тұрғын үй-коммуналдық шаруашылық",
        "Жилищно-коммунальное хозяйство",
        "Housing and utilities",
    ),
    ("education", "education", "Білім беру", "Образование", "Education"),
    ("health", "health", "Денсаулық сақтау", "Здравоохранение", "Health care"),
    (
        "police",
        "public-safety",
        "Полиция және қоғамдық тәртіп",
        "Полиция и общественный порядок",
        "Police and public order",
    ),
    ("procurement", "finance", "Мемлекеттік сатып алу", "Государственные закупки", "Public procurement"),
    ("transport", "transport", "Көлік", "Транспорт", "Transport"),
    ("other", "adaldyq-alany", "Басқа", "Другое", "Other"),
]

# The government's transfer decrees ("О переносе дней отдыха"): a weekend day becomes a working day and a
# weekday becomes a day off. Public holidays themselves, and the days off that follow a holiday falling on
# a weekend (Labour Code, art. 85), come from the ``holidays`` package; these rows restate the decrees so
# that editors see them and can add next year's beside them. 2026 had no transfer decree.
# date, kind, Kazakh, Russian, English, decree
TRANSFER_DECREES = [
    (
        "2024-05-04",
        "working_day",
        "Жұмыс күні (демалыс 8 мамырға ауыстырылды)",
        "Рабочий день (выходной перенесён на 8 мая)",
        "Working day (day off moved to 8 May)",
        "Приказ МТСЗН РК о переносе дня отдыха в 2024 году (G24G0000109)",
    ),
    (
        "2024-05-08",
        "day_off",
        "Демалыс күні (4 мамырдан ауыстырылды)",
        "Выходной день (перенесён с 4 мая)",
        "Day off (moved from 4 May)",
        "Приказ МТСЗН РК о переносе дня отдыха в 2024 году (G24G0000109)",
    ),
    (
        "2025-01-03",
        "day_off",
        "Демалыс күні (5 қаңтардан ауыстырылды)",
        "Выходной день (перенесён с 5 января)",
        "Day off (moved from 5 January)",
        "Приказ МТСЗН РК о переносе дня отдыха в 2025 году (G24G0000436)",
    ),
    (
        "2025-01-05",
        "working_day",
        "Жұмыс күні (демалыс 3 қаңтарға ауыстырылды)",
        "Рабочий день (выходной перенесён на 3 января)",
        "Working day (day off moved to 3 January)",
        "Приказ МТСЗН РК о переносе дня отдыха в 2025 году (G24G0000436)",
    ),
]


def seed_transfer_decrees(Holiday):
    for day, kind, kk, ru, en, decree in TRANSFER_DECREES:
        Holiday.objects.update_or_create(
            date=datetime.date.fromisoformat(day),
            defaults={"kind": kind, "name_kk": kk, "name_ru": ru, "name_en": en, "decree": decree},
        )


def seed_reference_data(Category, Department):
    for order, (slug, department, kk, ru, en) in enumerate(CATEGORIES):
        body = Department.objects.filter(slug=department).first() or Department.objects.order_by("pk").first()
        if body is None:
            continue
        Category.objects.get_or_create(
            slug=slug,
            defaults={
                "name_kk": kk,
                "name_ru": ru,
                "name_en": en,
                "default_department": body,
                "sort_order": order * 10,
            },
        )
