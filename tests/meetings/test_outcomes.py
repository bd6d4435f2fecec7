"""Outcomes: assignments and progress, minutes versions, the PDF, and the back-office desk per role."""

import datetime
import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from meetings import services
from meetings.models import Assignment, MinutesFile, Question
from tests.conftest import make_user

from .conftest import make_meeting, make_organisation


@pytest.fixture
def held_meeting(db, department, official, member, organisation, editor):
    """A meeting that is over, with an attendee, a question on the agenda, a decision and assignments."""
    meeting = make_meeting(
        starts_at=timezone.now() - datetime.timedelta(days=2),
        title_kk="Әкімнің ҮЕҰ жетекшілерімен кездесуі",
        title_ru="Встреча акима с лидерами НПО",
        summary_kk="Әкім ауа сапасы бойынша жол картасын жасауды тапсырды.",
        summary_ru="Аким поручил разработать дорожную карту по качеству воздуха.",
    )
    meeting.hosts.add(official)
    meeting.decisions.create(text_kk="Тұрақты диалог алаңын құру.", text_ru="Создать постоянную диалоговую площадку.")
    meeting.agenda_items.create(title_kk="Экология", title_ru="Экология", speaker="Басқарма басшысы")
    meeting.save()
    Assignment.objects.create(
        meeting=meeting,
        title_kk="ЖЭО-2 газға көшіру жоспарын жариялау",
        title_ru="Опубликовать план перевода ТЭЦ-2 на газ",
        department=department,
        due_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    question = Question.objects.create(
        meeting=meeting, author=member, organisation=organisation, text="Когда будет газ?", status="on_agenda"
    )
    services.question_answer(question=question, answers={"ru": "В 2025 году."}, language="ru", by=editor)
    meeting.registrations.create(user=member, organisation=organisation, status="confirmed", attended_at=timezone.now())
    return meeting


def test_progress_update_by_editor_changes_status_with_history(held_meeting, editor):
    assignment = held_meeting.assignments.get()
    services.assignment_post_update(assignment=assignment, by=editor, comment="Тендер объявлен.", status="in_progress")
    assignment.refresh_from_db()
    assert assignment.status == "in_progress"
    update = assignment.updates.get()
    assert (update.status_from, update.status_to, update.author) == ("open", "in_progress", editor)


def test_responsible_official_can_post_update_but_member_cannot(held_meeting, official, member):
    assignment = held_meeting.assignments.get()
    with pytest.raises(PermissionDenied):
        services.assignment_post_update(assignment=assignment, by=member, comment="Hack")
    staff = make_user("head.ecology@example.kz", is_staff=True)
    official.user = staff
    official.save()
    services.assignment_post_update(assignment=assignment, by=staff, comment="Работа идёт.", status="done")
    assert Assignment.objects.get().status == "done"


def test_empty_progress_update_is_refused(held_meeting, editor):
    with pytest.raises(ValidationError):
        services.assignment_post_update(assignment=held_meeting.assignments.get(), by=editor, comment="  ")


def test_assignment_page_form_for_responsible_staff_only(client_for, held_meeting, editor, member):
    assignment = held_meeting.assignments.get()
    url = f"/en/meetings/assignments/{assignment.pk}/"
    assert "Post a progress update" not in client_for(member).get(url).content.decode()
    assert client_for(member).post(url, {"status": "done", "comment": "x"}).status_code == 403
    response = client_for(editor).post(url, {"status": "in_progress", "comment": "Started."})
    assert response.status_code == 302
    assert Assignment.objects.get().status == "in_progress"


def test_overdue_is_derived_from_due_date(held_meeting):
    assignment = held_meeting.assignments.get()
    later = assignment.due_date + datetime.timedelta(days=1)
    assert Assignment.objects.overdue(today=later).count() == 1
    assert Assignment.objects.with_overdue(today=later).get().overdue is True
    assignment.status = "done"
    assignment.save()
    assert Assignment.objects.overdue(today=later).count() == 0


def test_minutes_versions_draft_approve_correct(held_meeting, editor, django_capture_on_commit_callbacks):
    first = services.minutes_start_version(meeting=held_meeting, by=editor)
    with pytest.raises(ValidationError, match="already open"):
        services.minutes_start_version(meeting=held_meeting, by=editor)
    assert services.current_minutes(held_meeting) is None
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_approve(version=first, by=editor)
    first.refresh_from_db()
    assert first.approved_by == editor and first.approved_at
    assert set(MinutesFile.objects.filter(version=first).values_list("language", flat=True)) == {"kk", "ru"}
    with pytest.raises(ValidationError):
        services.minutes_approve(version=first, by=editor)
    second = services.minutes_start_version(meeting=held_meeting, by=editor, note="Исправлен срок")
    assert second.number == 2 and services.current_minutes(held_meeting) == first
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_approve(version=second, by=editor)
    assert services.current_minutes(held_meeting) == second
    assert MinutesFile.objects.filter(version=second).count() == 2


def test_minutes_only_by_editors_and_after_the_meeting(held_meeting, member, moderator, editor):
    for user in (member, moderator):
        with pytest.raises(PermissionDenied):
            services.minutes_start_version(meeting=held_meeting, by=user)
    with pytest.raises(ValidationError, match="after the meeting"):
        services.minutes_start_version(meeting=make_meeting(), by=editor)


def test_pdf_minutes_have_kazakh_russian_and_assignments(
    held_meeting, editor, visitor, django_capture_on_commit_callbacks
):
    version = services.minutes_start_version(meeting=held_meeting, by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_approve(version=version, by=editor)
    for language, words in {
        "kk": ["Әкімнің", "ЖЭО-2 газға көшіру", "Ерболат Досаев"],
        "ru": ["Встреча акима", "Опубликовать план перевода ТЭЦ-2", "Аким города Алматы"],
    }.items():
        response = visitor.get(f"/{language}/meetings/{held_meeting.slug}/minutes.pdf")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        data = b"".join(response.streaming_content)
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        text = " ".join(text.split())
        for word in words:
            assert word in text, (language, word)
        assert "Когда будет газ?" in text and "В 2025 году." in text


def test_pdf_is_rendered_once_per_version(held_meeting, editor, visitor, django_capture_on_commit_callbacks):
    version = services.minutes_start_version(meeting=held_meeting, by=editor)
    services.minutes_approve(version=version, by=editor)  # on_commit callbacks not run: nothing rendered yet
    first = services.minutes_pdf(version=version, language="en")
    again = services.minutes_pdf(version=version, language="en")
    assert first.pk == again.pk and first.sha256 == again.sha256
    assert hashlib.sha256(first.pdf.read()).hexdigest() == first.sha256  # stored as rendered (hub.storage)
    assert MinutesFile.objects.filter(version=version, language="en").count() == 1


def test_no_minutes_pdf_before_approval(held_meeting, visitor):
    assert visitor.get(f"/en/meetings/{held_meeting.slug}/minutes.pdf").status_code == 404


def test_meeting_page_shows_outcome_and_current_version(held_meeting, editor, visitor):
    version = services.minutes_start_version(meeting=held_meeting, by=editor)
    services.minutes_approve(version=version, by=editor)
    text = visitor.get(f"/ru/meetings/{held_meeting.slug}/").content.decode()
    assert "Аким поручил" in text and "Опубликовать план перевода" in text and "minutes.pdf" in text


# --- the back-office desk, per role --------------------------------------------------------


@pytest.mark.parametrize("persona", ["member", "moderator", "officer"])
def test_desk_is_refused_to_non_editors(client_for, request, held_meeting, persona):
    user = request.getfixturevalue(persona)
    if not user.is_staff:
        user.is_staff = True
        user.save()
    client = client_for(user)
    assert client.get(f"/admin/meetings-desk/{held_meeting.pk}/").status_code in (302, 403)
    assert client.get(f"/admin/meetings-desk/{held_meeting.pk}/registrations.csv").status_code in (302, 403)


@pytest.mark.parametrize("persona", ["visitor", "member", "moderator", "officer"])
def test_every_desk_action_is_refused_to_non_editors(client, client_for, request, held_meeting, editor, persona):
    from meetings.models import MinutesVersion

    question = held_meeting.questions.first()
    version = MinutesVersion.objects.create(meeting=held_meeting, number=99, created_by=editor)
    question_before = (question.status, question.answer)
    versions_before = held_meeting.minutes.count()
    browser = client if persona == "visitor" else client_for(request.getfixturevalue(persona))
    desk = f"/admin/meetings-desk/{held_meeting.pk}"
    for method, url in (
        ("get", "/admin/meetings-desk/"),
        ("get", f"{desk}/registrations.xlsx"),
        ("post", f"{desk}/questions/{question.pk}/moderate/"),
        ("post", f"{desk}/questions/{question.pk}/answer/"),
        ("post", f"{desk}/minutes/new/"),
        ("post", f"{desk}/minutes/{version.pk}/approve/"),
    ):
        response = getattr(browser, method)(url, {"status": "rejected", "answer": "x", "summary": "y"})
        assert response.status_code in (302, 403), url
        assert response.status_code == 403 or "login" in response["Location"] or response["Location"] == "/admin/"
    version.refresh_from_db()
    question.refresh_from_db()
    assert version.approved_at is None and version.status == MinutesVersion.Status.DRAFT
    assert held_meeting.minutes.count() == versions_before
    assert (question.status, question.answer) == question_before


def test_editor_sees_desk_and_exports_csv_and_xlsx(client_for, editor, held_meeting, member):
    client = client_for(editor)
    assert client.get("/admin/meetings-desk/").status_code == 200
    page = client.get(f"/admin/meetings-desk/{held_meeting.pk}/")
    assert page.status_code == 200 and member.email in page.content.decode()
    csv_text = client.get(f"/admin/meetings-desk/{held_meeting.pk}/registrations.csv").content.decode("utf-8-sig")
    assert member.email in csv_text and ("За экологию" in csv_text or "Экология үшін" in csv_text)
    xlsx = client.get(f"/admin/meetings-desk/{held_meeting.pk}/registrations.xlsx").content
    rows = list(load_workbook(io.BytesIO(xlsx)).active.values)
    assert rows[1][3] == member.email


def test_desk_export_in_an_unknown_format_is_not_found(client_for, editor, held_meeting):
    response = client_for(editor).get(f"/admin/meetings-desk/{held_meeting.pk}/registrations.odp", follow=True)
    assert response.status_code == 404


def test_editor_moderates_and_approves_minutes_from_the_desk(client_for, editor, held_meeting, member, organisation):
    question = Question.objects.create(
        meeting=held_meeting, author=member, text="Ещё вопрос", organisation=organisation
    )
    client = client_for(editor)
    client.post(f"/admin/meetings-desk/{held_meeting.pk}/questions/{question.pk}/moderate/", {"status": "approved"})
    question.refresh_from_db()
    assert question.status == "approved"
    client.post(f"/admin/meetings-desk/{held_meeting.pk}/minutes/new/", {"note": ""})
    version = held_meeting.minutes.get()
    client.post(f"/admin/meetings-desk/{held_meeting.pk}/minutes/{version.pk}/approve/")
    version.refresh_from_db()
    assert version.status == "approved"


def test_editor_can_open_meeting_snippet_editor_and_preview(client_for, editor, held_meeting):
    client = client_for(editor)
    assert client.get("/admin/snippets/meetings/meeting/").status_code == 200
    assert client.get(f"/admin/snippets/meetings/meeting/edit/{held_meeting.pk}/").status_code == 200


def test_moderator_cannot_edit_meetings_in_admin(client_for, moderator, held_meeting):
    response = client_for(moderator).get(f"/admin/snippets/meetings/meeting/edit/{held_meeting.pk}/")
    assert response.status_code in (302, 403)


def test_csv_export_neutralises_formulas(client_for, editor, held_meeting):
    user = make_user("=cmd@example.kz", first_name="=HYPERLINK(1)")
    org = make_organisation(user)
    held_meeting.registrations.create(user=user, organisation=org, status="confirmed")
    csv_text = (
        client_for(editor).get(f"/admin/meetings-desk/{held_meeting.pk}/registrations.csv").content.decode("utf-8-sig")
    )
    assert "'=HYPERLINK(1)" in csv_text


def test_assignment_links_to_a_published_road_map_action(visitor, held_meeting, department):
    from roadmaps.models import Action, RoadMap, Section

    roadmap = RoadMap.objects.create(
        slug="belsendi-megapolis",
        title_kk="Белсенді мегаполис",
        title_ru="Белсенди мегаполис",
        title_en="Active megapolis",
        period_start=datetime.date(2019, 1, 1),
        period_end=datetime.date(2020, 12, 31),
        owner=department,
        live=False,
    )
    section = Section.objects.create(roadmap=roadmap, number=1, title_kk="Экология", title_ru="Экология")
    action = Action.objects.create(
        section=section,
        number=2,
        title_kk="Ауа",
        title_ru="Воздух",
        title_en="Clean air",
        start_date=datetime.date(2019, 8, 1),
        due_date=datetime.date(2020, 8, 1),
    )
    assignment = held_meeting.assignments.get()
    assignment.roadmap_action = action
    assignment.save()
    detail = f"/en/meetings/assignments/{assignment.pk}/"
    assert "Clean air" not in visitor.get(detail).content.decode()  # the road map is still a draft
    RoadMap.objects.filter(pk=roadmap.pk).update(live=True)
    assert "1.2 Clean air" in visitor.get(detail).content.decode()
    assert "1.2 Clean air" in visitor.get("/en/meetings/assignments/").content.decode()


def test_preview_of_an_unsaved_draft_renders_the_meeting_page(rf, editor, official):
    from django.contrib.messages.storage.fallback import FallbackStorage

    draft = make_meeting(live=False, title_en="Draft platform")
    draft.title_kk = draft.title_ru = draft.title_en = "Changed in the editor"
    request = rf.get("/admin/")
    request.user = editor
    request.session = {}
    request._messages = FallbackStorage(request)
    response = draft.serve_preview(request, draft.default_preview_mode)
    text = response.render().content.decode() if hasattr(response, "render") else response.content.decode()
    assert "Changed in the editor" in text
    assert any(marker in text for marker in ["Preview:", "Алдын ала қарау:", "Предпросмотр:"])


def test_publishing_a_revision_makes_the_meeting_public(visitor, editor):
    meeting = make_meeting(live=False)
    assert visitor.get(f"/en/meetings/{meeting.slug}/").status_code == 404
    meeting.save_revision(user=editor).publish(user=editor)
    assert visitor.get(f"/en/meetings/{meeting.slug}/").status_code == 200
    assert meeting.revisions.count() == 1


def test_door_check_with_unknown_scanned_code_says_so(client_for, editor, meeting):
    page = client_for(editor).get(f"/en/meetings/{meeting.slug}/attendance/?code=ZZZZ9999").content.decode()
    assert "ZZZZ9999" in page and "message-error" in page


def test_editors_group_may_publish_meetings_and_moderators_may_not(editor, moderator):
    assert editor.has_perm("meetings.publish_meeting") and editor.has_perm("meetings.change_assignment")
    assert not moderator.has_perm("meetings.change_meeting")


def _is_cache_query(sql):
    return "hub_cache" in sql or sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))


def test_photos_render_with_a_fixed_number_of_queries(visitor, held_meeting):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    url = f"/en/meetings/{held_meeting.slug}/"
    counts = []
    for batch in range(2):
        for i in range(3):
            image = get_image_model().objects.create(title=f"p{batch}{i}", file=get_test_image_file(f"p{batch}{i}.png"))
            held_meeting.photos.create(image=image, caption=f"Кездесу {i}")
        held_meeting.save()  # child objects of a cluster are written when the meeting is saved
        visitor.get(url)  # renditions are made on the first view
        with CaptureQueriesContext(connection) as queries:
            response = visitor.get(url)
        # Wagtail also stores each rendition in the cache; the test settings use the database cache,
        # whose writes (and their savepoints) are not queries of this page.
        counts.append(len([q for q in queries.captured_queries if not _is_cache_query(q["sql"])]))
        assert response.content.decode().count("<figure>") == 3 * (batch + 1)
    assert counts[0] == counts[1] == 12


def test_minutes_pdf_while_the_upload_folder_cannot_be_written_waits_for_the_worker(
    held_meeting, editor, visitor, storage_down
):
    version = services.minutes_start_version(meeting=held_meeting, by=editor)
    services.minutes_approve(version=version, by=editor)  # on_commit callbacks not run: nothing rendered yet
    response = visitor.get(f"/ru/meetings/{held_meeting.slug}/minutes.pdf")
    assert response.status_code == 202 and 'http-equiv="refresh"' in response.content.decode()
    assert storage_down and not MinutesFile.objects.exists()


def test_minutes_pdf_not_yet_rendered_is_prepared_by_a_worker_while_the_page_refreshes(
    held_meeting, editor, visitor, database_tasks
):
    from django_tasks_db.models import DBTaskResult

    from tests.background import run_worker

    version = services.minutes_start_version(meeting=held_meeting, by=editor)
    services.minutes_approve(version=version, by=editor)  # on_commit callbacks not run: nothing queued
    url = f"/en/meetings/{held_meeting.slug}/minutes.pdf"
    first, second = visitor.get(url), visitor.get(url)
    assert first.status_code == second.status_code == 202
    assert "being prepared" in first.content.decode() and 'http-equiv="refresh"' in first.content.decode()
    assert DBTaskResult.objects.filter(task_path__endswith="render_minutes_pdf").count() == 1  # asked once
    assert not MinutesFile.objects.filter(version=version).exists()
    run_worker()
    response = visitor.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert MinutesFile.objects.filter(version=version, language="en").count() == 1
