"""Time the printable PDF of a 200-action road map, in Kazakh and Russian (issue 4).

Usage: .venv/bin/python bench/roadmaps_pdf.py [actions]
Builds a throwaway SQLite database under /tmp with one published road map of N actions
(default 200) in 10 sections, each with two responsible bodies, two partner NGOs, one
indicator and 10 progress updates (2,000 updates), then times exports.roadmap_pdf per
language (3 runs each) and the query count of the public road-map page.
"""

import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HUB_VAR_DIR", tempfile.mkdtemp(prefix="hub-roadmaps-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings.test"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from hub.models import Department, User  # noqa: E402
from ngos.models import Organisation  # noqa: E402
from roadmaps import exports  # noqa: E402
from roadmaps.models import Action, ActionPartner, Indicator, ProgressUpdate, RoadMap, Section  # noqa: E402


def build(count):
    editor = User.objects.create_user(email="editor@bench.kz", password="x")
    departments = list(Department.objects.all()[:8])
    ngos = [
        Organisation.objects.create(
            slug=f"ngo-{n}",
            name_kk=f"«Жасыл қала» қоры {n}",
            name_ru=f"Фонд «Зелёный город» {n}",
            legal_form="public_foundation",
            bin=f"{100000000000 + n}",
            status="verified",
        )
        for n in range(10)
    ]
    roadmap = RoadMap.objects.create(
        slug="bench",
        title_kk="Белсенді мегаполис",
        title_ru="Активный мегаполис",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        owner=departments[0],
        status="in_implementation",
        live=True,
        summary_kk="Әкімдік пен ҮЕҰ-ның бірлескен жоспары. " * 5,
        summary_ru="Совместный план акимата и НПО. " * 5,
    )
    per_section = max(1, count // 10)
    actions = []
    for s in range(1, 11):
        section = Section.objects.create(roadmap=roadmap, number=s, title_kk=f"Бөлім {s}", title_ru=f"Раздел {s}")
        for n in range(1, per_section + 1):
            actions.append(
                Action(
                    section=section,
                    number=n,
                    title_kk=f"Ағаш отырғызу және аулаларды көгалдандыру {s}.{n}",
                    title_ru=f"Посадка деревьев и озеленение дворов {s}.{n}",
                    start_date=datetime.date(2025, 1, 1),
                    due_date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n * 15),
                    status=Action.Status.values[n % 4],
                    progress=(n * 7) % 101,
                )
            )
    actions = Action.objects.bulk_create(actions)
    through = Action.departments.through
    through.objects.bulk_create(
        [through(action=a, department=departments[(a.number + k) % 8]) for a in actions for k in range(2)]
    )
    ActionPartner.objects.bulk_create(
        [ActionPartner(action=a, organisation=ngos[(a.number + k) % 10]) for a in actions for k in range(2)]
    )
    Indicator.objects.bulk_create(
        [Indicator(action=a, name_kk="Ағаштар", name_ru="Деревья", target=1000, actual=a.number * 10) for a in actions]
    )
    ProgressUpdate.objects.bulk_create(
        [
            ProgressUpdate(action=a, occurred_on=datetime.date(2025, 2, 1), author=editor, note="Жұмыс жүріп жатыр")
            for a in actions
            for _ in range(10)
        ]
    )
    return roadmap


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    roadmap = build(count)
    print(f"road map: {Action.objects.of_roadmap(roadmap).count()} actions, {ProgressUpdate.objects.count()} updates")
    for language in ("kk", "ru"):
        timings, size = [], 0
        for _ in range(3):
            started = time.perf_counter()
            size = len(exports.roadmap_pdf(roadmap, language=language))
            timings.append(time.perf_counter() - started)
        cached = time.perf_counter()
        exports.cached_roadmap_pdf(roadmap, language=language)
        first_cached = time.perf_counter() - cached
        cached = time.perf_counter()
        exports.cached_roadmap_pdf(roadmap, language=language)
        second_cached = time.perf_counter() - cached
        print(
            f"PDF {language}: median {statistics.median(timings):.2f}s "
            f"(min {min(timings):.2f}s, max {max(timings):.2f}s), {size / 1024:.0f} KiB; "
            f"cached download: first {first_cached:.2f}s, then {second_cached * 1000:.0f} ms"
        )
    client = Client(HTTP_HOST="localhost")
    client.get(f"/ru/roadmaps/{roadmap.slug}/")
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(f"/ru/roadmaps/{roadmap.slug}/")
        elapsed = time.perf_counter() - started
    print(f"road-map page: HTTP {response.status_code}, {len(queries)} queries, {elapsed * 1000:.0f} ms")


if __name__ == "__main__":
    main()
