"""Concurrent filing and concurrent officers, with real threads on PostgreSQL."""

import threading

import pytest
from django.db import connection, connections

from anticorruption import services
from anticorruption.audit import verify_chain
from anticorruption.models import Category, Report
from tests.conftest import make_user

from .conftest import report_data

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("Concurrency is tested on PostgreSQL; SQLite serialises every writer.")


def run_in_threads(count, target):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def worker(index):
        try:
            barrier.wait()
            results.append(target(index))
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_twenty_concurrent_submitters_all_stored_with_unique_receipts():
    category = Category.objects.get(slug="education")
    results, errors = run_in_threads(
        20, lambda i: services.report_file(data=report_data(category, description=f"Report number {i} of twenty."))
    )
    assert errors == []
    codes = {code for _report, code in results}
    assert len(codes) == 20 and Report.objects.count() == 20
    assert Report.objects.values("receipt_hash").distinct().count() == 20
    assert verify_chain()[1] is None


def test_two_officers_at_once_never_lose_a_change():
    category = Category.objects.get(slug="education")
    report, _code = services.report_file(data=report_data(category))
    first = make_user("o1@example.kz", groups=["Anticorruption officers"], is_staff=True)
    second = make_user("o2@example.kz", groups=["Anticorruption officers"], is_staff=True)
    moves = [(first, Report.Status.REGISTERED, ""), (second, Report.Status.REJECTED, "spam")]

    def act(index):
        actor, target, comment = moves[index]
        return services.report_transition(
            report=report, to_status=target, actor=actor, expected_version=1, comment=comment
        ).status

    results, errors = run_in_threads(2, act)
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], services.ConcurrentChange)
    report.refresh_from_db()
    assert report.status == results[0] and report.version == 2
    assert verify_chain()[1] is None
