"""Almaty's districts and the akimat's responsible bodies, as first seeded.

Editors change them afterwards in the back office; this list only fills an empty database.
"""

DISTRICTS = [
    # slug, Kazakh, Russian, English
    ("alatau", "Алатау ауданы", "Алатауский район", "Alatau district"),
    ("almaly", "Алмалы ауданы", "Алмалинский район", "Almaly district"),
    ("auezov", "Әуезов ауданы", "Ауэзовский район", "Auezov district"),
    ("bostandyk", "Бостандық ауданы", "Бостандыкский район", "Bostandyk district"),
    ("zhetysu", "Жетісу ауданы", "Жетысуский район", "Zhetysu district"),
    ("medeu", "Медеу ауданы", "Медеуский район", "Medeu district"),
    ("nauryzbay", "Наурызбай ауданы", "Наурызбайский район", "Nauryzbay district"),
    ("turksib", "Түрксіб ауданы", "Турксибский район", "Turksib district"),
]

DEPARTMENTS = [
    (
        "ecology",
        "Экология және қоршаған орта басқармасы",
        "Управление экологии и окружающей среды",
        "Department of Ecology and Environment",
    ),
    (
        "health",
        "Қоғамдық денсаулық сақтау басқармасы",
        "Управление общественного здравоохранения",
        "Department of Public Health",
    ),
    ("education", "Білім басқармасы", "Управление образования", "Department of Education"),
    (
        "public-safety",
        "Қоғамдық қауіпсіздік басқармасы",
        "Управление общественной безопасности",
        "Department of Public Safety",
    ),
    ("housing", "Тұрғын үй саясаты басқармасы", "Управление жилищной политики", "Department of Housing Policy"),
    (
        "utilities",
        "Энергетика және сумен жабдықтау басқармасы",
        "Управление энергетики и водоснабжения",
        "Department of Energy and Water Supply",
    ),
    ("social", "Әлеуметтік қорғау басқармасы", "Управление социальной защиты", "Department of Social Protection"),
    ("youth", "Жастар саясаты басқармасы", "Управление молодёжной политики", "Department of Youth Policy"),
    (
        "internal-policy",
        "Қоғамдық даму басқармасы",
        "Управление общественного развития",
        "Department of Public Development",
    ),
    ("transport", "Мобильділік басқармасы", "Управление мобильности", "Department of Mobility"),
    (
        "landscaping",
        "Көгалдандыру және абаттандыру басқармасы",
        "Управление зеленой экономики и благоустройства",
        "Department of Green Economy and Landscaping",
    ),
    ("culture", "Мәдениет басқармасы", "Управление культуры", "Department of Culture"),
    ("sport", "Спорт басқармасы", "Управление спорта", "Department of Sport"),
    ("finance", "Қаржы басқармасы", "Управление финансов", "Department of Finance"),
    ("land", "Жер қатынастары басқармасы", "Управление земельных отношений", "Department of Land Relations"),
    ("construction", "Құрылыс басқармасы", "Управление строительства", "Department of Construction"),
    (
        "entrepreneurship",
        "Кәсіпкерлік және инвестициялар басқармасы",
        "Управление предпринимательства и инвестиций",
        "Department of Entrepreneurship and Investment",
    ),
    (
        "adaldyq-alany",
        "«Almaty – Adaldyq alany» жобалық кеңсесі",
        "Проектный офис «Almaty – Adaldyq alany»",
        "Almaty – Adaldyq alany project office",
    ),
]

RU_DISTRICT_GENITIVE = {
    "alatau": "Алатауского района",
    "almaly": "Алмалинского района",
    "auezov": "Ауэзовского района",
    "bostandyk": "Бостандыкского района",
    "zhetysu": "Жетысуского района",
    "medeu": "Медеуского района",
    "nauryzbay": "Наурызбайского района",
    "turksib": "Турксибского района",
}


def seed_reference_data(District, Department):
    """Create what is missing; never overwrite an editor's changes."""
    for slug, kk, ru, en in DISTRICTS:
        district, _created = District.objects.get_or_create(
            slug=slug, defaults={"name_kk": kk, "name_ru": ru, "name_en": en}
        )
        Department.objects.get_or_create(
            slug=f"akimat-{slug}",
            defaults={
                "kind": "district_akimat",
                "district": district,
                "name_kk": f"{kk} әкімдігі",
                "name_ru": f"Аппарат акима {RU_DISTRICT_GENITIVE[slug]}",
                "name_en": f"{en.replace(' district', '')} district akimat",
            },
        )
    for slug, kk, ru, en in DEPARTMENTS:
        Department.objects.get_or_create(
            slug=slug, defaults={"kind": "department", "name_kk": kk, "name_ru": ru, "name_en": en}
        )
