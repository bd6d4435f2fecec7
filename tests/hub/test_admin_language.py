"""Staff who choose Kazakh: the project's admin in Kazakh, Wagtail's own screens in Russian, not English."""

from django.utils import translation
from django.utils.translation import gettext, pgettext
from wagtail.users.models import UserProfile


def test_kazakh_falls_back_to_wagtails_russian_only_where_nothing_kazakh_exists():
    with translation.override("kk"):
        assert gettext("Dashboard") == "Панель управления"  # Wagtail's own, no Kazakh exists
        assert gettext("Status") == "Мәртебесі"  # the project's
        assert pgettext("report status", "Registered") == "Тіркелді"


def test_staff_choosing_kazakh_get_russian_wagtail_and_kazakh_project_menus(editor, client_for, settings):
    assert "kk" in dict(settings.WAGTAILADMIN_PERMITTED_LANGUAGES)
    UserProfile.objects.update_or_create(user=editor, defaults={"preferred_language": "kk"})
    page = client_for(editor).get("/admin/").content.decode()
    assert "Панель управления" in page or "Страницы" in page
    assert "Dashboard" not in page


def test_wagtails_sentences_around_a_model_name_are_in_one_language():
    from wagtail.snippets.widgets import AdminSnippetChooser

    from hub.models import Department

    with translation.override("kk"):
        assert AdminSnippetChooser(Department).choose_one_text == "Таңдау: жауапты орган"
        assert gettext("Add %(model_name)s") % {"model_name": "аудан"} == "Қосу: аудан"
    with translation.override("ru"):
        assert AdminSnippetChooser(Department).choose_one_text == "Выбрать: ответственный орган"


def test_kazakh_snippet_listing_has_no_russian_verb_beside_a_kazakh_name(admin_user, client):
    UserProfile.objects.update_or_create(user=admin_user, defaults={"preferred_language": "kk"})
    client.force_login(admin_user)
    response = client.get("/admin/snippets/hub/department/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Қосу: жауапты орган" in page and "Добавить ответственный" not in page
