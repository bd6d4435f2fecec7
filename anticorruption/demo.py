"""Demo data for Adaldyq alany: several hundred reports across every status, body and month.

Idempotent: the reports are drawn from a fixed seed, and nothing is added when the first one
exists. Rows go in with ``bulk_create``; the audit lines are chained in time order.
"""

import datetime
import random

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from hub.demo import demo_user
from hub.models import Department, District
from hub.roles import OFFICERS

from . import codes, services, workcalendar
from .audit import audit_bulk_append
from .models import AuditEntry, Category, Report, ReporterFeedback, ReportMessage

REPORT_COUNT = 420
DEMO_RECEIPT = "2025061520250615"
S = Report.Status

PATHS = {
    S.SUBMITTED: [],
    S.REGISTERED: [S.REGISTERED],
    S.ACKNOWLEDGED: [S.ACKNOWLEDGED],
    S.ASSIGNED: [S.ACKNOWLEDGED, S.ASSIGNED],
    S.IN_PROGRESS: [S.ACKNOWLEDGED, S.ASSIGNED, S.IN_PROGRESS],
    S.WAITING: [S.ACKNOWLEDGED, S.ASSIGNED, S.IN_PROGRESS, S.WAITING],
    S.EXTENDED: [S.ACKNOWLEDGED, S.ASSIGNED, S.EXTENDED],
    S.ANSWERED: [S.ACKNOWLEDGED, S.ASSIGNED, S.IN_PROGRESS, S.ANSWERED],
    S.CLOSED_RESOLVED: [S.ACKNOWLEDGED, S.ASSIGNED, S.IN_PROGRESS, S.ANSWERED, S.CLOSED_RESOLVED],
    S.CLOSED_UNRESOLVED: [S.ACKNOWLEDGED, S.ASSIGNED, S.IN_PROGRESS, S.ANSWERED, S.CLOSED_UNRESOLVED],
    S.REOPENED: [S.ACKNOWLEDGED, S.ASSIGNED, S.IN_PROGRESS, S.ANSWERED, S.CLOSED_UNRESOLVED, S.REOPENED],
    S.REDIRECTED: [S.ACKNOWLEDGED, S.REDIRECTED],
    S.REJECTED: [S.REJECTED],
}
OLD_STATUSES = [S.CLOSED_RESOLVED] * 5 + [S.CLOSED_UNRESOLVED] * 2 + [S.REDIRECTED, S.REJECTED, S.REOPENED, S.ANSWERED]
RECENT_STATUSES = list(PATHS)

TEXTS = {
    "ru": [
        "Во дворе третий месяц не вывозят мусор, управляющая компания требует доплату наличными.",
        "В поликлинике за направление к специалисту просят «благодарность».",
        "Предлагаю сделать выделенную полосу для автобусов на проспекте Абая.",
        "Подрядчик сдал дорогу, но асфальт разрушился через месяц. Кто принимал работы?",
        "Как получить место в детском саду, если очередь не двигается два года?",
    ],
    "kk": [
        "Мектепте ата-аналардан жөндеу үшін қолма-қол ақша жинайды.",
        "Аулада үш ай бойы қоқыс шығарылмайды, ПИК қосымша ақша талап етеді.",
        "Аялдамаларға жылытылатын павильондар орнатуды ұсынамын.",
        "Жер учаскесін рәсімдеу үшін делдал арқылы ақша сұрады.",
    ],
    "en": [
        "A land plot was allocated without the auction that was announced.",
        "The bus on route 92 skips the stop near the clinic every morning.",
    ],
}
ANSWERS = {
    "ru": "Проверка проведена, нарушение подтверждено, ответственному сотруднику объявлен выговор.",
    "kk": "Тексеру жүргізілді, бұзушылық расталды, жауапты қызметкерге сөгіс берілді.",
    "en": "The check was carried out; the violation was confirmed and the official was reprimanded.",
}


def seed(stdout):
    """Create the demo reports once; print a receipt to try the tracking page with."""
    first_number = _case_number(0)
    if Report.objects.filter(case_number=first_number).exists():
        stdout.write("Adaldyq alany: demo reports already present.")
        return
    officer = demo_user("officer@demo.hub.kz", is_staff=True)
    officer.groups.add(*Group.objects.filter(name=OFFICERS))
    education = Department.objects.filter(slug="education").first()
    if education:
        services.department_staff_add(user=demo_user("staff.education@demo.hub.kz"), department=education)
    with transaction.atomic():
        count = _seed_reports(random.Random(2025), officer)
        _seed_accountability(officer)
    receipt = codes.format_receipt(DEMO_RECEIPT)
    stdout.write(f"Adaldyq alany: {count} demo reports. Try tracking {first_number} with receipt {receipt}.")


def _case_number(index):
    """Case numbers drawn from a seed per report, so a second run finds the first one."""
    rng = random.Random(f"adaldyq-demo-{index}")
    part = lambda: "".join(rng.choice(codes.CASE_ALPHABET) for _ in range(4))  # noqa: E731
    return f"AA-{part()}-{part()}"


def _seed_reports(rng, officer):
    categories = list(Category.objects.select_related("default_department"))
    departments = list(Department.objects.active())
    districts = list(District.objects.all())
    calendar = workcalendar.load_calendar()
    now = timezone.now()
    plans = [_plan(rng, index, now, categories, departments, districts, calendar) for index in range(REPORT_COUNT)]
    reports = Report.objects.bulk_create([plan["report"] for plan in plans])
    if reports[0].pk is None:  # backends that do not return keys
        reports = list(Report.objects.filter(case_number__in=[r.case_number for r in reports]).order_by("pk"))
    messages, entries = [], []
    for report, plan in zip(reports, plans, strict=True):
        entries.append(
            _entry(report, None, REPORTER_LABEL, AuditEntry.Action.FILED, "", S.SUBMITTED, report.created_at)
        )
        previous = S.SUBMITTED
        for status, moment in plan["steps"]:
            if status == S.ANSWERED:
                messages.append(_message(report, ReportMessage.Kind.ANSWER, ANSWERS[report.language], officer, moment))
            if status == S.WAITING:
                messages.append(_message(report, ReportMessage.Kind.QUESTION, "?", officer, moment))
            actor = None if status == S.REOPENED else officer
            label = REPORTER_LABEL if status == S.REOPENED else "officer"
            entries.append(_entry(report, actor, label, AuditEntry.Action.TRANSITION, previous, status, moment))
            previous = status
    ReportMessage.objects.bulk_create(messages)
    feedback = _feedback(rng, reports)
    entries += [
        _entry(item.report, None, REPORTER_LABEL, AuditEntry.Action.FEEDBACK, "", "", item.created_at)
        for item in feedback
    ]
    entries.sort(key=lambda entry: entry.created_at)
    audit_bulk_append(entries)
    return len(reports)


REPORTER_LABEL = "reporter"


def _feedback(rng, reports):
    """About two in three reporters of an answered case say whether it was resolved."""
    choices = ["yes", "yes", "yes", "partly", "partly", "no"]
    feedback = [
        ReporterFeedback(
            report=report,
            resolved=rng.choice(choices),
            created_at=min(report.first_answered_at + datetime.timedelta(days=rng.uniform(0.2, 4)), timezone.now()),
        )
        for report in reports
        if report.first_answered_at and rng.random() < 0.66
    ]
    return ReporterFeedback.objects.bulk_create(feedback)


def _entry(report, actor, label, action, source, target, moment):
    return AuditEntry(
        report_id=report.pk, actor=actor, actor_label=label, action=action,
        from_status=source, to_status=target, created_at=moment,
    )  # fmt: skip


def _message(report, kind, body, author, moment):
    return ReportMessage(
        report_id=report.pk, kind=kind, body=body, author=author, language=report.language, created_at=moment
    )


def _plan(rng, index, now, categories, departments, districts, calendar):
    age_days = rng.randint(0, 365)
    created = now - datetime.timedelta(days=age_days, minutes=rng.randint(0, 1440))
    status = rng.choice(OLD_STATUSES if age_days > 45 else RECENT_STATUSES)
    category = rng.choice(categories)
    language = rng.choice(["ru", "ru", "kk", "kk", "en"])
    anonymity = rng.choice(["anonymous", "anonymous", "confidential", "identified"])
    acknowledge_due, answer_due = workcalendar.deadlines_for(created, "corruption", calendar)
    steps, moment = [], created
    for step in PATHS[status]:
        gap = rng.uniform(0.1, 2.5) if step == S.ACKNOWLEDGED else rng.uniform(0.5, 9) * 24
        moment = min(moment + datetime.timedelta(hours=gap), now)
        steps.append((step, moment))
    stamps = dict(steps)
    department = category.default_department if rng.random() < 0.8 else rng.choice(departments)
    code = DEMO_RECEIPT if index == 0 else f"{rng.randrange(10**16):016d}"
    report = Report(
        case_number=_case_number(index),
        receipt_hash=codes.receipt_hash(code),
        kind=rng.choice(Report.Kind.values),
        category=category,
        district=rng.choice(districts) if districts else None,
        description=rng.choice(TEXTS[language]),
        language=language,
        anonymity=anonymity,
        reporter_email=f"reporter{index}@demo.hub.kz" if anonymity != "anonymous" else "",
        reporter_name=f"Demo reporter {index}" if anonymity == "identified" else "",
        publication_consent=rng.random() < 0.4,
        status=status,
        version=len(steps) + 1,
        department=department if S.ASSIGNED in stamps else None,
        officer=None,
        created_at=created,
        acknowledge_due_at=acknowledge_due,
        answer_due_at=answer_due,
        triage_due_at=workcalendar.triage_deadline(created, calendar),
        acknowledged_at=next((m for s, m in steps if s not in (S.REGISTERED, S.REJECTED)), None),
        assigned_at=stamps.get(S.ASSIGNED),
        answered_at=stamps.get(S.ANSWERED) if status != S.REOPENED else None,
        first_answered_at=stamps.get(S.ANSWERED),
        first_answer_due_at=answer_due if S.ANSWERED in stamps else None,
        closed_at=next(
            (m for s, m in steps if s in (S.CLOSED_RESOLVED, S.CLOSED_UNRESOLVED, S.REDIRECTED, S.REJECTED)), None
        )
        if status != S.REOPENED
        else None,
        extended=status == S.EXTENDED,
        redirected_to="Ministry of Labour and Social Protection" if status == S.REDIRECTED else "",
        status_reason="Spam" if status == S.REJECTED else "",
        last_reporter_activity_at=created,
    )
    if status == S.EXTENDED:
        report.answer_due_at = calendar.add_working_days(created, 30)
    return {"report": report, "steps": steps}


OUTCOMES = {
    "ru": (
        "Поборы за зачисление в школу прекращены",
        "Родителей просили внести деньги за зачисление ребёнка в первый класс.",
        "Проверка подтвердила нарушение, деньги вернули родителям, директору объявлен выговор.",
    ),
    "kk": (
        "Аулада қоқыс уақытылы шығарылатын болды",
        "Тұрғындар қоқыс шығару үшін қосымша ақша талап етілгенін хабарлады.",
        "Кестеге сәйкес қоқыс шығару қалпына келтірілді, заңсыз төлемдер тоқтатылды.",
    ),
    "en": (
        "Land plot auction held again",
        "A resident reported that a plot was allocated without the announced auction.",
        "The allocation was cancelled and a public auction was held.",
    ),
}
# Russian outcomes also have a Kazakh version; the others show the "in Russian"/"орысша" marker.
OUTCOME_TRANSLATIONS = {
    "ru": {
        "title_kk": "Мектепке қабылдау үшін заңсыз төлемдер тоқтатылды",
        "summary_kk": "Ата-аналардан баланы бірінші сыныпқа қабылдау үшін ақша сұраған.",
        "outcome_kk": "Тексеру бұзушылықты растады, ақша ата-аналарға қайтарылды, директорға сөгіс берілді.",
    },
}
# (language written in, text, translations)
REPLIES = {
    "education": ("ru", "Мы ввели еженедельный разбор просроченных обращений у заместителя руководителя.", {}),
    "health": (
        "kk",
        "Жауап беру мерзімдерін бақылау үшін жеке қызметкер тағайындалды.",
        {"text_ru": "Для контроля сроков ответа назначен отдельный сотрудник."},
    ),
}


def _seed_accountability(officer):
    """Published outcomes, replies of bodies and one case on legal hold, for the statistics pages."""
    closed = Report.objects.filter(status=S.CLOSED_RESOLVED, publication_consent=True).order_by("created_at")[:12]
    for report in closed:
        title, summary, outcome = OUTCOMES[report.language]
        services.outcome_publish(
            report=report,
            actor=officer,
            title=title,
            summary=summary,
            outcome=outcome,
            translations=OUTCOME_TRANSLATIONS.get(report.language),
        )
    for slug, (language, text, translations) in REPLIES.items():
        department = Department.objects.filter(slug=slug).first()
        if department:
            services.department_reply_set(
                department=department, actor=officer, text=text, language=language, translations=translations
            )
    held = Report.objects.filter(status=S.CLOSED_UNRESOLVED, legal_hold=False).order_by("created_at").first()
    if held:
        services.report_set_legal_hold(report=held, actor=officer, hold=True, reason="Demo: request of the prosecutor.")
