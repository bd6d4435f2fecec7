"""The links the channel prints or sends (the check address on issued PDFs, the tracking link in news
emails) come from SITE_URL."""

import io
import re

import pytest
from django.core import mail
from pypdf import PdfReader

from anticorruption import services
from anticorruption.models import IssuedDocument

SITE = "https://hub.example.kz"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def test_an_issued_pdf_prints_the_check_address_on_site_url(report, officer):
    data, _fingerprint = services.document_issue(report=report, kind=IssuedDocument.Kind.CASE_RECORD, actor=officer)
    text = "".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())
    assert re.search(rf"{re.escape(SITE)}/(kk|ru|en)/adaldyq-alany/verify/", text)


def test_news_of_a_case_links_to_tracking_on_site_url(file_report):
    report, _code = file_report(anonymity="identified", reporter_name="Aliya", reporter_email="aliya@example.kz")
    services.notify_reporter(report)
    assert f"{SITE}/ru/adaldyq-alany/track/" in mail.outbox[-1].body
    assert f'href="{SITE}/ru/adaldyq-alany/track/"' in mail.outbox[-1].alternatives[0][0]
