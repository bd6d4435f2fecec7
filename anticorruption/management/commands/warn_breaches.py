import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from anticorruption.models import Report
from hub.emails import send_email_to_user
from hub.links import absolute_url
from hub.locks import exclusive_command
from hub.roles import OFFICERS


def breach_lines(reports, due_field, kind, now, limit=500):
    """One line per report, earliest deadline first: what the email lists."""
    lines = []
    for report in reports.only("case_number", "status", due_field).order_by(due_field)[:limit]:
        due = getattr(report, due_field)
        lines.append(
            {"case_number": report.case_number, "status": report.get_status_display(), "due": due,
             "overdue": due < now, "kind": kind}
        )  # fmt: skip
    return lines


class Command(BaseCommand):
    help = "Email officers the open reports that are overdue or due within the given hours (for cron)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=48, help="Warn about deadlines within this many hours.")

    @exclusive_command
    def handle(self, *args, **options):
        now = timezone.now()
        horizon = now + datetime.timedelta(hours=options["hours"])
        answers = Report.objects.open().filter(answer_due_at__lt=horizon)
        # Nobody has acknowledged these yet: the golden hour is running out or gone.
        waiting = Report.objects.filter(
            status__in=[Report.Status.SUBMITTED, Report.Status.REGISTERED], acknowledged_at__isnull=True,
            acknowledge_due_at__lt=now + datetime.timedelta(hours=1),
        )  # fmt: skip
        # Neither assigned nor redirected within the redirect deadline.
        untriaged = Report.objects.triage_overdue(horizon)
        lines = [
            *breach_lines(answers, "answer_due_at", "answer", now),
            *breach_lines(waiting, "acknowledge_due_at", "golden", now),
            *breach_lines(untriaged, "triage_due_at", "triage", now),
        ]
        if not lines:
            self.stdout.write("Nothing will breach.")
            return
        officers = (
            get_user_model().objects.filter(Q(groups__name=OFFICERS) | Q(is_superuser=True), is_active=True).distinct()
        )
        queue_url = absolute_url(reverse("anticorruption_admin:queue") + "?due=overdue")
        for officer in officers:
            send_email_to_user(
                user=officer,
                template="anticorruption/emails/breaches",
                context={"lines": lines, "count": len(lines), "queue_url": queue_url},
            )
        self.stdout.write(f"Warned {officers.count()} officers about {len(lines)} reports.")
