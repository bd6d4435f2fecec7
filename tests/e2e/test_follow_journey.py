"""Follow and be told: a member follows a road map, an editor updates one of its actions, the inbox
shows it and the email arrives (issue 19)."""

import re

from django.core import mail
from django.utils import timezone

from hub.roles import EDITORS
from tests.conftest import make_user
from tests.follows.conftest import follower

from .conftest import axe_violations, snap
from .journeys import sign_in, sign_out

READER = "follows.reader@example.kz"


def test_member_follows_a_roadmap_and_hears_of_an_action_update(page, site):
    from hub.models import Department
    from roadmaps.models import Action, Section
    from tests.roadmaps.conftest import make_roadmap

    roadmap = make_roadmap(department=Department.objects.get(slug="ecology"))
    section = Section.objects.create(
        roadmap=roadmap, number=1, title_kk="Экология", title_ru="Экология", title_en="Ecology"
    )
    action = Action.objects.create(
        section=section, number=1, title_kk="Ағаш отырғызу", title_ru="Посадка деревьев", title_en="Plant trees",
        start_date="2025-02-01", due_date="2099-06-30", status=Action.Status.IN_PROGRESS, progress=40,
    )  # fmt: skip
    follower(READER, language="en")
    make_user("follows.editor@example.kz", groups=[EDITORS], is_staff=True)

    # The member follows the road map from its page.
    sign_in(page, READER)
    page.goto(roadmap.get_absolute_url())
    page.get_by_role("button", name=re.compile(r"^Follow")).click()
    page.get_by_text("You now follow “Active megapolis”.").wait_for()
    snap(page, "follow-roadmap")

    # An editor posts an update on one of its actions.
    sign_out(page)
    sign_in(page, "follows.editor@example.kz")
    page.goto(action.get_absolute_url())
    page.get_by_label("Date").fill(timezone.localdate().isoformat())
    page.get_by_label("What happened").fill("600 trees planted along the ring road.")
    page.get_by_label("New progress, %").fill("75")
    page.get_by_role("button", name="Post the update").click()
    page.get_by_text("The update has been posted.").wait_for()

    # The member's email arrived, in English, with a link to the action and one-click unsubscribe.
    message = next(m for m in reversed(mail.outbox) if m.to == [READER])
    assert "The action is now 75% done." in message.body
    assert "/en/roadmaps/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The header counts it; the inbox shows it under the road map.
    sign_out(page)
    sign_in(page, READER)
    inbox = page.get_by_role("link", name=re.compile(r"^Inbox 1"))
    inbox.click()
    page.get_by_role("heading", name=re.compile("Active megapolis")).wait_for()
    page.get_by_text("The action is now 75% done.").wait_for()
    assert axe_violations(page) == []
    snap(page, "follow-inbox")
    page.get_by_role("button", name="Mark all read").click()
    page.get_by_text("Everything in your inbox is marked read.").wait_for()
    page.get_by_role("link", name="1.1 Plant trees").click()
    page.get_by_role("heading", name="1.1 Plant trees").wait_for()
