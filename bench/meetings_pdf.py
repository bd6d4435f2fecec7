"""Time the minutes PDF: first render of an approved version, then the cached download (issue 5).

Usage: .venv/bin/python bench/meetings_pdf.py [assignments]
Builds a throwaway SQLite database under /tmp, records a meeting with hosts, 40 attending NGOs,
an agenda, 10 answered questions, decisions and N assignments (default 30), approves the minutes,
then times: the first render per language (WeasyPrint), a second call (served from storage),
and the public download view for the cached file.
"""

import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HUB_VAR_DIR", tempfile.mkdtemp(prefix="hub-meetings-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings.test"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from hub.models import Department, User  # noqa: E402
from hub.roles import EDITORS  # noqa: E402
from meetings import services  # noqa: E402
from meetings.models import Assignment, Meeting, Official, Question  # noqa: E402
from ngos.models import Organisation  # noqa: E402


def build(assignments):
    editor = User.objects.create_user(email="editor@bench.kz", password="x", is_staff=True)
    editor.groups.add(django.contrib.auth.models.Group.objects.get(name=EDITORS))
    departments = list(Department.objects.all())
    starts = timezone.now() - datetime.timedelta(days=3)
    meeting = Meeting.objects.create(
        slug="bench",
        title_kk="Әкімнің ҮЕҰ жетекшілерімен кездесуі",
        title_ru="Встреча акима с лидерами НПО",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        venue_ru="Акимат",
        live=True,
        summary_kk="Әкім ауа сапасы бойынша жол картасын жасауды тапсырды. " * 8,
        summary_ru="Аким поручил разработать дорожную карту по качеству воздуха. " * 8,
    )
    for i in range(3):
        meeting.hosts.add(
            Official.objects.create(
                name_kk=f"Лауазым иесі {i}",
                name_ru=f"Чиновник {i}",
                position_kk="Басшы",
                position_ru="Руководитель",
                department=departments[i],
            )
        )
    for i in range(8):
        meeting.agenda_items.create(title_kk=f"Мәселе {i}", title_ru=f"Вопрос {i}", speaker="Басқарма басшысы")
        meeting.decisions.create(
            text_kk=f"Шешім {i}: жұмыс тобын құру.", text_ru=f"Решение {i}: создать рабочую группу."
        )
    meeting.save()
    for i in range(40):
        user = User.objects.create_user(email=f"ngo{i}@bench.kz", password="x")
        organisation = Organisation.objects.create(
            slug=f"ngo-{i}",
            name_kk=f"Жасыл қала {i} ҚҚ",
            name_ru=f"ОФ Зелёный город {i}",
            legal_form="public_foundation",
            bin=f"{i:012d}",
            status="verified",
        )
        meeting.registrations.create(user=user, organisation=organisation, status="confirmed", attended_at=starts)
        if i < 10:
            Question.objects.create(
                meeting=meeting,
                author=user,
                organisation=organisation,
                status="on_agenda",
                text=f"Когда ТЭЦ-2 перейдёт на газ? ({i})",
                answer="В 2025 году, ход работ публикуется ежеквартально.",
            )
    Assignment.objects.bulk_create(
        Assignment(
            meeting=meeting,
            title_kk=f"ЖЭО-2 газға көшіру жоспары {i}",
            title_ru=f"План перевода ТЭЦ-2 на газ {i}",
            department=departments[i % len(departments)],
            due_date=timezone.localdate() + datetime.timedelta(days=i),
        )
        for i in range(assignments)
    )
    return meeting, editor


def approve(meeting, editor):
    """Approve a new version without the on-commit render: the render is what we time."""
    version = services.minutes_start_version(meeting=meeting, by=editor)
    with mock.patch("django.db.transaction.on_commit"):
        return services.minutes_approve(version=version, by=editor)


def main(assignments=30):
    call_command("migrate", verbosity=0)
    meeting, editor = build(assignments)
    version = approve(meeting, editor)
    print(f"meeting with {assignments} assignments, 40 NGOs, 10 questions, 8 agenda items and decisions")
    for language in ("kk", "ru"):
        started = time.perf_counter()
        record = services.minutes_pdf(version=version, language=language)
        first = time.perf_counter() - started
        cached = []
        for _ in range(20):
            started = time.perf_counter()
            again = services.minutes_pdf(version=version, language=language)
            again.pdf.open("rb").read()
            cached.append(time.perf_counter() - started)
        assert again.pk == record.pk
        print(
            f"{language}: first render {first * 1000:.0f} ms ({record.pdf.size // 1024} KiB), "
            f"cached median {statistics.median(cached) * 1000:.2f} ms"
        )
    second = approve(meeting, editor)
    started = time.perf_counter()
    services.minutes_pdf(version=second, language="kk")
    print(f"kk: first render of version 2 in a warm process {(time.perf_counter() - started) * 1000:.0f} ms")
    client = Client(HTTP_HOST="127.0.0.1")
    downloads = []
    for _ in range(20):
        started = time.perf_counter()
        response = client.get(f"/ru/meetings/{meeting.slug}/minutes.pdf")
        b"".join(response.streaming_content)
        downloads.append(time.perf_counter() - started)
    print(f"download view (cached, ru): median {statistics.median(downloads) * 1000:.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
