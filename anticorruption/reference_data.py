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

FIXED_HOLIDAYS = [
    # month, day, Kazakh, Russian, English
    (1, 1, "Жаңа жыл", "Новый год", "New Year"),
    (1, 2, "Жаңа жыл", "Новый год", "New Year"),
    (1, 7, "Православиелік Рождество", "Православное Рождество", "Orthodox Christmas"),
    (3, 8, "Халықаралық әйелдер күні", "Международный женский день", "International Women's Day"),
    (3, 21, "Наурыз мейрамы", "Наурыз мейрамы", "Nauryz"),
    (3, 22, "Наурыз мейрамы", "Наурыз мейрамы", "Nauryz"),
    (3, 23, "Наурыз мейрамы", "Наурыз мейрамы", "Nauryz"),
    (5, 1, "Қазақстан халқының бірлігі мерекесі", "Праздник единства народа Казахстана", "Unity Day"),
    (5, 7, "Отан қорғаушы күні", "День защитника Отечества", "Defender of the Fatherland Day"),
    (5, 9, "Жеңіс күні", "День Победы", "Victory Day"),
    (7, 6, "Астана күні", "День столицы", "Capital City Day"),
    (8, 30, "Конституция күні", "День Конституции", "Constitution Day"),
    (10, 25, "Республика күні", "День Республики", "Republic Day"),
    (12, 16, "Тәуелсіздік күні", "День Независимости", "Independence Day"),
]


def holidays(years):
    for year in years:
        for month, day, kk, ru, en in FIXED_HOLIDAYS:
            yield datetime.date(year, month, day), kk, ru, en


def seed_reference_data(Category, Holiday, Department, years=range(2024, 2029)):
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
    for date, kk, ru, en in holidays(years):
        Holiday.objects.get_or_create(date=date, defaults={"name_kk": kk, "name_ru": ru, "name_en": en})
