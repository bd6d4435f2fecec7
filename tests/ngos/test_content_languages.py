"""NGO descriptions and initiatives in their language: the reader's language when it exists, else the
original with ``lang`` and a visible marker; forms record the author's language; imports map the columns."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from hub.i18n import detect_language, move_into_language_columns, move_out_of_language_columns, write_new_text
from hub.models import Department
from ngos import exports, importing, services
from ngos.models import FieldOfActivity, Initiative, Organisation

from .conftest import make_initiative

pytestmark = pytest.mark.django_db


def kk_url(name, *args):
    with translation.override("kk"):
        return reverse(name, args=args)


def test_russian_only_description_is_marked_on_a_kazakh_page(visitor, organisation):
    organisation.original_language = "ru"
    organisation.description_ru = "Сажаем деревья во дворах."
    organisation.save()
    html = visitor.get(kk_url("ngos:detail", organisation.slug)).content.decode()
    assert '<p class="lead" lang="ru"><span class="lang-marker" lang="kk">орысша</span> Сажаем деревья' in html


def test_kazakh_description_is_shown_to_a_kazakh_reader_without_a_marker(visitor, organisation):
    organisation.original_language = "ru"
    organisation.description_ru = "Сажаем деревья во дворах."
    organisation.description_kk = "Аулаларда ағаш отырғызамыз."
    organisation.save()
    html = visitor.get(kk_url("ngos:detail", organisation.slug)).content.decode()
    assert '<p class="lead">Аулаларда ағаш отырғызамыз.</p>' in html
    assert "lang-marker" not in html


def test_initiative_falls_back_to_its_original_with_lang_and_marker(visitor, organisation):
    initiative = make_initiative(organisation, status=Initiative.Status.ACCEPTED, original_language="ru")
    initiative.title_ru, initiative.problem_ru = "Чистый воздух", "Смог зимой."
    initiative.title_en = "Clean air"
    initiative.save()
    html = visitor.get(kk_url("ngos:initiative_detail", initiative.pk)).content.decode()
    # Russian is the original, so a Kazakh reader gets it rather than the English translation.
    assert '<h1 lang="ru"><span class="lang-marker" lang="kk">орысша</span> Чистый воздух</h1>' in html
    assert '<p lang="ru"><span class="lang-marker" lang="kk">орысша</span> Смог зимой.</p>' in html


def test_initiative_in_the_readers_language_has_no_marker(visitor, organisation):
    initiative = make_initiative(organisation, status=Initiative.Status.ACCEPTED, original_language="ru")
    initiative.title_kk, initiative.problem_kk = "Таза ауа", "Қыста түтін."
    initiative.save()
    html = visitor.get(kk_url("ngos:initiative_detail", initiative.pk)).content.decode()
    assert "<h1>Таза ауа</h1>" in html and "<p>Қыста түтін.</p>" in html


def _initiative_data(language, **extra):
    return {
        f"title_{language}": "Велодорожка",
        f"problem_{language}": "Нет пути.",
        f"proposal_{language}": "Построить.",
        f"expected_result_{language}": "Меньше машин.",
        "field": FieldOfActivity.objects.get(slug="ecology").pk,
        **extra,
    }


def test_initiative_form_saves_the_language_of_the_page_as_the_authors(client_for, member, organisation):
    with translation.override("ru"):
        url = reverse("ngos:initiative_create", args=[organisation.slug])
    response = client_for(member).post(url, _initiative_data("ru", title_kk="Велojол"))
    assert response.status_code == 302
    initiative = Initiative.objects.get()
    assert initiative.original_language == "ru"
    assert (initiative.title_ru, initiative.title_kk, initiative.title_en) == ("Велодорожка", "Велojол", "")


def test_initiative_form_requires_the_authors_language_only(client_for, member, organisation):
    url = kk_url("ngos:initiative_create", organisation.slug)
    response = client_for(member).post(url, _initiative_data("ru", original_language="kk"))
    assert set(response.context["form"].errors) == {"title_kk", "problem_kk", "proposal_kk", "expected_result_kk"}
    response = client_for(member).post(url, _initiative_data("ru", original_language="ru"))
    assert response.status_code == 302 and Initiative.objects.get().original_language == "ru"


def test_initiative_form_puts_other_languages_in_optional_fieldsets(client_for, member, organisation):
    html = client_for(member).get(kk_url("ngos:initiative_create", organisation.slug)).content.decode()
    assert html.count('<fieldset class="translations">') == 2
    assert "<legend>Орысша (міндетті емес)</legend>" in html and "<legend>Ағылшынша (міндетті емес)</legend>" in html
    assert html.index('name="title_kk"') < html.index('name="title_ru"')
    assert re.search(r'name="title_kk" [^>]*required', html) and 'lang="ru"' in html


def test_script_detection_decides_the_language_of_existing_text():
    assert detect_language("Аулаларда ағаш отырғызамыз") == "kk"
    assert detect_language("Сажаем деревья во дворах, проект «Адалдық алаңы» и другие проекты города") == "ru"
    assert detect_language("Planting trees") == "en"
    assert detect_language("2026", default="ru") == "ru"


class _Row:
    """A stand-in for a historical model's object in the data migration: one column and its languages."""

    def __init__(self, title):
        self.title, self.original_language = title, ""
        self.title_kk = self.title_ru = self.title_en = ""

    def save(self, update_fields):
        self.saved = update_fields


def test_data_migration_moves_text_into_its_language_and_back():
    rows = [_Row("Чистый воздух"), _Row("Қыста түтін"), _Row("Clean air")]
    model = type("Model", (), {"objects": type("Manager", (), {"all": staticmethod(lambda: rows)})})
    move_into_language_columns(model, ["title"])
    assert [(row.original_language, row.title_ru, row.title_kk, row.title_en) for row in rows] == [
        ("ru", "Чистый воздух", "", ""),
        ("kk", "", "Қыста түтін", ""),
        ("en", "", "", "Clean air"),
    ]
    rows[0].title_kk, rows[1].title_kk, rows[1].title_ru = "Таза ауа", "", "Чистый"
    for row in rows:
        row.title = ""
    move_out_of_language_columns(model, ["title"])
    # The original language's text goes back; else any language's.
    assert [row.title for row in rows] == ["Чистый воздух", "Чистый", "Clean air"]


def test_export_and_import_keep_each_language_column(organisation):
    organisation.original_language = "ru"
    organisation.description_ru, organisation.description_kk = "Деревья", "Ағаштар"
    organisation.save()
    row = next(exports.rows(Organisation.objects.filter(pk=organisation.pk)))
    assert (row["description_kk"], row["description_ru"], row["original_language"]) == ("Ағаштар", "Деревья", "ru")


def test_import_puts_a_single_description_column_into_its_language(organisation):
    header = "bin,name_kk,name_ru,legal_form,fields,description\n"
    names = f"{organisation.name_kk},{organisation.name_ru}"
    line = f"{organisation.bin},{names},public_foundation,ecology,Сажаем деревья\n"
    dataset = importing.read_dataset("r.csv", (header + line).encode())
    result = importing.import_organisations(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    organisation.refresh_from_db()
    assert (organisation.description_ru, organisation.original_language) == ("Сажаем деревья", "ru")


def test_import_reads_the_language_columns(organisation):
    header = "bin,name_kk,name_ru,legal_form,fields,description_kk,description_en\n"
    line = f"{organisation.bin},{organisation.name_kk},{organisation.name_ru},public_foundation,ecology,Ағаштар,Trees\n"
    importing.import_organisations(importing.read_dataset("r.csv", (header + line).encode()), dry_run=False)
    organisation.refresh_from_db()
    assert (organisation.description_kk, organisation.description_en, organisation.original_language) == (
        "Ағаштар",
        "Trees",
        "kk",
    )


def test_moderator_adds_a_translation_of_a_description_in_the_admin(client_for, moderator, organisation):
    organisation.original_language, organisation.description_ru = "ru", "Сажаем деревья."
    organisation.save()
    url = reverse("ngos_admin:organisation_translations", args=[organisation.pk])
    client = client_for(moderator)
    html = client.get(url).content.decode()
    assert all(f'name="description_{code}"' in html for code in ("kk", "ru", "en"))
    data = {"original_language": "ru", "description_ru": "Сажаем деревья.", "description_kk": "Ағаш отырғызамыз."}
    assert client.post(url, data).status_code == 302
    organisation.refresh_from_db()
    assert organisation.description_kk == "Ағаш отырғызамыз." and "ағаш" in organisation.search_text


def test_initiative_translations_need_the_original_texts(client_for, editor, organisation):
    initiative = make_initiative(organisation, status=Initiative.Status.SUBMITTED)
    url = reverse("ngos_admin:initiative_translations", args=[initiative.pk])
    response = client_for(editor).post(url, {"original_language": "kk", "title_kk": "Таза ауа"})
    assert "problem_kk" in response.context["form"].errors


@pytest.mark.parametrize("persona", ["visitor", "member"])
def test_outsiders_cannot_edit_translations(request, client_for, organisation, persona):
    client = request.getfixturevalue(persona) if persona == "visitor" else client_for(request.getfixturevalue(persona))
    response = client.get(reverse("ngos_admin:organisation_translations", args=[organisation.pk]))
    assert response.status_code in (302, 403)


def _answered(editor, organisation, answer):
    initiative = make_initiative(organisation, status=Initiative.Status.SUBMITTED, original_language="ru")
    department = Department.objects.get(slug="ecology")
    services.initiative_transition(
        user=editor, initiative=initiative, to_status=Initiative.Status.UNDER_REVIEW, department=department
    )
    services.initiative_transition(
        user=editor, initiative=initiative, to_status=Initiative.Status.ACCEPTED, comment=answer
    )
    initiative.refresh_from_db()
    return initiative


def test_official_answer_is_kept_in_the_language_it_was_written_in(visitor, editor, organisation):
    initiative = _answered(editor, organisation, "Қолдаймыз: көктемде саябақ салынады.")
    assert initiative.official_answer_kk.startswith("Қолдаймыз") and not initiative.official_answer_ru
    with translation.override("ru"):
        url = reverse("ngos:initiative_detail", args=[initiative.pk])
    html = visitor.get(url).content.decode()
    assert '<p lang="kk"><span class="lang-marker" lang="ru">на казахском</span> Қолдаймыз' in html


def test_editor_adds_a_translation_of_the_official_answer(client_for, visitor, editor, organisation):
    initiative = _answered(editor, organisation, "Қолдаймыз: көктемде саябақ салынады.")
    url = reverse("ngos_admin:initiative_translations", args=[initiative.pk])
    data = {
        "original_language": "ru",
        **{
            f"{name}_ru": getattr(initiative, f"{name}_ru")
            for name in ("title", "problem", "proposal", "expected_result")
        },
        "official_answer_kk": initiative.official_answer_kk,
        "official_answer_ru": "Поддерживаем: весной построим парк.",
    }
    assert client_for(editor).post(url, data).status_code == 302
    with translation.override("ru"):
        url = reverse("ngos:initiative_detail", args=[initiative.pk])
    html = visitor.get(url).content.decode()
    assert "<p>Поддерживаем: весной построим парк.</p>" in html


def test_a_new_official_answer_replaces_the_translations_of_the_earlier_one():
    initiative = Initiative(official_answer_kk="Ескі жауап.", official_answer_ru="Старый ответ.")
    assert write_new_text(initiative, "official_answer", "New answer.") == "en"
    assert (initiative.official_answer_kk, initiative.official_answer_ru, initiative.official_answer_en) == (
        "",
        "",
        "New answer.",
    )
