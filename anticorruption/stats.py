"""Public statistics of the channel, computed in the database with a fixed number of queries.

Definitions (also explained on the page, in the methods section):

- counted reports: every report once; a near-duplicate (the same text filed again within the window)
  counts with its original, not again;
- rejected reports count: they are finished (a decision), shown as rejected, and late when the
  rejection came after the deadline, so rejecting an overdue case does not hide it;
- finished: answered once, closed (resolved or not), redirected or rejected; on time is judged on the
  first answer against the deadline in force then (a reopened case answered on time stays on time), or,
  without any answer, on the closing;
- on-time share = finished on time / (finished + open, never answered and already overdue), so leaving
  a case open past its deadline lowers the figure and never improves it;
- medians are of wall-clock time from filing to the first human acknowledgement, and from
  filing to the first answer;
- "was it resolved?": asked once per case after its first answer; shares are of the reporters who
  replied, out of the counted cases that have an answer.
"""

import datetime
import math

from django.conf import settings
from django.core.cache import cache
from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from hub.i18n import language_fallbacks, translated_text
from hub.models import Department

from .models import OPEN_STATUSES, DepartmentReply, Report, ReporterFeedback, Status
from .workcalendar import ALMATY

FINISHED = [Status.ANSWERED, Status.CLOSED_RESOLVED, Status.CLOSED_UNRESOLVED, Status.REDIRECTED, Status.REJECTED]


class Median(Aggregate):
    """The median, in the database: PERCENTILE_CONT on PostgreSQL, a registered MEDIAN on SQLite."""

    function = "MEDIAN"
    name = "Median"
    output_field = DurationField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY %(expressions)s)",
            **extra_context,
        )


class SQLiteMedian:
    """MEDIAN(x) for SQLite, registered on each connection (see apps.py)."""

    def __init__(self):
        self.values = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        if not self.values:
            return None
        ordered, middle = sorted(self.values), len(self.values) // 2
        if len(ordered) % 2:
            return ordered[middle]
        return (ordered[middle - 1] + ordered[middle]) / 2


def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("MEDIAN", 1, SQLiteMedian)


def _duration(end):
    return ExpressionWrapper(F(end) - F("created_at"), output_field=DurationField())


def measures(now):
    """The aggregates of one group of reports."""
    answered = Q(first_answered_at__isnull=False)
    finished = answered | Q(status__in=FINISHED)
    answered_on_time = Q(first_answered_at__lte=F("first_answer_due_at"))
    closed_on_time = Q(first_answered_at__isnull=True, closed_at__isnull=False, closed_at__lte=F("answer_due_at"))
    return {
        "total": Count("id"),
        "finished": Count("id", filter=finished),
        "on_time": Count("id", filter=finished & (answered_on_time | closed_on_time)),
        "rejected": Count("id", filter=Q(status=Status.REJECTED)),
        "overdue_open": Count(
            "id", filter=Q(status__in=OPEN_STATUSES, first_answered_at__isnull=True, answer_due_at__lt=now)
        ),
        "acknowledged_on_time": Count("id", filter=Q(acknowledged_at__lte=F("acknowledge_due_at"))),
        "acknowledged": Count("id", filter=Q(acknowledged_at__isnull=False)),
        "median_acknowledge": Median(_duration("acknowledged_at")),
        "median_answer": Median(_duration("first_answered_at")),
    }


def wilson_interval(successes, trials, z=1.96):
    """95% Wilson score interval for a share; (low, high) or None without cases."""
    if not trials:
        return None
    share = successes / trials
    denominator = 1 + z * z / trials
    centre = (share + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(share * (1 - share) / trials + z * z / (4 * trials * trials)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def with_shares(row):
    """Add the on-time share, its interval and the golden-hour share to an aggregate row."""
    trials = row["finished"] + row["overdue_open"]
    row["trials"] = trials
    row["on_time_share"] = row["on_time"] / trials if trials else None
    row["interval"] = wilson_interval(row["on_time"], trials)
    row["golden_share"] = row["acknowledged_on_time"] / row["acknowledged"] if row["acknowledged"] else None
    return row


def feedback_measures():
    """How the reporters of answered cases said their matter ended (one row per case at most)."""
    answered = Q(first_answered_at__isnull=False)
    counts = {"answered": Count("id", filter=answered)}
    for value in ReporterFeedback.Resolved.values:
        counts[value] = Count("id", filter=answered & Q(feedback__resolved=value))
    return counts


def with_feedback_shares(row):
    row["replied"] = sum(row[value] for value in ReporterFeedback.Resolved.values)
    for value in ReporterFeedback.Resolved.values:
        row[f"{value}_share"] = row[value] / row["replied"] if row["replied"] else None
    row["interval"] = wilson_interval(row["yes"], row["replied"])
    return row


def filtered(filters, reports=None):
    reports = Report.objects.counted() if reports is None else reports
    if filters.get("start"):
        reports = reports.filter(created_at__gte=_month_start(filters["start"]))
    if filters.get("end"):
        reports = reports.filter(created_at__lt=_month_start(filters["end"], next_month=True))
    if filters.get("kind"):
        reports = reports.filter(kind=filters["kind"])
    if filters.get("district"):
        reports = reports.filter(district=filters["district"])
    return reports


def _month_start(value, next_month=False):
    year, month = value.year, value.month + (1 if next_month else 0)
    if month == 13:
        year, month = year + 1, 1
    return datetime.datetime(year, month, 1, tzinfo=ALMATY)


NAMES = ["name_kk", "name_ru", "name_en"]


def compute(filters, now=None):
    """Every figure of the statistics page: 10 queries whatever the number of reports."""
    now = now or timezone.now()
    reports = filtered(filters)
    by_name = lambda prefix: [f"{prefix}__{n}" for n in NAMES]  # noqa: E731
    figures = {
        "computed_at": now,
        "overall": with_shares(reports.aggregate(**measures(now))),
        "duplicates": filtered(filters, Report.objects.duplicates()).count(),
        "feedback": with_feedback_shares(reports.aggregate(**feedback_measures())),
        "kinds": list(reports.values("kind").annotate(count=Count("id")).order_by("-count")),
        "categories": list(
            reports.values("category_id", *by_name("category")).annotate(count=Count("id")).order_by("-count")
        ),
        "districts": list(
            reports.values("district_id", *by_name("district")).annotate(count=Count("id")).order_by("-count")
        ),
        "months": list(
            reports.annotate(month=TruncMonth("created_at", tzinfo=ALMATY))
            .values("month")
            .annotate(count=Count("id"))
            .order_by("month")
        ),
    }
    rows = list(reports.exclude(department=None).values("department_id").annotate(**measures(now)).order_by())
    figures["departments"] = _department_table(rows)
    return figures


def _department_table(rows):
    bodies = Department.objects.in_bulk([row["department_id"] for row in rows])
    minimum = getattr(settings, "ANTICORRUPTION_RANKING_MIN_CASES", 20)
    table = []
    for row in rows:
        body = bodies.get(row["department_id"])
        if body is None:
            continue
        row = with_shares(row)
        row.update(
            slug=body.slug,
            names={n: getattr(body, n) for n in NAMES},
            ranked=row["trials"] >= minimum,
        )
        table.append(row)
    # Fair order: by the lower bound of the interval, so a small lucky sample does not top the list.
    table.sort(key=lambda r: (not r["ranked"], -(r["interval"][0] if r["interval"] else 0), r["slug"]))
    return table


def name_of(row, prefix=""):
    """The row's name in the active language (with the usual fallbacks)."""
    names = row.get("names") or {n: row.get(f"{prefix}__{n}" if prefix else n) for n in NAMES}
    for language in language_fallbacks():
        if names.get(f"name_{language}"):
            return names[f"name_{language}"]
    return ""


def _cache_key(filters):
    return "ac-stats:" + "|".join(f"{k}={getattr(v, 'pk', v)}" for k, v in sorted(filters.items()) if v)


def cached_if_present(filters):
    """The cached figures, or None: for pages that must never wait for the computation."""
    return cache.get(_cache_key(filters))


def cached(filters):
    """The figures, cached for a while at scale; the page says how fresh they are."""
    seconds = getattr(settings, "ANTICORRUPTION_STATS_CACHE_SECONDS", 600)
    if not seconds:
        return with_replies(compute(filters))
    key = _cache_key(filters)
    figures = cache.get(key)
    if figures is None:
        figures = compute(filters)
        cache.set(key, figures, seconds)
    return with_replies(figures)


def with_replies(figures):
    """The bodies' own replies, read fresh (one query): a body sees its new reply at once."""
    slugs = [row["slug"] for row in figures["departments"]]
    replies = {
        reply.department.slug: translated_text(reply, "text")
        for reply in DepartmentReply.objects.filter(department__slug__in=slugs).select_related("department")
    }
    departments = [{**row, "reply": replies.get(row["slug"], "")} for row in figures["departments"]]
    return {**figures, "departments": departments}
