import pytest

from search import analysis


@pytest.mark.parametrize(
    "forms",
    [
        ["ұйым", "ұйымдар", "ұйымның", "ұйымы", "ұйымдарының", "ұйымға"],
        ["жастар", "жастардың", "жастарға", "жастарды"],
        ["әкімдік", "әкімдігі", "әкімдікке"],
        ["кездесу", "кездесулер", "кездесуде"],
        ["қала", "қаласы", "қалада"],
    ],
)
def test_kazakh_forms_of_one_word_share_a_stem(forms):
    assert len({analysis.kazakh_stem(form) for form in forms}) == 1


def test_kazakh_stripper_keeps_short_stems():
    assert analysis.kazakh_stem("ұйым") == "ұйым"
    assert analysis.kazakh_stem("су") == "су"


def test_kazakh_letters_stay_inside_words_and_case_folds():
    assert analysis.words("ҮКІМЕТТІК ЕМЕС ҰЙЫМДАР, Өңір-Һ") == ["үкіметтік", "емес", "ұйымдар", "өңір", "һ"]


def test_russian_forms_meet_through_the_snowball_stemmer():
    assert analysis.index_terms("коррупции", "ru") == analysis.index_terms("коррупция", "ru")
    assert set(analysis.index_terms("коррупции", "ru")) & set(analysis.query_terms("коррупция"))


def test_english_forms_meet_through_the_snowball_stemmer():
    assert analysis.index_terms("organisations", "en") == analysis.index_terms("organisation", "en")


def test_text_of_unknown_language_gets_both_cyrillic_analyses():
    assert set(analysis.index_terms("организации", "")) >= set(analysis.index_terms("организации", "ru"))


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Адалдық алаңы", "Adaldyq alany"),
        ("Жетісу", "Zhetysu"),
        ("Наурызбай", "Nauryzbay"),
        ("Әуезов", "Auezov"),
        ("Бостандық", "Bostandyk"),
        ("Алматы", "Almaty"),
    ],
)
def test_cyrillic_and_latin_spellings_share_a_skeleton(cyrillic, latin):
    assert analysis.skeleton_terms(cyrillic) == analysis.skeleton_terms(latin)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "AND OR NOT", '"', "title:*", "((([", "a" * 5000, "😀🔥", "коррупция 😀 Adaldyq ҚАЛА"],
)
def test_any_typed_text_parses_without_syntax(text):
    clauses = analysis.parse_query(text)
    assert len(clauses) <= analysis.MAX_QUERY_WORDS
    for terms, skeleton in clauses:
        assert terms and all(term.strip() for term in terms)
        assert " " not in skeleton


def test_query_of_only_stopwords_keeps_them():
    assert analysis.query_words("the and") == ["the", "and"]


def test_names_in_a_body_keep_their_skeletons_and_other_words_do_not():
    found = analysis.name_skeletons("Офис «Адалдық алаңы» открыт в районе Жетісу для жителей.")
    assert {"adaldik", "alani", "jetisu", "ofis"} <= set(found)
    assert "jitelei" not in found


def test_closest_word_allows_fewer_typos_in_short_words():
    assert analysis.edit_distance("корупция", "коррупция") == 1
    assert analysis.closest("корупция", ["коррупция", "кооперация"]) == "коррупция"
    assert analysis.closest("ұйым", ["ұсын"]) is None
    assert analysis.closest("ұйым", ["ұйым"]) is None
