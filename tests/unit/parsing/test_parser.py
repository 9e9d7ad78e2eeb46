"""parse_document end to end on small resumes in several layouts."""

from domain.extraction.document import TextBlock
from domain.parsing.model import ParsedResume
from domain.parsing.parser import PARSER_VERSION, detect_language, parse_document
from tests.unit.parsing.samples import CLASSIC, NO_HEADINGS, PIPES, TODAY, document


def _parse(text: str) -> ParsedResume:
    return parse_document(document(text), today=TODAY)


def _value(field):
    return field.value if field else None


def _jobs(resume: ParsedResume) -> list[tuple[object, ...]]:
    return [
        (
            _value(j.title),
            _value(j.company),
            _value(j.location),
            _value(j.start),
            _value(j.end),
            j.current,
        )
        for j in resume.experience
    ]


def test_classic_resume():
    resume = _parse(CLASSIC)

    assert (
        _value(resume.name),
        _value(resume.email),
        _value(resume.phone),
        _value(resume.location),
        _value(resume.headline),
    ) == (
        "Marie-Claire van der Berg",
        "marie.vdberg@example.com",
        "+31201234567",
        "Amsterdam, Netherlands",
        "Senior Backend Engineer",
    )
    assert [link.url for link in resume.links] == [
        "https://linkedin.com/in/mcvdberg",
        "https://github.com/mcvdberg",
    ]
    assert _value(resume.summary) == (
        "Backend engineer with 9 years of experience building payment platforms."
    )
    assert _jobs(resume) == [
        (
            "Senior Backend Engineer",
            "Adyen",
            "Amsterdam, Netherlands",
            "2020-01",
            None,
            True,
        ),
        ("Software Engineer", "Booking.com", None, "2016-03", "2019-12", False),
    ]
    assert resume.total_experience_months == 54 + 46
    assert [
        (e.level, _value(e.institution), _value(e.graduation_year))
        for e in resume.education
    ] == [("master", "Delft University of Technology", 2015)]
    assert [
        (s.name, s.years) for s in resume.skills if s.source_section == "skills"
    ] == [
        ("Go", None),
        ("Python", None),
        ("SQL", None),
        ("Docker", None),
        ("Kubernetes", None),
        ("PostgreSQL", 5.0),
    ]
    assert [(lang.name, lang.proficiency, lang.cefr) for lang in resume.languages] == [
        ("Dutch", "native", None),
        ("English", "fluent", "C2"),
        ("German", "intermediate", "B1"),
    ]
    assert [c.value for c in resume.certifications] == [
        "AWS Certified Solutions Architect \u2013 Associate",
        "Certified Kubernetes Administrator",
    ]
    assert (resume.language, resume.parser_version) == ("en", PARSER_VERSION)


def test_pipe_layout_with_overlapping_jobs():
    resume = _parse(PIPES)

    assert (_value(resume.name), _value(resume.phone)) == (
        "DANIEL OKAFOR",
        "+2348031234567",
    )
    assert _jobs(resume) == [
        ("Data Analyst", "Paystack", "Lagos, Nigeria", "2019-01", "2021-06", False),
        ("Analytics Engineer", "Flutterwave", "Remote", "2020-06", None, True),
        ("Data Science Intern", "Andela", "Lagos", "2018-06", "2018-09", False),
    ]
    assert resume.total_experience_months == 66 + 4
    assert [(_value(e.degree), _value(e.institution)) for e in resume.education] == [
        ("B.Sc. Statistics", "University of Lagos")
    ]
    assert [s.name for s in resume.skills] == [
        "SQL",
        "Python",
        "R",
        "Tableau",
        "Power BI",
        "dbt",
    ]


def test_resume_without_headings():
    resume = _parse(NO_HEADINGS)

    assert (_value(resume.name), _value(resume.phone), _value(resume.location)) == (
        "Ana Sofía Núñez",
        "+34612345678",
        "Madrid, Spain",
    )
    assert _value(resume.summary) == (
        "Product designer focused on accessible mobile apps for public services "
        "and banking."
    )
    assert [row[:2] for row in _jobs(resume)] == [
        ("Lead Product Designer", "Cabify"),
        ("Product Designer", "BBVA"),
    ]
    assert resume.total_experience_months == 84 + 6
    assert [(e.level, _value(e.institution)) for e in resume.education] == [
        ("bachelor", "Universidad Complutense de Madrid")
    ]
    assert [(s.name, s.source_section) for s in resume.skills][:2] == [
        ("Figma", "skills"),
        ("Sketch", "skills"),
    ]


def test_evidence_spans_slice_the_values_out_of_the_text():
    resume = _parse(CLASSIC)

    for field in (
        resume.name,
        resume.email,
        resume.location,
        resume.experience[0].company,
    ):
        assert field is not None
        assert field.evidence is not None
        assert CLASSIC[field.evidence.start : field.evidence.end] == field.value
        assert field.evidence.page == 1


def test_pages_of_evidence_come_from_the_blocks():
    text = "Jane Doe\njane@example.com\n\nSkills\nPython, SQL"
    blocks = (
        TextBlock(1, 0, 0, 1, 1, "Jane Doe\njane@example.com", 11.0, False),
        TextBlock(2, 0, 0, 1, 1, "Skills\nPython, SQL", 11.0, False),
    )

    resume = parse_document(document(text, blocks, pages=2), today=TODAY)

    assert [s.evidence.page for s in resume.skills if s.evidence] == [2, 2]
    assert resume.email is not None
    assert resume.email.evidence is not None
    assert resume.email.evidence.page == 1


def test_same_job_written_twice_is_listed_once():
    job = "Engineer, Acme Corp\n2019 - 2021\n"
    text = f"Jane Doe\nExperience\n{job}Work History\n{job}"

    assert len(_parse(text).experience) == 1


def test_empty_text_gives_an_empty_resume():
    resume = _parse("")

    assert (resume.name, resume.experience, resume.skills, resume.language) == (
        None,
        (),
        (),
        None,
    )


def test_detects_the_document_language():
    french = (
        "Ingénieure logiciel avec dix ans d'expérience dans le développement de "
        "services pour les banques et les assurances, en charge de la qualité et de "
        "la sécurité des données avec une équipe de huit personnes au sein du groupe."
    )

    assert detect_language(french) == "fr"
    assert detect_language("Python, SQL") is None
