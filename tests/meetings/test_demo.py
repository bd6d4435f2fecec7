"""The demo meetings read as real records: dated as they happened, filed under their topics (issue 20)."""

import io

from django.utils import timezone

from hub import demo as hub_demo
from meetings import demo
from meetings.models import AgendaItem, Assignment, AssignmentUpdate, Meeting, Official
from ngos import demo as ngos_demo


def seed():
    hub_demo.seed_users()
    ngos_demo.seed()
    demo.seed(io.StringIO())


def test_2019_assignments_were_updated_when_the_work_happened_not_today(db):
    seed()
    today = timezone.localdate()
    july = Meeting.objects.get(slug="akim-meets-ngo-leaders-2019-07")
    assignments = Assignment.objects.filter(meeting=july)
    assert all(assignment.created_at.date() == july.ends_at.date() for assignment in assignments)
    stale = [a for a in assignments if timezone.localdate(a.updated_at) == today]
    assert stale == []
    updates = AssignmentUpdate.objects.filter(assignment__meeting=july)
    assert updates.count() >= 8
    # only the ecology meeting, still being organised, moved recently
    recent = [u for u in updates if timezone.localdate(u.created_at).year > 2024]
    assert [u.assignment.title_en for u in recent] == ["Organise a separate meeting with ecology NGOs"]
    done = assignments.filter(status="done")
    assert all(a.updates.exists() for a in done), "a done assignment says what was done"


def test_the_july_outcome_is_filed_under_the_topics_it_raised(db):
    seed()
    july = Meeting.objects.get(slug="akim-meets-ngo-leaders-2019-07")
    fields = set(july.fields_of_activity.values_list("slug", flat=True))
    assert {"ecology", "anticorruption", "housing-ksk", "youth", "childrens-rights"} <= fields


def test_the_akim_is_spelled_one_way_in_every_language_and_every_agenda(db):
    seed()
    akim = Official.objects.get(position_en="Akim of Almaty")
    assert akim.name_kk == akim.name_ru and akim.department is None
    assert akim.name_en == "Yerlan Seitov"
    # No speaker typed in one language: the agenda names roles, the hosts list names people per language.
    assert not AgendaItem.objects.exclude(speaker="").exists()
    assert not Official.objects.filter(name_en__icontains="Galym").exists()


def test_the_akims_name_reads_the_same_on_the_kk_and_ru_pages(db, client):
    seed()
    akim = Official.objects.get(position_en="Akim of Almaty")
    kk = client.get("/kk/meetings/akim-meets-ngo-leaders-2019-07/").content.decode()
    ru = client.get("/ru/meetings/akim-meets-ngo-leaders-2019-07/").content.decode()
    en = client.get("/en/meetings/akim-meets-ngo-leaders-2019-07/").content.decode()
    assert akim.name_kk in kk and akim.name_ru in ru and akim.name_en in en
    assert "Сейтов" not in en
    assert "Speaker" not in en, "no empty speaker column when no item names one"
