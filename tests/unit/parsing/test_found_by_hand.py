"""Resumes a reader found misread by hand, each reduced to the few lines that
matter and parsed end to end (headings, sections, entries)."""

from domain.parsing.model import ParsedResume
from domain.parsing.parser import parse_document
from tests.unit.parsing.samples import TODAY, document


def _parse(text: str) -> ParsedResume:
    return parse_document(document(text), today=TODAY)


def _value(field):
    return field.value if field else None


def _schools(resume: ParsedResume) -> list[tuple[object, ...]]:
    return [
        (
            _value(e.degree),
            e.level.value,
            _value(e.institution),
            _value(e.graduation_year),
        )
        for e in resume.education
    ]


def test_a_degree_class_between_two_degrees_of_one_school_keeps_both_there():
    text = (
        "Kwame Mensah\nkwame.mensah@example.com\n\n"
        "EDUCATION\nUniversity of Cape Coast\nMPhil Statistics, 2020\n"
        "Second Class Upper Honours\nBSc Mathematics, 2016\n\n"
        "SKILLS\nR, Stata\n"
    )

    assert _schools(_parse(text)) == [
        ("MPhil Statistics", "master", "University of Cape Coast", 2020),
        ("BSc Mathematics", "bachelor", "University of Cape Coast", 2016),
    ]


def test_a_degree_under_another_school_keeps_its_own():
    text = (
        "EDUCATION\nUniversity of Cape Coast\nMPhil Statistics, 2020\n"
        "Kumasi Technical University\nBSc Mathematics, 2016\n"
    )

    assert _schools(_parse(text)) == [
        ("MPhil Statistics", "master", "University of Cape Coast", 2020),
        ("BSc Mathematics", "bachelor", "Kumasi Technical University", 2016),
    ]
