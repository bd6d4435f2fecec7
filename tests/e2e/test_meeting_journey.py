"""A dialogue platform: the leader registers and asks; the editor records the outcome and approves the minutes;
a visitor downloads the PDF minutes."""

import datetime
import re

from django.utils import timezone

from hub.roles import EDITORS
from meetings.models import Assignment, Meeting, Question, Registration
from tests.conftest import make_user

from .conftest import snap
from .journeys import admin_sign_in, sign_in, sign_out

LEADER = "meeting.leader@example.kz"
QUESTION = "When will the Sairan lake shore get public toilets?"
SUMMARY = "The akimat and twelve NGOs agreed on a plan for the Sairan lake shore."
ASSIGNMENT = "Open two public toilets on the Sairan lake shore"


def test_leader_registers_and_asks_editor_approves_minutes_and_visitor_downloads_them(page, site):
    from tests.meetings.conftest import make_meeting
    from tests.ngos.conftest import make_organisation

    leader = make_user(LEADER)
    organisation = make_organisation(slug="sairan-friends", leader=leader, name_en="Friends of Sairan")
    editor = make_user("meetings.editor@example.kz", groups=[EDITORS], is_staff=True)
    meeting = make_meeting(starts_at=timezone.now() + datetime.timedelta(days=3), title_en="Dialogue platform: Sairan")

    # The leader registers on behalf of the NGO and sends a question.
    sign_in(page, LEADER)
    page.goto("/en/meetings/")
    page.get_by_role("link", name="Dialogue platform: Sairan").first.click()
    page.get_by_label("Register on behalf of").select_option(label=organisation.name)
    page.get_by_role("button", name="Register").click()
    page.locator(".message-success", has_text="You are registered.").wait_for()
    page.get_by_label("Your question for the agenda").fill(QUESTION)
    page.get_by_role("button", name="Send the question").click()
    page.get_by_text("your question will appear once an editor has read it").wait_for()
    snap(page, "meeting-registered-and-asked")
    assert Registration.objects.get(meeting=meeting).organisation == organisation
    question = Question.objects.get(meeting=meeting)

    # The editor puts the question on the agenda, records the outcome and an assignment, approves the minutes.
    sign_out(page)
    admin_sign_in(page, editor.email)
    page.goto(f"/admin/meetings-desk/{meeting.pk}/")
    page.get_by_role("button", name="Put on the agenda").click()
    page.get_by_text("Question updated.").wait_for()
    page.get_by_label("Answer (in English)").fill("Two toilets will open by May.")
    page.get_by_role("button", name="Save answer").click()
    page.get_by_text("Answer saved.").wait_for()
    question.refresh_from_db()
    assert question.status == "on_agenda"

    page.get_by_role("link", name="Edit meeting and outcome").click()
    page.get_by_role("tab", name="Outcome").click()
    page.get_by_label("Outcome summary (English)").fill(SUMMARY)
    page.get_by_label("Outcome summary (Kazakh)").fill("Әкімдік пен он екі ҮЕҰ Сайран жағалауы туралы жоспар келісті.")
    page.get_by_label("Outcome summary (Russian)").fill("Акимат и двенадцать НКО согласовали план для берега Сайрана.")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state()
    meeting.refresh_from_db()
    assert meeting.summary_en == SUMMARY

    page.goto("/admin/snippets/meetings/assignment/add/")
    page.get_by_role("button", name="Choose meeting").click()
    page.get_by_role("dialog").get_by_role("link", name="Dialogue platform: Sairan").first.click()
    page.get_by_role("textbox", name=re.compile(r"^What \(Kazakh\)")).fill(
        "Сайран жағалауында екі қоғамдық дәретхана ашу"
    )
    page.get_by_role("textbox", name=re.compile(r"^What \(Russian\)")).fill(
        "Открыть два общественных туалета на берегу Сайрана"
    )
    page.get_by_role("textbox", name=re.compile(r"^What \(English\)")).fill(ASSIGNMENT)
    page.get_by_role("button", name="Choose responsible body").click()
    page.get_by_role("dialog").locator("[data-chooser-modal-choice]").first.click()
    page.get_by_role("dialog").wait_for(state="hidden")
    page.get_by_role("textbox", name=re.compile(r"^Due date")).fill(
        (timezone.localdate() + datetime.timedelta(days=60)).isoformat()
    )
    snap(page, "meeting-admin-assignment")
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_load_state()
    assert Assignment.objects.filter(meeting=meeting, title_en=ASSIGNMENT).exists()

    # The meeting takes place: minutes are recorded after it.
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3), ends_at=timezone.now() - datetime.timedelta(hours=1)
    )
    page.goto(f"/admin/meetings-desk/{meeting.pk}/")
    page.get_by_role("button", name="Start the minutes").click()
    page.get_by_text("A new draft of the minutes is open.").wait_for()
    page.get_by_role("button", name="Approve and publish").click()
    page.get_by_text("The minutes are approved and published.").wait_for()

    # A visitor reads the outcome and downloads the minutes.
    sign_out(page)
    page.goto(f"/en/meetings/{meeting.slug}/")
    assert page.get_by_text(SUMMARY).is_visible()
    assert page.get_by_text(ASSIGNMENT).first.is_visible()
    snap(page, "meeting-outcome-public")
    href = page.get_by_role("link", name="Download the minutes (PDF)").get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/pdf")
    assert response.body()[:5] == b"%PDF-"
