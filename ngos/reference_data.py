"""Fields of activity and target groups as first seeded; editors change them afterwards."""

FIELDS_OF_ACTIVITY = [
    # slug, Kazakh, Russian, English
    ("ecology", "Экология", "Экология", "Ecology"),
    ("health-care", "Денсаулық сақтау", "Здравоохранение", "Health care"),
    ("education", "Білім беру", "Образование", "Education"),
    ("youth", "Жастар саясаты", "Молодёжная политика", "Youth"),
    ("childrens-rights", "Бала құқықтары", "Права детей", "Children's rights"),
    ("social-protection", "Әлеуметтік қорғау", "Социальная защита", "Social protection"),
    ("disability", "Мүгедектігі бар адамдар", "Люди с инвалидностью", "Disability"),
    ("culture", "Мәдениет", "Культура", "Culture"),
    ("sport", "Спорт", "Спорт", "Sport"),
    ("human-rights", "Адам құқықтары", "Права человека", "Human rights"),
    ("anticorruption", "Сыбайлас жемқорлыққа қарсы іс-қимыл", "Противодействие коррупции", "Anticorruption"),
    ("religion", "Дін", "Религия", "Religion"),
    ("housing-ksk", "Тұрғын үй және ПИК", "Жильё и КСК", "Housing and KSK"),
    ("local-self-government", "Жергілікті өзін-өзі басқару", "Местное самоуправление", "Local self-government"),
    ("gender-equality", "Гендерлік теңдік", "Гендерное равенство", "Gender equality"),
    ("animal-welfare", "Жануарларды қорғау", "Защита животных", "Animal welfare"),
    ("urban-environment", "Қалалық орта", "Городская среда", "Urban environment"),
    ("volunteering", "Волонтерлік", "Волонтёрство", "Volunteering"),
]

TARGET_GROUPS = [
    ("youth", "Жастар", "Молодёжь", "Youth"),
    ("children", "Балалар", "Дети", "Children"),
    ("orphans", "Жетім балалар", "Дети-сироты", "Orphans"),
    ("older-people", "Егде жастағы адамдар", "Пожилые люди", "Older people"),
    ("people-with-disabilities", "Мүгедектігі бар адамдар", "Люди с инвалидностью", "People with disabilities"),
    ("large-families", "Көпбалалы отбасылар", "Многодетные семьи", "Large families"),
    ("women", "Әйелдер", "Женщины", "Women"),
    ("veterans", "Ардагерлер", "Ветераны", "Veterans"),
    ("migrants", "Көшіп-қонушылар мен қандастар", "Мигранты и кандасы", "Migrants and returnees"),
    ("low-income", "Аз қамтылған отбасылар", "Малообеспеченные семьи", "Low-income families"),
    ("residents", "Қала тұрғындары", "Жители города", "City residents"),
]


def seed_reference_data(FieldOfActivity, TargetGroup):
    for position, (slug, kk, ru, en) in enumerate(FIELDS_OF_ACTIVITY, start=1):
        FieldOfActivity.objects.get_or_create(
            slug=slug, defaults={"name_kk": kk, "name_ru": ru, "name_en": en, "position": position * 10}
        )
    for position, (slug, kk, ru, en) in enumerate(TARGET_GROUPS, start=1):
        TargetGroup.objects.get_or_create(
            slug=slug, defaults={"name_kk": kk, "name_ru": ru, "name_en": en, "position": position * 10}
        )
