"""People and a road map for the two-server test, written into its own database (run as a module)."""

import datetime

import django

django.setup()

from hub.models import Department  # noqa: E402
from hub.roles import EDITORS, MODERATORS, OFFICERS  # noqa: E402
from roadmaps.models import Action, Section  # noqa: E402
from tests.conftest import back_office_in_english, make_user  # noqa: E402
from tests.roadmaps.conftest import make_roadmap  # noqa: E402

for email, group in (
    ("ms-editor@example.kz", EDITORS),
    ("ms-moderator@example.kz", MODERATORS),
    ("ms-officer@example.kz", OFFICERS),
):
    back_office_in_english(make_user(email, groups=[group], is_staff=True))
department = Department.objects.get(slug="ecology")
roadmap = make_roadmap("ms-roadmap", department=department)
section = Section.objects.create(
    roadmap=roadmap, number=1, title_kk="Экология", title_ru="Экология", title_en="Ecology"
)
action = Action.objects.create(
    section=section,
    number=1,
    title_kk="Жасыл аулалар",
    title_ru="Зелёные дворы",
    title_en="Green courtyards",
    start_date=datetime.date(2025, 2, 1),
    due_date=datetime.date(2025, 6, 30),
)
action.departments.add(department)
