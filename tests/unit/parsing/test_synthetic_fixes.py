"""Rules the synthetic scorecard (tests/bench/scorecard_synthetic.py) led to, each
on a small fixture with exact values."""

from domain.extraction.document import TextBlock
from domain.extraction.pdf_layout import PageLine, order_lines
from domain.parsing.headings import SectionKind, emphasised_texts, heading_kind
from domain.parsing.lines import Line
from domain.parsing.parser import parse_document
from domain.parsing.places import is_city
from tests.unit.parsing.samples import TODAY, document


def _line(text: str) -> Line:
    return Line(0, text, 0, len(text), 1, bullet=False, blank_before=True)


def _block(text: str, size: float) -> TextBlock:
    return TextBlock(1, 0.0, 0.0, 100.0, 10.0, text, size, False)


def test_a_headline_repeating_a_job_title_is_no_heading() -> None:
    blocks = (
        _block("Priya Shah", 18.0),
        _block("Operations Manager", 11.0),  # the headline, a little larger
        _block("Work History", 11.5),
        _block("Operations Manager", 9.5),  # the job, in body size
        _block("DB Schenker, Atlanta", 9.5),
        _block("Planned 5 daily routes.", 9.5),
        _block("Transport Planner", 9.5),
        _block("Maersk, Atlanta", 9.5),
    )
    assert emphasised_texts(blocks) == frozenset({"priya shah", "work history"})


def test_language_and_expertise_headings() -> None:
    assert heading_kind(_line("Language Skills")) is SectionKind.LANGUAGES
    assert heading_kind(_line("LANGUAGE PROFICIENCY")) is SectionKind.LANGUAGES
    assert heading_kind(_line("Areas of Expertise")) is SectionKind.SKILLS


def test_a_skill_named_like_a_heading_is_an_item() -> None:
    assert heading_kind(_line("Microsoft Project")) is None
    assert heading_kind(_line("Key Projects")) is SectionKind.PROJECTS


RESUME = """\
Tariq Hussain
Email: tariq.hussain@example.com
Phone: 9325 6710
Location: Singapore, Singapore

Experience
Logistics Coordinator
Kuehne + Nagel, São Paulo
Mar 2021 - Present

Education
Bachelor of Science in Logistics
Universidade de São Paulo
2016 - 2020
Technische Universität München
M.Sc. Logistics, 2022

Language Skills
English: Mother tongue
Portuguese (Conversational)
"""


def test_labelled_location_and_its_phone_region() -> None:
    parsed = parse_document(document(RESUME), today=TODAY)
    assert parsed.location is not None
    assert parsed.location.value == "Singapore, Singapore"
    assert parsed.phone is not None
    assert parsed.phone.value == "+6593256710"


def test_company_without_its_city_and_a_german_university() -> None:
    parsed = parse_document(document(RESUME), today=TODAY)
    job = parsed.experience[0]
    assert job.company is not None
    assert job.company.value == "Kuehne + Nagel"
    assert [e.institution.value for e in parsed.education if e.institution] == [
        "Universidade de São Paulo",
        "Technische Universität München",
    ]
    assert is_city("São Paulo")
    assert is_city("München")


def test_language_levels_in_words() -> None:
    parsed = parse_document(document(RESUME), today=TODAY)
    assert [(x.name, x.proficiency) for x in parsed.languages] == [
        ("English", "native"),
        ("Portuguese", "intermediate"),
    ]


def test_a_state_after_a_city_is_no_degree() -> None:
    text = (
        "Maria Lopez\nmaria.lopez@example.com\n(617) 571-1649\nBoston, MA\n\n"
        "Experience\nStaff Accountant, KPMG\nJan 2020 - Present\n"
    )
    parsed = parse_document(document(text), today=TODAY)
    assert parsed.location is not None
    assert parsed.location.value == "Boston, MA"
    assert parsed.education == ()


def test_contact_block_found_after_the_main_column() -> None:
    """A right-hand sidebar read after the main column: the place sits by the
    e-mail address, not in the header."""
    text = (
        "Chidi Okafor\n\nExperience\nData Analyst, Zillow Group\nJun 2019 - Apr 2022\n"
        "\nEducation\nB.Sc. Economics, University of Lagos, 2019\n"
        "chidi.okafor@example.com\n+234 803 123 4567\nLagos, Nigeria\n"
    )
    parsed = parse_document(document(text), today=TODAY)
    assert parsed.location is not None
    assert parsed.location.value == "Lagos, Nigeria"


def test_a_large_name_over_the_main_column_is_read_before_the_sidebar() -> None:
    def at(x0: float, y0: float, text: str, size: float = 9.5) -> PageLine:
        return PageLine(x0, y0, x0 + 6 * len(text), y0 + size, text, size, False)

    side = ("a@b.com", "+1 512 555 0100", "Skills", "SQL")
    body = ("Profile", "Engineer.", "Experience", "Analyst, Acme")
    sidebar = [at(20, 80 + 14 * i, t) for i, t in enumerate(side)]
    main = [at(210, 30, "Priya Raghunathan", 18.0)]
    main += [at(210, 120 + 25 * i, t) for i, t in enumerate(body)]
    groups = order_lines([*sidebar, *main])
    assert [line.text for group in groups for line in group] == [
        "Priya Raghunathan",
        *side,
        *body,
    ]


PLAIN = """\
Rahul Mehta, PE
\u2709 rahul.mehta@example.com | \u260e (206) 555-0142
1200 Main St, Seattle, WA 98101

WORK HISTORY
============
ADP, Singapore    2021 to 2023
Key Account Manager
- Grew revenue by 18%.

SKILLS
======
\u2022 Pharmacology (Expert)
\u2022 Microsoft Excel - Advanced

LANGUAGES
=========
English (Native)
Rahul Mehta \u2013 Page 1 of 1
"""


def test_plain_text_conventions() -> None:
    """Underlined headings, a page footer, credentials after the name, contact
    icons, a street address, "Employer, Country" and skill levels."""
    parsed = parse_document(document(PLAIN), today=TODAY)
    assert parsed.name is not None
    assert parsed.name.value == "Rahul Mehta"
    assert parsed.location is not None
    assert parsed.location.value == "Seattle, WA 98101"
    job = parsed.experience[0]
    assert (job.title and job.title.value, job.company and job.company.value) == (
        "Key Account Manager",
        "ADP",
    )
    assert [s.name for s in parsed.skills if s.source_section == "skills"] == [
        "pharmacology",
        "Microsoft Excel",
    ]
    assert [(x.name, x.proficiency) for x in parsed.languages] == [
        ("English", "native")
    ]


def test_a_name_split_over_two_lines_that_the_email_spells() -> None:
    text = "Anna Maria\nKowalska\nakowalska@example.com\n\nExperience\n"
    parsed = parse_document(document(text), today=TODAY)
    assert parsed.name is not None
    assert parsed.name.value == "Anna Maria Kowalska"


def test_a_surname_particle_wrapped_before_the_surname() -> None:
    text = "Marcus van der\nBerg\nFinance Controller\nmvdb@example.com\n\nExperience\n"
    parsed = parse_document(document(text), today=TODAY)
    assert parsed.name is not None
    assert parsed.name.value == "Marcus van der Berg"
    two_words = "Jean Luc\nPicard\nFleet Captain\ncaptain@example.com\n\nExperience\n"
    parsed = parse_document(document(two_words), today=TODAY)
    assert parsed.name is not None
    assert parsed.name.value == "Jean Luc"  # the e-mail does not spell "Picard"


def test_wrapped_certificates_in_a_narrow_sidebar() -> None:
    text = (
        "Jane Doe\njane@example.com\n\nCERTIFICATIONS\n- Advanced Cardiovascular Life\n"
        "Support (ACLS)\n- Google Data Analytics\nCertificate\n"
    )
    parsed = parse_document(document(text), today=TODAY)
    assert [c.value for c in parsed.certifications] == [
        "Advanced Cardiovascular Life Support",
        "Google Data Analytics Certificate",
    ]


def test_a_job_header_wrapped_above_its_dates() -> None:
    """The first job fits its header and dates on one line; the second's wrapped,
    its dates alone on the next line."""
    text = (
        "Jane Doe\njane@example.com\n\nWORK HISTORY\n"
        "Nurse Manager | Cleveland Clinic | Lagos | 07/2022 to Now\n"
        "- Coordinated discharge plans with physicians.\n"
        "Charge Nurse | Mercy Medical Center | Lagos |\n08/2019 to 06/2022\n"
        "- Cared for up to 6 patients per shift.\n"
    )
    jobs = parse_document(document(text), today=TODAY).experience
    assert [
        (
            j.title and j.title.value,
            j.company and j.company.value,
            j.start and j.start.value,
        )
        for j in jobs
    ] == [
        ("Nurse Manager", "Cleveland Clinic", "2022-07"),
        ("Charge Nurse", "Mercy Medical Center", "2019-08"),
    ]


def test_a_place_wrapped_onto_the_next_line_of_a_narrow_column() -> None:
    wrapped = (
        "Aisha Bello\nLocation: Manchester, United\nKingdom\naisha@example.com\n\n"
        "Experience\n"
    )
    parsed = parse_document(document(wrapped), today=TODAY)
    assert parsed.location is not None
    assert parsed.location.value == "Manchester, United Kingdom"
    comma_left = "Aisha Bello\naisha@example.com\nSydney,\nAustralia\n\nExperience\n"
    parsed = parse_document(document(comma_left), today=TODAY)
    assert parsed.location is not None
    assert parsed.location.value == "Sydney, Australia"
    whole = "Aisha Bello\naisha@example.com | Paris, France\nRemote\n\nExperience\n"
    parsed = parse_document(document(whole), today=TODAY)
    assert parsed.location is not None
    assert parsed.location.value == "Paris, France"


def test_a_contact_icon_that_ocr_read_as_a_letter_is_no_part_of_the_place() -> None:
    text = "Ada Okafor\nada@example.com\n4 Manchester, United Kingdom\n\nExperience\n"
    parsed = parse_document(document(text), today=TODAY)
    assert parsed.location is not None
    assert parsed.location.value == "Manchester, United Kingdom"
    city_of_two_words = "Ada Okafor\nada@example.com\nA Coruña, Spain\n\nExperience\n"
    parsed = parse_document(document(city_of_two_words), today=TODAY)
    assert parsed.location is not None
    assert parsed.location.value == "A Coruña, Spain"
