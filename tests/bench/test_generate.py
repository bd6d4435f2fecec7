"""The benchmark's data generator at a tiny scale: counts, derived columns, and key pages that answer."""

import pytest
from django.test import Client

from anticorruption.audit import verify_chain
from anticorruption.models import AuditEntry, Report
from bench.generate import Generator, key_paths
from hub.models import ReportPage
from meetings.models import Assignment, Meeting, Registration
from ngos.models import Initiative, Membership, Organisation
from ngos.text import normalise
from ngos.validators import is_valid_bin
from roadmaps.models import Action, RoadMap

SCALE = 0.002


@pytest.fixture(autouse=True)
def isolated_search_index(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    settings.SEARCH_BACKEND = "whoosh"


def generate(demo=False):
    return Generator(SCALE).run(demo=demo, search_index=True)


@pytest.mark.django_db
def test_generator_makes_the_scaled_counts(site_pages):
    before = {model: model.objects.count() for model in (Organisation, Initiative, Meeting, Report, ReportPage)}
    generate()
    assert Organisation.objects.count() - before[Organisation] == 10
    assert Initiative.objects.count() - before[Initiative] == 40
    assert RoadMap.objects.count() >= 2 and Action.objects.count() >= 20
    assert Meeting.objects.count() - before[Meeting] == 4
    assert Assignment.objects.count() >= 40
    assert Registration.objects.exists()
    assert Report.objects.count() - before[Report] == 200
    assert ReportPage.objects.live().count() - before[ReportPage] == 2


@pytest.mark.django_db
def test_generated_rows_look_like_the_services_made_them(site_pages):
    generate()
    for organisation in Organisation.objects.all():
        assert is_valid_bin(organisation.bin)
        assert organisation.search_text == normalise(organisation.search_text)
        assert organisation.search_text == organisation.build_search_text()
        assert Membership.objects.filter(organisation=organisation, role="leader").exists()
        if organisation.status == "verified":
            assert organisation.verified_at and organisation.fields.exists()
    for initiative in Initiative.objects.exclude(status="draft"):
        assert initiative.submitted_at is not None
        assert initiative.transitions.order_by("created_at", "pk").last().to_status == initiative.status
    assert Organisation.objects.exclude(last_activity_at=None).exists()
    # The audit log is one unbroken hash chain covering every generated report.
    checked, broken = verify_chain()
    assert broken is None and checked == AuditEntry.objects.count()
    assert AuditEntry.objects.filter(action="filed").count() == Report.objects.count()
    for report in Report.objects.all():
        assert report.acknowledge_due_at > report.created_at and report.answer_due_at > report.created_at
        if report.anonymity == "anonymous":
            assert not (report.reporter_name or report.reporter_email or report.reporter_user_id)
        if report.status in ("answered", "closed_resolved", "closed_unresolved"):
            assert report.answered_at and report.messages.filter(kind="answer").exists()
    assert len(set(Report.objects.values_list("case_number", flat=True))) == Report.objects.count()


@pytest.mark.django_db
def test_key_pages_answer_200_to_an_anonymous_visitor(site_pages):
    generate(demo=True)
    paths = key_paths()
    names = [name for name, _path in paths]
    assert "road map (200 actions)" in names and "search" in names and "akimat report" in names
    client = Client()
    for name, path in paths:
        assert client.get(path).status_code == 200, (name, path)
