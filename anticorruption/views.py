"""Public views of the channel: file a report, keep the receipt, come back with it.

The receipt code travels only in POST bodies; these views never log or echo request data,
and their responses are not cached and send no referrer.
"""

import secrets
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from hub import charts
from hub.downloads import download, private_file
from hub.page_cache import render_with_fresh_tokens
from hub.spreadsheets import CSV_TYPE, csv_bytes
from hub.storage import StorageUnavailable

from . import codes, duplicates, ratelimit, services, stats, workcalendar
from .forms import (
    FeedbackForm,
    OutcomeFilterForm,
    ReceiptForm,
    ReceiptSavedForm,
    ReopenForm,
    ReplyForm,
    ReportForm,
    StatsFilterForm,
    VerifyForm,
    new_form_token,
)
from .models import (
    IssuedDocument,
    Kind,
    PublishedOutcome,
    Report,
    ReporterFeedback,
    ReportMessage,
    Status,
    status_timeline,
)

GRANTS = "anticorruption_grants"


def _private(response):
    response["Cache-Control"] = "no-store"
    # same-origin, not no-referrer: with no-referrer browsers post forms with "Origin: null", which
    # the CSRF check refuses. Nothing secret is ever in these URLs, and no referrer leaves the site.
    response["Referrer-Policy"] = "same-origin"
    return response


FORM_TOKEN_SLOT = "hub-report-form-token-slot"


def _too_many(request):
    return _private(render(request, "anticorruption/too_many.html", status=429))


# --- Filing -----------------------------------------------------------------------------------


@never_cache
@sensitive_post_parameters()
@sensitive_variables("receipt")
def file_report(request):
    """The form; on success the receipt code is shown once, in this response only."""
    if request.method != "POST":
        # Rendered once per language and mode for anonymous visitors; only the tokens are fresh.
        page = render_with_fresh_tokens(
            request,
            "anticorruption/file.html",
            lambda: {"form": ReportForm(initial={"form_token": FORM_TOKEN_SLOT})},
            fresh_tokens={FORM_TOKEN_SLOT: new_form_token},
        )
        return _private(page)
    client = ratelimit.client_key(request)
    if ratelimit.is_limited("file", client, ratelimit.setting("FILE_LIMIT", 5)):
        return _too_many(request)
    form = ReportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _private(render(request, "anticorruption/file.html", {"form": form}, status=400))
    token_key = f"ac-filed:{form.cleaned_data['form_token'][-40:]}"
    if cache.get(token_key):
        return _private(render(request, "anticorruption/already_filed.html", status=409))
    # Counted before filing, so that parallel requests cannot all slip under the limit.
    ratelimit.hit("file", client, ratelimit.setting("FILE_WINDOW", 3600))
    try:
        report, receipt = services.report_file(data=form.cleaned_data, files=form.checked_files, user=request.user)
    except StorageUnavailable as error:
        # Nothing was filed: the filing is given back, and the same form may be sent again.
        ratelimit.refund("file", client)
        form.add_error(None, error)
        return _private(render(request, "anticorruption/file.html", {"form": form}))
    cache.set(token_key, True, 24 * 3600)
    context = {
        "report": report,
        "receipt": codes.format_receipt(receipt),
        "saved_form": ReceiptSavedForm(initial={"case_number": report.case_number, "receipt_code": receipt}),
    }
    response = _private(render(request, "anticorruption/receipt.html", context))
    ratelimit.device_remember(request, response, report.case_number)
    return response


def _receipt_check(request):
    """Every receipt code typed or posted back is checked here, through the one limiter."""
    return ratelimit.receipt_check(
        client=ratelimit.client_key(request),
        device=ratelimit.device_tags(request),
        case_number=request.POST.get("case_number") or "",
        receipt_code=request.POST.get("receipt_code") or "",
    )


@never_cache
@require_POST
@sensitive_post_parameters()
def receipt_saved(request):
    """The "have you saved it?" step: continue only once the reporter says so."""
    check = _receipt_check(request)
    if check.limited:
        return _too_many(request)
    if check.report is None:
        raise PermissionDenied
    report, form = check.report, ReceiptSavedForm(request.POST)
    if form.is_valid():
        return _private(render(request, "anticorruption/filed.html", {"report": report}))
    code = codes.normalise_receipt(request.POST.get("receipt_code"))
    context = {"report": report, "receipt": codes.format_receipt(code), "saved_form": form}
    return _private(render(request, "anticorruption/receipt.html", context, status=400))


@never_cache
@require_POST
@sensitive_post_parameters()
def receipt_pdf(request):
    """A printable confirmation with the receipt code, made on request and never stored."""
    from hub.pdf import render_pdf

    check = _receipt_check(request)
    if check.limited:
        return _too_many(request)
    if check.report is None:
        raise PermissionDenied
    report, code = check.report, codes.normalise_receipt(request.POST.get("receipt_code"))
    data = render_pdf(
        "anticorruption/pdf/confirmation.html",
        {"report": report, "receipt": codes.format_receipt(code)},
        language=report.language,
    )
    return _private(download(data, "application/pdf", f"{report.case_number}.pdf"))


# --- Tracking ---------------------------------------------------------------------------------
# A case opened with its receipt lives in the session under an opaque grant id: addresses carry
# the grant, never the case number, so no access log ties a client address to a case.


def _live_grants(request):
    now = time.time()
    grants = request.session.get(GRANTS, {})
    return {key: grant for key, grant in grants.items() if isinstance(grant, dict) and grant.get("until", 0) > now}


def _grant(request, report):
    """Open ``report`` in this session for a while; returns the grant id its addresses carry."""
    grants = _live_grants(request)
    grant_id = next((key for key, grant in grants.items() if grant["case"] == report.case_number), None)
    if grant_id is None:
        request.session.cycle_key()
        grant_id = secrets.token_urlsafe(12)
    grants[grant_id] = {
        "case": report.case_number,
        "until": int(time.time()) + ratelimit.setting("GRANT_SECONDS", 1800),
    }
    request.session[GRANTS] = grants
    return grant_id


def _tracked_report(request, grant):
    """The report this session holds a live grant for, or 404."""
    case_number = _live_grants(request).get(grant, {}).get("case")
    if not case_number:
        raise Http404
    return get_object_or_404(
        Report.objects.select_related("category", "district", "department"), case_number=case_number
    )


def _case_redirect(grant):
    return redirect("anticorruption:case", grant=grant)


@never_cache
@sensitive_post_parameters()
def track(request):
    """Look up a report with its case number and receipt code; guessing is throttled."""
    if request.method != "POST":
        return _private(render(request, "anticorruption/track.html", {"form": ReceiptForm()}))
    check = _receipt_check(request)
    if check.limited:
        return _too_many(request)
    if check.report is None:
        # The same page whether the case number or the code was wrong; the typed number stays, the code never.
        typed = ReceiptForm(initial={"case_number": (request.POST.get("case_number") or "").strip()[:30]})
        return _private(render(request, "anticorruption/track.html", {"form": typed, "not_found": True}, status=404))
    response = _case_redirect(_grant(request, check.report))
    ratelimit.device_remember(request, response, check.report.case_number)
    return response


@never_cache
@require_POST
@login_required
def track_own(request):
    """A signed-in reporter opens one of their own (non-anonymous) reports without the receipt."""
    number = codes.normalise_case_number(request.POST.get("case_number")) or ""
    report = get_object_or_404(Report, case_number=number, reporter_user=request.user)
    return _case_redirect(_grant(request, report))


def old_case_address(request):
    """Addresses with a case number in them (before issue 15): back to the form, nothing logged."""
    return redirect("anticorruption:track")


def _case_context(request, report, grant):
    now = timezone.now()
    reopen_until = None
    if report.closed_at and report.status in (Status.CLOSED_RESOLVED, Status.CLOSED_UNRESOLVED):
        reopen_until = report.closed_at + timezone.timedelta(days=workcalendar.reopen_days())
    feedback = ReporterFeedback.objects.filter(report=report).first()
    return {
        "report": report,
        "grant": grant,
        # Only the dated statuses: who changed them and their comments stay with the staff.
        "timeline": status_timeline(report.audit_entries.only("action", "to_status", "created_at")),
        "messages_": report.messages.exclude(kind=ReportMessage.Kind.NOTE).prefetch_related("attachments"),
        "attachments": report.attachments.all(),
        "reply_form": ReplyForm(report=report),
        "reopen_form": ReopenForm() if reopen_until and reopen_until > now else None,
        "reopen_until": reopen_until,
        "overdue": report.is_overdue(now),
        "has_answer": report.messages.filter(kind=ReportMessage.Kind.ANSWER).exists(),
        "news_address_kept": services.news_address_of(report) is not None,
        "feedback": feedback,
        "feedback_form": FeedbackForm() if feedback is None and services.feedback_may_give(report) else None,
    }


def _case_page(request, report, grant, status=200, **forms):
    context = {**_case_context(request, report, grant), **forms}
    return _private(render(request, "anticorruption/case.html", context, status=status))


@never_cache
def case(request, grant):
    return _case_page(request, _tracked_report(request, grant), grant)


def _case_form_post(request, grant, form_key, make_form, act, done):
    """A reporter's form on the case page: act on it, or show the page again with the form's errors."""
    report = _tracked_report(request, grant)
    form = make_form(report)
    if form.is_valid():
        try:
            act(report, form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return _case_redirect(grant)
    return _case_page(request, report, grant, status=400, **{form_key: form})


@never_cache
@require_POST
@sensitive_post_parameters()
def case_reply(request, grant):
    return _case_form_post(
        request,
        grant,
        "reply_form",
        lambda report: ReplyForm(request.POST, request.FILES, report=report),
        lambda report, form: services.report_reporter_reply(
            report=report, body=form.cleaned_data["body"], files=form.checked_files
        ),
        _("Thank you: your message was added to the case."),
    )


@never_cache
@require_POST
def case_reopen(request, grant):
    return _case_form_post(
        request,
        grant,
        "reopen_form",
        lambda report: ReopenForm(request.POST),
        lambda report, form: services.report_reopen(report=report, comment=form.cleaned_data["comment"]),
        _("The case is reopened."),
    )


@never_cache
@require_POST
def case_feedback(request, grant):
    return _case_form_post(
        request,
        grant,
        "feedback_form",
        lambda report: FeedbackForm(request.POST),
        lambda report, form: services.report_feedback_give(report=report, **form.cleaned_data),
        _("Thank you for telling us."),
    )


@never_cache
@require_POST
def case_leave(request, grant):
    grants = request.session.get(GRANTS, {})
    left = grants.pop(grant, None)
    request.session[GRANTS] = grants
    response = redirect("anticorruption:track")
    if isinstance(left, dict):
        ratelimit.device_forget(request, response, left["case"])
    return response


@never_cache
@require_POST
def case_news_withdraw(request, grant):
    """The receipt holder stops the news emails of their case; the address is deleted."""
    report = _tracked_report(request, grant)
    address = services.news_address_of(report)
    if address is not None:
        services.news_address_withdraw(address=address)
    messages.success(request, _("The address is deleted: you will get no more emails about this case."))
    return _case_redirect(grant)


@never_cache
def news_withdraw(request, token):
    """The link in every news email: asks first (mail scanners open links), deletes on the button."""
    address = services.news_address_find(token)
    if address is None:
        return _private(render(request, "anticorruption/news_withdraw.html", {"gone": True}, status=404))
    if request.method == "POST":
        services.news_address_withdraw(address=address)
        return _private(render(request, "anticorruption/news_withdraw.html", {"withdrawn": True}))
    return _private(render(request, "anticorruption/news_withdraw.html", {}))


def attachment_response(attachment, handle):
    return private_file(handle, filename=attachment.name, content_type=attachment.content_type)


@never_cache
def case_attachment(request, grant, token):
    report = _tracked_report(request, grant)
    attachment = get_object_or_404(report.attachments, token=token)
    handle = services.attachment_open(attachment=attachment, by_reporter=True)
    return attachment_response(attachment, handle)


@never_cache
def case_answer_pdf(request, grant):
    report = _tracked_report(request, grant)
    if not report.messages.filter(kind=ReportMessage.Kind.ANSWER).exists():
        raise Http404
    data, _digest = services.document_issue(report=report, kind=IssuedDocument.Kind.ANSWER, by_reporter=True)
    return _private(download(data, "application/pdf", f"{report.case_number}-answer.pdf"))


def verify(request):
    """Check a printed or downloaded PDF against the SHA-256 of the documents the hub issued."""
    form = VerifyForm(request.POST or request.GET or None, request.FILES or None)
    digest, document = None, None
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data.get("document")
        digest = (form.cleaned_data.get("sha256") or "").strip().lower()
        if upload:
            from hub.pdf import sha256_hex

            digest = sha256_hex(upload.read(20 * 1024 * 1024))
        if digest:
            documents = IssuedDocument.objects.select_related("report")
            document = documents.filter(Q(sha256=digest) | Q(file_sha256=digest)).first()
    context = {"form": form, "digest": digest, "document": document}
    return render(request, "anticorruption/verify.html", context)


# --- Public statistics and published outcomes (issue 7) ----------------------------------------


def _stats_filters(request):
    form = StatsFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, {k: v for k, v in filters.items() if v}


def _label_rows(figures):
    """Names and labels in the active language, ready for the template and the CSV files."""
    kinds = dict(Kind.choices)
    return {
        "kinds": [{"name": kinds.get(r["kind"], r["kind"]), "count": r["count"]} for r in figures["kinds"]],
        "categories": [{"name": stats.name_of(r, "category"), "count": r["count"]} for r in figures["categories"]],
        "districts": [
            {"name": stats.name_of(r, "district") or _("Not given"), "count": r["count"]} for r in figures["districts"]
        ],
        "months": [
            {"name": date_format(r["month"], "YEAR_MONTH_FORMAT"), "count": r["count"]} for r in figures["months"]
        ],
        "departments": [{**r, "name": stats.name_of(r)} for r in figures["departments"]],
    }


def statistics(request):
    form, filters = _stats_filters(request)
    figures = stats.cached(filters)
    tables = _label_rows(figures)
    context = {
        "form": form,
        "figures": figures,
        "tables": tables,
        "in_plain_words": services.statistics_in_plain_words(figures["overall"]),
        "month_chart": charts.bar_chart(tables["months"]),
        "kind_chart": charts.bar_chart(tables["kinds"]),
        "minimum": getattr(settings, "ANTICORRUPTION_RANKING_MIN_CASES", 20),
        "duplicate_days": duplicates.window().days,
        "query": request.GET.urlencode(),
    }
    return render(request, "anticorruption/stats.html", context)


CSV_TABLES = ["kinds", "categories", "districts", "months", "departments"]


def statistics_csv(request, table):
    if table not in CSV_TABLES:
        raise Http404
    _form, filters = _stats_filters(request)
    rows = _label_rows(stats.cached(filters))[table]
    return download(csv_bytes(_csv_table(table, rows)), CSV_TYPE, f"adaldyq-alany-{table}.csv")


def _csv_table(table, rows):
    if table != "departments":
        yield [_("Name"), _("Reports")]
        yield from ([row["name"], row["count"]] for row in rows)
        return
    yield (
        [_("Responsible body"), _("Reports"), _("Finished on time"), _("Finished or overdue"), _("On-time share"),
         _("Interval low"), _("Interval high"), _("Overdue open"), pgettext("reports", "Rejected"),
         _("Median to acknowledgement (hours)"), _("Median to answer (days)"), _("Ranked")]
    )  # fmt: skip
    for row in rows:
        low, high = row["interval"] or ("", "")
        yield (
            [row["name"], row["total"], row["on_time"], row["trials"], _round(row["on_time_share"]),
             _round(low), _round(high), row["overdue_open"], row["rejected"], _hours(row["median_acknowledge"]),
             _days(row["median_answer"]), _("yes") if row["ranked"] else _("no")]
        )  # fmt: skip


def _round(value):
    return "" if value in (None, "") else f"{value:.3f}"


def _hours(delta):
    return "" if delta is None else f"{delta.total_seconds() / 3600:.1f}"


def _days(delta):
    return "" if delta is None else f"{delta.total_seconds() / 86400:.1f}"


def outcome_list(request):
    form = OutcomeFilterForm(request.GET or None)
    outcomes = PublishedOutcome.objects.published().select_related("report__category", "report__district")
    if form.is_valid():
        if form.cleaned_data.get("category"):
            outcomes = outcomes.filter(report__category=form.cleaned_data["category"])
        if form.cleaned_data.get("district"):
            outcomes = outcomes.filter(report__district=form.cleaned_data["district"])
    page_obj = Paginator(outcomes, 20).get_page(request.GET.get("page"))
    return render(request, "anticorruption/outcome_list.html", {"form": form, "page_obj": page_obj})


def outcome_detail(request, slug):
    outcome = get_object_or_404(
        PublishedOutcome.objects.published().select_related("report__category", "report__district"), slug=slug
    )
    return render(request, "anticorruption/outcome_detail.html", {"outcome": outcome})
