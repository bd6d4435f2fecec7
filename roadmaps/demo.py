# ruff: noqa: E501  (demo data tables: sentences in three languages read better unbroken)
"""Demo road maps: "Belsendi megapolis" (completed, mostly done, some actions late) and a new
akimat–NGO road map in drafting with proposals from NGOs.

Everything is written through roadmaps.services as the demo editor, so the history, the
partners' activity in the NGO registry and the emails are what real use would produce.
Idempotent: a road map whose slug exists is left as it is.
"""

import datetime

from django.db import transaction

from hub.demo import demo_user
from hub.models import Department

from . import services
from .models import Action, ActionPartner, Indicator, RoadMap, today

D = datetime.date
A = Action.Status

BELSENDI = {
    "slug": "belsendi-megapolis",
    "title": (
        "«Belsendi megapolis» жол картасы",
        "Дорожная карта «Belsendi megapolis»",
        "“Belsendi megapolis” road map",
    ),
    "summary": (
        "Алматы әкімдігі мен қаланың ҮЕҰ-ның бір жылдық бірлескен іс-қимыл жоспары: таза ауа, жастар, әлеуметтік көмек және ашықтық.",
        "Совместный план действий акимата Алматы и НПО города на год: чистый воздух, молодёжь, социальная помощь и открытость.",
        "The one-year joint action plan of the Almaty akimat and the city's NGOs: clean air, youth, social help and openness.",
    ),
    "goals": (
        "Әр іс-шараның жауапты органы, мерзімі және серіктес ҮЕҰ-ы бар. Тұрғындар не өзгергенін көреді.",
        "У каждого мероприятия есть ответственный орган, срок и партнёрские НПО. Жители видят, что изменилось.",
        "Every action has a responsible body, a due date and partner NGOs. Residents see what changed.",
    ),
    "final_report": (
        "Жол картасы аяқталды: 16 іс-шараның 13-і орындалды. ЖЭО-2 газға көшірілді, 9 жастар орталығы ашылды. "
        "Үш іс-шара мерзімінен кешікті және жаңа жол картасына ауыстырылады.",
        "Дорожная карта завершена: выполнено 13 из 16 мероприятий. ТЭЦ-2 переведена на газ, открыто 9 молодёжных центров. "
        "Три мероприятия не уложились в срок и переносятся в новую дорожную карту.",
        "The road map is completed: 13 of 16 actions were done. Heat-and-power plant 2 runs on gas, 9 youth centres opened. "
        "Three actions missed their due date and move to the new road map.",
    ),
    "period": (D(2024, 1, 1), D(2024, 12, 31)),
    "owner": "internal-policy",
}

# Section: (number, kk, ru, en); actions: (kk, ru, en, departments, partner indexes, start, due, final status, progress)
BELSENDI_SECTIONS = [
    (
        (1, "Экология және таза ауа", "Экология и чистый воздух", "Ecology and clean air"),
        [
            (
                "ЖЭО-2-ні газға көшіру бойынша қоғамдық мониторинг",
                "Общественный мониторинг перевода ТЭЦ-2 на газ",
                "Public monitoring of the switch of heat-and-power plant 2 to gas",
                ["ecology", "utilities"],
                [0, 22],
                D(2024, 1, 15),
                D(2024, 10, 31),
                A.DONE,
                100,
            ),
            (
                "Рысқұлов даңғылы бойында 5 000 ағаш отырғызу",
                "Посадка 5 000 деревьев вдоль проспекта Рыскулова",
                "Plant 5,000 trees along Ryskulov avenue",
                ["ecology", "landscaping"],
                [0, 1],
                D(2024, 3, 1),
                D(2024, 5, 31),
                A.DONE,
                100,
            ),
            (
                "Ауа сапасының ашық картасы",
                "Открытая карта качества воздуха",
                "Open air-quality map",
                ["ecology"],
                [22],
                D(2024, 2, 1),
                D(2024, 6, 30),
                A.DONE,
                100,
            ),
            (
                "Мектептерде қалдықтарды бөлек жинау",
                "Раздельный сбор отходов в школах",
                "Separate waste collection in schools",
                ["ecology", "education"],
                [1],
                D(2024, 4, 1),
                D(2024, 9, 30),
                A.IN_PROGRESS,
                60,
            ),
        ],
    ),
    (
        (2, "Жастар", "Молодёжь", "Youth"),
        [
            (
                "Аудандарда 9 жастар орталығын ашу",
                "Открыть 9 молодёжных центров в районах",
                "Open 9 youth centres in the districts",
                ["youth"],
                [4],
                D(2024, 1, 15),
                D(2024, 11, 30),
                A.DONE,
                100,
            ),
            (
                "Жастарға алғашқы жұмыс бағдарламасы",
                "Программа «Первая работа» для молодёжи",
                "First-job programme for young people",
                ["youth", "entrepreneurship"],
                [4, 28],
                D(2024, 2, 1),
                D(2024, 12, 15),
                A.DONE,
                100,
            ),
            (
                "Аулалық тегін спорт секциялары",
                "Бесплатные дворовые спортивные секции",
                "Free sports sections in courtyards",
                ["sport"],
                [11],
                D(2024, 5, 1),
                D(2024, 9, 1),
                A.DONE,
                100,
            ),
            (
                "Радикализмнің алдын алу бойынша жастар форумы",
                "Молодёжный форум по профилактике радикализма",
                "Youth forum on preventing radicalisation",
                ["internal-policy", "youth"],
                [13],
                D(2024, 3, 1),
                D(2024, 4, 30),
                A.DONE,
                100,
            ),
        ],
    ),
    (
        (3, "Әлеуметтік көмек", "Социальная помощь", "Social help"),
        [
            (
                "Көпбалалы отбасыларға заң көмегі",
                "Юридическая помощь многодетным семьям",
                "Legal aid for large families",
                ["social"],
                [3, 24],
                D(2024, 1, 15),
                D(2024, 12, 1),
                A.DONE,
                100,
            ),
            (
                "Жалғыз қарттарға дәрі жеткізу",
                "Доставка лекарств одиноким пожилым людям",
                "Medicine delivery for older people living alone",
                ["social", "health"],
                [5, 15],
                D(2024, 2, 1),
                D(2024, 8, 31),
                A.DONE,
                100,
            ),
            (
                "Мүгедектігі бар адамдарға аялдамалардың қолжетімділік аудиті",
                "Аудит доступности остановок для людей с инвалидностью",
                "Accessibility audit of bus stops for people with disabilities",
                ["transport"],
                [21, 2],
                D(2024, 3, 1),
                D(2024, 7, 31),
                A.IN_PROGRESS,
                70,
            ),
            (
                "Жетім балалар түлектеріне тәлімгерлік",
                "Наставничество выпускников детских домов",
                "Mentoring for young people leaving orphanages",
                ["education", "social"],
                [8],
                D(2024, 2, 1),
                D(2024, 12, 1),
                A.DONE,
                100,
            ),
        ],
    ),
    (
        (4, "Ашықтық және қауіпсіздік", "Открытость и безопасность", "Openness and safety"),
        [
            (
                "Қала бюджетін қарапайым тілмен жариялау",
                "Публикация бюджета города простым языком",
                "Publish the city budget in plain language",
                ["finance"],
                [17],
                D(2024, 1, 15),
                D(2024, 4, 30),
                A.DONE,
                100,
            ),
            (
                "ПИК төрағаларын оқыту",
                "Обучение председателей КСК",
                "Training for housing-cooperative chairs",
                ["housing"],
                [6],
                D(2024, 2, 1),
                D(2024, 10, 31),
                A.DONE,
                100,
            ),
            (
                "«Adaldyq alany» арнасы туралы ақпараттық науқан",
                "Информационная кампания о канале «Adaldyq alany»",
                "Information campaign about the Adaldyq alany channel",
                ["adaldyq-alany"],
                [7],
                D(2024, 3, 1),
                D(2024, 6, 30),
                A.DONE,
                100,
            ),
            (
                "Мемлекеттік сатып алу шарттарын ашық форматта жариялау",
                "Публикация договоров госзакупок в открытом формате",
                "Publish public-procurement contracts as open data",
                ["finance"],
                [7, 17],
                D(2024, 5, 1),
                D(2024, 11, 30),
                A.PLANNED,
                10,
            ),
        ],
    ),
]

NEW_ROADMAP = {
    "slug": "akimat-ngo-cooperation",
    "title": (
        "Әкімдік пен ҮЕҰ ынтымақтастығының жол картасы",
        "Дорожная карта сотрудничества акимата и НПО",
        "Akimat–NGO cooperation road map",
    ),
    "summary": (
        "«Belsendi megapolis» аяқталғаннан кейінгі жаңа жоспар: мемлекеттік органдармен жұмыс алгоритмі, экология және жастар. ҮЕҰ іс-шаралар ұсына алады.",
        "Новый план после «Belsendi megapolis»: алгоритм работы с госорганами, экология и молодёжь. НПО могут предлагать мероприятия.",
        "The new plan after Belsendi megapolis: an algorithm for working with state bodies, ecology and youth. NGOs can propose actions.",
    ),
    "goals": (
        "Әкімдік пен ҮЕҰ ынтымақтастығы туралы ресми құжат; тұрақты диалог алаңдары.",
        "Официальный документ о сотрудничестве акимата и НПО; регулярные диалоговые площадки.",
        "A formal document on akimat–NGO cooperation; regular dialogue platforms.",
    ),
    "period": (D(2026, 1, 1), D(2026, 12, 31)),
    "owner": "internal-policy",
}
NEW_SECTIONS = [
    (
        (1, "Мемлекеттік органдармен жұмыс", "Работа с государственными органами", "Working with state bodies"),
        [
            (
                "ҮЕҰ-ның мемлекеттік органдармен жұмыс алгоритмін бекіту",
                "Утвердить алгоритм работы НПО с государственными органами",
                "Adopt the algorithm for NGOs' work with state bodies",
                ["internal-policy"],
                [0, 7],
                D(2026, 1, 15),
                D(2026, 3, 31),
            ),
            (
                "Тоқсан сайынғы диалог алаңдары",
                "Ежеквартальные диалоговые площадки",
                "Quarterly dialogue platforms",
                ["internal-policy"],
                [],
                D(2026, 2, 1),
                D(2026, 12, 15),
            ),
        ],
    ),
    (
        (2, "Экология", "Экология", "Ecology"),
        [
            (
                "Экологиялық ҮЕҰ-мен жеке кездесу",
                "Отдельная встреча с экологическими НПО",
                "A separate meeting with ecology NGOs",
                ["ecology"],
                [0, 1, 22],
                D(2026, 2, 1),
                D(2026, 3, 1),
            )
        ],
    ),
    ((3, "Жастар", "Молодёжь", "Youth"), []),
]
# (organisation index, section number, title, rationale, partner indexes, decision, reason)
PROPOSALS = [
    (
        1,
        2,
        "Экологические субботники в предгорьях раз в месяц",
        "Мусор в предгорьях Медеу — главная жалоба жителей летом. Мы соберём волонтёров, нужна вывозка мусора.",
        [22],
        None,
        "",
    ),
    (
        4,
        3,
        "Молодёжный коворкинг в каждом районе",
        "Молодёжи негде работать над проектами. Просим помещения в районных акиматах на вечерние часы.",
        [28],
        "accept",
        "Начнём с Алмалинского и Турксибского районов.",
    ),
    (
        17,
        1,
        "Публичный отчёт каждого управления раз в полгода",
        "Жители не знают, что сделано. Предлагаем короткий отчёт простым языком от каждого управления.",
        [7],
        None,
        "",
    ),
    (
        13,
        3,
        "Межконфессиональный молодёжный лагерь",
        "Профилактика радикализма через совместный отдых.",
        [],
        "decline",
        "Такое мероприятие уже запланировано управлением по делам религий в 2026 году; приглашаем вас как партнёра.",
    ),
]


def _shift(date, years):
    """Demo dates are written for 2024 and 2026; they move so Belsendi is last year and the new map next year."""
    return date.replace(year=date.year + years)


def _years():
    return {"belsendi": today().year - 1 - 2024, "new": today().year + 1 - 2026}


def seed(stdout=None):
    editor = demo_user("editor@demo.hub.kz")
    organisations = _organisations()
    made = []
    if not RoadMap.objects.filter(slug=BELSENDI["slug"]).exists():
        with transaction.atomic():
            _belsendi(editor, organisations)
        made.append(BELSENDI["slug"])
    if not RoadMap.objects.filter(slug=NEW_ROADMAP["slug"]).exists():
        with transaction.atomic():
            _new_roadmap(editor, organisations)
        made.append(NEW_ROADMAP["slug"])
    if stdout is not None:
        stdout.write(f"Road maps: {', '.join(made) if made else 'already seeded'}.")


def _organisations():
    """The NGO registry's demo organisations, in ngos/demo.py's order; unverified ones are None."""
    from ngos.models import Organisation

    try:
        from ngos.demo import ORGANISATIONS
    except ImportError:
        return []
    by_name = {organisation.name_en: organisation for organisation in Organisation.objects.all()}
    result = []
    for row in ORGANISATIONS:
        organisation = by_name.get(row[2])
        result.append(organisation if organisation and organisation.status == "verified" else None)
    return result


def _pick(organisations, indexes):
    return [organisations[i] for i in indexes if i < len(organisations) and organisations[i] is not None]


def _create_roadmap(spec, editor, years, **extra):
    kk, ru, en = spec["title"]
    roadmap = RoadMap.objects.create(
        slug=spec["slug"],
        title_kk=kk,
        title_ru=ru,
        title_en=en,
        summary_kk=spec["summary"][0],
        summary_ru=spec["summary"][1],
        summary_en=spec["summary"][2],
        goals_kk=spec["goals"][0],
        goals_ru=spec["goals"][1],
        goals_en=spec["goals"][2],
        period_start=_shift(spec["period"][0], years),
        period_end=_shift(spec["period"][1], years),
        owner=Department.objects.get(slug=spec["owner"]),
        live=False,
        **extra,
    )
    roadmap.save_revision(user=editor).publish(user=editor)
    roadmap.refresh_from_db()
    return roadmap


def _departments(slugs):
    return list(Department.objects.filter(slug__in=slugs))


def _belsendi(editor, organisations):
    years = _years()["belsendi"]
    roadmap = _create_roadmap(BELSENDI, editor, years)
    for (number, kk, ru, en), actions in BELSENDI_SECTIONS:
        section = services.section_create(
            roadmap=roadmap, user=editor, number=number, title_kk=kk, title_ru=ru, title_en=en
        )
        for row in actions:
            _belsendi_action(section, row, editor, organisations, years)
    services.roadmap_transition(roadmap=roadmap, to_status=RoadMap.Status.ADOPTED, user=editor, comment="2023-12-20")
    services.roadmap_transition(roadmap=roadmap, to_status=RoadMap.Status.IMPLEMENTATION, user=editor)
    RoadMap.objects.filter(pk=roadmap.pk).update(
        final_report_kk=BELSENDI["final_report"][0],
        final_report_ru=BELSENDI["final_report"][1],
        final_report_en=BELSENDI["final_report"][2],
    )
    roadmap.refresh_from_db()
    roadmap.save_revision(user=editor).publish(user=editor)
    services.roadmap_transition(roadmap=roadmap, to_status=RoadMap.Status.COMPLETED, user=editor)


def _belsendi_action(section, row, editor, organisations, years):
    kk, ru, en, departments, partners, start, due, status, progress = row
    start, due = _shift(start, years), _shift(due, years)
    action = services.action_create(
        section=section,
        user=editor,
        departments=_departments(departments),
        partners=_pick(organisations, partners),
        title_kk=kk,
        title_ru=ru,
        title_en=en,
        start_date=start,
        due_date=due,
        original_language="ru",
        expected_result_ru=ru,
        # Section 1 has a Kazakh version too: the others show the "орысша" marker on kk pages.
        expected_result_kk=kk if section.number == 1 else "",
    )
    ActionPartner.objects.filter(action=action).update(may_post_updates=True)
    indicator = Indicator.objects.create(
        action=action,
        name_kk="Орындалған жұмыс үлесі",
        name_ru="Доля выполненной работы",
        name_en="Share of work done",
        unit_kind=Indicator.UnitKind.PERCENT,
        baseline=0,
        target=100,
    )
    middle = start + (due - start) / 2
    services.update_post(
        action=action,
        user=editor,
        occurred_on=start,
        note="Жұмыс басталды. / Работа начата.",
        status=A.IN_PROGRESS,
        progress=10,
    )
    halfway = min(progress, 50)
    services.update_post(
        action=action,
        user=_partner_user(action) or editor,
        occurred_on=middle,
        note="Серіктес ҮЕҰ есебі: жұмыс жоспар бойынша жүріп жатыр. / Отчёт НПО-партнёра: работа идёт по плану.",
        progress=halfway,
        indicator=indicator,
        indicator_value=halfway,
    )
    if status == A.DONE:
        services.update_post(
            action=action,
            user=editor,
            occurred_on=due,
            note="Іс-шара орындалды. / Мероприятие выполнено.",
            status=A.DONE,
            indicator=indicator,
            indicator_value=100,
            evidence=[{"title": "Есеп / Отчёт", "url": "https://almaty.gov.kz/"}],
        )
    elif status == A.PLANNED:
        services.update_post(
            action=action,
            user=editor,
            occurred_on=middle,
            note="Қаржыландыру кейінге қалдырылды. / Финансирование отложено.",
            status=A.PLANNED,
            progress=progress,
        )
    else:
        services.update_post(
            action=action,
            user=editor,
            occurred_on=due,
            note="Мерзім бұзылды: мердігер кешікті. / Срок сорван: подрядчик задержал работы.",
            progress=progress,
            indicator=indicator,
            indicator_value=progress,
        )


def _partner_user(action):
    from ngos.models import Membership

    link = action.partner_links.select_related("organisation").first()
    if link is None:
        return None
    membership = Membership.objects.filter(organisation=link.organisation).select_related("user").first()
    return membership.user if membership else None


def _new_roadmap(editor, organisations):
    years = _years()["new"]
    roadmap = _create_roadmap(NEW_ROADMAP, editor, years, proposals_until=today() + datetime.timedelta(days=30))
    sections = {}
    for (number, kk, ru, en), actions in NEW_SECTIONS:
        sections[number] = section = services.section_create(
            roadmap=roadmap, user=editor, number=number, title_kk=kk, title_ru=ru, title_en=en
        )
        for kk_title, ru_title, en_title, departments, partners, start, due in actions:
            services.action_create(
                section=section,
                user=editor,
                departments=_departments(departments),
                partners=_pick(organisations, partners),
                title_kk=kk_title,
                title_ru=ru_title,
                title_en=en_title,
                start_date=_shift(start, years),
                due_date=_shift(due, years),
            )
    for row in PROPOSALS:
        _proposal(roadmap, sections[row[1]], organisations, row, editor, years)


def _proposal(roadmap, section, organisations, row, editor, years):
    from ngos.models import Membership

    index, _section_number, title, rationale, partners, decision, reason = row
    if index >= len(organisations) or organisations[index] is None:
        return
    organisation = organisations[index]
    membership = Membership.objects.filter(organisation=organisation).select_related("user").first()
    if membership is None:
        return
    proposal = services.proposal_submit(
        roadmap=roadmap,
        organisation=organisation,
        user=membership.user,
        section=section,
        title=title,
        rationale=rationale,
        partners=_pick(organisations, partners),
    )
    if decision == "accept":
        services.proposal_accept(
            proposal=proposal,
            user=editor,
            section=section,
            start_date=_shift(D(2026, 3, 1), years),
            due_date=_shift(D(2026, 10, 31), years),
            departments=_departments(["youth"]),
            comment=reason,
        )
    elif decision == "decline":
        services.proposal_decline(proposal=proposal, user=editor, reason=reason)
