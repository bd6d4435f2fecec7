"""The public channel: filing, the receipt step, tracking with the receipt, and the attack cases."""

import hashlib
import logging
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from anticorruption import codes, services
from anticorruption.forms import ReportForm
from anticorruption.models import Attachment, AuditEntry, Category, Report
from tests.files import assert_no_author, docx_bytes, docx_with_authors, pdf_bytes, pdf_with_author, upload

from .conftest import png_bytes

IP, AGENT = "203.0.113.77", "SpyBrowser/9.9 (unique-fingerprint)"


def form_data(category, **overrides):
    data = {
        "kind": "corruption",
        "category": str(category.pk),
        "description": "The director of school 12 asks parents for 50,000 tenge.",
        "language": "ru",
        "anonymity": "anonymous",
        "form_token": ReportForm().initial["form_token"],
        "website": "",
    }
    return {**data, **overrides}


def post_report(client, category, files=(), **overrides):
    data = form_data(category, **overrides)
    if files:
        data["attachments"] = list(files)
    return client.post(reverse("anticorruption:file"), data, REMOTE_ADDR=IP, HTTP_USER_AGENT=AGENT)


def receipt_from(response):
    match = re.search(r'class="ac-receipt">([\d ]{19})<', response.content.decode())
    return match.group(1).replace(" ", "")


def track(client, case_number, code, ip=IP):
    return client.post(
        reverse("anticorruption:track"), {"case_number": case_number, "receipt_code": code}, REMOTE_ADDR=ip
    )


@pytest.fixture
def category(db):
    return Category.objects.get(slug="education")


def test_form_explains_anonymity_and_what_is_stored(visitor, db):
    response = visitor.get(reverse("anticorruption:file"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "only where it reports an offence" in text or "тек" in text
    assert "no-store" in response["Cache-Control"]


def test_anonymous_report_shows_receipt_once_and_stores_nothing_identifying(client, member, category, caplog):
    client.force_login(member)
    with caplog.at_level(logging.DEBUG):
        response = post_report(client, category)
    assert response.status_code == 200
    code = receipt_from(response)
    report = Report.objects.get()
    assert report.reporter_user is None and report.receipt_hash == codes.receipt_hash(code)
    stored = " ".join(str(v) for v in Report.objects.values().get().values())
    stored += " ".join(AuditEntry.objects.values_list("comment", flat=True))
    for secret in (IP, AGENT, code, member.email):
        assert secret not in stored
        assert secret not in caplog.text
    assert AuditEntry.objects.filter(report=report, actor__isnull=False).count() == 0


def test_receipt_never_appears_in_a_url(client, category):
    response = post_report(client, category)
    code = receipt_from(response)
    for url in re.findall(r'(?:href|action)="([^"]*)"', response.content.decode()):
        assert code not in url
    report = Report.objects.get()
    tracked = track(client, report.case_number, code)
    assert tracked.status_code == 302 and code not in tracked["Location"]
    assert report.case_number not in tracked["Location"]
    assert tracked.wsgi_request.session.get("anticorruption_grants") and code not in str(
        dict(tracked.wsgi_request.session)
    )


def test_have_you_saved_it_step(client, category):
    response = post_report(client, category)
    code = receipt_from(response)
    case_number = Report.objects.get().case_number
    unsaved = client.post(reverse("anticorruption:receipt_saved"), {"case_number": case_number, "receipt_code": code})
    assert unsaved.status_code == 400 and code[:4] in unsaved.content.decode()
    saved = client.post(
        reverse("anticorruption:receipt_saved"), {"case_number": case_number, "receipt_code": code, "saved": "on"}
    )
    assert saved.status_code == 200 and case_number in saved.content.decode()


def test_printable_confirmation_pdf(client, category):
    response = post_report(client, category)
    code = receipt_from(response)
    pdf = client.post(
        reverse("anticorruption:receipt_pdf"), {"case_number": Report.objects.get().case_number, "receipt_code": code}
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    wrong = client.post(
        reverse("anticorruption:receipt_pdf"),
        {"case_number": Report.objects.get().case_number, "receipt_code": "1" * 16},
    )
    assert wrong.status_code == 403


def test_resubmitting_the_same_form_files_once(client, category):
    data = form_data(category)
    first = client.post(reverse("anticorruption:file"), data)
    second = client.post(reverse("anticorruption:file"), data)
    assert first.status_code == 200 and second.status_code == 409
    assert Report.objects.count() == 1


def test_honeypot_refuses_bots(client, category):
    response = post_report(client, category, website="http://spam.example")
    assert response.status_code == 400 and not Report.objects.exists()


def test_reporter_cannot_post_status_deadline_or_department(client, category, education):
    response = post_report(
        client,
        category,
        status="closed_resolved",
        answer_due_at="2030-01-01",
        department=str(education.pk),
        version="99",
    )
    assert response.status_code == 200
    report = Report.objects.get()
    assert report.status == "submitted" and report.department is None and report.version == 1
    assert report.answer_due_at.year < 2030


@pytest.mark.parametrize(
    "description",
    ["", "   ", "x" * (1024 * 1024), "Bribe\x00 hidden", "Pay \u202eexe.gpj to win"],
    ids=["empty", "blank", "one-megabyte", "nul-byte", "rtl-override"],
)
def test_bad_description_is_refused(client, category, description):
    response = post_report(client, category, description=description)
    assert response.status_code == 400 and not Report.objects.exists()


def test_rtl_override_in_other_fields_is_refused(client, category):
    response = post_report(client, category, location="Abay \u202eavenue")
    assert response.status_code == 400


def test_confidential_report_needs_a_contact(client, category):
    assert post_report(client, category, anonymity="confidential").status_code == 400
    assert post_report(client, category, anonymity="identified", reporter_email="a@example.kz").status_code == 400


def giant_png_header(width=50_000, height=50_000):
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 100))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    "bad_file",
    [
        upload("invoice.pdf", png_bytes()),
        upload("photo.jpg", b"MZ\x90\x00" + b"\x00" * 200),
        upload("tool.exe", b"MZ\x90\x00" + b"\x00" * 200),
        upload("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        upload("scan.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        upload("huge.png", giant_png_header()),
        upload("report\u202efdp.exe", b"MZ" + b"\x00" * 100),
        upload("macro.docx", docx_bytes(macros=True)),
        upload("script.pdf", b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj"),
        upload("fake.docx", b"PK\x03\x04not really a zip"),
    ],
    ids=[
        "lying-extension",
        "exe-as-jpg",
        "exe",
        "svg-script",
        "svg-as-png",
        "50000px",
        "rtl-name",
        "docx-macro",
        "pdf-javascript",
        "broken-zip",
    ],
)
def test_dangerous_files_are_refused(client, category, bad_file):
    response = post_report(client, category, files=[bad_file])
    assert response.status_code == 400
    assert not Report.objects.exists() and not Attachment.objects.exists()


def test_nul_byte_in_file_name_is_refused():
    # The multipart parser already drops what follows a NUL; the check stands on its own too.
    from django.core.exceptions import ValidationError

    from anticorruption.files import clean_name

    with pytest.raises(ValidationError):
        clean_name("evil\x00.pdf")


def test_too_many_files_are_refused(client, category):
    files = [upload(f"p{i}.png", png_bytes()) for i in range(6)]
    assert post_report(client, category, files=files).status_code == 400


def test_too_many_bytes_are_refused(client, category, settings):
    settings.ANTICORRUPTION_MAX_FILE_BYTES = 1000
    response = post_report(client, category, files=[upload("a.pdf", b"%PDF-1.4\n" + b"0" * 2000)])
    assert response.status_code == 400


def test_good_files_are_accepted_and_images_lose_exif(client, category):
    jpeg = png_bytes(exif=True)
    assert b"SecretCam" in jpeg
    response = post_report(
        client,
        category,
        files=[upload("photo.jpg", jpeg), upload("letter.pdf", pdf_bytes()), upload("doc.docx", docx_bytes())],
    )
    assert response.status_code == 200
    attachments = {a.name: a for a in Attachment.objects.all()}
    assert set(attachments) == {"photo.jpg", "letter.pdf", "doc.docx"}
    with attachments["photo.jpg"].file.open("rb") as handle:
        assert b"SecretCam" not in handle.read()


def test_filed_documents_lose_their_authors_and_keep_their_fingerprints(client, category):
    files = [upload("letter.pdf", pdf_with_author()), upload("act.docx", docx_with_authors())]
    assert post_report(client, category, files=files).status_code == 200
    for attachment in Attachment.objects.all():
        with attachment.file.open("rb") as handle:
            content = handle.read()
        assert_no_author(content)
        assert attachment.sha256 == hashlib.sha256(content).hexdigest() and attachment.size == len(content)


def test_filing_is_rate_limited(client, category, settings):
    settings.ANTICORRUPTION_FILE_LIMIT = 3
    statuses = [post_report(client, category).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert Report.objects.count() == 3


def test_tracking_opens_case_with_receipt(client, report_with_code):
    report, code = report_with_code
    response = track(client, report.case_number, codes.format_receipt(code))
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200 and report.get_status_display() in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin" and "no-store" in page["Cache-Control"]


def _strip_csrf(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_wrong_case_number_and_wrong_code_look_the_same(client, report_with_code):
    report, code = report_with_code
    wrong_code = track(client, report.case_number, "1234567812345678")
    wrong_number = track(client, "AA-2222-2222", code)
    short = track(client, report.case_number, "1234")
    assert wrong_code.status_code == wrong_number.status_code == short.status_code == 404
    # Apart from the number typed (kept in the field), the pages are the same; no code is ever echoed.
    typed_back = _strip_csrf(wrong_code.content.decode()).replace(report.case_number, "AA-2222-2222")
    assert typed_back == _strip_csrf(wrong_number.content.decode())
    assert code not in wrong_number.content.decode() and "1234567812345678" not in wrong_code.content.decode()


def test_a_thousand_guesses_are_throttled(client, report_with_code, monkeypatch):
    report, code = report_with_code
    calls = []
    original = services.report_find
    monkeypatch.setattr(services, "report_find", lambda **kw: calls.append(1) or original(**kw))
    statuses = [track(client, report.case_number, f"{i:016d}").status_code for i in range(1000)]
    assert statuses.count(429) >= 990 and len(calls) <= 10
    # Even the right code is refused while throttled: guessing cannot be confirmed.
    assert track(client, report.case_number, code).status_code == 429


def test_guessing_one_case_from_many_addresses_is_slowed_to_one_try_per_address(client, report_with_code):
    report, code = report_with_code
    first = [track(client, report.case_number, f"{i:016d}", ip=f"198.51.100.{i}").status_code for i in range(8)]
    assert first == [404] * 8  # each address had its try
    again = [track(client, report.case_number, f"{i + 8:016d}", ip=f"198.51.100.{i}").status_code for i in range(8)]
    assert again == [429] * 8  # the case is under attack: no address gets a second try in the window
    # ...and the reporter, from an address of their own, is not locked out.
    assert track(client, report.case_number, code, ip="192.0.2.1").status_code == 302


def test_case_page_needs_the_receipt(client, report):
    assert client.get(reverse("anticorruption:case", args=["made-up-grant"])).status_code == 404


def test_reporter_replies_with_a_file(client, report_with_code):
    report, code = report_with_code
    case_url = track(client, report.case_number, code)["Location"]
    files = [upload("more.png", png_bytes())]
    response = client.post(case_url + "reply/", {"body": "Another detail.", "attachments": files})
    assert response.status_code == 302
    assert report.messages.get().body == "Another detail." and report.attachments.count() == 1


def test_reporter_cannot_download_someone_elses_attachment(client, report_with_code, attachment_report):
    mine, code = report_with_code
    other, _other_code = attachment_report
    case_url = track(client, mine.case_number, code)["Location"]
    token = other.attachments.get().token
    assert client.get(f"{case_url}files/{token}/").status_code == 404
    assert client.get(f"/en/adaldyq-alany/track/{other.case_number}/files/{token}/").status_code == 302


def test_receipt_holder_downloads_own_attachment_and_it_is_logged(client, attachment_report):
    report, code = attachment_report
    case_url = track(client, report.case_number, code)["Location"]
    attachment = report.attachments.get()
    response = client.get(f"{case_url}files/{attachment.token}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]
    assert report.audit_entries.filter(action=AuditEntry.Action.DOWNLOAD, actor__isnull=True).exists()


def test_script_in_text_is_escaped_on_reporter_pages(client, category):
    payload = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    response = post_report(client, category, description=payload, location=payload, concerned_body=payload)
    code = receipt_from(response)
    report = Report.objects.get()
    page = client.get(track(client, report.case_number, code)["Location"]).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "<img src=x" not in page


def test_status_email_carries_no_content(file_report, officer, django_capture_on_commit_callbacks):
    report, _code = file_report(anonymity="confidential", reporter_email="reporter@example.kz", language="kk")
    with django_capture_on_commit_callbacks(execute=True):
        services.report_transition(report=report, to_status=Report.Status.REGISTERED, actor=officer)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reporter@example.kz"] and report.case_number in message.body
    assert "director" not in message.body and "School" not in message.body


def test_anonymous_reporter_gets_no_email(report, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.report_transition(report=report, to_status=Report.Status.REGISTERED, actor=officer)
    assert mail.outbox == []


def test_signed_in_reporter_sees_own_reports(client_for, member, file_report, other_leader):
    report, _code = file_report(anonymity="confidential", reporter_email="m@example.kz", user=member)
    client = client_for(member)
    opened = client.post(reverse("anticorruption:track_own"), {"case_number": report.case_number})
    assert opened.status_code == 302 and report.case_number not in opened["Location"]
    assert client.get(opened["Location"]).status_code == 200
    from anticorruption.panels import account_section

    request = client.get(reverse("anticorruption:file")).wsgi_request
    assert report in account_section(request)["reports"]
    client.force_login(other_leader)
    assert client.post(reverse("anticorruption:track_own"), {"case_number": report.case_number}).status_code == 404
    assert client.get(opened["Location"]).status_code == 404  # signing in as someone else drops the grants


def test_reporter_downloads_answer_pdf(client, report_with_code, officer):
    report, code = report_with_code
    services.report_transition(report=report, to_status=Report.Status.ACKNOWLEDGED, actor=officer)
    services.report_answer(report=report, actor=officer, body="Ответ: проверка проведена.")
    case_url = track(client, report.case_number, code)["Location"]
    response = client.get(case_url + "answer.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_spelling_the_case_number_differently_does_not_escape_the_limit(client, report_with_code):
    report, code = report_with_code
    variants = [
        report.case_number,
        report.case_number.lower(),
        " " + report.case_number,
        report.case_number[:8] + " " + report.case_number[8:],
    ]
    for index in range(6):
        track(client, variants[index % 4], f"{index:016d}", ip=f"198.51.100.{index}")
    # Every spelling counted against the one case: the addresses that guessed get no second try.
    assert track(client, report.case_number, code, ip="198.51.100.0").status_code == 429


def test_case_record_history_reads_status_and_role_in_the_readers_language():
    entry = AuditEntry(actor_label="reporter", from_status="submitted", to_status="registered")
    with translation.override("kk"):
        labels = (entry.actor_role, entry.from_status_label, entry.to_status_label)
        assert labels == ("хабарлаушы", "Жіберілді", "Тіркелді")
    with translation.override("ru"):
        assert (entry.actor_role, entry.to_status_label) == ("заявитель", "Зарегистрировано")
