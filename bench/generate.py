# ruff: noqa: E501 - the tables of sample texts read best one entry per line
"""City-scale data for ``make bench``: ``python -m bench.generate [--scale 1.0] [--no-search-index]``.

Django must already be configured by the environment (bench/run.py sets DJANGO_SETTINGS_MODULE
and HUB_VAR_DIR). At scale 1.0 it adds, on top of the demo content:

- 5,000 organisations (85 % verified) with fields of activity, target groups, districts, a leader
  and members (verified email addresses), their status history and activity;
- 20,000 initiatives from verified organisations across the lifecycle, with their status log;
- 50 road maps (48 published through Wagtail with a revision, 2 left as drafts) with 10 sections
  x 20 actions each (10,000), responsible bodies, partner NGOs, an indicator per action, progress
  updates and a few linked initiatives;
- 2,000 meetings (agenda, hosts, fields, decisions and approved minutes for past ones; live rows
  written in bulk without Wagtail revisions, 2 % left unpublished), 20,000 assignments with
  updates, and registrations for a third of the meetings;
- 100,000 Adaldyq alany reports over 24 months in every status, with deadlines from the working
  calendar, answers, published outcomes and the complete hash-chained audit log;
- 500 akimat reports (Wagtail ReportPage under the Kazakh report index).

Rows are written with bulk_create in the shape the apps' services give them (derived columns
such as ``search_text``, ``last_activity_at``, deadlines, receipt hashes and the audit chain are
computed here the same way). Bulk inserts send no signals, so the search index is rebuilt at the
end with ``manage.py rebuild_search_index`` unless ``--no-search-index`` is given.
"""

import argparse
import datetime
import random
import secrets
import sys
import time
from contextlib import contextmanager

import django

if __name__ == "__main__":
    django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

SEED = 2026
BENCH_EMAIL_DOMAIN = "bench.hub.kz"
BATCH = 2000

ORG_WORDS = [
    ("Жасыл қала", "Зелёный город", "Green City"),
    ("Таза ауа", "Чистый воздух", "Clean Air"),
    ("Болашақ", "Будущее", "Future"),
    ("Мейірім", "Милосердие", "Mercy"),
    ("Жастар үні", "Голос молодёжи", "Youth Voice"),
    ("Отбасы", "Семья", "Family"),
    ("Денсаулық", "Здоровье", "Health"),
    ("Білім көпірі", "Мост знаний", "Bridge of Knowledge"),
    ("Қамқор", "Забота", "Care"),
    ("Адал азамат", "Честный гражданин", "Honest Citizen"),
    ("Алатау таңы", "Рассвет Алатау", "Alatau Dawn"),
    ("Ашық қала", "Открытый город", "Open City"),
    ("Ел үміті", "Надежда страны", "Nation's Hope"),
    ("Көмек қолы", "Рука помощи", "Helping Hand"),
    ("Қайырым", "Доброта", "Kindness"),
    ("Таза су", "Чистая вода", "Clean Water"),
    ("Мұрагер", "Наследник", "Heir"),
    ("Шұғыла", "Сияние", "Radiance"),
    ("Ақ жол", "Светлый путь", "Bright Path"),
    ("Бірлік", "Единство", "Unity"),
]
LEGAL_FORMS = {
    "public_foundation": ("қоғамдық қоры", "Общественный фонд", "Public Foundation"),
    "public_association": ("қоғамдық бірлестігі", "Общественное объединение", "Public Association"),
    "association_of_legal_entities": ("заңды тұлғалар бірлестігі", "Объединение юридических лиц", "Association"),
    "institution": ("мекемесі", "Учреждение", "Institution"),
    "religious_association": ("діни бірлестігі", "Религиозное объединение", "Religious Association"),
}
LEGAL_WEIGHTS = [50, 30, 8, 8, 4]
SENTENCES = [
    "Помогаем жителям Алматы: экология, качество воздуха и озеленение дворов.",
    "Работаем с молодёжью: профориентация, первая работа и досуг в районах.",
    "Поддерживаем многодетные семьи и детей-сирот, собираем помощь к учебному году.",
    "Проводим общественный мониторинг бюджета города и закупок.",
    "Обучаем председателей КСК и жителей управлению домом.",
    "Ведём приём граждан и консультируем по социальной защите.",
    "Қала тұрғындарына экология және ауа сапасы бойынша көмектесеміз.",
    "Жастармен жұмыс: кәсіптік бағдар, алғашқы жұмыс орны, бос уақыт.",
    "Мүмкіндігі шектеулі адамдарға арналған қолжетімді орта үшін жұмыс істейміз.",
    "Волонтёры убирают русла рек и сажают деревья весной и осенью.",
]
INITIATIVE_TOPICS = [
    (
        "Озеленение двора в микрорайоне {n}",
        "Во дворах мало деревьев и нет полива.",
        "Высадить 200 деревьев с капельным поливом.",
    ),
    (
        "Молодёжный центр в районе {n}",
        "Подросткам негде заниматься после школы.",
        "Открыть центр в пустующем помещении акимата.",
    ),
    (
        "Мониторинг качества воздуха {n}",
        "Данные о смоге публикуются с опозданием.",
        "Установить датчики у школ и публиковать данные.",
    ),
    (
        "Пандусы у поликлиник {n}",
        "Маломобильные жители не могут попасть на приём.",
        "Оборудовать входы пандусами и кнопками вызова.",
    ),
    ("Раздельный сбор отходов {n}", "Вторсырьё уходит на полигон.", "Поставить контейнеры для пластика и бумаги."),
    (
        "Ауладағы балалар алаңы {n}",
        "Балалар ойнайтын қауіпсіз орын жоқ.",
        "Жаңа балалар алаңын салу және жарықтандыру.",
    ),
    (
        "Обучение председателей КСК {n}",
        "Жители не знают, как контролировать КСК.",
        "Провести цикл семинаров для жителей и КСК.",
    ),
    (
        "Помощь многодетным семьям {n}",
        "Очередь на жильё движется медленно.",
        "Создать единое окно консультаций для семей.",
    ),
]
ROADMAP_TOPICS = [
    ("Белсенді мегаполис", "Активный мегаполис", "Active megapolis", "belsendi-megapolis"),
    ("Таза ауа", "Чистый воздух", "Clean air", "taza-aua"),
    ("Жастар саясаты", "Молодёжная политика", "Youth policy", "zhastar"),
    ("Әлеуметтік қорғау", "Социальная защита", "Social protection", "social"),
    ("Ашық бюджет", "Открытый бюджет", "Open budget", "open-budget"),
    ("Қауіпсіз қала", "Безопасный город", "Safe city", "safe-city"),
    ("ТКШ және КСК", "ЖКХ и КСК", "Housing and KSK", "ksk"),
    ("Денсаулық сақтау", "Здравоохранение", "Health care", "health"),
    ("Білім беру", "Образование", "Education", "education"),
    ("Экология", "Экология", "Ecology", "ecology"),
]
SECTION_TITLES = [
    ("Ұйымдастыру", "Организационные меры", "Organisation"),
    ("Экология", "Экология", "Ecology"),
    ("Жастар", "Молодёжь", "Youth"),
    ("Әлеуметтік қолдау", "Социальная поддержка", "Social support"),
    ("Ашықтық", "Открытость", "Transparency"),
    ("Қауіпсіздік", "Безопасность", "Safety"),
    ("Тұрғын үй", "Жильё", "Housing"),
    ("Денсаулық", "Здоровье", "Health"),
    ("Білім", "Образование", "Education"),
    ("Мониторинг", "Мониторинг", "Monitoring"),
]
ACTION_TITLES = [
    ("Аулаларды көгалдандыру", "Озеленение дворов", "Greening courtyards"),
    ("Жастарға арналған форум өткізу", "Проведение молодёжного форума", "Holding a youth forum"),
    ("ЖЭО-2 газға көшіру мониторингі", "Мониторинг перевода ТЭЦ-2 на газ", "Monitoring the CHP-2 gas switch"),
    ("Бюджет бойынша ашық тыңдаулар", "Открытые слушания по бюджету", "Open budget hearings"),
    ("КСК төрағаларын оқыту", "Обучение председателей КСК", "Training KSK chairs"),
    ("Көпбалалы отбасыларға кеңес беру", "Консультации для многодетных семей", "Advice for large families"),
    ("Мектеп маңындағы жол қауіпсіздігі", "Безопасность дорог у школ", "Road safety near schools"),
    ("Емханаларға пандус орнату", "Пандусы у поликлиник", "Ramps at clinics"),
]
MEETING_TOPICS = [
    ("Экологиялық ҮЕҰ-мен кездесу", "Встреча с экологическими НПО", "Meeting with ecology NGOs"),
    (
        "Диалог алаңы: қоғамдық қауіпсіздік",
        "Диалоговая площадка: общественная безопасность",
        "Dialogue platform: public safety",
    ),
    ("Әкіммен бейресми кездесу", "Неформальная встреча с акимом", "Informal meeting with the akim"),
    ("Жастар саясаты бойынша кездесу", "Встреча по молодёжной политике", "Meeting on youth policy"),
    ("Қала бюджетінің ашықтығы", "Прозрачность городского бюджета", "Transparency of the city budget"),
    ("КСК және тұрғын үй кооперативтері", "КСК и жилищные кооперативы", "KSK and housing cooperatives"),
    ("Көпбалалы отбасыларға көмек", "Помощь многодетным семьям", "Help for large families"),
    ("Денсаулық сақтау: ҮЕҰ ұсыныстары", "Здравоохранение: предложения НПО", "Health care: NGO proposals"),
]
ASSIGNMENT_TEXTS = [
    ("Ұсыныстарды қарап, жауап беру", "Рассмотреть предложения и дать ответ", "Review the proposals and answer"),
    ("Жұмыс тобын құру", "Создать рабочую группу", "Set up a working group"),
    ("Ақпаратты сайтта жариялау", "Опубликовать информацию на сайте", "Publish the information on the site"),
    ("Жол картасына енгізу", "Включить в дорожную карту", "Include in the road map"),
    ("Орындалуы туралы есеп беру", "Отчитаться об исполнении", "Report on implementation"),
]
REPORT_TEXTS = [
    "Сотрудник требовал деньги за ускорение выдачи справки в ЦОНе.",
    "В школе собирают деньги с родителей на ремонт без документов.",
    "Предлагаю сделать открытым реестр договоров на благоустройство.",
    "Автобус по маршруту не ходит по расписанию уже месяц.",
    "Жол жөндеу жұмыстары сапасыз жүргізілді, асфальт бір айда бұзылды.",
    "Емханада кезексіз қабылдау үшін ақша сұрайды.",
    "Во дворе второй месяц не вывозят мусор, КСК не отвечает.",
    "Как получить разрешение на проведение субботника во дворе?",
]
ANSWER_TEXTS = {
    "kk": "Өтінішіңіз қаралды. Тексеру жүргізілді, анықталған бұзушылықтар бойынша шаралар қабылданды.",
    "ru": "Ваше обращение рассмотрено. Проведена проверка, по выявленным нарушениям приняты меры.",
    "en": "Your report was considered. A check was carried out and measures were taken on the breaches found.",
}
OUTCOMES = {
    "kk": (
        "Анықтама беру тәртібі тексерілді",
        "Қызметкер анықтаманы жылдам беру үшін ақша сұраған.",
        "Тексеру жүргізілді, қызметкерге тәртіптік жаза қолданылды.",
    ),
    "ru": (
        "Проверка порядка выдачи справок",
        "Сотрудник требовал деньги за ускорение выдачи справки.",
        "Проведена проверка, сотрудник привлечён к дисциплинарной ответственности.",
    ),
    "en": (
        "Check of how certificates are issued",
        "An employee asked for money to issue a certificate faster.",
        "A check was made and the employee was disciplined.",
    ),
}
REPORT_PAGE_TOPICS = [
    ("Ауа сапасы", "air quality", "ЖЭО газға көшірілді, қыста түтін азайды."),
    ("Жастарды жұмыспен қамту", "youth employment", "Жастар алғашқы жұмысын тапты, жаңа орталықтар ашылды."),
    ("Көпбалалы отбасыларға көмек", "large families", "Көпбалалы отбасылар пәтер алды."),
    ("Қоғамдық көлік", "public transport", "Жаңа автобустар шықты, күту уақыты қысқарды."),
    ("Су және кәріз", "water supply", "Жаңа су құбыры тартылды, үйлерге таза су келді."),
    ("Абаттандыру", "landscaping", "Саябақтар жөнделді, аулаларға орындықтар қойылды."),
    ("Мектептер мен балабақшалар", "schools", "Жаңа мектептер ашылды, орын тапшылығы азайды."),
    ("Жолдар", "roads", "Көшелер жөнделді, бағдаршамдар орнатылды."),
]


def log(message):
    print(message, flush=True)


@contextmanager
def timed(name, timings):
    started = time.perf_counter()
    yield
    elapsed = time.perf_counter() - started
    timings.append((name, elapsed))
    log(f"  {name}: {elapsed:.1f} s")


def scaled(count, scale, minimum=1):
    return max(minimum, round(count * scale))


def bulk(model, rows, batch_size=BATCH):
    return model.objects.bulk_create(rows, batch_size=batch_size)


def fast_insert(model, objs, now):
    """INSERT many rows with executemany, bypassing the ORM's per-value compilation (10x faster).

    Gives the objects their primary keys (taken after the current maximum) and fills ``auto_now``
    columns with ``now``; on PostgreSQL the id sequence is moved past them afterwards.
    """
    from django.core.management.color import no_style
    from django.db import connection, models

    if not objs:
        return objs
    fields = [f for f in model._meta.concrete_fields if not f.generated]  # the database computes the others
    pk = model._meta.pk
    next_id = (model.objects.aggregate(m=models.Max(pk.attname))["m"] or 0) + 1
    for offset, obj in enumerate(objs):
        setattr(obj, pk.attname, next_id + offset)
    ops = connection.ops

    def adapter(field):
        if isinstance(field, models.DateTimeField):
            return ops.adapt_datetimefield_value
        if isinstance(field, models.DateField):
            return ops.adapt_datefield_value
        return None

    plan = [(f.attname, adapter(f), getattr(f, "auto_now", False)) for f in fields]
    rows = []
    for obj in objs:
        row = []
        for attname, adapt, auto_now in plan:
            value = getattr(obj, attname)
            if auto_now:
                value = now
                setattr(obj, attname, value)
            row.append(adapt(value) if adapt is not None and value is not None else value)
        rows.append(row)
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows[start : start + 5000])
        for statement in ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(statement)
    for obj in objs:
        obj._state.adding = False
    return objs


def moment_between(rng, start, end):
    span = (end - start).total_seconds()
    return start + datetime.timedelta(seconds=rng.random() * max(span, 1))


class Generator:
    def __init__(self, scale=1.0, seed=SEED):
        self.scale = scale
        self.rng = random.Random(seed)
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.timings = []

    # --- shared ---------------------------------------------------------------------------

    def load_reference(self):
        from hub.demo import demo_user
        from hub.models import Department, District
        from ngos.models import FieldOfActivity, TargetGroup

        self.departments = list(Department.objects.active().order_by("pk"))
        self.districts = list(District.objects.order_by("pk"))
        self.fields = list(FieldOfActivity.objects.order_by("pk"))
        self.target_groups = list(TargetGroup.objects.order_by("pk"))
        self.editor = demo_user("editor@demo.hub.kz")
        self.officer = demo_user("officer@demo.hub.kz")
        self.moderator = demo_user("moderator@demo.hub.kz")

    # --- users and organisations -----------------------------------------------------------

    def users(self, count):
        from allauth.account.models import EmailAddress
        from django.contrib.auth.hashers import make_password

        from hub.models import User

        password = make_password("bench-hub-2026")
        start = User.objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}").count()
        languages = ["kk", "ru", "ru", "en"]
        rows = [
            User(
                email=f"user{start + i:06d}@{BENCH_EMAIL_DOMAIN}",
                password=password,
                first_name=self.rng.choice(["Айгерим", "Ерлан", "Динара", "Олег", "Сауле", "Марат", "Анна", "Нурлан"]),
                last_name=self.rng.choice(["Ахметова", "Садыков", "Ким", "Иванова", "Жумабаев", "Оспанова"]),
                language=self.rng.choice(languages),
                date_joined=self.now - datetime.timedelta(days=self.rng.randint(30, 1500)),
            )
            for i in range(count)
        ]
        users = bulk(User, rows)
        bulk(EmailAddress, [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users])
        return users

    def bins(self, count):
        from ngos.models import Organisation
        from ngos.validators import bin_check_digit

        taken = set(Organisation.objects.values_list("bin", flat=True))
        number = 60_000_000_000 + self.rng.randint(0, 10_000_000)
        result = []
        while len(result) < count:
            number += self.rng.randint(1, 50)
            digit = bin_check_digit(str(number))
            value = f"{number}{digit}"
            if digit is not None and value not in taken:
                result.append(value)
        return result

    def organisations(self):
        from ngos.models import Membership, Organisation, OrganisationStatusChange
        from ngos.text import latin_slug

        rng, count = self.rng, scaled(5000, self.scale, 10)
        statuses = rng.choices(
            ["verified", "awaiting_verification", "draft", "rejected", "archived"], [85, 5, 4, 3, 3], k=count
        )
        leaders = self.users(count)
        members = self.users(count // 2)
        taken = set(Organisation.objects.values_list("slug", flat=True))
        rows = []
        for i, (bin_, status) in enumerate(zip(self.bins(count), statuses, strict=True)):
            word = ORG_WORDS[i % len(ORG_WORDS)]
            legal = rng.choices(list(LEGAL_FORMS), LEGAL_WEIGHTS)[0]
            form = LEGAL_FORMS[legal]
            number = i // len(ORG_WORDS) + 1
            name_ru = f"{form[1]} «{word[1]} {number}»"
            slug = f"{latin_slug(word[1], 80)}-{number}"
            while slug in taken:
                slug += "-b"
            taken.add(slug)
            registered = self.today - datetime.timedelta(days=rng.randint(200, 9000))
            verified_at = None
            if status in ("verified", "archived"):
                verified_at = self.now - datetime.timedelta(days=rng.randint(1, 1400), seconds=rng.randint(0, 86400))
            organisation = Organisation(
                slug=slug,
                name_kk=f"«{word[0]} {number}» {form[0]}",
                name_ru=name_ru,
                name_en=f"{word[2]} {number} {form[2]}" if rng.random() < 0.6 else "",
                short_name=f"{word[1]} {number}",
                legal_form=legal,
                bin=bin_,
                registration_date=registered,
                founding_year=registered.year,
                city_wide=rng.random() < 0.2,
                address=f"г. Алматы, ул. Абая, {rng.randint(1, 250)}",
                phone=f"+7 727 {rng.randint(200, 399)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                email=f"info{i}@ngo.{BENCH_EMAIL_DOMAIN}",
                website=f"https://ngo{i}.example.kz" if rng.random() < 0.4 else "",
                description=" ".join(rng.sample(SENTENCES, 3)),
                staff_count=rng.randint(1, 40),
                volunteer_count=rng.randint(0, 300),
                status=status,
                rejection_reason="Не указаны руководители организации." if status == "rejected" else "",
                verified_at=verified_at,
                created_at=(verified_at or self.now) - datetime.timedelta(days=rng.randint(1, 30)),
            )
            organisation.search_text = organisation.build_search_text()
            rows.append(organisation)
        organisations = bulk(Organisation, rows)
        self._organisation_links(organisations)
        memberships = [
            Membership(organisation=o, user=u, role="leader") for o, u in zip(organisations, leaders, strict=True)
        ]
        memberships += [
            Membership(organisation=organisations[(i * 2) % count], user=u, role="member")
            for i, u in enumerate(members)
        ]
        bulk(Membership, memberships)
        changes = []
        for organisation, leader in zip(organisations, leaders, strict=True):
            steps = {
                "draft": ["draft"],
                "awaiting_verification": ["draft", "awaiting_verification"],
                "verified": ["draft", "awaiting_verification", "verified"],
                "rejected": ["draft", "awaiting_verification", "rejected"],
                "archived": ["draft", "awaiting_verification", "verified", "archived"],
            }[organisation.status]
            previous, moment = "", organisation.created_at
            for step in steps:
                moderator_step = step in ("verified", "rejected", "archived")
                if step == "verified" and organisation.verified_at:
                    moment = organisation.verified_at
                changes.append(
                    OrganisationStatusChange(
                        organisation=organisation,
                        actor=self.moderator if moderator_step else leader,
                        from_status=previous,
                        to_status=step,
                        comment=organisation.rejection_reason if step == "rejected" else "",
                        created_at=moment,
                    )
                )
                previous, moment = step, moment + datetime.timedelta(hours=rng.randint(1, 72))
        bulk(OrganisationStatusChange, changes)
        self.organisations_all = organisations
        self.verified = [o for o in organisations if o.status == "verified"]
        self.leader_of = {o.pk: u for o, u in zip(organisations, leaders, strict=True)}
        self.people = leaders + members
        return len(organisations)

    def _organisation_links(self, organisations):
        from ngos.models import Organisation

        rng = self.rng
        fields_through = Organisation.fields.through
        groups_through = Organisation.target_groups.through
        districts_through = Organisation.districts.through
        field_rows, group_rows, district_rows = [], [], []
        # A few fields are far more common (ecology, youth, social): realistic facet counts.
        field_weights = [8 if n < 4 else 2 for n in range(len(self.fields))]
        for organisation in organisations:
            chosen = set(rng.choices(self.fields, field_weights, k=rng.randint(1, 3)))
            field_rows += [fields_through(organisation=organisation, fieldofactivity=f) for f in chosen]
            group_rows += [
                groups_through(organisation=organisation, targetgroup=g)
                for g in rng.sample(self.target_groups, rng.randint(1, 2))
            ]
            if not organisation.city_wide:
                district_rows += [
                    districts_through(organisation=organisation, district=d)
                    for d in rng.sample(self.districts, rng.randint(1, 2))
                ]
        bulk(fields_through, field_rows)
        bulk(groups_through, group_rows)
        bulk(districts_through, district_rows)

    # --- initiatives -----------------------------------------------------------------------

    def initiatives(self):
        from ngos.models import Initiative, InitiativeTransition, Organisation, OrganisationActivity

        rng, count = self.rng, scaled(20000, self.scale, 10)
        paths = {
            "draft": ["draft"],
            "submitted": ["draft", "submitted"],
            "under_review": ["draft", "submitted", "under_review"],
            "accepted": ["draft", "submitted", "under_review", "accepted"],
            "needs_changes": ["draft", "submitted", "under_review", "needs_changes"],
            "declined": ["draft", "submitted", "under_review", "declined"],
            "in_progress": ["draft", "submitted", "under_review", "accepted", "in_progress"],
            "implemented": ["draft", "submitted", "under_review", "accepted", "in_progress", "implemented"],
        }
        statuses = rng.choices(list(paths), [10, 15, 15, 15, 5, 10, 15, 15], k=count)
        answers = {
            "accepted": "Инициатива поддержана: управление включит её в план работ на следующий год.",
            "needs_changes": "Уточните, пожалуйста, смету и адреса дворов.",
            "declined": "Вопрос вне компетенции акимата города; направлен в профильное министерство.",
        }
        rows, plans = [], []
        for i, status in enumerate(statuses):
            organisation = self.verified[i % len(self.verified)]
            title, problem, proposal = INITIATIVE_TOPICS[i % len(INITIATIVE_TOPICS)]
            path = paths[status]
            created = moment_between(
                rng, max(organisation.verified_at, self.now - datetime.timedelta(days=900)), self.now
            )
            span = (self.now - created).total_seconds()
            times = sorted(created + datetime.timedelta(seconds=rng.random() * span) for _ in path[1:])
            stamps = dict(zip(path[1:], times, strict=True))
            answered_status = next((s for s in ("accepted", "needs_changes", "declined") if s in path), None)
            rows.append(
                Initiative(
                    organisation=organisation,
                    title=title.format(n=i + 1),
                    problem=problem,
                    proposal=proposal,
                    expected_result="Жители увидят результат в течение года.",
                    field=rng.choice(self.fields),
                    district=rng.choice(self.districts) if rng.random() < 0.7 else None,
                    asks=rng.sample(["premises", "information", "partnership", "cofunding"], rng.randint(0, 2)),
                    department=rng.choice(self.departments) if "under_review" in path else None,
                    official_answer=answers[answered_status] if answered_status else "",
                    answered_at=stamps.get(answered_status),
                    submitted_at=stamps.get("submitted"),
                    status=status,
                    created_by=self.leader_of[organisation.pk],
                    created_at=created,
                )
            )
            plans.append((path, [created, *times]))
        initiatives = bulk(Initiative, rows)
        transitions, activities, last_activity = [], [], {}
        for initiative, (path, times) in zip(initiatives, plans, strict=True):
            previous = ""
            for step, moment in zip(path, times, strict=True):
                staff = step not in ("draft", "submitted")
                transitions.append(
                    InitiativeTransition(
                        initiative=initiative,
                        actor=self.editor if staff else initiative.created_by,
                        from_status=previous,
                        to_status=step,
                        comment=initiative.official_answer if step in answers else "",
                        created_at=moment,
                    )
                )
                previous = step
            if initiative.submitted_at:
                activities.append(
                    OrganisationActivity(
                        organisation_id=initiative.organisation_id,
                        kind="initiative",
                        occurred_at=initiative.submitted_at,
                        description=initiative.title[:300],
                        created_at=initiative.submitted_at,
                    )
                )
                org = initiative.organisation_id
                last_activity[org] = max(last_activity.get(org, initiative.submitted_at), initiative.submitted_at)
        bulk(InitiativeTransition, transitions)
        bulk(OrganisationActivity, activities)
        self._set_last_activity(Organisation, last_activity)
        self.linkable_initiatives = [
            i.pk for i in initiatives if i.status in ("accepted", "in_progress", "implemented")
        ]
        return len(initiatives)

    def _set_last_activity(self, organisation_model, last_activity):
        """``last_activity_at`` = the latest activity, as ngos.services.activity_record keeps it."""
        changed = []
        for organisation in organisation_model.objects.filter(pk__in=list(last_activity)).only(
            "pk", "last_activity_at"
        ):
            latest = last_activity[organisation.pk]
            if organisation.last_activity_at is None or organisation.last_activity_at < latest:
                organisation.last_activity_at = latest
                changed.append(organisation)
        organisation_model.objects.bulk_update(changed, ["last_activity_at"], batch_size=BATCH)

    # --- road maps -------------------------------------------------------------------------

    def roadmaps(self):
        from ngos.models import Organisation, OrganisationActivity
        from roadmaps.models import (
            Action,
            ActionPartner,
            Indicator,
            ProgressUpdate,
            RoadMap,
            RoadMapStatusChange,
            Section,
        )

        rng = self.rng
        count = scaled(50, self.scale, 2)
        per_map = max(2, round(scaled(10000, self.scale, 4) / count))
        sections_per_map = 10 if per_map >= 20 else 2
        statuses = ["in_implementation"] * 25 + ["drafting"] * 8 + ["adopted"] * 7 + ["completed"] * 10
        taken = set(RoadMap.objects.values_list("slug", flat=True))
        roadmaps = []
        for i in range(count):
            topic = ROADMAP_TOPICS[i % len(ROADMAP_TOPICS)]
            status = statuses[i % len(statuses)]
            start_year = {"completed": 2022 + i % 3, "drafting": 2026, "adopted": 2026}.get(status, 2024 + i % 3)
            start = datetime.date(start_year, 1, 1)
            end = datetime.date(start_year + 1 + i % 2, 12, 31)
            slug = f"{topic[3]}-{start_year}-{i + 1}"
            while slug in taken:
                slug += "-b"
            taken.add(slug)
            roadmap = RoadMap(
                slug=slug,
                title_kk=f"«{topic[0]}» жол картасы {start_year}–{end.year}",
                title_ru=f"Дорожная карта «{topic[1]}» {start_year}–{end.year}",
                title_en=f"{topic[2]} road map {start_year}–{end.year}",
                summary_kk="Әкімдік пен ҮЕҰ-ның бірлескен іс-қимыл жоспары.",
                summary_ru="Совместный план действий акимата и НПО.",
                summary_en="A joint action plan of the akimat and NGOs.",
                goals_ru="Сделать работу с НПО регулярной и измеримой.",
                goals_kk="ҮЕҰ-мен жұмысты тұрақты және өлшенетін ету.",
                period_start=start,
                period_end=end,
                owner=self.departments[i % len(self.departments)],
                status=status,
                proposals_until=self.today + datetime.timedelta(days=30) if status == "drafting" else None,
                final_report_ru="Выполнено 80 % мероприятий; отчёт опубликован." if status == "completed" else "",
                final_report_kk="Іс-шаралардың 80 %-ы орындалды." if status == "completed" else "",
                live=False,
            )
            roadmap.save()
            history = {
                "drafting": [],
                "adopted": ["adopted"],
                "in_implementation": ["adopted", "in_implementation"],
                "completed": ["adopted", "in_implementation", "completed"],
            }[status]
            previous = "drafting"
            for step in history:
                RoadMapStatusChange.objects.create(
                    roadmap=roadmap, from_status=previous, to_status=step, changed_by=self.editor
                )
                previous = step
            # Through Wagtail, like an editor: a revision, live, published dates (a few stay drafts).
            if i % 25 != 24:
                roadmap.save_revision(user=self.editor).publish(user=self.editor, skip_permission_checks=True)
            roadmaps.append(roadmap)
        sections = []
        for roadmap in roadmaps:
            for number in range(1, sections_per_map + 1):
                title = SECTION_TITLES[(number - 1) % len(SECTION_TITLES)]
                sections.append(
                    Section(roadmap=roadmap, number=number, title_kk=title[0], title_ru=title[1], title_en=title[2])
                )
        sections = bulk(Section, sections)
        actions = []
        for section in sections:
            roadmap = section.roadmap
            length = (roadmap.period_end - roadmap.period_start).days
            for number in range(1, per_map // sections_per_map + 1):
                title = ACTION_TITLES[(section.number + number) % len(ACTION_TITLES)]
                start = roadmap.period_start + datetime.timedelta(days=rng.randint(0, length // 2))
                due = start + datetime.timedelta(days=rng.randint(30, max(31, length // 2)))
                status, progress = self._action_state(roadmap.status, due)
                actions.append(
                    Action(
                        section=section,
                        number=number,
                        title_kk=f"{title[0]} ({section.number}.{number})",
                        title_ru=f"{title[1]} ({section.number}.{number})",
                        title_en=f"{title[2]} ({section.number}.{number})",
                        description="Мероприятие выполняется совместно с НПО-партнёрами.",
                        expected_result="Жители получат измеримый результат.",
                        start_date=start,
                        due_date=due,
                        status=status,
                        progress=progress,
                    )
                )
        actions = bulk(Action, actions)
        departments_through = Action.departments.through
        bulk(
            departments_through,
            [
                departments_through(action=a, department=d)
                for a in actions
                for d in rng.sample(self.departments, rng.randint(1, 2))
            ],
        )
        partners, activities, last_activity = [], [], {}
        for action in actions:
            for organisation in rng.sample(self.verified, min(len(self.verified), rng.randint(0, 2))):
                partners.append(
                    ActionPartner(
                        action=action,
                        organisation=organisation,
                        may_post_updates=rng.random() < 0.3,
                        activity_recorded=True,
                    )
                )
                moment = moment_between(rng, self.now - datetime.timedelta(days=500), self.now)
                activities.append(
                    OrganisationActivity(
                        organisation=organisation,
                        kind="roadmap",
                        occurred_at=moment,
                        description=action.title_ru[:300],
                        created_at=moment,
                    )
                )
                last_activity[organisation.pk] = max(last_activity.get(organisation.pk, moment), moment)
        bulk(ActionPartner, partners)
        bulk(OrganisationActivity, activities)
        self._set_last_activity(Organisation, last_activity)
        indicators = bulk(
            Indicator,
            [
                Indicator(
                    action=a,
                    name_kk="Қамтылған тұрғындар",
                    name_ru="Охвачено жителей",
                    name_en="Residents reached",
                    unit_kind="count",
                    unit="чел.",
                    baseline=0,
                    target=1000,
                    actual=a.progress * 10 if a.progress else None,
                )
                for a in actions
            ],
        )
        updates = []
        for action, indicator in zip(actions, indicators, strict=True):
            if action.status == "planned":
                continue
            day = min(action.start_date + datetime.timedelta(days=rng.randint(1, 60)), self.today)
            updates.append(
                ProgressUpdate(
                    action=action,
                    occurred_on=day,
                    author=self.editor,
                    note="Работы начаты, партнёры подключены.",
                    status_before="planned",
                    status_after=action.status,
                    progress_before=0,
                    progress_after=action.progress,
                    indicator=indicator if indicator.actual is not None else None,
                    indicator_value=indicator.actual,
                )
            )
        bulk(ProgressUpdate, updates)
        # Issue 8 links initiatives to actions: a few accepted ones.
        initiatives_through = Action.initiatives.through
        links = [
            initiatives_through(action=a, initiative_id=pk)
            for a, pk in zip(actions[::20], self.linkable_initiatives[::7], strict=False)
        ]
        bulk(initiatives_through, links)
        self.actions = actions
        return f"{len(roadmaps)} road maps, {len(actions)} actions, {len(updates)} updates"

    def _action_state(self, roadmap_status, due):
        rng = self.rng
        if roadmap_status in ("drafting", "adopted"):
            return "planned", 0
        if roadmap_status == "completed":
            return ("done", 100) if rng.random() < 0.85 else ("cancelled", 0)
        roll = rng.random()
        if roll < 0.35:
            return "done", 100
        if roll < 0.75:
            return "in_progress", rng.randint(10, 90)
        if roll < 0.78:
            return "cancelled", 0
        return "planned", 0

    # --- meetings --------------------------------------------------------------------------

    def meetings(self):
        from meetings.models import (
            AgendaItem,
            Assignment,
            AssignmentUpdate,
            Decision,
            Meeting,
            MinutesVersion,
            Official,
            Registration,
        )
        from ngos.models import Organisation, OrganisationActivity

        rng = self.rng
        count = scaled(2000, self.scale, 4)
        officials = list(Official.objects.order_by("pk"))
        if not officials:
            officials = [
                Official.objects.create(
                    name_kk="Бенч Әкім", name_ru="Бенч Аким", position_kk="Әкім", position_ru="Аким"
                )
            ]
        kinds = ["dialogue_platform", "informal", "thematic", "online", "field_visit"]
        taken = set(Meeting.objects.values_list("slug", flat=True))
        rows = []
        for i in range(count):
            topic = MEETING_TOPICS[i % len(MEETING_TOPICS)]
            past = i % 4 != 0
            if past:
                starts = moment_between(
                    rng, self.now - datetime.timedelta(days=1100), self.now - datetime.timedelta(days=2)
                )
            else:
                starts = moment_between(
                    rng, self.now + datetime.timedelta(days=2), self.now + datetime.timedelta(days=180)
                )
            starts = starts.replace(minute=0, second=0, microsecond=0)
            kind = kinds[i % len(kinds)]
            slug = f"{starts:%Y-%m-%d}-meeting-{i + 1}"
            while slug in taken:
                slug += "-b"
            taken.add(slug)
            rows.append(
                Meeting(
                    kind=kind,
                    slug=slug,
                    title_kk=topic[0],
                    title_ru=topic[1],
                    title_en=topic[2],
                    topic_kk="Әкімдік басқармалары атқарылған жұмыс туралы баяндайды, ҮЕҰ сұрақ қояды.",
                    topic_ru="Руководители управлений отчитываются о сделанном, НПО задают вопросы.",
                    topic_en="Heads of departments report on work done; NGOs ask questions.",
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=2),
                    venue_kk="Алматы қ. әкімдігі, Республика алаңы, 4" if kind != "online" else "",
                    venue_ru="Акимат г. Алматы, площадь Республики, 4" if kind != "online" else "",
                    online_link="https://meet.example.kz/hub" if kind == "online" else "",
                    capacity=rng.choice([30, 50, 80, 120, 200]),
                    audience=rng.choice(["ngo", "ngo", "anyone"]),
                    registration_closes_at=starts - datetime.timedelta(hours=12),
                    summary_kk="Кездесуде ұсыныстар талқыланып, тапсырмалар берілді." if past else "",
                    summary_ru="На встрече обсудили предложения НПО и дали поручения." if past else "",
                    live=i % 50 != 49,
                    has_unpublished_changes=i % 50 == 49,
                    first_published_at=starts - datetime.timedelta(days=14) if i % 50 != 49 else None,
                    last_published_at=starts - datetime.timedelta(days=14) if i % 50 != 49 else None,
                    created_at=starts - datetime.timedelta(days=20),
                )
            )
        meetings = bulk(Meeting, rows)
        hosts = Meeting.hosts.through
        bulk(hosts, [hosts(meeting=m, official=rng.choice(officials)) for m in meetings])
        fields = Meeting.fields_of_activity.through
        bulk(fields, [fields(meeting=m, fieldofactivity=f) for m in meetings for f in rng.sample(self.fields, 2)])
        agenda = []
        for meeting in meetings:
            for order, (kk, ru) in enumerate(
                [
                    ("Кіріспе сөз", "Вступительное слово"),
                    ("Басқармалардың есебі", "Отчёт управлений"),
                    ("Сұрақтар", "Вопросы НПО"),
                ]
            ):
                agenda.append(
                    AgendaItem(
                        meeting=meeting,
                        sort_order=order,
                        time=timezone.localtime(meeting.starts_at + datetime.timedelta(minutes=40 * order)).time(),
                        title_kk=kk,
                        title_ru=ru,
                        speaker=str(rng.choice(officials).name_ru),
                    )
                )
        bulk(AgendaItem, agenda)
        past_meetings = [m for m in meetings if m.ends_at < self.now]
        bulk(
            Decision,
            [
                Decision(
                    meeting=m,
                    sort_order=n,
                    text_kk="Ұсыныстар жол картасына енгізілсін.",
                    text_ru="Включить предложения в дорожную карту.",
                )
                for m in past_meetings
                for n in range(2)
            ],
        )
        bulk(
            MinutesVersion,
            [
                MinutesVersion(
                    meeting=m,
                    number=1,
                    status="approved",
                    created_by=self.editor,
                    approved_by=self.editor,
                    approved_at=m.ends_at + datetime.timedelta(days=2),
                    created_at=m.ends_at + datetime.timedelta(days=1),
                )
                for m in past_meetings
                if m.live
            ],
        )
        # Assignments: most meetings' real outcome; some carry out a road-map action.
        total = scaled(20000, self.scale, 8)
        assignments = []
        for n in range(total):
            meeting = past_meetings[n % len(past_meetings)] if past_meetings else meetings[0]
            text = ASSIGNMENT_TEXTS[n % len(ASSIGNMENT_TEXTS)]
            due = (meeting.starts_at + datetime.timedelta(days=rng.randint(14, 180))).date()
            roll = rng.random()
            status = "done" if roll < 0.5 else ("in_progress" if roll < 0.75 else "open")
            use_official = rng.random() < 0.2
            assignments.append(
                Assignment(
                    meeting=meeting,
                    title_kk=text[0],
                    title_ru=text[1],
                    title_en=text[2],
                    department=None if use_official else rng.choice(self.departments),
                    official=rng.choice(officials) if use_official else None,
                    due_date=due,
                    status=status,
                    roadmap_action=rng.choice(self.actions) if self.actions and rng.random() < 0.1 else None,
                    created_at=meeting.ends_at + datetime.timedelta(days=1),
                )
            )
        assignments = bulk(Assignment, assignments)
        updates = []
        for assignment in assignments:
            if assignment.status == "open":
                continue
            moment = min(assignment.created_at + datetime.timedelta(days=rng.randint(3, 60)), self.now)
            updates.append(
                AssignmentUpdate(
                    assignment=assignment,
                    author=self.editor,
                    status_from="open",
                    status_to=assignment.status,
                    comment="Работа ведётся, подготовлен план." if assignment.status != "done" else "Выполнено.",
                    created_at=moment,
                )
            )
        bulk(AssignmentUpdate, updates)
        # Registrations for a third of the meetings, by members of verified organisations.
        member_of = {}
        for organisation in self.verified:
            member_of[self.leader_of[organisation.pk].pk] = organisation
        people = [u for u in self.people if u.pk in member_of]
        registrations, codes, activities, last_activity = [], set(), [], {}
        for meeting in meetings[::3]:
            for user in rng.sample(people, min(len(people), rng.randint(10, 40))):
                code = None
                while code is None or code in codes:
                    code = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8))
                codes.add(code)
                attended = meeting.ends_at < self.now and rng.random() < 0.8
                organisation = member_of[user.pk]
                registrations.append(
                    Registration(
                        meeting=meeting,
                        user=user,
                        organisation=organisation,
                        status="confirmed",
                        code=code,
                        attended_at=meeting.starts_at + datetime.timedelta(minutes=5) if attended else None,
                        created_at=meeting.starts_at - datetime.timedelta(days=rng.randint(1, 10)),
                    )
                )
                if attended:
                    activities.append(
                        OrganisationActivity(
                            organisation=organisation,
                            kind="meeting",
                            occurred_at=meeting.starts_at,
                            description=meeting.title_ru[:300],
                            created_at=meeting.starts_at,
                        )
                    )
                    last_activity[organisation.pk] = max(
                        last_activity.get(organisation.pk, meeting.starts_at), meeting.starts_at
                    )
        bulk(Registration, registrations)
        bulk(OrganisationActivity, activities)
        self._set_last_activity(Organisation, last_activity)
        return f"{len(meetings)} meetings, {len(assignments)} assignments, {len(registrations)} registrations"

    # --- Adaldyq alany reports -------------------------------------------------------------

    def reports(self):
        from anticorruption import codes, workcalendar
        from anticorruption.audit import chain
        from anticorruption.models import AuditEntry, Category, PublishedOutcome, Report, ReportMessage

        rng = self.rng
        count = scaled(100000, self.scale, 20)
        categories = list(Category.objects.filter(is_active=True).select_related("default_department"))
        calendar = workcalendar.load_calendar()
        triage = getattr(workcalendar, "triage_deadline", None)
        has_triage = any(f.name == "triage_due_at" for f in Report._meta.get_fields())
        taken_cases = set(Report.objects.values_list("case_number", flat=True))
        start = self.now - datetime.timedelta(days=730)
        rows, plans = [], []
        for _i in range(count):
            # More reports lately: the channel grows.
            created = start + (self.now - start) * (rng.random() ** 0.7)
            kind = rng.choices(["corruption", "idea", "service", "question"], [35, 15, 35, 15])[0]
            category = rng.choice(categories)
            anonymity = rng.choices(["anonymous", "confidential", "identified"], [60, 25, 15])[0]
            acknowledge_due, answer_due = workcalendar.deadlines_for(created, kind, calendar)
            case = None
            while case is None or case in taken_cases:
                case = "AA-" + "".join(rng.choice(codes.CASE_ALPHABET) for _ in range(4)) + "-"
                case += "".join(rng.choice(codes.CASE_ALPHABET) for _ in range(4))
            taken_cases.add(case)
            report = Report(
                case_number=case,
                receipt_hash=codes.receipt_hash(f"{rng.getrandbits(53):016d}"[-16:]),
                kind=kind,
                category=category,
                district=rng.choice(self.districts) if rng.random() < 0.8 else None,
                description=rng.choice(REPORT_TEXTS),
                location="г. Алматы" if rng.random() < 0.5 else "",
                language=rng.choices(["kk", "ru", "en"], [35, 60, 5])[0],
                anonymity=anonymity,
                reporter_name="Айгерим С." if anonymity == "identified" else "",
                reporter_email=f"reporter{_i}@mail.{BENCH_EMAIL_DOMAIN}" if anonymity != "anonymous" else "",
                publication_consent=rng.random() < 0.3,
                acknowledge_due_at=acknowledge_due,
                answer_due_at=answer_due,
                created_at=created,
                last_reporter_activity_at=created,
            )
            if has_triage and triage is not None:
                report.triage_due_at = triage(created, calendar)
            rows.append(report)
            plans.append(self._report_path(report, category))
        # Receipt hashes must be unique too (they are 53 random bits: collisions are not expected).
        assert len({r.receipt_hash for r in rows}) == len(rows)
        reports = fast_insert(Report, rows, self.now)
        messages, events, outcomes = [], [], []
        for report, steps in zip(reports, plans, strict=True):
            events.append((report.created_at, report.pk, None, "reporter", "filed", "", "submitted", ""))
            previous = "submitted"
            for status, moment, label in steps:
                if status == "assigned":
                    events.append(
                        (moment, report.pk, self.officer.pk, "officer", "assigned", "", "", report.department.slug)
                    )
                if status == "answered":
                    messages.append(
                        ReportMessage(
                            report=report,
                            kind="answer",
                            author=self.officer,
                            body=ANSWER_TEXTS[report.language],
                            language=report.language,
                            created_at=moment,
                        )
                    )
                    events.append((moment, report.pk, self.officer.pk, label, "answer", "", "", ""))
                actor = None if label == "reporter" else self.officer.pk
                comment = report.status_reason if status in ("rejected", "redirected", "extended") else ""
                events.append((moment, report.pk, actor, label, "transition", previous, status, comment))
                previous = status
            if (
                report.status in ("closed_resolved", "closed_unresolved")
                and report.publication_consent
                and rng.random() < 0.2
            ):
                title, summary, outcome = OUTCOMES[report.language]
                published = report.closed_at + datetime.timedelta(days=rng.randint(1, 10))
                outcomes.append(
                    PublishedOutcome(
                        report=report,
                        slug=secrets.token_hex(5),
                        language=report.language,
                        title=title,
                        summary=summary,
                        outcome=outcome,
                        published_at=min(published, self.now),
                        published_by=self.officer,
                    )
                )
                events.append(
                    (
                        min(published, self.now),
                        report.pk,
                        self.officer.pk,
                        "officer",
                        "published",
                        "",
                        "",
                        outcomes[-1].slug,
                    )
                )
        fast_insert(ReportMessage, messages, self.now)
        bulk(PublishedOutcome, outcomes)
        # The audit log: every step above, in time order, chained after the existing head.
        events.sort(key=lambda e: (e[0], e[1]))
        entries = [
            AuditEntry(
                created_at=moment,
                report_id=report_id,
                actor_id=actor_id,
                actor_label=label,
                action=action,
                from_status=source,
                to_status=target,
                comment=comment,
            )
            for moment, report_id, actor_id, label, action, source, target, comment in events
        ]
        with transaction.atomic():
            fast_insert(AuditEntry, chain(entries), self.now)
        return f"{len(reports)} reports, {len(messages)} answers, {len(outcomes)} published outcomes, {len(entries)} audit entries"

    def _report_path(self, report, category):
        """Pick where the case is now and stamp the report as the services would have; returns the steps."""
        rng, now, created = self.rng, self.now, report.created_at
        age_days = (now - created).total_seconds() / 86400
        if age_days > 30:
            final = rng.choices(
                [
                    "closed_resolved",
                    "closed_unresolved",
                    "answered",
                    "in_progress",
                    "extended",
                    "waiting",
                    "rejected",
                    "redirected",
                ],
                [50, 12, 20, 4, 2, 2, 4, 6],
            )[0]
        elif age_days > 3:
            final = rng.choices(
                [
                    "answered",
                    "in_progress",
                    "assigned",
                    "waiting",
                    "closed_resolved",
                    "extended",
                    "rejected",
                    "redirected",
                ],
                [30, 25, 15, 8, 10, 2, 4, 6],
            )[0]
        else:
            final = rng.choices(
                ["submitted", "acknowledged", "assigned", "in_progress", "rejected"], [20, 30, 30, 17, 3]
            )[0]
        steps = []
        acknowledged = created + datetime.timedelta(
            minutes=rng.randint(3, 55) if rng.random() < 0.85 else rng.randint(70, 900)
        )
        if final == "rejected":
            moment = min(acknowledged, now)
            report.status_reason = "Повторное обращение (дубликат)."
            steps.append(("rejected", moment, "officer"))
            report.status, report.closed_at = "rejected", moment
            return steps
        if final == "submitted" or acknowledged > now:
            return steps
        steps.append(("acknowledged", acknowledged, "officer"))
        report.status, report.acknowledged_at, report.officer = "acknowledged", acknowledged, self.officer
        if final == "acknowledged":
            return steps
        if final == "redirected":
            moment = min(acknowledged + datetime.timedelta(hours=rng.randint(2, 48)), now)
            report.status_reason = "Вопрос вне компетенции акимата города."
            report.redirected_to = "Министерство труда и социальной защиты"
            steps.append(("redirected", moment, "officer"))
            report.status, report.closed_at = "redirected", moment
            return steps
        assigned = acknowledged + datetime.timedelta(hours=rng.randint(1, 30))
        if assigned > now:
            return steps
        report.department = category.default_department if rng.random() < 0.8 else rng.choice(self.departments)
        report.assigned_at = assigned
        steps.append(("assigned", assigned, "officer"))
        report.status = "assigned"
        if final == "assigned":
            return steps
        started = assigned + datetime.timedelta(hours=rng.randint(2, 72))
        if started > now:
            return steps
        steps.append(("in_progress", started, "department"))
        report.status = "in_progress"
        if final == "in_progress":
            return steps
        if final == "waiting":
            steps.append(("waiting", min(started + datetime.timedelta(days=2), now), "department"))
            report.status = "waiting"
            return steps
        if final == "extended":
            report.status_reason = "Нужна выездная проверка."
            report.answer_due_at += datetime.timedelta(days=20)
            report.extended = True
            steps.append(("extended", min(started + datetime.timedelta(days=3), now), "department"))
            report.status = "extended"
            return steps
        # Most answers come in time; some late (on-time share around 85 %).
        answered = created + datetime.timedelta(days=rng.uniform(2, 18) if rng.random() < 0.85 else rng.uniform(22, 40))
        answered = max(answered, started + datetime.timedelta(hours=1))
        if answered > now:
            return steps
        steps.append(("answered", answered, "department"))
        report.status, report.answered_at = "answered", answered
        if final == "answered":
            return steps
        closed = answered + datetime.timedelta(days=rng.uniform(1, 6))
        if closed > now:
            return steps
        steps.append((final, closed, "officer"))
        report.status, report.closed_at = final, closed
        return steps

    # --- akimat reports (Wagtail pages) ----------------------------------------------------

    def report_pages(self):
        from wagtail.models import Locale

        from hub.models import ReportIndexPage, ReportPage

        rng = self.rng
        count = scaled(500, self.scale, 2)
        locale = Locale.objects.get(language_code="kk")
        index = ReportIndexPage.objects.get(locale=locale)
        taken = set(ReportPage.objects.child_of(index).values_list("slug", flat=True))
        created = 0
        with transaction.atomic():
            for i in range(count):
                topic, english, change = REPORT_PAGE_TOPICS[i % len(REPORT_PAGE_TOPICS)]
                year = 2019 + i % 7
                quarter = (i // 7) % 4
                start = datetime.date(year, quarter * 3 + 1, 1)
                end = (datetime.date(year + (quarter == 3), (quarter * 3 + 3) % 12 + 1, 1)) - datetime.timedelta(days=1)
                slug = f"{english.replace(' ', '-')}-{year}-q{quarter + 1}-{i + 1}"
                if slug in taken:
                    continue
                published = timezone.make_aware(datetime.datetime.combine(end, datetime.time(10))) + datetime.timedelta(
                    days=rng.randint(5, 40)
                )
                published = min(published, self.now)
                page = ReportPage(
                    title=f"{topic}: {year} жылғы {quarter + 1}-тоқсан",
                    slug=slug,
                    locale=locale,
                    department=self.departments[i % len(self.departments)],
                    period_start=start,
                    period_end=end,
                    summary=change,
                    body=[
                        ("text", f"<p>{change} Есепте басқарманың тоқсандағы жұмысы сипатталған.</p>"),
                        (
                            "key_figures",
                            [{"value": f"{rng.randint(1, 90)} 000", "label": "тұрғын", "explanation": ""}],
                        ),
                    ],
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                )
                index.add_child(instance=page)
                created += 1
        return f"{created} report pages"

    # --- all -------------------------------------------------------------------------------

    def run(self, *, demo=True, search_index=True):
        log(f"Generating at scale {self.scale} ...")
        if demo:
            with timed("demo content (hub and apps' seed)", self.timings):
                seed_demo()
        self.load_reference()
        parts = [
            ("organisations", self.organisations),
            ("initiatives", self.initiatives),
            ("road maps", self.roadmaps),
            ("meetings", self.meetings),
            ("Adaldyq alany reports", self.reports),
            ("akimat reports", self.report_pages),
        ]
        for name, part in parts:
            started = time.perf_counter()
            with transaction.atomic():
                result = part()
            elapsed = time.perf_counter() - started
            self.timings.append((name, elapsed))
            log(f"  {name}: {result} in {elapsed:.1f} s")
        from hub.page_cache import bump_generation

        bump_generation()
        if search_index:
            with timed("search index rebuild", self.timings):
                from django.core.management import call_command

                call_command("rebuild_search_index")
        total = sum(seconds for _name, seconds in self.timings)
        log(f"Done in {total:.0f} s.")
        return self.timings


def seed_demo():
    """hub.demo.seed() and every app's demo seed(), as ``manage.py seed_demo`` runs them.

    An app's seed that fails (another helper may be changing it) is reported and skipped.
    """
    from importlib import import_module
    from importlib.util import find_spec

    from hub import demo
    from hub.panels import DOMAIN_APPS

    class Out:
        def write(self, message):
            pass

    demo.seed(Out())
    for app in DOMAIN_APPS:
        if find_spec(f"{app}.demo") is None:
            continue
        try:
            import_module(f"{app}.demo").seed(Out())
        except Exception as error:  # noqa: BLE001 - the benchmark data does not depend on it
            log(f"  WARNING: {app}.demo.seed() failed: {type(error).__name__}: {error}")


# --- the pages the benchmark loads ---------------------------------------------------------


def key_paths():
    """[(name, path)] of the pages people read most, with real slugs and ids from the database."""
    from django.db.models import Count

    from anticorruption.models import PublishedOutcome
    from hub.models import ReportPage
    from meetings.models import Meeting
    from ngos.models import FieldOfActivity, Initiative
    from roadmaps.models import RoadMap

    initiative = (
        Initiative.objects.public()
        .filter(status="accepted")
        .exclude(official_answer_kk="", official_answer_ru="", official_answer_en="")
        .order_by("pk")
        .first()
        or Initiative.objects.public().order_by("pk").first()
    )
    organisation = initiative.organisation if initiative else None
    field = (
        FieldOfActivity.objects.annotate(n=Count("organisations"))
        .order_by("-n", "pk")
        .values_list("slug", flat=True)
        .first()
    )
    district = organisation.districts.order_by("pk").values_list("slug", flat=True).first() if organisation else None
    roadmap = RoadMap.objects.published().annotate(n=Count("sections__actions")).order_by("-n", "pk").first()
    meeting = Meeting.objects.published().annotate(n=Count("assignments")).order_by("-n", "-starts_at").first()
    report = ReportPage.objects.live().filter(locale__language_code="kk").order_by("-period_end", "-pk").first()
    paths = [
        ("home", "/kk/"),
        ("NGO directory", "/ru/ngos/"),
        ("directory, filtered", f"/ru/ngos/?field={field}" + (f"&district={district}" if district else "")),
        ("directory, text search", "/ru/ngos/?q=%D1%84%D0%BE%D0%BD%D0%B4%D0%B0"),  # "фонда": thousands match
        ("organisation", f"/ru/ngos/{organisation.slug}/" if organisation else None),
        ("initiatives", "/ru/initiatives/"),
        ("initiative", f"/ru/initiatives/{initiative.pk}/" if initiative else None),
        ("road maps", "/ru/roadmaps/"),
        ("road map (200 actions)", f"/ru/roadmaps/{roadmap.slug}/" if roadmap else None),
        ("meetings", "/ru/meetings/"),
        ("meeting", f"/ru/meetings/{meeting.slug}/" if meeting else None),
        ("assignments tracker", "/ru/meetings/assignments/"),
        ("akimat reports", "/kk/reports/"),
        ("akimat report", report.get_url() if report else None),
        ("Adaldyq alany form", "/ru/adaldyq-alany/"),
        ("statistics", "/ru/adaldyq-alany/stats/"),
        ("published outcomes", "/ru/adaldyq-alany/outcomes/" if PublishedOutcome.objects.exists() else None),
        ("search", "/ru/search/?q=%D0%B2%D0%BE%D0%B7%D0%B4%D1%83%D1%85"),  # "воздух"
    ]
    return [(name, path) for name, path in paths if path]


STAFF_MEETING_SEATS = 300
STAFF_PROPOSALS = 200


def staff_data():
    """The staff desks at their busiest, added once: a 300-person meeting and 200 NGO proposals waiting."""
    from django.db.models import Count

    from meetings.models import Meeting, Question, Registration
    from ngos.models import Membership
    from roadmaps.models import Proposal, RoadMap

    rng = random.Random(SEED + 17)
    meeting = Meeting.objects.published().annotate(n=Count("registrations")).order_by("-n", "-starts_at").first()
    if meeting.n < STAFF_MEETING_SEATS:
        Meeting.objects.filter(pk=meeting.pk).update(capacity=STAFF_MEETING_SEATS + 50)
        taken = set(meeting.registrations.values_list("user_id", flat=True))
        leaders = Membership.objects.filter(role="leader", organisation__status="verified").exclude(user_id__in=taken)
        rows = [(m.user_id, m.organisation_id) for m in leaders.order_by("pk")[: STAFF_MEETING_SEATS - meeting.n]]
        bulk(
            Registration,
            [
                Registration(meeting=meeting, user_id=user, organisation_id=organisation, code=secrets.token_hex(4))
                for user, organisation in rows
            ],
        )
        bulk(
            Question,
            [
                Question(meeting=meeting, author_id=user, organisation_id=organisation, text=rng.choice(SENTENCES))
                for user, organisation in rows[:60]
            ],
        )
    if not Proposal.objects.exists():
        roadmaps = list(RoadMap.objects.order_by("pk")[:5])
        leaders = list(Membership.objects.filter(role="leader", organisation__status="verified").order_by("pk")[:200])
        bulk(
            Proposal,
            [
                Proposal(
                    roadmap=roadmaps[i % len(roadmaps)],
                    organisation_id=leader.organisation_id,
                    proposer_id=leader.user_id,
                    title=f"{rng.choice(ACTION_TITLES)[1]} ({i + 1})",
                    rationale=rng.choice(SENTENCES),
                )
                for i, leader in enumerate(leaders[:STAFF_PROPOSALS])
            ],
        )
    return meeting.pk


def session_cookie(email):
    """A ``Cookie`` header signed in as ``email``, as the running server reads it."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(email=email))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def staff_paths():
    """{"pages": [(name, path, role)], "cookies": {role: Cookie header}} for the staff benchmark."""
    from anticorruption.models import Report

    meeting = staff_data()
    case = Report.objects.order_by("-pk").values_list("case_number", flat=True).first()
    pages = [
        ("officer queue, 100,000 reports", "/admin/adaldyq/", "officer"),
        ("a case", f"/admin/adaldyq/case/{case}/", "officer"),
        ("verification queue", "/admin/ngos/verification/", "moderator"),
        ("registry admin list", "/admin/ngos/organisations/", "moderator"),
        (f"meeting desk, {STAFF_MEETING_SEATS} registered", f"/admin/meetings-desk/{meeting}/", "editor"),
        ("proposal queue", "/admin/roadmap-tools/proposals/", "editor"),
    ]
    roles = ("leader", "officer", "moderator", "editor")
    return {"pages": pages, "cookies": {role: session_cookie(f"{role}@demo.hub.kz") for role in roles}}


def check_key_paths(host="127.0.0.1"):
    """{path: status} for an anonymous GET of every key page, through Django's test client."""
    from django.test import Client

    client = Client(HTTP_HOST=host)
    return {path: client.get(path).status_code for _name, path in key_paths()}


def main(argv=None):
    parser = argparse.ArgumentParser(description="Generate city-scale data for the benchmark.")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 5,000 NGOs, 100,000 reports ...")
    parser.add_argument("--no-search-index", action="store_true", help="skip rebuilding the search index")
    parser.add_argument("--no-demo", action="store_true", help="skip the demo seed (it must have run before)")
    parser.add_argument("--seed", type=int, default=SEED)
    options = parser.parse_args(argv)
    Generator(options.scale, options.seed).run(demo=not options.no_demo, search_index=not options.no_search_index)
    started = time.perf_counter()
    statuses = check_key_paths()
    log(f"Key pages checked in {time.perf_counter() - started:.1f} s (first render, anonymous GET):")
    failed = 0
    for path, status in statuses.items():
        log(f"  {status} {path}")
        failed += status != 200
    if failed:
        log(f"{failed} key page(s) did not answer 200.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
