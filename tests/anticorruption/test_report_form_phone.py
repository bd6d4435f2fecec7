"""The report form on a phone: the question first, explanations folded away, an error summary after a failed
submit that links to every field with an error (the summary is the shared include every form shows)."""

import re

import pytest
from django.urls import reverse

from anticorruption.models import Report

from .test_public import form_data, post_report


@pytest.fixture
def category(db):
    from anticorruption.models import Category

    return Category.objects.get(slug="education")


def summary_of(html):
    match = re.search(
        r'<div class="error-summary" role="alert" tabindex="-1" data-error-summary>(.*?)</div>', html, re.S
    )
    assert match, "no error summary"
    return match.group(1)


def test_the_first_question_comes_before_the_explanations(visitor, db):
    html = visitor.get(reverse("anticorruption:file")).content.decode()
    question = html.index('name="kind"')
    assert html.index("<h1>") < question < html.index("<details") < html.index("Already filed? Follow your report")
    stored = html.index("What we store")
    assert html.rindex("<summary", 0, stored) > html.rindex("<details", 0, stored)
    anonymity_help = html.index("only where it reports an offence")
    assert html.rindex("<details", 0, anonymity_help) > html.index('name="anonymity"')
    assert "data-error-summary" not in html


def test_a_failed_submit_shows_a_summary_linking_to_each_field(visitor, category):
    response = post_report(visitor, category, kind="", description="", anonymity="confidential")
    assert response.status_code == 400
    assert not Report.objects.exists()
    html = response.content.decode()
    summary = summary_of(html)
    assert html.index("data-error-summary") < html.index('name="kind"')
    links = dict(re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary))
    assert {"id_kind_0", "id_description"} <= set(links)
    assert links["id_description"].startswith("What happened? — ")
    for target in links:
        assert f'id="{target}"' in html


def test_the_summary_speaks_the_visitors_language(visitor, category):
    data = form_data(category, description="")
    html = visitor.post("/kk/adaldyq-alany/", data).content.decode()
    assert "Мына қателерді түзетіңіз" in summary_of(html)


def test_other_forms_show_the_same_summary(visitor, db):
    response = visitor.post("/en/accounts/login/", {"login": "", "password": ""})
    summary = summary_of(response.content.decode())
    assert 'href="#id_login"' in summary and 'href="#id_password"' in summary
