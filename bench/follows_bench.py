"""Follows at city scale (issue 19): the request that changes a followed action, its fan-out task,
and the daily digest in bounded memory.

Usage: .venv/bin/python -m bench.follows_bench [followers] [digest users]   (defaults 5000 20000)
Uses a throwaway SQLite database under /tmp unless DATABASE_URL is set (an empty database of your
own). Tasks go to the database queue as in production, so the request only writes the event and
its one fan-out task; the fan-out and the digest are then timed as a worker runs them.
"""

import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HUB_VAR_DIR", tempfile.mkdtemp(prefix="hub-follows-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings.test"
os.environ["TASKS_BACKEND"] = "database"

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

BATCH = 2000
PASSWORD_HASH = make_password("bench-password-2026")


def setup_site():
    call_command("migrate", verbosity=0)
    from hub.models import Department, User
    from hub.roles import EDITORS
    from roadmaps.models import Action, RoadMap, Section

    department = Department.objects.first()
    roadmap = RoadMap.objects.create(
        slug="bench", title_kk="Белсенді мегаполис", title_ru="Активный мегаполис", title_en="Active megapolis",
        period_start="2026-01-01", period_end="2026-12-31", owner=department, status="in_implementation", live=True,
    )  # fmt: skip
    section = Section.objects.create(roadmap=roadmap, number=1, title_kk="Экология", title_ru="Экология")
    action = Action.objects.create(
        section=section, number=1, title_kk="Ағаш отырғызу", title_ru="Посадка деревьев", title_en="Plant trees",
        start_date="2026-02-01", due_date="2099-06-30", status="in_progress", progress=10,
    )  # fmt: skip
    editor = User.objects.create_user("bench.editor@example.kz", "bench-password-2026", is_staff=True)
    from django.contrib.auth.models import Group

    editor.groups.add(Group.objects.get(name=EDITORS))
    return roadmap, action, editor


def make_users(prefix, count, **extra):
    from hub.models import User

    languages = ["kk", "ru", "en"]
    for start in range(0, count, BATCH):
        User.objects.bulk_create(
            [
                User(email=f"{prefix}{n}@example.kz", password=PASSWORD_HASH, language=languages[n % 3], **extra)
                for n in range(start, min(start + BATCH, count))
            ]
        )
    return User.objects.filter(email__startswith=prefix)


def follow_all(users, obj):
    from follows.models import Follow

    target_type = ContentType.objects.get_for_model(obj)
    ids = list(users.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        Follow.objects.bulk_create(
            [Follow(user_id=pk, target_type=target_type, target_id=obj.pk) for pk in ids[start : start + BATCH]]
        )


def time_update(client, action, progress, repeat=5):
    """Median ms of the editor's POST of a progress update (the request, not the fan-out)."""
    url = f"/en/roadmaps/{action.section.roadmap.slug}/actions/{action.code}/update/"
    timings = []
    for n in range(repeat):
        data = {"occurred_on": "2026-06-01", "note": "Planted trees.", "progress": str(progress + n)}
        started = time.perf_counter()
        response = client.post(url, data)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 302, response.content.decode()[-3000:]
    return statistics.median(timings)


def fan_out_figures(followers):
    from follows.delivery import email_at_once, fan_out
    from follows.models import Event, Notification

    roadmap, action, editor = setup_site()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(editor)
    alone = time_update(client, action, 20)
    users = make_users("follower", followers)
    follow_all(users, action)
    followed = time_update(client, action, 40)
    print(f"POST progress update, median of 5: {alone:.0f} ms with 0 followers, {followed:.0f} ms with {followers:,}")
    event = Event.objects.order_by("-pk").first()
    Notification.objects.all().delete()
    DBTaskResult.objects.all().delete()
    reset_queries()
    with override_settings(DEBUG=True):
        started = time.perf_counter()
        fan_out.call(event.pk)
        elapsed = time.perf_counter() - started
        queries = len(connection.queries)
    notified = Notification.objects.filter(event=event).count()
    email_tasks = DBTaskResult.objects.filter(task_path__endswith="email_at_once").count()
    print(f"fan-out task: {notified:,} notifications in {elapsed:.2f} s, {queries} queries, {email_tasks} email tasks")
    started = time.perf_counter()
    fan_out.call(event.pk)
    print(f"fan-out retried: {Notification.objects.filter(event=event).count():,} notifications "
          f"(no duplicates), {time.perf_counter() - started:.2f} s")  # fmt: skip
    first = DBTaskResult.objects.filter(task_path__endswith="email_at_once").order_by("enqueued_at").first()
    ids = first.args_kwargs["args"][0]
    started = time.perf_counter()
    email_at_once.call(ids)
    elapsed = time.perf_counter() - started
    print(f"one email task: {len(ids):,} emails rendered and queued in {elapsed:.2f} s")
    return roadmap, action


def digest_figures(users_count, roadmap, action):
    from follows.delivery import digests_send
    from follows.models import Event, Notification, Preference

    users = make_users("digest", users_count)
    pks = list(users.values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        Preference.objects.bulk_create([Preference(user_id=pk, email="daily") for pk in pks[start : start + BATCH]])
    action_type = ContentType.objects.get_for_model(action)
    roadmap_type = ContentType.objects.get_for_model(roadmap)
    events = [
        Event.objects.create(kind="action_progress", target=action, payload={"progress": 50 + n}) for n in range(2)
    ]
    events.append(Event.objects.create(kind="roadmap_status", target=roadmap, payload={"status": "in_implementation"}))
    vias = [(action_type.pk, action.pk), (action_type.pk, action.pk), (roadmap_type.pk, roadmap.pk)]
    for start in range(0, len(pks), BATCH):
        Notification.objects.bulk_create(
            [
                Notification(user_id=pk, event=event, via_type_id=via[0], via_id=via[1])
                for pk in pks[start : start + BATCH]
                for event, via in zip(events, vias, strict=True)
            ]
        )
    DBTaskResult.objects.all().delete()
    tracemalloc.start()
    started = time.perf_counter()
    sent = digests_send(frequency=Preference.Email.DAILY)
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"daily digest: {sent:,} emails ({len(events)} notifications each, 2 groups) in {elapsed:.1f} s "
        f"({sent / elapsed:.0f}/s), tracemalloc peak {peak / 1e6:.1f} MB"
    )


def main():
    followers = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    digest_users = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    roadmap, action = fan_out_figures(followers)
    digest_figures(digest_users, roadmap, action)


if __name__ == "__main__":
    main()
