"""Spoken languages with proficiency words and CEFR levels."""

import pytest

from domain.parsing.languages import extract_languages, proficiency
from domain.parsing.lines import split_lines
from domain.parsing.model import Proficiency
from domain.parsing.sections import find_sections
from tests.unit.parsing.samples import document


def _languages(text: str) -> list[tuple[str, str | None, str | None]]:
    lines = split_lines(document("Jane Doe\njane@example.com\n" + text))
    found = extract_languages(find_sections(lines), lines)
    return [(lang.name, lang.proficiency, lang.cefr) for lang in found]


def test_languages_section_with_levels_and_cefr():
    text = "Languages\nDutch (native), English \u2013 C2, German: B1, French - basic"

    assert _languages(text) == [
        ("Dutch", "native", None),
        ("English", "fluent", "C2"),
        ("German", "intermediate", "B1"),
        ("French", "basic", None),
    ]


def test_one_language_a_line():
    text = "LANGUAGES\nSpanish \u2014 Professional working proficiency\nMandarin\n"

    assert _languages(text) == [
        ("Spanish", "professional", None),
        ("Mandarin", None, None),
    ]


def test_fluent_in_a_language_inside_a_skills_list():
    text = "Skills\nProgramming Languages: C, Java\nLanguage: Fluent in Spanish"

    assert _languages(text) == [("Spanish", "fluent", None)]


def test_phrases_in_prose_name_languages():
    text = "Summary\nNative English speaker, conversational in Portuguese."

    assert _languages(text) == [
        ("English", "native", None),
        ("Portuguese", "intermediate", None),
    ]


def test_a_language_mentioned_without_a_level_in_prose_is_not_listed():
    assert _languages("Summary\nTaught English literature for six years.") == []


@pytest.mark.parametrize(
    ("text", "level", "cefr"),
    [
        ("mother tongue", Proficiency.NATIVE, None),
        ("C1", Proficiency.PROFESSIONAL, "C1"),
        ("upper-intermediate (B2)", Proficiency.INTERMEDIATE, "B2"),
        ("A2", Proficiency.BASIC, "A2"),
        ("", None, None),
    ],
)
def test_proficiency_words(text, level, cefr):
    assert proficiency(text) == (level, cefr)
