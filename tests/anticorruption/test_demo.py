import io
import time

from anticorruption import demo, services
from anticorruption.audit import verify_chain
from anticorruption.models import PublishedOutcome, Report, ReporterFeedback


def test_demo_seeds_every_status_once_and_fast(db):
    started = time.monotonic()
    out = io.StringIO()
    demo.seed(out)
    elapsed = time.monotonic() - started
    count = Report.objects.count()
    assert count >= 300
    assert set(Report.objects.values_list("status", flat=True)) == set(Report.Status.values)
    assert Report.objects.exclude(department=None).values("department").distinct().count() >= 8
    assert Report.objects.dates("created_at", "month").count() >= 12
    assert verify_chain()[1] is None
    assert PublishedOutcome.objects.published().count() >= 5 and Report.objects.filter(legal_hold=True).exists()
    demo.seed(io.StringIO())
    assert Report.objects.count() == count
    assert elapsed < 30, elapsed
    first = out.getvalue().split("Try tracking ")[1].split(" ")[0]
    assert services.report_find(case_number=first, receipt_code=demo.DEMO_RECEIPT) is not None


def test_demo_reporters_say_whether_answered_cases_were_resolved(db):
    demo.seed(io.StringIO())
    answered = Report.objects.filter(first_answered_at__isnull=False)
    assert answered.exists() and not ReporterFeedback.objects.filter(report__first_answered_at__isnull=True).exists()
    assert set(ReporterFeedback.objects.values_list("resolved", flat=True)) == {"yes", "partly", "no"}
    assert ReporterFeedback.objects.count() < answered.count()
