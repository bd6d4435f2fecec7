"""Public views of the channel: file a report, keep the receipt, come back with it.

The receipt code travels only in POST bodies; these views never log or echo request data,
and their responses are not cached and send no referrer.
"""

import time

from django.conf import settings
from django.contrib import messages
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

from . import codes, duplicates, ratelimit, services, stats, workcalendar
from .forms import (
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
from .models import IssuedDocument, Kind, PublishedOutcome, Report, ReportMessage, Status

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
    ratelimit.hit("file", client, ratelimit.setting("FILE_WINDOW", 3600))
    report, receipt = services.report_file(data=form.cleaned_data, files=form.checked_files, user=request.user)
    cache.set(token_key, True, 24 * 3600)
    context = {
        "report": report,
        "receipt": codes.format_receipt(receipt),
        "saved_form": ReceiptSavedForm(initial={"case_number": report.case_number, "receipt_code": receipt}),
    }
    return _private(render(request, "anticorruption/receipt.html", context))


@never_cache
@require_POST
@sensitive_post_parameters()
def receipt_saved(request):
    """The "have you saved it?" step: continue only once the reporter says so."""
    form = ReceiptSavedForm(request.POST)
    if form.is_valid():
        report = services.report_find(
            case_number=form.cleaned_data["case_number"], receipt_code=form.cleaned_data["receipt_code"]
        )
        if report is not None:
            return _private(render(request, "anticorruption/filed.html", {"report": report}))
        raise PermissionDenied
    number = codes.normalise_case_number(request.POST.get("case_number"))
    code = codes.normalise_receipt(request.POST.get("receipt_code"))
    report = services.report_find(case_number=number or "", receipt_code=code or "") if number and code else None
    if report is None:
        raise PermissionDenied
    context = {"report": report, "receipt": codes.format_receipt(code), "saved_form": form}
    return _private(render(request, "anticorruption/receipt.html", context, status=400))


@never_cache
@require_POST
@sensitive_post_parameters()
def receipt_pdf(request):
    """A printable confirmation with the receipt code, made on request and never stored."""
    from hub.pdf import render_pdf

    code = codes.normalise_receipt(request.POST.get("receipt_code"))
    report = services.report_find(case_number=request.POST.get("case_number", ""), receipt_code=code or "")
    if report is None:
        raise PermissionDenied
    data = render_pdf(
        "anticorruption/pdf/confirmation.html",
        {"report": report, "receipt": codes.format_receipt(code)},
        language=report.language,
    )
    return _private(download(data, "application/pdf", f"{report.case_number}.pdf"))


# --- Tracking ---------------------------------------------------------------------------------


def _grant(request, report):
    request.session.cycle_key()
    grants = request.session.get(GRANTS, {})
    grants[report.case_number] = int(time.time()) + ratelimit.setting("GRANT_SECONDS", 1800)
    request.session[GRANTS] = grants


def _tracked_report(request, case_number):
    """The report this visitor holds the receipt for (or owns through their account), or 404."""
    expires = request.session.get(GRANTS, {}).get(case_number, 0)
    report = Report.objects.select_related("category", "district", "department").filter(case_number=case_number).first()
    if report is None:
        raise Http404
    if expires > time.time():
        return report
    if request.user.is_authenticated and report.reporter_user_id == request.user.pk:
        return report
    raise Http404


@never_cache
@sensitive_post_parameters()
def track(request):
    """Look up a report with its case number and receipt code; guessing is throttled."""
    if request.method != "POST":
        return _private(render(request, "anticorruption/track.html", {"form": ReceiptForm()}))
    form = ReceiptForm(request.POST)
    client = ratelimit.client_key(request)
    raw_number = request.POST.get("case_number") or ""
    number = codes.normalise_case_number(raw_number) or "".join(raw_number.split()).upper()[:40]
    limits = [
        ("track-client", client, ratelimit.setting("TRACK_LIMIT", 10)),
        ("track-case", number, ratelimit.setting("TRACK_CASE_LIMIT", 5)),
    ]
    if any(ratelimit.is_limited(scope, key, limit) for scope, key, limit in limits):
        return _too_many(request)
    report = None
    if form.is_valid():
        report = services.report_find(
            case_number=form.cleaned_data["case_number"], receipt_code=form.cleaned_data["receipt_code"]
        )
    if report is None:
        window = ratelimit.setting("TRACK_WINDOW", 900)
        for scope, key, _limit in limits:
            ratelimit.hit(scope, key, window)
        # The same page whether the case number or the code was wrong: nothing is echoed back.
        context = {"form": ReceiptForm(), "not_found": True}
        return _private(render(request, "anticorruption/track.html", context, status=404))
    _grant(request, report)
    return redirect("anticorruption:case", case_number=report.case_number)


def _case_context(request, report):
    now = timezone.now()
    reopen_until = None
    if report.closed_at and report.status in (Status.CLOSED_RESOLVED, Status.CLOSED_UNRESOLVED):
        reopen_until = report.closed_at + timezone.timedelta(days=workcalendar.reopen_days())
    return {
        "report": report,
        "messages_": report.messages.exclude(kind=ReportMessage.Kind.NOTE).prefetch_related("attachments"),
        "attachments": report.attachments.all(),
        "reply_form": ReplyForm(report=report),
        "reopen_form": ReopenForm() if reopen_until and reopen_until > now else None,
        "reopen_until": reopen_until,
        "overdue": report.is_overdue(now),
        "has_answer": report.messages.filter(kind=ReportMessage.Kind.ANSWER).exists(),
    }


@never_cache
def case(request, case_number):
    report = _tracked_report(request, case_number)
    return _private(render(request, "anticorruption/case.html", _case_context(request, report)))


@never_cache
@require_POST
@sensitive_post_parameters()
def case_reply(request, case_number):
    report = _tracked_report(request, case_number)
    form = ReplyForm(request.POST, request.FILES, report=report)
    if form.is_valid():
        try:
            services.report_reporter_reply(report=report, body=form.cleaned_data["body"], files=form.checked_files)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your message was added to the case."))
            return redirect("anticorruption:case", case_number=case_number)
    context = {**_case_context(request, report), "reply_form": form}
    return _private(render(request, "anticorruption/case.html", context, status=400))


@never_cache
@require_POST
def case_reopen(request, case_number):
    report = _tracked_report(request, case_number)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.report_reopen(report=report, comment=form.cleaned_data["comment"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The case is reopened."))
            return redirect("anticorruption:case", case_number=case_number)
    context = {**_case_context(request, report), "reopen_form": form}
    return _private(render(request, "anticorruption/case.html", context, status=400))


@never_cache
@require_POST
def case_leave(request, case_number):
    grants = request.session.get(GRANTS, {})
    grants.pop(case_number, None)
    request.session[GRANTS] = grants
    return redirect("anticorruption:track")


def attachment_response(attachment, handle):
    return private_file(handle, filename=attachment.name, content_type=attachment.content_type)


@never_cache
def case_attachment(request, case_number, token):
    report = _tracked_report(request, case_number)
    attachment = get_object_or_404(report.attachments, token=token)
    handle = services.attachment_open(attachment=attachment, by_reporter=True)
    return attachment_response(attachment, handle)


@never_cache
def case_answer_pdf(request, case_number):
    report = _tracked_report(request, case_number)
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
