"""Demo meetings: the July 2019 meeting of the akim with NGO leaders, an upcoming dialogue platform
with open registration, and the promised meeting with ecology NGOs. Idempotent: keyed by slug."""

import datetime
import zoneinfo

from django.db import transaction
from django.utils import timezone

from hub.demo import demo_user
from hub.models import Department

from . import services
from .models import Assignment, AssignmentUpdate, Meeting, Official, Question

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")

OFFICIALS = [
    # key, department, (kk name, ru name, en name), (kk position, ru position, en position)
    (
        "akim",
        None,
        # One spelling in every language: the same Cyrillic in kk and ru, its usual Latin form in en.
        ("Ерлан Сейтов", "Ерлан Сейтов", "Yerlan Seitov"),
        ("Алматы қаласының әкімі", "Аким города Алматы", "Akim of Almaty"),
    ),
    (
        "ecology",
        "ecology",
        ("Әсел Нұрланова", "Асель Нурланова", "Assel Nurlanova"),
        ("Экология басқармасының басшысы", "Руководитель управления экологии", "Head of the ecology department"),
    ),
    (
        "internal",
        "internal-policy",
        ("Бауыржан Қасымов", "Бауыржан Касымов", "Baurzhan Kassymov"),
        (
            "Ішкі саясат басқармасының басшысы",
            "Руководитель управления внутренней политики",
            "Head of the internal policy department",
        ),
    ),
]

JULY_2019 = {
    "slug": "akim-meets-ngo-leaders-2019-07",
    "kind": Meeting.Kind.INFORMAL,
    "title_kk": "Әкімнің ҮЕҰ жетекшілерімен кездесуі",
    "title_ru": "Встреча акима с лидерами НПО",
    "title_en": "The akim's meeting with NGO leaders",
    "topic_kk": "Экология және ауа сапасы (ЖЭО-ны газға көшіру), қоғамдық қауіпсіздік, құқық бұзушылық пен сыбайлас "
    "жемқорлыққа төзбеушілік, жергілікті өзін-өзі басқару және ПИК, қала бюджетінің ашықтығы, көпбалалы отбасыларға "
    "көмек, жастарды жұмыспен қамту, денсаулық сақтау, экстремизм, жетім балалардың құқықтары.",
    "topic_ru": "Экология и качество воздуха (перевод ТЭЦ на газ), общественная безопасность, нулевая терпимость к "
    "правонарушениям и коррупции, местное самоуправление и КСК, прозрачность городского бюджета, помощь многодетным "
    "семьям, занятость и досуг молодёжи, здравоохранение, экстремизм, права детей-сирот.",
    "topic_en": "Ecology and air quality (switching a heat-and-power plant to gas), public safety, zero tolerance to "
    "offences and corruption, local self-government and housing cooperatives (KSK), transparency of the city budget, "
    "help for large families, youth employment and leisure, health care, extremism, the rights of orphans.",
    "venue_kk": "Алматы қаласының әкімдігі, Республика алаңы, 4",
    "venue_ru": "Акимат города Алматы, площадь Республики, 4",
    "venue_en": "Almaty akimat, 4 Republic Square",
    "starts_at": datetime.datetime(2019, 7, 12, 15, 0, tzinfo=ALMATY),
    "ends_at": datetime.datetime(2019, 7, 12, 17, 30, tzinfo=ALMATY),
    "capacity": 80,
    "audience": Meeting.Audience.NGO,
    "summary_kk": "Әкім ҮЕҰ-мен бірлескен стратегия мен ҮЕҰ тиімділігінің жол картасын жасауды сұрады, бейресми "
    "кездесулер мен диалог алаңдарын тұрақты өткізуді ұсынды және экологиялық ҮЕҰ-мен жеке кездесу өткізуге уәде "
    "берді. Басқарма басшылары әр мәселе бойынша не істеліп жатқанын айтты; әр мәселеге жауапты орган мен мерзім "
    "белгіленді.",
    "summary_ru": "Аким предложил НПО выработать совместную стратегию и дорожную карту эффективности НПО, проводить "
    "неформальные встречи и диалоговые площадки регулярно и пообещал отдельную встречу с экологическими НПО. "
    "Руководители управлений рассказали, как продвигается каждый вопрос; по каждому назначены ответственный орган и "
    "срок.",
    "summary_en": "The akim asked NGOs for a joint strategy and a road map for NGO effectiveness, proposed regular "
    "informal meetings and dialogue platforms, and promised a separate meeting with ecology NGOs. Department heads "
    "said how each problem was progressing; each got a responsible body and a due date.",
}

# The topics raised, as the directory's fields of activity: the outcome is found under each of them.
JULY_FIELDS = [
    "ecology",
    "anticorruption",
    "local-self-government",
    "housing-ksk",
    "social-protection",
    "youth",
    "health-care",
    "childrens-rights",
]

JULY_DECISIONS = [
    (
        "ҮЕҰ тиімділігінің жол картасын ҮЕҰ-мен бірге әзірлеу.",
        "Разработать вместе с НПО дорожную карту эффективности НПО.",
        "Draft a road map for NGO effectiveness together with NGOs.",
    ),
    (
        "Диалог алаңдарын тұрақты өткізу: мемлекеттік органдар басшылары атқарылған жұмыс туралы есеп береді.",
        "Проводить диалоговые площадки регулярно: руководители госорганов отчитываются о проделанной работе.",
        "Hold dialogue platforms regularly: heads of state bodies report on work done.",
    ),
    (
        "Экологиялық ҮЕҰ-мен жеке кездесу өткізу.",
        "Провести отдельную встречу с экологическими НПО.",
        "Hold a separate meeting with ecology NGOs.",
    ),
]

JULY_ASSIGNMENTS = [
    # department, official key, (kk, ru, en), due, status, update, day of the update (days ago when an int)
    (
        "internal-policy",
        "internal",
        (
            "ҮЕҰ тиімділігінің жол картасының жобасын ҮЕҰ-мен бірге дайындау",
            "Подготовить с НПО проект дорожной карты эффективности НПО",
            "Prepare with NGOs a draft road map for NGO effectiveness",
        ),
        datetime.date(2019, 9, 30),
        "done",
        "Жол картасы жобасы ҮЕҰ-мен талқыланып, әкімдікке берілді.",
        datetime.date(2019, 9, 27),
    ),
    (
        "internal-policy",
        None,
        (
            "Мемлекеттік органдармен жұмыс алгоритмін бір ай ішінде қабылдау",
            "Принять в течение месяца алгоритм работы НПО с госорганами",
            "Adopt within a month the algorithm for NGOs' work with state bodies",
        ),
        datetime.date(2019, 8, 15),
        "done",
        "Алгоритм қабылданды.",
        datetime.date(2019, 8, 13),
    ),
    (
        "ecology",
        "ecology",
        (
            "ЖЭО-2-ні газға көшіру барысы туралы жария есеп беру",
            "Публично отчитаться о ходе перевода ТЭЦ-2 на газ",
            "Report publicly on switching heat-and-power plant 2 to gas",
        ),
        datetime.date(2020, 12, 31),
        "done",
        "ЖЭО-2 газға көшірілді; жұмыс барысы туралы есептер тоқсан сайын жарияланды.",
        datetime.date(2024, 11, 15),
    ),
    (
        "ecology",
        "ecology",
        (
            "Экологиялық ҮЕҰ-мен жеке кездесу ұйымдастыру",
            "Организовать отдельную встречу с экологическими НПО",
            "Organise a separate meeting with ecology NGOs",
        ),
        datetime.date(2019, 10, 1),
        "in_progress",
        "Кездесу күні белгіленді.",
        12,
    ),
    (
        "finance",
        None,
        (
            "Қала бюджетін түсінікті тілде жариялау",
            "Публиковать городской бюджет понятным языком",
            "Publish the city budget in plain language",
        ),
        datetime.date(2019, 12, 1),
        "done",
        "Бюджет түсінікті тілде жарияланды.",
        datetime.date(2019, 11, 28),
    ),
    (
        "public-safety",
        None,
        (
            "Құқық бұзушылыққа төзбеушілік бойынша ҮЕҰ-мен бірлескен рейдтер жоспары",
            "План совместных с НПО рейдов по нулевой терпимости к правонарушениям",
            "A plan of joint patrols with NGOs on zero tolerance to offences",
        ),
        datetime.date(2019, 11, 1),
        "open",
        "",
        None,
    ),
    (
        "housing",
        None,
        (
            "ПИК жұмысы туралы тұрғындардың өтініштерін талдау",
            "Проанализировать обращения жителей о работе КСК",
            "Analyse residents' complaints about housing cooperatives (KSK)",
        ),
        datetime.date(2019, 12, 15),
        "open",
        "",
        None,
    ),
    (
        "social",
        None,
        (
            "Көпбалалы отбасыларға әлеуметтік көмекті жеңілдету",
            "Упростить социальную помощь многодетным семьям",
            "Simplify social help for large families",
        ),
        datetime.date(2020, 3, 1),
        "done",
        "Көмекке өтініш беру тәртібі жеңілдетілді.",
        datetime.date(2020, 2, 25),
    ),
    (
        "youth",
        None,
        (
            "Жастарды жұмыспен қамту және бос уақыты бойынша аудандық жоспарлар",
            "Районные планы по занятости и досугу молодёжи",
            "District plans for youth employment and leisure",
        ),
        datetime.date(2020, 2, 1),
        "in_progress",
        "Сегіз ауданның бесеуі жоспарын берді.",
        datetime.date(2020, 1, 20),
    ),
    (
        "education",
        None,
        (
            "Жетім балалардың құқықтарын қорғау бойынша ҮЕҰ-мен жұмыс тобын құру",
            "Создать с НПО рабочую группу по защите прав детей-сирот",
            "Set up a working group with NGOs on the rights of orphans",
        ),
        datetime.date(2019, 10, 15),
        "done",
        "Жұмыс тобы құрылды.",
        datetime.date(2019, 10, 10),
    ),
]

JULY_QUESTIONS = [
    (
        "Когда ТЭЦ-2 переведут на газ и как жители узнают о ходе работ?",
        "Проект перевода утверждён; ход работ будет публиковаться ежеквартально.",
        "Көшіру жобасы бекітілді; жұмыс барысы тоқсан сайын жарияланады.",
    ),
    (
        "Как НПО смогут участвовать в обсуждении городского бюджета?",
        "Бюджет будет публиковаться понятным языком, обсуждение пройдёт на диалоговой площадке.",
        "",  # Russian only: kk pages show it marked "орысша"
    ),
]


def _on_day(day):
    """A date, or a number of days ago, at 11:00 in Almaty."""
    if isinstance(day, int):
        day = timezone.localdate() - datetime.timedelta(days=day)
    return datetime.datetime.combine(day, datetime.time(11, 0), tzinfo=ALMATY)


def _at(days, hour):
    date = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(date, datetime.time(hour, 0), tzinfo=ALMATY)


UPCOMING = [
    {
        "slug": "dialogue-platform-city-budget",
        "kind": Meeting.Kind.DIALOGUE_PLATFORM,
        "title_kk": "Диалог алаңы: қала бюджетінің ашықтығы",
        "title_ru": "Диалоговая площадка: прозрачность городского бюджета",
        "title_en": "Dialogue platform: transparency of the city budget",
        "topic_kk": "Қаржы және ішкі саясат басқармаларының басшылары атқарылған жұмыс туралы есеп береді, "
        "ҮЕҰ сұрақ қояды.",
        "topic_ru": "Руководители управлений финансов и внутренней политики отчитываются о проделанной работе, НПО "
        "задают вопросы.",
        "topic_en": "Heads of the finance and internal policy departments report on work done; NGOs ask.",
        "venue_kk": "ҮЕҰ үйі, Абай даңғылы, 10",
        "venue_ru": "Дом НПО, проспект Абая, 10",
        "venue_en": "NGO House, 10 Abai Avenue",
        "days": 14,
        "capacity": 60,
        "fields": ["local-self-government", "anticorruption"],
        "hosts": ["internal"],
    },
    {
        "slug": "meeting-with-ecology-ngos",
        "kind": Meeting.Kind.THEMATIC,
        "title_kk": "Әкімнің экологиялық ҮЕҰ-мен кездесуі",
        "title_ru": "Встреча акима с экологическими НПО",
        "title_en": "The akim's meeting with ecology NGOs",
        "topic_kk": "Уәде етілген кездесу: ауа сапасы, ЖЭО-2-ні газға көшіру, көгалдандыру.",
        "topic_ru": "Обещанная встреча: качество воздуха, перевод ТЭЦ-2 на газ, озеленение.",
        "topic_en": "The promised meeting: air quality, switching heat-and-power plant 2 to gas, greening.",
        "venue_kk": "Алматы қаласының әкімдігі, Республика алаңы, 4",
        "venue_ru": "Акимат города Алматы, площадь Республики, 4",
        "venue_en": "Almaty akimat, 4 Republic Square",
        "days": 30,
        "capacity": 40,
        "fields": ["ecology", "urban-environment"],
        "hosts": ["akim", "ecology"],
    },
]


def _officials():
    officials = {}
    for key, department_slug, names, positions in OFFICIALS:
        official, _created = Official.objects.get_or_create(
            name_en=names[2],
            defaults={
                "name_kk": names[0],
                "name_ru": names[1],
                "position_kk": positions[0],
                "position_ru": positions[1],
                "position_en": positions[2],
                "department": Department.objects.filter(slug=department_slug).first() if department_slug else None,
            },
        )
        officials[key] = official
    return officials


def _publish(meeting, user):
    meeting.save_revision(user=user).publish(user=user)


def _organisations():
    from ngos.models import Organisation

    return list(Organisation.objects.verified().order_by("pk")[:6])


@transaction.atomic
def _seed_july(stdout, officials, editor):
    if Meeting.objects.filter(slug=JULY_2019["slug"]).exists():
        return
    from ngos.models import FieldOfActivity

    meeting = Meeting(**JULY_2019, live=False)
    meeting.save()
    meeting.hosts.set([officials["akim"], officials["ecology"], officials["internal"]])
    meeting.fields_of_activity.set(FieldOfActivity.objects.filter(slug__in=JULY_FIELDS))
    for kk, ru, en in JULY_DECISIONS:
        meeting.decisions.create(text_kk=kk, text_ru=ru, text_en=en)
    for time, kk, ru, en, speaker in [
        (
            datetime.time(15, 0),
            "Әкімнің кіріспе сөзі",
            "Вступительное слово акима",
            "Opening words of the akim",
            "",
        ),
        (datetime.time(15, 20), "ҮЕҰ жетекшілерінің сұрақтары", "Вопросы лидеров НПО", "Questions of NGO leaders", ""),
        (
            datetime.time(16, 30),
            "Басқарма басшыларының жауаптары",
            "Ответы руководителей управлений",
            "Answers of department heads",
            "",
        ),
    ]:
        meeting.agenda_items.create(time=time, title_kk=kk, title_ru=ru, title_en=en, speaker=speaker)
    _publish(meeting, editor)
    departments = {d.slug: d for d in Department.objects.all()}
    for department, official, (kk, ru, en), due, status, update, updated_on in JULY_ASSIGNMENTS:
        assignment = Assignment.objects.create(
            meeting=meeting,
            title_kk=kk,
            title_ru=ru,
            title_en=en,
            department=departments.get(department),
            official=officials.get(official) if official else None,
            due_date=due,
            status=status,
        )
        # Dated as it happened, not on the day the demo was built.
        updated_at = meeting.ends_at
        if update:
            updated_at = _on_day(updated_on)
            AssignmentUpdate.objects.create(
                assignment=assignment,
                author=editor,
                status_from="open",
                status_to=status,
                comment=update,
                created_at=updated_at,
            )
        Assignment.objects.filter(pk=assignment.pk).update(created_at=meeting.ends_at, updated_at=updated_at)
    organisations = _organisations()
    leader = demo_user("leader@demo.hub.kz")
    for index, organisation in enumerate(organisations):
        user = leader if index == 0 else demo_user(f"ngo{index}@demo.hub.kz", first_name="NGO", last_name=str(index))
        meeting.registrations.create(
            user=user, organisation=organisation, status="confirmed", attended_at=meeting.starts_at
        )
    if organisations:
        for text, answer, answer_kk in JULY_QUESTIONS:
            Question.objects.create(
                meeting=meeting,
                author=leader,
                organisation=organisations[0],
                text=text,
                status="on_agenda",
                original_language="ru",
                answer_ru=answer,
                answer_kk=answer_kk,
                answered_at=meeting.ends_at,
                moderated_by=editor,
                moderated_at=meeting.starts_at,
            )
    version = services.minutes_start_version(meeting=meeting, by=editor, note="")
    services.minutes_approve(version=version, by=editor, now=meeting.ends_at + datetime.timedelta(days=3))
    stdout.write("  meetings: the July 2019 meeting of the akim with NGO leaders")


@transaction.atomic
def _seed_upcoming(stdout, officials, editor, spec):
    if Meeting.objects.filter(slug=spec["slug"]).exists():
        return
    from ngos.models import FieldOfActivity

    values = {k: v for k, v in spec.items() if k not in ("days", "fields", "hosts")}
    starts = _at(spec["days"], 15)
    meeting = Meeting(
        **values,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        audience=Meeting.Audience.NGO,
        registration_opens_at=timezone.now() - datetime.timedelta(days=1),
        registration_closes_at=starts - datetime.timedelta(hours=12),
        live=False,
    )
    meeting.save()
    meeting.hosts.set([officials[key] for key in spec["hosts"]])
    meeting.fields_of_activity.set(FieldOfActivity.objects.filter(slug__in=spec["fields"]))
    meeting.agenda_items.create(
        time=datetime.time(15, 0),
        title_kk="Басқарма басшыларының есебі",
        title_ru="Отчёт руководителей управлений",
        title_en="Report of the department heads",
    )
    meeting.agenda_items.create(
        time=datetime.time(15, 40),
        title_kk="ҮЕҰ сұрақтары",
        title_ru="Вопросы НПО",
        title_en="Questions of NGOs",
    )
    _publish(meeting, editor)
    organisations = _organisations()
    if organisations:
        leader = demo_user("leader@demo.hub.kz")
        Question.objects.create(
            meeting=meeting,
            author=leader,
            organisation=organisations[0],
            status="approved",
            moderated_by=editor,
            moderated_at=timezone.now(),
            text="Где можно увидеть исполнение бюджета по районам?"
            if spec["slug"].endswith("budget")
            else "Когда закончится перевод ТЭЦ-2 на газ?",
        )
    stdout.write(f"  meetings: {spec['slug']}")


def seed(stdout):
    editor = demo_user("editor@demo.hub.kz")
    officials = _officials()
    _seed_july(stdout, officials, editor)
    for spec in UPCOMING:
        _seed_upcoming(stdout, officials, editor, spec)
