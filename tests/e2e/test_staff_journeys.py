"""Staff at work (issue 18): an officer takes a case from the dashboard to the answer; an editor closes a
meeting on one screen. Every dashboard is photographed at 1280 px."""

import datetime

from django.utils import timezone

from anticorruption import services as channel
from anticorruption.models import Category, Report
from hub.models import Department
from hub.roles import EDITORS, MODERATORS, OFFICERS
from meetings.models import Assignment, MinutesVersion, Registration
from tests.conftest import make_user

from .conftest import snap
from .journeys import admin_sign_in, sign_out

ANSWER = "The school director returned the money; the education department has opened a disciplinary case."


def file_report(**extra):
    data = {
        "kind": "corruption", "category": Category.objects.get(slug="education"), "district": None,
        "concerned_body": "School 12", "description": "The director asks parents for money.", "occurred": "",
        "location": "", "language": "en", "anonymity": "anonymous", "publication_consent": False, **extra,
    }  # fmt: skip
    return channel.report_file(data=data)[0]


def test_officer_works_a_case_from_the_dashboard_to_the_answer(page, site):
    officer = make_user("dash.officer@example.kz", groups=[OFFICERS], is_staff=True)
    report = file_report()
    file_report(description="Another report.")

    admin_sign_in(page, officer.email)
    page.goto("/admin/")
    panel = page.locator("#adaldyq-reports-section")
    panel.wait_for()
    snap(page, "dashboard-officer")
    panel.get_by_role("link", name="Golden hour running").click()
    page.get_by_role("heading", name="Report queue").wait_for()
    page.get_by_role("link", name=report.case_number).click()

    # A new case offers triage, not the answer.
    assert page.locator("form[action$='/answer/']").count() == 0
    transition = page.locator("form[action$='/transition/']")
    transition.get_by_label("New status").select_option(label="Acknowledged")
    transition.get_by_role("button", name="Change status").click()
    page.get_by_text("Saved.").first.wait_for()

    assign = page.locator("form[action$='/assign/']")
    assign.get_by_label("Responsible body").select_option(label=str(Department.objects.get(slug="education")))
    assign.get_by_role("button", name="Assign").click()
    page.get_by_text("Saved.").first.wait_for()

    answer = page.locator("form[action$='/answer/']")
    answer.locator("textarea[name=body]").fill(ANSWER)
    answer.get_by_role("button", name="Send the answer").click()
    page.get_by_text("Saved.").first.wait_for()
    assert page.locator(".case-timeline li").count() >= 4  # submitted, acknowledged, assigned, answered
    snap(page, "case-answered")
    report.refresh_from_db()
    assert report.status == Report.Status.ANSWERED and report.department.slug == "education"
    assert page.get_by_role("link", name="Answer (PDF)").is_visible()


def test_editor_closes_a_meeting_on_one_screen(page, site):
    from tests.meetings.conftest import make_meeting

    editor = make_user("close.editor@example.kz", groups=[EDITORS], is_staff=True)
    attendee = make_user("close.attendee@example.kz", first_name="Dana", last_name="Ospanova")
    meeting = make_meeting(starts_at=timezone.now() - datetime.timedelta(days=1), title_en="Ecology NGOs with the akim")
    Registration.objects.create(meeting=meeting, user=attendee, status=Registration.Status.CONFIRMED, code="QW12ER")
    body = Department.objects.get(slug="ecology")
    due = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()

    admin_sign_in(page, editor.email)
    page.goto("/admin/")
    page.locator("#meetings-work-section").wait_for()
    snap(page, "dashboard-editor")
    page.goto(f"/admin/meetings-desk/{meeting.pk}/")
    page.get_by_role("link", name="Close the meeting").click()
    page.get_by_label("Outcome summary (Kazakh)").fill("Әкім ЖЭО-2 газға көшіру жоспарын жариялауды тапсырды.")
    page.get_by_label("Outcome summary (Russian)").fill("Аким поручил опубликовать план перевода ТЭЦ-2 на газ.")
    page.locator("#id_decisions-0-text_kk").fill("Экологиялық ҮЕҰ-мен тоқсан сайын кездесу.")
    page.locator("#id_decisions-0-text_ru").fill("Встречаться с экологическими НПО ежеквартально.")
    page.get_by_label("Dana Ospanova", exact=False).check()
    page.locator("#id_assignments-0-title_kk").fill("ЖЭО-2 жоспарын жариялау")
    page.locator("#id_assignments-0-title_ru").fill("Опубликовать план ТЭЦ-2")
    page.locator("#id_assignments-0-department").select_option(str(body.pk))
    page.locator("#id_assignments-0-due_date").fill(due)
    snap(page, "meeting-close")
    page.get_by_role("button", name="Close the meeting").click()
    page.get_by_text("The meeting is closed").wait_for()

    meeting.refresh_from_db()
    assert meeting.summary_ru.startswith("Аким поручил")
    assert Assignment.objects.get(meeting=meeting).department == body
    assert Registration.objects.get(meeting=meeting).attended_at is not None
    assert meeting.minutes.get().status == MinutesVersion.Status.APPROVED


def test_moderator_dashboard(page, site):
    moderator = make_user("dash.moderator@example.kz", groups=[MODERATORS], is_staff=True)
    admin_sign_in(page, moderator.email)
    page.goto("/admin/")
    page.locator("#ngos-changed-profiles-section").wait_for()
    snap(page, "dashboard-moderator")
    sign_out(page)
