"""Demo registry: realistic Almaty organisations across fields and districts, initiatives in every status, news.

Idempotent: organisations are keyed by BIN, initiatives by (organisation, Russian title), news by
(organisation, title in its original language).
"""

import datetime

from django.db import transaction
from django.utils import timezone

from hub.demo import demo_user
from hub.models import Department, District

from .models import (
    FieldOfActivity,
    Initiative,
    InitiativeTransition,
    Membership,
    NewsPost,
    Organisation,
    OrganisationStatusChange,
    TargetGroup,
)
from .services import activity_record, initiative_support, unique_slug
from .text import latin_slug
from .validators import bin_check_digit

PF, PA, ALE, INST = "public_foundation", "public_association", "association_of_legal_entities", "institution"
# (kk name, ru name, en name, short, legal form, fields, target groups, districts or "city", founded, description)
ORGANISATIONS = [
    (
        "«Таза Алматы» экологиялық қоры",
        "Экологический фонд «Таза Алматы»",
        "Taza Almaty Ecological Foundation",
        "Таза Алматы",
        PF,
        ["ecology", "urban-environment"],
        ["residents"],
        "city",
        2012,
        "Мониторинг качества воздуха, посадка деревьев, кампании за перевод ТЭЦ-2 на газ.",
    ),
    (
        "«Жасыл ел» жастар экологиялық қозғалысы",
        "Молодёжное экологическое движение «Жасыл ел»",
        "Zhasyl El Youth Eco Movement",
        "Жасыл ел",
        PA,
        ["ecology", "youth", "volunteering"],
        ["youth"],
        ["medeu", "bostandyk"],
        2016,
        "Субботники в предгорьях, раздельный сбор отходов в школах.",
    ),
    (
        "«Мейірім» мүгедектігі бар балаларға көмек қоры",
        "Фонд помощи детям с инвалидностью «Мейірім»",
        "Meyirim Foundation for Children with Disabilities",
        "Мейірім",
        PF,
        ["disability", "childrens-rights"],
        ["children", "people-with-disabilities"],
        ["auezov", "alatau"],
        2009,
        "Реабилитация, инклюзивные кружки, консультации для родителей.",
    ),
    (
        "«Көпбалалы ана» қоғамдық бірлестігі",
        "Общественное объединение «Многодетная мать»",
        "Large Families Association",
        "Көпбалалы ана",
        PA,
        ["social-protection"],
        ["large-families", "women"],
        ["nauryzbay", "alatau", "turksib"],
        2014,
        "Юридическая помощь многодетным семьям, очередь на жильё, школьные наборы.",
    ),
    (
        "«Болашақ» жастар орталығы",
        "Молодёжный центр «Болашак»",
        "Bolashak Youth Centre",
        "Болашақ",
        INST,
        ["youth", "education"],
        ["youth"],
        ["almaly"],
        2018,
        "Профориентация, первая работа, досуг для подростков.",
    ),
    (
        "«Қамқор» қарттарға көмек қоры",
        "Фонд помощи пожилым «Камкор»",
        "Kamkor Foundation for Older People",
        "Қамқор",
        PF,
        ["social-protection", "health-care"],
        ["older-people"],
        ["zhetysu", "turksib"],
        2011,
        "Патронаж одиноких пожилых людей, доставка лекарств.",
    ),
    (
        "Алматы ПИК-тері қауымдастығы",
        "Ассоциация КСК Алматы",
        "Almaty Housing Cooperatives Association",
        "АКСК",
        ALE,
        ["housing-ksk", "local-self-government"],
        ["residents"],
        "city",
        2010,
        "Обучение председателей КСК, прозрачность тарифов, капитальный ремонт.",
    ),
    (
        "«Адал азамат» сыбайлас жемқорлыққа қарсы орталығы",
        "Антикоррупционный центр «Адал азамат»",
        "Adal Azamat Anticorruption Centre",
        "Адал азамат",
        PF,
        ["anticorruption", "human-rights"],
        ["residents"],
        "city",
        2017,
        "Общественный мониторинг госзакупок и бюджета города.",
    ),
    (
        "«Жетім бала» балалар құқықтарын қорғау қоры",
        "Фонд защиты прав детей-сирот «Жетім бала»",
        "Orphans' Rights Foundation",
        "Жетім бала",
        PF,
        ["childrens-rights", "education"],
        ["orphans", "children"],
        ["bostandyk", "auezov"],
        2008,
        "Наставничество выпускников детских домов, жильё для сирот.",
    ),
    (
        "«Тең құқық» гендерлік теңдік орталығы",
        "Центр гендерного равенства «Тең құқық»",
        "Ten Kukyk Gender Equality Centre",
        "Тең құқық",
        PA,
        ["gender-equality", "human-rights"],
        ["women"],
        ["almaly", "medeu"],
        2015,
        "Кризисный центр, правовые консультации, тренинги.",
    ),
    (
        "«Денсаулық» пациенттер құқығы бірлестігі",
        "Объединение защиты прав пациентов «Денсаулык»",
        "Densaulyk Patients' Rights Association",
        "Денсаулық",
        PA,
        ["health-care", "human-rights"],
        ["residents", "older-people"],
        "city",
        2013,
        "Горячая линия для пациентов, мониторинг поликлиник.",
    ),
    (
        "«Спорт бәріне» қоғамдық қоры",
        "Общественный фонд «Спорт для всех»",
        "Sport for All Foundation",
        "Спорт бәріне",
        PF,
        ["sport", "youth"],
        ["youth", "children"],
        ["turksib", "zhetysu"],
        2019,
        "Бесплатные дворовые секции, турниры между районами.",
    ),
    (
        "«Мұра» мәдени мұра қоры",
        "Фонд культурного наследия «Мура»",
        "Mura Cultural Heritage Foundation",
        "Мұра",
        PF,
        ["culture", "education"],
        ["residents", "youth"],
        ["medeu", "almaly"],
        2007,
        "Экскурсии по старому Алматы, сохранение исторических зданий.",
    ),
    (
        "«Иманды жастар» діни бірлестігі",
        "Религиозное объединение «Иманды жастар»",
        "Imandy Zhastar Religious Association",
        "Иманды жастар",
        "religious_association",
        ["religion", "youth"],
        ["youth"],
        ["alatau"],
        2016,
        "Профилактика радикализма, благотворительные обеды.",
    ),
    (
        "«Қала — біздің үй» урбанистер бірлестігі",
        "Объединение урбанистов «Город — наш дом»",
        "City Is Our Home Urbanists",
        "Қала біздің үй",
        PA,
        ["urban-environment", "local-self-government"],
        ["residents"],
        "city",
        2020,
        "Общественные обсуждения благоустройства, доступная среда.",
    ),
    (
        "«Қолдау» еріктілер орталығы",
        "Волонтёрский центр «Колдау»",
        "Koldau Volunteer Centre",
        "Қолдау",
        PF,
        ["volunteering", "social-protection"],
        ["low-income", "older-people"],
        ["auezov", "bostandyk", "almaly"],
        2015,
        "Продуктовые наборы, помощь при ЧС, школа волонтёров.",
    ),
    (
        "«Мейірбан жүрек» жануарларды қорғау қоры",
        "Фонд защиты животных «Доброе сердце»",
        "Kind Heart Animal Welfare Foundation",
        "Мейірбан жүрек",
        PF,
        ["animal-welfare"],
        ["residents"],
        ["nauryzbay"],
        2018,
        "Приют для бездомных животных, стерилизация, просвещение.",
    ),
    (
        "«Ашық бюджет» азаматтық бастамасы",
        "Гражданская инициатива «Открытый бюджет»",
        "Open Budget Initiative",
        "Ашық бюджет",
        PA,
        ["anticorruption", "local-self-government"],
        ["residents"],
        "city",
        2021,
        "Разбор бюджета города простым языком, бюджет участия.",
    ),
    (
        "«Кандас» көшіп-қонушыларға көмек қоры",
        "Фонд помощи кандасам «Кандас»",
        "Kandas Returnees Support Foundation",
        "Кандас",
        PF,
        ["social-protection", "education"],
        ["migrants", "large-families"],
        ["alatau", "nauryzbay"],
        2012,
        "Курсы языка, помощь с документами и трудоустройством.",
    ),
    (
        "«Ардагер» ардагерлер кеңесі",
        "Совет ветеранов «Ардагер»",
        "Ardager Veterans' Council",
        "Ардагер",
        PA,
        ["social-protection", "culture"],
        ["veterans", "older-people"],
        ["zhetysu"],
        2005,
        "Патриотическое воспитание, помощь ветеранам.",
    ),
    (
        "«Білім әлемі» білім беру қоры",
        "Образовательный фонд «Мир знаний»",
        "World of Knowledge Education Foundation",
        "Білім әлемі",
        PF,
        ["education", "childrens-rights"],
        ["children", "low-income"],
        ["turksib", "auezov"],
        2014,
        "Бесплатные кружки робототехники, подготовка к ЕНТ.",
    ),
    (
        "«Инклюзия» мүгедектігі бар адамдар қауымдастығы",
        "Ассоциация людей с инвалидностью «Инклюзия»",
        "Inclusion Association",
        "Инклюзия",
        ALE,
        ["disability", "urban-environment"],
        ["people-with-disabilities"],
        "city",
        2010,
        "Аудит доступности остановок и зданий, трудоустройство.",
    ),
    (
        "«Таза ауа» азаматтық мониторинг желісі",
        "Сеть гражданского мониторинга «Таза ауа»",
        "Taza Aua Civic Monitoring Network",
        "Таза ауа",
        PA,
        ["ecology", "health-care"],
        ["residents", "children"],
        ["bostandyk", "almaly", "auezov"],
        2019,
        "Сеть датчиков качества воздуха, открытые данные.",
    ),
    (
        "«Жас отбасы» қоры",
        "Фонд «Молодая семья»",
        "Young Family Foundation",
        "Жас отбасы",
        PF,
        ["social-protection", "housing-ksk"],
        ["large-families", "youth"],
        ["medeu", "nauryzbay"],
        2017,
        "Консультации по жилищным программам, семейный клуб.",
    ),
    (
        "«Құқық» заң көмегі орталығы",
        "Центр правовой помощи «Кукык»",
        "Kukyk Legal Aid Centre",
        "Құқық",
        INST,
        ["human-rights"],
        ["low-income", "migrants"],
        "city",
        2006,
        "Бесплатные юридические консультации.",
    ),
    (
        "«Өнер» балалар шығармашылық орталығы",
        "Детский творческий центр «Онер»",
        "Oner Children's Arts Centre",
        "Өнер",
        INST,
        ["culture", "childrens-rights"],
        ["children"],
        ["almaly", "zhetysu"],
        2013,
        "Театральная студия, выставки детского творчества.",
    ),
    (
        "«Саулық» салауатты өмір салты қоры",
        "Фонд здорового образа жизни «Саулык»",
        "Saulyk Healthy Living Foundation",
        "Саулық",
        PF,
        ["health-care", "sport"],
        ["youth", "older-people"],
        ["turksib"],
        2016,
        "Скрининги, лекции о профилактике, скандинавская ходьба.",
    ),
    (
        "«Көрші» аудандық өзін-өзі басқару кеңесі",
        "Районный совет самоуправления «Корши»",
        "Korshi Neighbourhood Council",
        "Көрші",
        PA,
        ["local-self-government", "housing-ksk"],
        ["residents"],
        ["auezov"],
        2022,
        "Сходы жителей, контроль за благоустройством дворов.",
    ),
    (
        "«Әйел және бизнес» қауымдастығы",
        "Ассоциация «Женщины и бизнес»",
        "Women in Business Association",
        "Әйел және бизнес",
        ALE,
        ["gender-equality", "education"],
        ["women"],
        "city",
        2011,
        "Наставничество, микрогранты для предпринимательниц.",
    ),
    (
        "«Үміт» онкологиялық науқастарды қолдау қоры",
        "Фонд поддержки онкобольных «Умит»",
        "Umit Cancer Support Foundation",
        "Үміт",
        PF,
        ["health-care", "social-protection"],
        ["residents"],
        "city",
        2009,
        "Психологическая поддержка, сбор средств на лечение.",
    ),
]
STATUS_OF = {
    14: Organisation.Status.AWAITING_VERIFICATION,
    16: Organisation.Status.AWAITING_VERIFICATION,
    19: Organisation.Status.DRAFT,
    24: Organisation.Status.REJECTED,
    28: Organisation.Status.ARCHIVED,
}
# Descriptions are written in Russian; some organisations added Kazakh (and English) versions, so
# the demo shows both a translation and the "орысша" marker on the Russian-only ones.
DESCRIPTION_TRANSLATIONS = {
    0: (
        "Ауа сапасын бақылау, ағаш отырғызу, ЖЭО-2-ні газға көшіру үшін науқандар.",
        "Air quality monitoring, tree planting, campaigns to switch heat plant 2 to gas.",
    ),
    1: ("Тау бөктеріндегі сенбіліктер, мектептерде қалдықтарды бөлек жинау.", ""),
}

S = Initiative.Status
# (organisation index, title, status, field, district or None, department slug or None, answer, asks)
INITIATIVES = [
    (
        0,
        "Посадить 5 000 деревьев вдоль проспекта Рыскулова",
        S.IN_PROGRESS,
        "ecology",
        "turksib",
        "ecology",
        "Поддержано: саженцы и полив обеспечит управление экологии, посадка весной.",
        ["partnership"],
    ),
    (
        0,
        "Открытая карта качества воздуха на сайте акимата",
        S.IMPLEMENTED,
        "ecology",
        None,
        "ecology",
        "Карта опубликована, данные датчиков НПО обновляются каждый час.",
        ["information"],
    ),
    (
        1,
        "Раздельный сбор отходов в школах Медеуского района",
        S.UNDER_REVIEW,
        "ecology",
        "medeu",
        "education",
        "",
        ["partnership", "cofunding"],
    ),
    (
        2,
        "Инклюзивная площадка в парке Ауэзовского района",
        S.ACCEPTED,
        "disability",
        "auezov",
        "akimat-auezov",
        "Принято: площадка включена в план благоустройства на следующий год.",
        ["cofunding"],
    ),
    (
        3,
        "Приоритет многодетным семьям в очереди на арендное жильё",
        S.DECLINED,
        "social-protection",
        None,
        "social",
        "Отклонено: порядок очереди установлен законом; предложено участие в городской программе аренды.",
        [],
    ),
    (
        4,
        "Молодёжный коворкинг в здании бывшей библиотеки",
        S.NEEDS_CHANGES,
        "youth",
        "almaly",
        "youth",
        "Нужно уточнить расчёт расходов на содержание и график работы.",
        ["premises"],
    ),
    (
        5,
        "Доставка лекарств одиноким пожилым людям",
        S.SUBMITTED,
        "social-protection",
        "zhetysu",
        None,
        "",
        ["partnership"],
    ),
    (
        6,
        "Обучение председателей КСК по энергосбережению",
        S.ACCEPTED,
        "housing-ksk",
        None,
        "housing",
        "Поддержано: управление организует 4 семинара в год.",
        ["premises", "information"],
    ),
    (
        7,
        "Публикация всех договоров госзакупок акимата в открытом формате",
        S.UNDER_REVIEW,
        "anticorruption",
        None,
        "finance",
        "",
        ["information"],
    ),
    (9, "Кризисная комната для женщин в каждом районе", S.DRAFT, "gender-equality", None, None, "", ["premises"]),
    (11, "Бесплатные дворовые спортивные секции", S.SUBMITTED, "sport", "turksib", None, "", ["premises", "cofunding"]),
    (0, "Зелёный пояс вокруг ТЭЦ-2", S.DRAFT, "ecology", "auezov", None, "", ["partnership"]),
    (
        8,
        "Социальное жильё для выпускников детских домов",
        S.IN_PROGRESS,
        "childrens-rights",
        None,
        "housing",
        "Поддержано: 40 квартир выделено из коммунального фонда, заселение по графику.",
        ["partnership"],
    ),
    (
        10,
        "Электронная очередь в городских поликлиниках",
        S.IMPLEMENTED,
        "health-care",
        None,
        "health",
        "Реализовано: запись через портал работает во всех поликлиниках города.",
        ["information"],
    ),
    (
        12,
        "Охранные таблички на исторических зданиях Медеу",
        S.NEEDS_CHANGES,
        "culture",
        "medeu",
        "culture",
        "Уточните перечень зданий и согласуйте тексты с управлением культуры.",
        ["information"],
    ),
    (
        13,
        "Молельная комната в молодёжном центре",
        S.DECLINED,
        "religion",
        "alatau",
        "youth",
        "Отклонено: молодёжные центры светские; предложены помещения для благотворительных обедов.",
        ["premises"],
    ),
    (
        15,
        "Совет жителей по благоустройству каждого микрорайона",
        S.SUBMITTED,
        "local-self-government",
        None,
        None,
        "",
        ["partnership"],
    ),
    (
        17,
        "Публичный отчёт о бюджете города простым языком",
        S.ACCEPTED,
        "anticorruption",
        None,
        "finance",
        "Принято: отчёт будет публиковаться ежеквартально вместе с НПО.",
        ["information", "partnership"],
    ),
    (
        18,
        "Языковые курсы для кандасов в вечернее время",
        S.UNDER_REVIEW,
        "education",
        "nauryzbay",
        "education",
        "",
        ["premises"],
    ),
    (20, "Робототехника в школах Турксиба", S.DRAFT, "education", "turksib", None, "", ["cofunding"]),
]


def _bin(index):
    number = 100_000_000_000 + index * 7919
    while bin_check_digit(str(number)[:11]) is None:
        number += 1
    prefix = str(number)[:11]
    return prefix + str(bin_check_digit(prefix))


def seed(stdout=None):
    with transaction.atomic():
        leader = demo_user("leader@demo.hub.kz")
        member = demo_user("member@demo.hub.kz")
        moderator = demo_user("moderator@demo.hub.kz")
        organisations = [_organisation(index, row) for index, row in enumerate(ORGANISATIONS)]
        lead_org = organisations[0]
        Membership.objects.get_or_create(organisation=lead_org, user=leader, defaults={"role": Membership.Role.LEADER})
        Membership.objects.get_or_create(organisation=lead_org, user=member, defaults={"role": Membership.Role.MEMBER})
        for organisation in organisations[1:]:
            if not organisation.memberships.exists():
                contact = demo_user(f"leader+{organisation.slug[:30]}@demo.hub.kz")
                Membership.objects.create(organisation=organisation, user=contact, role=Membership.Role.LEADER)
        created = sum(_initiative(organisations, row, moderator) for row in INITIATIVES)
        _supporters()
        news = sum(_news_post(organisations, leader, row) for row in NEWS)
    if stdout is not None:
        stdout.write(f"NGO registry: {len(organisations)} organisations, {created} new initiatives, {news} news posts.")


def _email(name):
    """An address the registry import accepts: no empty or hyphen-ended domain label."""
    return f"info@{latin_slug(name, max_length=20)}.kz"


def _organisation(index, row):
    kk, ru, en, short, form, fields, groups, districts, founded, description = row
    bin_ = _bin(index)
    existing = Organisation.objects.filter(bin=bin_).first()
    if existing:
        if existing.email != _email(en or ru):
            # Demo rows seeded before the address was fixed could not be re-imported from an export.
            Organisation.objects.filter(pk=existing.pk).update(email=_email(en or ru))
        return existing
    status = STATUS_OF.get(index, Organisation.Status.VERIFIED)
    organisation = Organisation(
        slug=unique_slug(en or ru),
        name_kk=kk,
        name_ru=ru,
        name_en=en,
        short_name=short,
        legal_form=form,
        bin=bin_,
        founding_year=founded,
        registration_date=datetime.date(founded, 3, 1 + index % 27),
        original_language="ru",
        description_ru=description,
        description_kk=DESCRIPTION_TRANSLATIONS.get(index, ("", ""))[0],
        description_en=DESCRIPTION_TRANSLATIONS.get(index, ("", ""))[1],
        email=_email(en or ru),
        phone=f"+7 727 {300 + index:03d} {10 + index:02d} {20 + index:02d}",
        address=f"Алматы, ул. Абая, {10 + index * 3}",
        city_wide=districts == "city",
        staff_count=3 + index % 12,
        volunteer_count=10 * (1 + index % 9),
        status=status,
        verified_at=timezone.now() - datetime.timedelta(days=30 * (index + 1)) if status != "draft" else None,
        rejection_reason="Не совпадает БИН с выпиской из реестра юридических лиц." if status == "rejected" else "",
    )
    organisation.search_text = organisation.build_search_text()
    organisation.save()
    organisation.fields.set(FieldOfActivity.objects.filter(slug__in=fields))
    organisation.target_groups.set(TargetGroup.objects.filter(slug__in=groups))
    if districts != "city":
        organisation.districts.set(District.objects.filter(slug__in=districts))
    OrganisationStatusChange.objects.create(organisation=organisation, from_status="", to_status=status)
    if status == "verified" and index % 3 != 2:
        activity_record(
            organisation=organisation,
            kind="profile",
            occurred_at=timezone.now() - datetime.timedelta(days=20 * (index + 1)),
            description="Профиль обновлён",
        )
    return organisation


# Kazakh versions of some initiatives (title, problem, proposal, expected result), keyed by the Russian title.
INITIATIVE_TRANSLATIONS = {
    "Открытая карта качества воздуха на сайте акимата": (
        "Әкімдік сайтындағы ауа сапасының ашық картасы",
        "Аудан тұрғындары бізге бұл мәселемен бірнеше жыл бойы жүгінеді; әлі шешімі жоқ.",
        "Ұсынамыз: ҮЕҰ датчиктерінің деректерін әкімдік сайтындағы ашық картада жариялау.",
        "Бір жыл ішінде тұрғындар үшін өлшенетін нәтиже, хаб сайтында есеп.",
    ),
    "Раздельный сбор отходов в школах Медеуского района": (
        "Медеу ауданының мектептерінде қалдықтарды бөлек жинау",
        "Аудан тұрғындары бізге бұл мәселемен бірнеше жыл бойы жүгінеді; әлі шешімі жоқ.",
        "Ұсынамыз: мектептерде қалдықтарды бөлек жинау. "
        "Ұйым еріктілер мен тұрғындарды хабардар етуді өз мойнына алады.",
        "Бір жыл ішінде тұрғындар үшін өлшенетін нәтиже, хаб сайтында есеп.",
    ),
}

PATH = [S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW]


def _initiative(organisations, row, moderator):
    index, title, status, field, district, department, answer, asks = row
    organisation = organisations[index]
    if organisation.initiatives.filter(title_ru=title).exists():
        return 0
    submitted = None if status == S.DRAFT else timezone.now() - datetime.timedelta(days=40 - index)
    kk = INITIATIVE_TRANSLATIONS.get(title, ("", "", "", ""))
    initiative = Initiative.objects.create(
        organisation=organisation,
        original_language="ru",
        title_ru=title,
        problem_ru="Жители района обращаются к нам с этой проблемой уже несколько лет; решения пока нет.",
        proposal_ru=f"Предлагаем: {title.lower()}. Организация берёт на себя волонтёров и информирование жителей.",
        expected_result_ru="Измеримый результат для жителей в течение года, отчёт на сайте хаба.",
        title_kk=kk[0],
        problem_kk=kk[1],
        proposal_kk=kk[2],
        expected_result_kk=kk[3],
        field=FieldOfActivity.objects.get(slug=field),
        district=District.objects.filter(slug=district).first() if district else None,
        department=Department.objects.filter(slug=department).first() if department else None,
        asks=asks,
        status=status,
        submitted_at=submitted,
        official_answer=answer,
        answered_at=submitted + datetime.timedelta(days=10) if answer else None,
    )
    steps = _steps_to(status)
    for previous, current in zip([""] + steps[:-1], steps, strict=True):
        InitiativeTransition.objects.create(
            initiative=initiative,
            actor=moderator if current not in (S.DRAFT, S.SUBMITTED) else None,
            from_status=previous,
            to_status=current,
            comment=answer if current == status and answer else "",
        )
    return 1


SUPPORTERS = 40


def _supporters():
    """Residents who supported the public initiatives: between 3 and 39 each, varied."""
    from hub.models import User

    emails = [f"resident{n}@demo.hub.kz" for n in range(1, SUPPORTERS + 1)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    # Accounts without a password: they exist only to have supported something.
    User.objects.bulk_create([User(email=email, password="!") for email in emails if email not in existing])
    residents = list(User.objects.filter(email__in=emails).order_by("pk"))
    initiatives = Initiative.objects.public().order_by("submitted_at", "pk")
    for rank, initiative in enumerate(initiatives):
        if initiative.supports.exists():
            continue
        count = 3 + (rank * 7) % (SUPPORTERS - 3)
        for resident in residents[:count]:
            initiative_support(user=resident, initiative=initiative)


def _steps_to(status):
    if status in PATH:
        return PATH[: PATH.index(status) + 1]
    if status in (S.ACCEPTED, S.NEEDS_CHANGES, S.DECLINED):
        return [*PATH, status]
    if status == S.IN_PROGRESS:
        return [*PATH, S.ACCEPTED, S.IN_PROGRESS]
    return [*PATH, S.ACCEPTED, S.IN_PROGRESS, S.IMPLEMENTED]


# (organisation index, days ago, original language, {language: (title, text)}): the demo leader's
# organisation writes in Russian with a Kazakh version, another in Kazakh only (the "қазақша" marker).
NEWS = [
    (
        0,
        3,
        "ru",
        {
            "ru": (
                "Посадили 600 деревьев вдоль Восточной объездной",
                "В субботу 120 волонтёров посадили 600 саженцев карагача и клёна вдоль Восточной объездной.\n\n"
                "Полив первые два года берёт на себя фонд; акимат Турксибского района выделил воду.",
            ),
            "kk": (
                "Шығыс айналма жолының бойына 600 ағаш отырғыздық",
                "Сенбіде 120 ерікті Шығыс айналма жолының бойына қарағаш пен үйеңкінің 600 көшетін отырғызды.\n\n"
                "Алғашқы екі жыл суаруды қор өз мойнына алады; Түрксіб ауданының әкімдігі су бөлді.",
            ),
        },
    ),
    (
        0,
        12,
        "ru",
        {
            "ru": (
                "Открытые данные датчиков воздуха: итоги месяца",
                "За ноябрь наши 42 датчика показали превышение нормы PM2.5 в 19 днях из 30.\n\n"
                "Данные по районам мы передали в управление экологии и опубликуем на карте.",
            ),
        },
    ),
    (
        1,
        5,
        "kk",
        {
            "kk": (
                "Медеу ауданындағы мектептерде қалдықты бөлек жинау басталды",
                "Медеу ауданының 8 мектебінде пластик пен қағазға арналған контейнерлер орнатылды.\n\n"
                "Оқушылар мен мұғалімдерге арналған сабақтарды біздің еріктілер өткізеді.",
            ),
        },
    ),
]


def _news_post(organisations, leader, row):
    index, days_ago, language, texts = row
    organisation = organisations[index]
    title = texts[language][0]
    if organisation.news.filter(**{f"title_{language}": title}).exists():
        return 0
    columns = {}
    for code, (title_text, body_text) in texts.items():
        columns.update({f"title_{code}": title_text, f"body_{code}": body_text})
    NewsPost.objects.create(
        organisation=organisation,
        original_language=language,
        author=leader if index == 0 else organisation.memberships.first().user,
        published_at=timezone.now() - datetime.timedelta(days=days_ago),
        **columns,
    )
    return 1
