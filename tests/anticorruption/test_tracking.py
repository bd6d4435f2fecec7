"""Tracking a report (issues 15 and 20): one limiter for every receipt check, addresses without case
numbers, the typed number kept, the case's history, and "Was it resolved?"."""

import logging
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from anticorruption import ratelimit, services, stats
from anticorruption.models import AuditEntry, Report, ReporterFeedback, Status
from tests.hub.test_cache_failure import broken_cache  # noqa: F401 - fixture

from .test_public import IP, post_report, receipt_from, track

ATTACKER = "198.51.100.66"


def guess(client, report, count, ip=ATTACKER, start=0):
    return [track(client, report.case_number, f"{start + i:016d}", ip=ip).status_code for i in range(count)]


def lock_case(client, report, addresses=6):
    """Fail on the case from many addresses (each once), as an attacker who knows the number would."""
    for index in range(addresses):
        track(client, report.case_number, f"{index:016d}", ip=f"203.0.113.{index}")


def pdf(client, case_number, code, ip=IP):
    data = {"case_number": case_number, "receipt_code": code}
    return client.post(reverse("anticorruption:receipt_pdf"), data, REMOTE_ADDR=ip)


def saved(client, case_number, code, ip=IP):
    data = {"case_number": case_number, "receipt_code": code, "saved": "on"}
    return client.post(reverse("anticorruption:receipt_saved"), data, REMOTE_ADDR=ip)


@pytest.fixture
def stranger(db):
    """Another browser: no session, no device grant."""
    return Client()


@pytest.fixture
def filed_here(client, category):
    """A report filed from this browser (which keeps the device grant), with its code."""
    code = receipt_from(post_report(client, category))
    return Report.objects.get(), code


# --- One limiter, that never locks out the reporter ----------------------------------------------


def test_reporter_device_opens_the_case_after_an_attacker_guessed_it(client, filed_here, stranger):
    report, code = filed_here
    lock_case(stranger, report)
    guess(stranger, report, 12, ip=IP)  # the attacker even shares the reporter's address
    assert track(stranger, report.case_number, code, ip=IP).status_code == 429
    assert track(client, report.case_number, code, ip=IP).status_code == 302


def test_device_grant_does_not_name_the_case_and_opens_no_other_case(client, filed_here, file_report):
    report, _code = filed_here
    cookie = client.cookies[ratelimit.DEVICE_COOKIE]
    assert report.case_number not in cookie.value and cookie["httponly"]
    other, _other_code = file_report()
    statuses = guess(client, other, 12, ip=IP)
    assert statuses[-1] == 429  # holding one case's grant does not exempt guesses at another


def test_the_case_limit_only_slows_each_client(client, report_with_code):
    report, code = report_with_code
    lock_case(client, report)
    assert guess(client, report, 1, ip="203.0.113.0", start=100) == [429]
    assert track(client, report.case_number, code, ip="192.0.2.50").status_code == 302


def test_confirmation_pdf_goes_through_the_limiter(client, report_with_code):
    report, code = report_with_code
    statuses = [pdf(client, report.case_number, f"{i:016d}").status_code for i in range(12)]
    assert statuses[:1] == [403] and statuses[-1] == 429
    assert pdf(client, report.case_number, code).status_code == 429  # guessing cannot be confirmed


def test_receipt_saved_step_goes_through_the_limiter(client, report_with_code):
    report, code = report_with_code
    statuses = [saved(client, report.case_number, f"{i:016d}").status_code for i in range(12)]
    assert statuses[:1] == [403] and statuses[-1] == 429


def test_every_receipt_check_counts_in_the_same_limit(client, report_with_code, file_report):
    report, code = report_with_code
    (other, _), (third, _) = file_report(), file_report()
    for index in range(4):  # below each case's limit: only the client's own limit is reached
        pdf(client, other.case_number, f"{index:016d}", ip=ATTACKER)
        saved(client, third.case_number, f"{index:016d}", ip=ATTACKER)
    guess(client, report, 2, start=50)
    assert track(client, report.case_number, code, ip=ATTACKER).status_code == 429


def test_reporter_device_passes_the_receipt_steps_while_others_guess(client, filed_here, stranger):
    report, code = filed_here
    lock_case(stranger, report)
    guess(stranger, report, 12, ip=IP)
    assert saved(client, report.case_number, code).status_code == 200
    assert pdf(client, report.case_number, code).status_code == 200


def test_guessing_stays_limited_when_the_shared_cache_fails(client, report_with_code, broken_cache):  # noqa: F811
    report, code = report_with_code
    statuses = guess(client, report, 12)
    assert statuses[:5] == [404] * 5 and statuses[-1] == 429
    assert track(client, report.case_number, code, ip=ATTACKER).status_code == 429


class ExplodingCache:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("cache unreachable")

        return fail


def test_a_limiter_that_cannot_count_refuses_but_lets_the_device_in(client, filed_here, monkeypatch, caplog):
    report, code = filed_here
    monkeypatch.setattr(ratelimit, "cache", ExplodingCache())
    with caplog.at_level(logging.ERROR, logger="anticorruption.ratelimit"):
        stranger = track(Client(), report.case_number, code, ip="192.0.2.77")
    assert stranger.status_code == 429 and "could not use its counters" in caplog.text
    assert track(client, report.case_number, code).status_code == 302


# --- No case number in addresses -----------------------------------------------------------------


def test_case_address_carries_no_case_number(client, report_with_code):
    report, code = report_with_code
    opened = track(client, report.case_number, code)
    assert opened["Location"].startswith("/en/adaldyq-alany/track/case/")
    page = client.get(opened["Location"]).content.decode()
    for url in re.findall(r'(?:href|action)="([^"]*)"', page):
        assert report.case_number not in url
    assert report.case_number in page  # shown to the reporter, only not in addresses


def test_old_numbered_addresses_redirect_without_logging(client, report_with_code, caplog):
    report, code = report_with_code
    track(client, report.case_number, code)
    with caplog.at_level(logging.DEBUG):
        responses = [
            client.get(f"/en/adaldyq-alany/track/{report.case_number}/"),
            client.get(f"/ru/adaldyq-alany/track/{report.case_number}/answer.pdf"),
            client.post(f"/kk/adaldyq-alany/track/{report.case_number}/reply/", {"body": "x"}),
        ]
    assert [r.status_code for r in responses] == [302, 302, 302]
    assert responses[0]["Location"] == "/en/adaldyq-alany/track/"
    assert report.case_number not in caplog.text


def test_a_grant_of_another_session_opens_nothing(client, report_with_code, stranger):
    report, code = report_with_code
    case_url = track(client, report.case_number, code)["Location"]
    assert stranger.get(case_url).status_code == 404


def test_closing_the_case_on_this_device_forgets_the_grant_and_the_device(client, filed_here):
    report, code = filed_here
    case_url = track(client, report.case_number, code)["Location"]
    left = client.post(case_url + "leave/")
    assert left.status_code == 302 and client.get(case_url).status_code == 404
    assert not client.cookies[ratelimit.DEVICE_COOKIE].value


def test_status_email_links_to_the_tracking_form_without_the_number(
    file_report, officer, django_capture_on_commit_callbacks
):
    report, _code = file_report(anonymity="confidential", reporter_email="reporter@example.kz")
    with django_capture_on_commit_callbacks(execute=True):
        services.report_transition(report=report, to_status=Status.REGISTERED, actor=officer)
    links = re.findall(r"https?://\S+", mail.outbox[0].body)
    assert links and all(report.case_number not in link for link in links)


def test_signed_in_reporters_list_opens_cases_without_numbers_in_addresses(client_for, member, file_report):
    report, _code = file_report(anonymity="confidential", reporter_email="m@example.kz", user=member)
    page = client_for(member).get(reverse("account_home")).content.decode()
    assert report.case_number in page
    for url in re.findall(r'(?:href|action)="([^"]*)"', page):
        assert report.case_number not in url


def test_only_the_owner_opens_a_case_from_the_account(client_for, member, other_leader, file_report):
    report, _code = file_report(anonymity="confidential", reporter_email="m@example.kz", user=member)
    url = reverse("anticorruption:track_own")
    assert client_for(other_leader).post(url, {"case_number": report.case_number}).status_code == 404
    assert client_for(member).get(url).status_code == 405


# --- The form keeps the number; the case shows its history ----------------------------------------


def test_wrong_code_keeps_the_case_number_typed_but_never_the_code(client, report_with_code):
    report, _code = report_with_code
    typed = report.case_number.lower()
    page = track(client, typed, "9999888877776666").content.decode()
    assert f'value="{typed}"' in page
    assert "9999888877776666" not in page and 'name="receipt_code" value' not in page


def test_typed_case_number_is_escaped(client, db):
    page = track(client, '"><script>alert(1)</script>', "1").content.decode()
    assert "<script>alert(1)" not in page


def test_case_page_shows_a_dated_status_timeline_without_staff_details(client, report_with_code, officer):
    report, code = report_with_code
    services.report_transition(report=report, to_status=Status.ACKNOWLEDGED, actor=officer, comment="Staff-only aside")
    services.report_add_note(report=report, actor=officer, body="Internal: call the director")
    page = client.get(track(client, report.case_number, code)["Location"]).content.decode()
    timeline = page[page.index("ac-timeline") : page.index("</ol>", page.index("ac-timeline"))]
    assert timeline.index("Submitted") < timeline.index("Acknowledged")
    assert timeline.count("<time datetime=") == 2
    for secret in ("Staff-only aside", "call the director", officer.email, "officer"):
        assert secret not in timeline
    assert "call the director" not in page


# --- "Was it resolved?" ------------------------------------------------------------------------------


def answer(report, officer):
    services.report_transition(report=report, to_status=Status.ACKNOWLEDGED, actor=officer)
    services.report_answer(report=report, actor=officer, body="Проверка проведена, нарушение устранено.")


def test_resolved_question_waits_for_an_answer(client, report_with_code, officer):
    report, code = report_with_code
    case_url = track(client, report.case_number, code)["Location"]
    assert "Was it resolved?" not in client.get(case_url).content.decode()
    refused = client.post(case_url + "feedback/", {"resolved": "yes"})
    assert refused.status_code == 400 and not ReporterFeedback.objects.exists()
    answer(report, officer)
    assert "Was it resolved?" in client.get(case_url).content.decode()


def test_reporter_says_whether_it_was_resolved_once(client, report_with_code, officer):
    report, code = report_with_code
    answer(report, officer)
    case_url = track(client, report.case_number, code)["Location"]
    sent = client.post(
        case_url + "feedback/", {"resolved": "partly", "comment": "The fee stopped, the director stayed."}
    )
    assert sent.status_code == 302
    feedback = ReporterFeedback.objects.get(report=report)
    assert (feedback.resolved, feedback.comment) == ("partly", "The fee stopped, the director stayed.")
    assert report.audit_entries.filter(action=AuditEntry.Action.FEEDBACK, actor__isnull=True).exists()
    again = client.post(case_url + "feedback/", {"resolved": "yes"})
    assert again.status_code == 400 and ReporterFeedback.objects.get().resolved == "partly"
    page = client.get(case_url).content.decode()
    assert "You told us whether it was resolved: Partly" in page and 'name="resolved"' not in page


def test_resolved_answer_must_be_one_of_the_choices(client, report_with_code, officer):
    report, code = report_with_code
    answer(report, officer)
    case_url = track(client, report.case_number, code)["Location"]
    assert client.post(case_url + "feedback/", {"resolved": "maybe"}).status_code == 400
    assert not ReporterFeedback.objects.exists()


def test_a_stranger_cannot_answer_for_the_reporter(client, report_with_code, officer, stranger):
    report, code = report_with_code
    answer(report, officer)
    case_url = track(client, report.case_number, code)["Location"]
    assert stranger.post(case_url + "feedback/", {"resolved": "no"}).status_code == 404
    assert not ReporterFeedback.objects.exists()


def test_resolved_answers_are_counted_in_the_public_statistics(client, file_report, officer):
    for resolved in ("yes", "yes", "partly", "no"):
        report, _code = file_report()
        answer(report, officer)
        services.report_feedback_give(report=report, resolved=resolved)
    unanswered, _code = file_report()
    figures = stats.compute({})["feedback"]
    assert (figures["answered"], figures["replied"], figures["yes"], figures["partly"], figures["no"]) == (
        4,
        4,
        2,
        1,
        1,
    )
    assert figures["yes_share"] == 0.5
    page = client.get(reverse("anticorruption:stats")).content.decode()
    assert "Was it resolved? What reporters say" in page and "50%" in page
    assert "4 of 4 counted cases with an answer" in page


def test_officer_sees_the_reporters_feedback_on_the_case(client_for, report_with_code, officer):
    report, _code = report_with_code
    answer(report, officer)
    services.report_feedback_give(report=report, resolved="no", comment="Nothing changed at school 12.")
    page = client_for(officer).get(reverse("anticorruption_admin:case", args=[report.case_number])).content.decode()
    assert "Nothing changed at school 12." in page  # the admin speaks the officer's language


def test_purge_removes_the_feedback_comment(report_with_code, officer):
    report, _code = report_with_code
    answer(report, officer)
    services.report_feedback_give(report=report, resolved="no", comment="My neighbour Aigerim saw it too.")
    services.report_purge(report=report)
    assert ReporterFeedback.objects.get().comment == ""
