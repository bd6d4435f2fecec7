"""Public views of the channel: file a report, keep the receipt, come back with it.

The receipt code travels only in POST bodies; these views never log or echo request data,
and their responses are not cached and send no referrer.
"""

import time

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from . import codes, ratelimit, services, workcalendar
from .forms import ReceiptForm, ReceiptSavedForm, ReopenForm, ReplyForm, ReportForm, VerifyForm
from .models import IssuedDocument, Report, ReportMessage, Status

GRANTS = "anticorruption_grants"


def _private(response):
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _too_many(request):
    return _private(render(request, "anticorruption/too_many.html", status=429))


# --- Filing -----------------------------------------------------------------------------------


@never_cache
@sensitive_post_parameters()
@sensitive_variables("receipt")
def file_report(request):
    """The form; on success the receipt code is shown once, in this response only."""
    if request.method != "POST":
        return _private(render(request, "anticorruption/file.html", {"form": ReportForm()}))
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
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.case_number}.pdf"'
    return _private(response)


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
    number = (request.POST.get("case_number") or "").strip().upper()
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
    response = FileResponse(handle, as_attachment=True, filename=attachment.name, content_type=attachment.content_type)
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return _private(response)


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
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.case_number}-answer.pdf"'
    return _private(response)


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
