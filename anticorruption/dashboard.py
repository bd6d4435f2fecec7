"""The officers' and department staff's panel on the admin dashboard: what needs doing first.

A fixed number of queries whatever the number of reports: one aggregate for the urgency groups,
one grouped count per status, the few most urgent cases assigned to the user, and their bodies.
"""

from django.db.models import Count, Q
from django.utils import timezone

from hub.models import Department

from .models import DUE_SOON, OPEN_STATUSES, Report, Status

SHOWN = 5


def urgency_counts(reports, user, now):
    """Counts of the urgency groups (each the same filter as the queue's link) in one query."""
    open_ = Q(status__in=OPEN_STATUSES)
    unacknowledged = open_ & Q(acknowledged_at__isnull=True)
    return reports.aggregate(
        running=Count("pk", filter=unacknowledged & Q(acknowledge_due_at__gte=now)),
        unacknowledged=Count("pk", filter=unacknowledged & Q(acknowledge_due_at__lt=now)),
        soon=Count("pk", filter=open_ & Q(answer_due_at__gte=now, answer_due_at__lt=now + DUE_SOON)),
        overdue=Count("pk", filter=open_ & Q(answer_due_at__lt=now)),
        mine=Count("pk", filter=open_ & Q(officer=user)),
        open=Count("pk", filter=open_),
    )


def status_counts(reports):
    """(status value, label, count) for every status that has reports, in the table's order."""
    counted = dict(reports.order_by().values_list("status").annotate(n=Count("pk")))
    return [(status.value, status.label, counted[status.value]) for status in Status if counted.get(status.value)]


def reports_context(user, *, officer, now=None):
    now = now or timezone.now()
    reports = Report.objects.visible_to(user)
    mine = reports.open().filter(officer=user) if officer else reports.none()
    return {
        "officer": officer,
        "urgency": urgency_counts(reports, user, now),
        "statuses": status_counts(reports),
        "mine": list(mine.for_queue().by_urgency()[:SHOWN]) if officer else [],
        "bodies": [] if officer else list(bodies_of(user)),
        "now": now,
    }


def bodies_of(user):
    """The bodies whose staff the user is, each with its number of open reports."""
    open_reports = Count("anticorruption_reports", filter=Q(anticorruption_reports__status__in=OPEN_STATUSES))
    return Department.objects.filter(staff_roles__user=user).annotate(open_reports=open_reports).order_by("slug")
