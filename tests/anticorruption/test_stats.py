"""Public statistics, published outcomes and retention (issue 7)."""

import csv
import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from anticorruption import services, stats
from anticorruption.files import CheckedFile
from anticorruption.models import AuditEntry, DepartmentReply, PublishedOutcome, Report
from search.registry import get as get_searchable

from .conftest import assign, png_bytes

Status = Report.Status
NOW = timezone.now()


@pytest.fixture(autouse=True)
def no_stats_cache(settings):
    settings.ANTICORRUPTION_STATS_CACHE_SECONDS = 0


def make(file_report, department=None, status=Status.SUBMITTED, age_days=30, answer_after_days=None, **overrides):
    """A report filed ``age_days`` ago, answered after ``answer_after_days`` (or still open)."""
    created = NOW - datetime.timedelta(days=age_days)
    report, _code = file_report(now=created, **overrides)
    changes = {"status": status, "department": department}
    if answer_after_days is not None:
        changes.update(
            acknowledged_at=created + datetime.timedelta(hours=1),
            answered_at=created + datetime.timedelta(days=answer_after_days),
            first_answered_at=created + datetime.timedelta(days=answer_after_days),
            first_answer_due_at=report.answer_due_at,
            closed_at=created + datetime.timedelta(days=answer_after_days + 1),
        )
    Report.objects.filter(pk=report.pk).update(**changes)
    report.refresh_from_db()
    return report


def body_row(figures, department):
    return next(row for row in figures["departments"] if row["department_id"] == department.pk)


def test_on_time_share_counts_finished_cases(file_report, education):
    make(file_report, education, Status.CLOSED_RESOLVED, age_days=40, answer_after_days=5)
    make(file_report, education, Status.CLOSED_RESOLVED, age_days=40, answer_after_days=30)  # late
    row = body_row(stats.compute({}), education)
    assert (row["on_time"], row["trials"], row["on_time_share"]) == (1, 2, 0.5)


def test_leaving_a_case_open_lowers_the_on_time_share(file_report, education):
    make(file_report, education, Status.CLOSED_RESOLVED, age_days=40, answer_after_days=5)
    before = body_row(stats.compute({}), education)["on_time_share"]
    make(file_report, education, Status.IN_PROGRESS, age_days=60)  # open and overdue
    after = body_row(stats.compute({}), education)["on_time_share"]
    assert before == 1.0 and after == 0.5


def test_open_case_not_yet_due_does_not_count_either_way(file_report, education):
    make(file_report, education, Status.CLOSED_RESOLVED, age_days=40, answer_after_days=5)
    make(file_report, education, Status.IN_PROGRESS, age_days=1)
    assert body_row(stats.compute({}), education)["trials"] == 1


def test_rejected_reports_count_and_are_shown_as_rejected(file_report, education):
    make(file_report, education, Status.CLOSED_RESOLVED, answer_after_days=5)
    make(file_report, education, Status.REJECTED)
    overall = stats.compute({})["overall"]
    assert (overall["total"], overall["rejected"]) == (2, 1)


def test_overdue_case_then_rejected_stays_late(file_report, education, officer):
    report = make(file_report, education, Status.IN_PROGRESS, age_days=60)  # overdue
    before = body_row(stats.compute({}), education)
    assert (before["on_time"], before["trials"]) == (0, 1)
    Report.objects.filter(pk=report.pk).update(status=Status.ACKNOWLEDGED)
    services.report_transition(
        report=report, to_status=Status.REJECTED, actor=officer, comment="Out of scope.", now=NOW
    )
    after = body_row(stats.compute({}), education)
    assert (after["on_time"], after["trials"], after["rejected"]) == (0, 1, 1)


def test_reopened_case_answered_on_time_stays_on_time(file_report, education, officer):
    filed = NOW - datetime.timedelta(days=60)
    report, _code = file_report(now=filed)
    report = assign(report, officer, education)
    answered = filed + datetime.timedelta(days=3)
    report = services.report_transition(report=report, to_status=Status.ANSWERED, actor=officer, now=answered)
    report = services.report_transition(
        report=report, to_status=Status.CLOSED_UNRESOLVED, actor=officer, now=answered + datetime.timedelta(days=1)
    )
    reopened = answered + datetime.timedelta(days=5)
    report = services.report_transition(
        report=report, to_status=Status.REOPENED, by_reporter=True, comment="Nothing changed.", now=reopened
    )
    assert report.answered_at is None and report.first_answered_at == answered
    row = body_row(stats.compute({}), education)  # the deadline passed long ago, the case is open again
    assert (row["on_time"], row["trials"], row["overdue_open"]) == (1, 1, 0)


def test_identical_reports_are_linked_to_the_first_and_counted_once(file_report, education):
    text = "The head doctor of clinic 5 takes 20,000 tenge for a referral to a specialist."
    first, _c = file_report(description=text, now=NOW - datetime.timedelta(days=2))
    copies = [
        file_report(description=variant, now=NOW - datetime.timedelta(hours=hours))[0]
        for hours, variant in enumerate([text, text.upper(), "  the head doctor of clinic 5 takes 20 000 tenge,"
                                         " for a referral to a specialist!! "], start=1)
    ]  # fmt: skip
    assert [copy.duplicate_of_id for copy in copies] == [first.pk] * 3
    figures = stats.compute({})
    assert (figures["overall"]["total"], figures["duplicates"]) == (1, 3)


def test_same_text_after_the_window_or_a_different_text_is_a_new_report(file_report, settings):
    settings.ANTICORRUPTION_DUPLICATE_WINDOW_DAYS = 30
    text = "The head doctor of clinic 5 takes 20,000 tenge for a referral to a specialist."
    file_report(description=text, now=NOW - datetime.timedelta(days=40))
    later, _c = file_report(description=text, now=NOW)
    other, _c = file_report(description=text.replace("clinic 5", "clinic 7"), now=NOW)
    short, _c = file_report(description="Bribe at the clinic.", now=NOW)
    again, _c = file_report(description="Bribe at the clinic.", now=NOW)
    assert (later.duplicate_of, other.duplicate_of, again.duplicate_of) == (None, None, None)


def test_statistics_page_shows_rejections_duplicates_and_the_methods(client, file_report, education):
    make(file_report, education, Status.REJECTED)
    page = client.get(reverse("anticorruption:stats")).content.decode()
    assert "rejected" in page and "near-duplicate" in page and "first answer" in page


def test_medians_are_computed_in_the_database(file_report, education):
    make(file_report, education, Status.ANSWERED, age_days=40, answer_after_days=2)
    make(file_report, education, Status.ANSWERED, age_days=40, answer_after_days=4)
    make(file_report, education, Status.ANSWERED, age_days=40, answer_after_days=9)
    overall = stats.compute({})["overall"]
    assert overall["median_answer"] == datetime.timedelta(days=4)
    assert overall["median_acknowledge"] == datetime.timedelta(hours=1)


def test_body_below_minimum_is_not_ranked(file_report, education, health, settings):
    settings.ANTICORRUPTION_RANKING_MIN_CASES = 3
    for _ in range(3):
        make(file_report, education, Status.CLOSED_RESOLVED, age_days=40, answer_after_days=30)
    make(file_report, health, Status.CLOSED_RESOLVED, age_days=40, answer_after_days=2)
    figures = stats.compute({})
    assert body_row(figures, education)["ranked"] and not body_row(figures, health)["ranked"]
    # Ranked bodies come first even when an unranked one has a perfect share.
    assert figures["departments"][0]["department_id"] == education.pk


def test_confidence_interval_is_wide_for_few_cases():
    low, high = stats.wilson_interval(1, 1)
    assert low < 0.25 and high == 1.0
    low, high = stats.wilson_interval(90, 100)
    assert 0.8 < low < 0.9 < high < 0.96


def test_filters_by_kind_district_and_period(file_report, education):
    from hub.models import District

    almaly = District.objects.get(slug="almaly")
    make(file_report, education, kind="idea", district=almaly, age_days=10)
    make(file_report, education, kind="corruption", age_days=200)
    assert stats.compute({"kind": "idea"})["overall"]["total"] == 1
    assert stats.compute({"district": almaly})["overall"]["total"] == 1
    recent = (NOW - datetime.timedelta(days=40)).date()
    assert stats.compute({"start": recent})["overall"]["total"] == 1


def test_statistics_page_shows_bodies_replies_and_methods(visitor, file_report, education):
    make(file_report, education, Status.CLOSED_RESOLVED, age_days=40, answer_after_days=5)
    DepartmentReply.objects.create(department=education, text="We hired two more inspectors.")
    response = visitor.get("/kk/adaldyq-alany/stats/")
    page = response.content.decode()
    assert response.status_code == 200
    assert education.name_kk in page and "We hired two more inspectors." in page
    assert 'id="methods"' in page and "<svg" in page
    # The charts are drawn on the server: the only script is the site's own menu.
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/js/site.js" defer>']


def test_statistics_csv_downloads(visitor, file_report, education):
    make(file_report, education, Status.CLOSED_RESOLVED, age_days=40, answer_after_days=5)
    for table in ["kinds", "categories", "districts", "months", "departments"]:
        response = visitor.get(f"/kk/adaldyq-alany/stats/{table}.csv")
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == education.name_kk and rows[1][1] == "1"
    assert visitor.get("/kk/adaldyq-alany/stats/secrets.csv").status_code == 404


def test_statistics_page_runs_a_fixed_number_of_queries(visitor, file_report, education, health):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make(file_report, education, Status.CLOSED_RESOLVED, answer_after_days=5)
    visitor.get(reverse("anticorruption:stats"))
    with CaptureQueriesContext(connection) as small:
        visitor.get(reverse("anticorruption:stats"))
    for index in range(40):
        body = education if index % 2 else health
        make(file_report, body, Status.CLOSED_RESOLVED, age_days=index + 20, answer_after_days=index % 20)
    with CaptureQueriesContext(connection) as large:
        visitor.get(reverse("anticorruption:stats"))
    assert len(large.captured_queries) == len(small.captured_queries) <= 12


def test_figures_are_cached_and_the_page_says_how_fresh(visitor, file_report, education, settings):
    settings.ANTICORRUPTION_STATS_CACHE_SECONDS = 600
    make(file_report, education, Status.CLOSED_RESOLVED, answer_after_days=5)
    first = stats.cached({})
    make(file_report, education, Status.CLOSED_RESOLVED, answer_after_days=5)
    assert stats.cached({})["overall"]["total"] == first["overall"]["total"] == 1
    response = visitor.get(reverse("anticorruption:stats"))
    assert response.context["figures"]["computed_at"] == first["computed_at"]


def test_a_bodys_new_reply_shows_while_the_figures_stay_cached(visitor, file_report, education, settings):
    settings.ANTICORRUPTION_STATS_CACHE_SECONDS = 600
    make(file_report, education, Status.CLOSED_RESOLVED, answer_after_days=5)
    stats.cached({})
    DepartmentReply.objects.create(department=education, text="Two inspectors hired.")
    assert body_row(stats.cached({}), education)["reply"] == "Two inspectors hired."
    assert "Two inspectors hired." in visitor.get(reverse("anticorruption:stats")).content.decode()


# --- Published outcomes ---


def closed_report(file_report, officer, consent=True, **overrides):
    report, _code = file_report(publication_consent=consent, **overrides)
    report = services.report_transition(report=report, to_status=Status.ACKNOWLEDGED, actor=officer)
    services.report_answer(report=report, actor=officer, body="Answer")
    return services.report_transition(
        report=Report.objects.get(pk=report.pk), to_status=Status.CLOSED_RESOLVED, actor=officer
    )


def test_officer_publishes_outcome_with_consent(visitor, officer, file_report, category):
    report = closed_report(file_report, officer, description="Secret original text about director Ivanov.")
    outcome = services.outcome_publish(
        report=report, actor=officer, title="Fees at a school stopped", summary="Parents were asked to pay.",
        outcome="The fees were cancelled.",
    )  # fmt: skip
    listing = visitor.get(reverse("anticorruption:outcomes")).content.decode()
    assert "Fees at a school stopped" in listing and "Ivanov" not in listing
    detail = visitor.get(outcome.get_absolute_url()).content.decode()
    assert "The fees were cancelled." in detail and "Ivanov" not in detail
    filtered = visitor.get(reverse("anticorruption:outcomes"), {"category": category.pk}).content.decode()
    assert "Fees at a school stopped" in filtered
    assert report.audit_entries.filter(action=AuditEntry.Action.PUBLISHED).exists()


def test_outcome_without_consent_or_open_case_is_refused(officer, file_report, report):
    from django.core.exceptions import ValidationError

    no_consent = closed_report(file_report, officer, consent=False)
    with pytest.raises(ValidationError):
        services.outcome_publish(report=no_consent, actor=officer, title="t", summary="s", outcome="o")
    with pytest.raises(ValidationError):
        services.outcome_publish(report=report, actor=officer, title="t", summary="s", outcome="o")


def test_outcome_publish_needs_an_officer(officer, department_staff, file_report):
    from django.core.exceptions import PermissionDenied

    report = closed_report(file_report, officer)
    with pytest.raises(PermissionDenied):
        services.outcome_publish(report=report, actor=department_staff, title="t", summary="s", outcome="o")


def test_unpublished_outcome_disappears_and_reports_are_never_searchable(visitor, officer, file_report):
    report = closed_report(file_report, officer)
    outcome = services.outcome_publish(report=report, actor=officer, title="Title", summary="s", outcome="o")
    searchable = get_searchable("case_outcome")
    assert [d.key for d in searchable.documents()] == [str(outcome.pk)]
    services.outcome_unpublish(outcome=outcome, actor=officer)
    assert visitor.get(outcome.get_absolute_url()).status_code == 404
    assert list(searchable.documents()) == []


def test_officer_publishes_from_case_page(client_for, officer, file_report):
    report = closed_report(file_report, officer)
    client = client_for(officer)
    url = reverse("anticorruption_admin:publish", args=[report.case_number])
    data = {"original_language": "en", "title_en": "Done", "summary_en": "A remark.", "outcome_en": "Fixed."}
    response = client.post(url, data)
    assert response.status_code == 302 and PublishedOutcome.objects.get().title == "Done"


# --- Retention ---


@pytest.fixture
def retention(settings):
    settings.ANTICORRUPTION_RETENTION_DAYS = {"closed_resolved": 30}


def old_closed(file_report, education, **overrides):
    report = make(
        file_report, education, Status.CLOSED_RESOLVED, age_days=200, answer_after_days=5, anonymity="confidential",
        reporter_email="person@example.kz", files=[CheckedFile("p.png", png_bytes(), "image/png")], **overrides,
    )  # fmt: skip
    Report.objects.filter(pk=report.pk).update(last_reporter_activity_at=report.created_at)
    report.messages.create(kind="reply", body="My neighbour Bolat saw it.", language="ru")
    return report


def test_purge_removes_personal_data_but_keeps_statistics(
    file_report, education, retention, django_capture_on_commit_callbacks
):
    report = old_closed(file_report, education)
    stored_file = report.attachments.get().file
    path = stored_file.path
    before = stats.compute({})
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):  # files go once the purge commits
        call_command("purge_personal_data", stdout=out)
    report.refresh_from_db()
    assert report.purged_at and report.reporter_email == "" and report.description == ""
    assert not report.attachments.exists() and not __import__("os").path.exists(path)
    assert report.messages.get().body == ""
    after = stats.compute({})
    assert after["overall"]["total"] == before["overall"]["total"]
    assert body_row(after, education)["on_time"] == body_row(before, education)["on_time"]
    entry = report.audit_entries.get(action=AuditEntry.Action.PURGE)
    assert "person@example.kz" not in entry.comment and "Bolat" not in entry.comment


def test_purge_is_safe_to_run_twice(file_report, education, retention):
    old_closed(file_report, education)
    call_command("purge_personal_data", stdout=io.StringIO())
    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "Purged personal data of 0 reports" in out.getvalue()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.PURGE).count() == 1


def test_held_case_is_not_purged(file_report, education, officer, retention):
    report = old_closed(file_report, education)
    services.report_set_legal_hold(report=report, actor=officer, hold=True, reason="Court request 12/2026")
    call_command("purge_personal_data", stdout=io.StringIO())
    report.refresh_from_db()
    assert report.purged_at is None and report.reporter_email == "person@example.kz"


def test_recent_reporter_activity_postpones_purge(file_report, education, retention):
    report = old_closed(file_report, education)
    Report.objects.filter(pk=report.pk).update(last_reporter_activity_at=NOW - datetime.timedelta(days=3))
    call_command("purge_personal_data", stdout=io.StringIO())
    report.refresh_from_db()
    assert report.purged_at is None


def test_open_cases_are_never_purged(file_report, education, retention):
    report = make(
        file_report,
        education,
        Status.IN_PROGRESS,
        age_days=400,
        anonymity="confidential",
        reporter_email="x@example.kz",
    )
    call_command("purge_personal_data", stdout=io.StringIO())
    report.refresh_from_db()
    assert report.purged_at is None


def test_a_failed_purge_keeps_the_case_and_its_files(
    file_report, education, retention, monkeypatch, django_capture_on_commit_callbacks
):
    import os

    report = old_closed(file_report, education)
    path = report.attachments.get().file.path

    def broken(**kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(services, "audit_append", broken)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        services.report_purge(report=report)
    report.refresh_from_db()
    assert report.purged_at is None and report.reporter_email == "person@example.kz"
    assert report.attachments.exists() and os.path.exists(path)


def test_department_staff_write_their_own_reply(client_for, department_staff, education, health):
    client = client_for(department_staff)
    data = {"body": health.slug, "original_language": "en", "text_en": "Not ours"}
    response = client.post(reverse("anticorruption_admin:reply"), data)
    assert response.status_code == 302
    assert not DepartmentReply.objects.filter(department=health).exists()
    assert DepartmentReply.objects.get(department=education).text == "Not ours"


def test_publishing_forgets_cached_public_pages(officer, file_report, django_capture_on_commit_callbacks):
    from hub.page_cache import generation

    report = closed_report(file_report, officer)
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        services.outcome_publish(report=report, actor=officer, title="t", summary="s", outcome="o")
    assert generation() > before


def test_home_section_links_the_channel(rf, db):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    from anticorruption.panels import home_section

    request = rf.get("/")
    request.user = AnonymousUser()
    section = home_section(request)
    html = render_to_string(section["template"], {"section": section})
    assert reverse("anticorruption:file") in html and reverse("anticorruption:stats") in html


OUTSIDERS = ["visitor", "member", "editor", "moderator", "department_staff", "other_department_staff"]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_only_officers_publish_unpublish_or_hold_a_case(
    request, client, client_for, officer, file_report, education, who
):
    report = closed_report(file_report, officer)
    outcome = services.outcome_publish(report=report, actor=officer, title="t", summary="s", outcome="o")
    user = None if who == "visitor" else request.getfixturevalue(who)
    browser = client if user is None else client_for(user)
    for name, data in (
        ("publish", {"original_language": "en", "title_en": "Changed", "summary_en": "s", "outcome_en": "o"}),
        ("unpublish", {}),
        ("hold", {"hold": "on", "reason": "court"}),
    ):
        response = browser.post(reverse(f"anticorruption_admin:{name}", args=[report.case_number]), data)
        if user is None or not user.is_staff:
            assert response.status_code == 302 and "login" in response["Location"]
        else:
            assert response.status_code in (302, 403, 404)
    outcome.refresh_from_db()
    report.refresh_from_db()
    assert outcome.is_published and outcome.title == "t" and not report.legal_hold


@pytest.mark.parametrize("who", ["visitor", "member", "editor", "moderator"])
def test_only_body_staff_and_officers_reply_in_the_statistics(request, client, client_for, education, who):
    browser = client if who == "visitor" else client_for(request.getfixturevalue(who))
    data = {"body": education.slug, "original_language": "en", "text_en": "Ours"}
    response = browser.post(reverse("anticorruption_admin:reply"), data)
    assert response.status_code in (302, 403, 404)
    assert not DepartmentReply.objects.exists()


def test_officer_sees_the_linked_near_duplicates_on_both_cases(client_for, officer, file_report):
    text = "The head doctor of clinic 5 takes 20,000 tenge for a referral to a specialist."
    first, _c = file_report(description=text, now=NOW - datetime.timedelta(hours=2))
    copy, _c = file_report(description=text, now=NOW)
    client = client_for(officer)
    on_copy = client.get(reverse("anticorruption_admin:case", args=[copy.case_number])).content.decode()
    on_first = client.get(reverse("anticorruption_admin:case", args=[first.case_number])).content.decode()
    assert first.case_number in on_copy and copy.case_number in on_first


def test_department_staff_do_not_see_copies_assigned_elsewhere(
    client_for, officer, file_report, education, department_staff
):
    text = "The head doctor of clinic 5 takes 20,000 tenge for a referral to a specialist."
    first, _c = file_report(description=text, now=NOW - datetime.timedelta(hours=2))
    copy, _c = file_report(description=text, now=NOW)
    assign(copy, officer, education)
    response = client_for(department_staff).get(reverse("anticorruption_admin:case", args=[copy.case_number]))
    assert response.status_code == 200 and first.case_number not in response.content.decode()
