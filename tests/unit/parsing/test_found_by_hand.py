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


def _jobs(resume: ParsedResume) -> list[tuple[object, ...]]:
    return [
        (_value(j.title), _value(j.company), _value(j.location), _value(j.start))
        for j in resume.experience
    ]


def test_a_company_wrapped_under_the_dates_of_a_narrow_column_is_read_whole():
    text = (
        "EXPERIENCE\nChief Nursing Officer at Lakeshore Community\n"
        "Mar 2019 \u2013 Present\nHospitals | Accra\n- Led 300 nurses\n"
        "Staff Nurse at Harbour View\nJun 2012 \u2013 Feb 2019\nClinics | Tema\n"
    )

    assert _jobs(_parse(text)) == [
        ("Chief Nursing Officer", "Lakeshore Community Hospitals", "Accra", "2019-03"),
        ("Staff Nurse", "Harbour View Clinics", "Tema", "2012-06"),
    ]


def test_a_place_under_the_dates_is_not_joined_to_the_company():
    text = (
        "EXPERIENCE\nChief Nursing Officer at Lakeshore Hospital\n"
        "Mar 2019 \u2013 Present\nLagos, Nigeria\n- Led 300 nurses\n"
    )

    assert _jobs(_parse(text)) == [
        ("Chief Nursing Officer", "Lakeshore Hospital", "Lagos, Nigeria", "2019-03"),
    ]


def test_dates_first_headers_keep_their_company_over_a_short_line_below():
    text = (
        "EXPERIENCE\n"
        "2019 \u2013 present   Staff Chemist, Novartis, Basel, Switzerland\n"
        "Scaled up syntheses.\n"
        "2014 \u2013 2019   Merck Group, Research Chemist, Darmstadt, Germany\n"
        "Ran assays.\n"
    )

    assert _jobs(_parse(text)) == [
        ("Staff Chemist", "Novartis", "Basel, Switzerland", "2019-01"),
        ("Research Chemist", "Merck Group", "Darmstadt, Germany", "2014-01"),
    ]


def test_a_sentence_under_a_title_and_company_line_is_no_company():
    text = (
        "EXPERIENCE\nJun 2016 \u2013 May 2020\n"
        "Process Engineer, Siemens Energy, Houston, TX\nLed audits.\n"
    )

    assert _jobs(_parse(text)) == [
        ("Process Engineer", "Siemens Energy", "Houston, TX", "2016-06"),
    ]


def test_a_company_line_under_a_title_with_a_team_stays_the_company():
    text = (
        "EXPERIENCE\nJun 2016 \u2013 May 2020\n"
        "Process Engineer, Turbine Team\nSiemens Energy\n"
    )

    assert [(t, c) for t, c, *_ in _jobs(_parse(text))] == [
        ("Process Engineer, Turbine Team", "Siemens Energy"),
    ]


def test_slash_dates_follow_the_convention_of_the_place_in_the_header():
    jobs = (
        "\n\nEXPERIENCE\nAccountant at Tata Steel\n01/03/2019 - 02/05/2021\n"
        "- Closed the books monthly\n"
    )
    indian = _parse("Ravi Kumar\nravi.kumar@example.com\nJamshedpur, Jharkhand" + jobs)
    american = _parse("Ravi Kumar\nravi.kumar@example.com\nAustin, TX" + jobs)

    assert [(_value(j.start), _value(j.end)) for j in indian.experience] == [
        ("2019-03", "2021-05")
    ]
    assert [(_value(j.start), _value(j.end)) for j in american.experience] == [
        ("2019-01", "2021-02")
    ]


def test_a_title_above_a_later_company_line_is_taken_though_the_first_job_has_none():
    text = (
        "WORK EXPERIENCE\nWipro Limited -  Chennai, Tamil Nadu\n"
        "March 2016 to May 2017\n- Supported the billing system\n"
        "QA Analyst\nCognizant -  Pune, Maharashtra\nJune 2017 to Present\n"
        "- Wrote test plans\n"
    )

    assert [(t, c) for t, c, *_ in _jobs(_parse(text))] == [
        (None, "Wipro Limited"),
        ("QA Analyst", "Cognizant"),
    ]


def test_an_award_above_a_later_company_line_is_no_title():
    text = (
        "WORK EXPERIENCE\nWipro Limited -  Chennai, Tamil Nadu\n"
        "March 2016 to May 2017\n- Supported the billing system\n"
        "Team Lead Award\nCognizant -  Pune, Maharashtra\nJune 2017 to Present\n"
    )

    assert [(t, c) for t, c, *_ in _jobs(_parse(text))] == [
        (None, "Wipro Limited"),
        (None, "Cognizant"),
    ]
