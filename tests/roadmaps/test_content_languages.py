"""Road-map expected results in their language: fallback with lang and marker, admin panels, import, search."""

import pytest
from django.urls import reverse
from django.utils import translation

from roadmaps.models import Action
from search import services as search

from .test_admin import HEADER, import_url, xlsx

pytestmark = pytest.mark.django_db


def kk_action_url(action):
    with translation.override("kk"):
        return action.get_absolute_url()


def test_russian_only_expected_result_is_marked_on_a_kazakh_page(visitor, action):
    Action.objects.filter(pk=action.pk).update(original_language="ru", expected_result_ru="Меньше смога.")
    html = visitor.get(kk_action_url(action)).content.decode()
    assert '<div class="rich-text" lang="ru"><span class="lang-marker" lang="kk">орысша</span> <p>Меньше смога.' in html


def test_kazakh_expected_result_is_shown_to_a_kazakh_reader(visitor, action):
    Action.objects.filter(pk=action.pk).update(
        original_language="ru", expected_result_ru="Меньше смога.", expected_result_kk="Түтін азаяды."
    )
    html = visitor.get(kk_action_url(action)).content.decode()
    assert '<div class="rich-text"><p>Түтін азаяды.</p></div>' in html


def test_admin_edit_form_has_a_panel_per_language(client_for, editor, action):
    response = client_for(editor).get(reverse("wagtailsnippets_roadmaps_action:edit", args=[action.pk]))
    html = response.content.decode()
    for code in ("kk", "ru", "en"):
        assert f'name="expected_result_{code}"' in html
    assert 'name="original_language"' in html


def test_import_reads_language_columns_and_a_single_legacy_column(client_for, editor, roadmap, section, department):
    client = client_for(editor)
    rows = [
        [1, 1, "Бір", "Один", "", "ecology", "", "2025-01-01", "2025-03-01", "Меньше смога.", ""],
        [1, 2, "Екі", "Два", "", "ecology", "", "2025-01-01", "2025-03-01", "", "Түтін азаяды."],
    ]
    response = client.post(
        import_url(roadmap), {"file": xlsx(rows, header=[*HEADER, "expected_result", "expected_result_kk"])}
    )
    client.post(import_url(roadmap), {"token": response.context["token"]})
    first, second = Action.objects.of_roadmap(roadmap).numbered()
    assert (first.expected_result_ru, first.expected_result_kk) == ("Меньше смога.", "")
    assert (second.expected_result_kk, second.expected_result_ru) == ("Түтін азаяды.", "")


@pytest.mark.parametrize("word", ["смога", "түтін", "smog"])
def test_search_finds_the_expected_result_in_each_language(action, word, django_capture_on_commit_callbacks):
    action.expected_result_ru, action.expected_result_kk = "Меньше смога.", "Түтін азаяды."
    action.expected_result_en = "Less smog."
    with django_capture_on_commit_callbacks(execute=True):
        action.save()
    search.rebuild()
    assert [r.type for r in search.search(word).results] == ["roadmap_action"]
