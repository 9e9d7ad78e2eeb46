"""E-mail, phone in national formats, links, names and locations."""

import pytest

from domain.parsing.contacts import find_email, find_links, find_phone
from domain.parsing.fields import Entity
from domain.parsing.job_words import looks_like_title
from domain.parsing.lines import split_lines, split_spans
from domain.parsing.model import LinkKind
from domain.parsing.names import find_name
from domain.parsing.places import (
    find_location,
    guess_region,
    is_location,
    location_region,
)
from tests.unit.parsing.samples import document


def _lines(text: str):
    return split_lines(document(text))


def _no_entities() -> list[Entity]:
    return []


def _name(text: str, entities=_no_entities, email: str | None = None) -> str | None:
    lines = _lines(text)
    found = find_name(
        lines, lines, entities=entities, rejects=looks_like_title, email=email
    )
    return found.value if found else None


def test_email_is_read_lower_case_with_its_span():
    text = "Jane Doe\nJane.Doe+jobs@Example.co.uk | 555"
    lines = _lines(text)

    email = find_email(lines)

    assert email is not None
    assert email.value == "jane.doe+jobs@example.co.uk"
    assert email.evidence is not None
    assert (
        text[email.evidence.start : email.evidence.end] == "Jane.Doe+jobs@Example.co.uk"
    )
    assert email.evidence.page == 1


@pytest.mark.parametrize(
    ("line", "region", "e164"),
    [
        ("+44 20 7946 0958", "US", "+442079460958"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("(415) 555-0173", "US", "+14155550173"),
        ("415.555.0173", "US", "+14155550173"),
        ("06 12 34 56 78", "FR", "+33612345678"),
        ("0151 23456789", "DE", "+4915123456789"),
        ("0803 123 4567", "NG", "+2348031234567"),
        ("98765 43210", "IN", "+919876543210"),
        ("(718) 555\u20130100", "US", "+17185550100"),
        ("(312) 555-2019", "US", "+13125552019"),
    ],
)
def test_phone_in_national_formats_becomes_e164(line, region, e164):
    lines = _lines(f"Jane Doe\nPhone: {line}")

    phone = find_phone(lines, lines, region)

    assert phone is not None
    assert phone.value == e164


def test_number_invalid_in_the_guessed_region_is_tried_as_us():
    lines = _lines("Priya Iyer\n(312) 555-0139 | Bengaluru, India")

    phone = find_phone(lines, lines, "IN")

    assert phone is not None
    assert phone.value == "+13125550139"


def test_date_ranges_are_not_phone_numbers():
    lines = _lines("Jane Doe\n2019 - 2021\n01/2016 - 12/2018")

    assert find_phone(lines, lines, "US") is None


@pytest.mark.parametrize(
    ("location", "region"),
    [
        ("Austin, TX", "US"),
        ("Columbus, Ohio", "US"),
        ("Toronto, ON", "CA"),
        ("Berlin, Germany", "DE"),
        ("Mountain View, CA, USA", "US"),
        ("4567 Main Street, ST 98052", "US"),
        ("Lagos, Nigeria", "NG"),
        ("Northwind Bank, India", None),
        ("Software Engineer", None),
        ("Nagpur, Maharashtra, Maharashtra", "IN"),
        ("Bishnupur, MANIPUR, 722122, IN", "IN"),
        ("Israel, Rehovot", "IL"),
        ("India, Infosys Ltd", None),
        ("Acme, Inc, IN", None),
    ],
)
def test_location_region(location, region):
    assert location_region(location) == region


def test_region_guess_falls_back_to_us():
    lines = _lines("Jane Doe\njane@example.com")

    assert guess_region(None, lines) == "US"


def test_region_guess_reads_a_country_in_the_header():
    lines = _lines("Jane Doe\nBased in Ireland\njane@example.com")

    assert guess_region(None, lines) == "IE"


def test_links_are_classified_and_get_a_scheme():
    text = (
        "Jane Doe\nlinkedin.com/in/jane-doe | github.com/janedoe | janedoe.dev\n"
        "Experience\nEngineer at Booking.com, see https://medium.com/@jane"
    )
    lines = _lines(text)

    links = find_links(lines[:2], lines)

    assert [(link.kind, link.url) for link in links] == [
        (LinkKind.LINKEDIN, "https://linkedin.com/in/jane-doe"),
        (LinkKind.GITHUB, "https://github.com/janedoe"),
        (LinkKind.PORTFOLIO, "https://janedoe.dev"),
        (LinkKind.OTHER, "https://medium.com/@jane"),
    ]


def test_email_domain_is_not_a_link():
    lines = _lines("Jane Doe\njane@example.com")

    assert find_links(lines, lines) == ()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Marie-Claire van der Berg\nmarie@example.com", "Marie-Claire van der Berg"),
        ("José Ángel García-López\n+34 612 345 678", "José Ángel García-López"),
        ("Seán O'Brien\nsean@example.com", "Seán O'Brien"),
        ("ANNA WIŚNIEWSKA\nanna@example.com | Chicago, IL", "ANNA WIŚNIEWSKA"),
        ("Jordan A. Patel\n(805) 555-0143", "Jordan A. Patel"),
        ("Product Designer\nJane Smith\njane@example.com", "Jane Smith"),
        ("Etta\netta@example.com", "Etta"),
        ("Name: Li Wei\nli.wei@example.com", "Li Wei"),
    ],
)
def test_reads_names_with_particles_accents_and_layouts(text, name):
    assert _name(text) == name


def test_letter_spaced_name_is_split_by_the_email():
    text = "J O R D A N R E Y E S\njordan.reyes@example.com"

    assert _name(text, email="jordan.reyes@example.com") == "Jordan Reyes"


def test_model_decides_when_no_line_looks_like_a_name():
    text = "curriculum vitae\nSr. engineer, backend\njane@example.com"

    def entities() -> list[Entity]:
        return [Entity("PERSON", 40, 48, "Jane Doe")]

    assert _name(text) is None
    assert _name(text, entities=entities) == "Jane Doe"


def test_location_is_a_city_region_segment_of_the_header():
    lines = _lines("Jane Doe\njane@example.com · (312) 555-0123 · Springfield, IL")

    location = find_location(lines, lines, _no_entities)

    assert location is not None
    assert (location.value, location.confidence) == ("Springfield, IL", 0.9)


def test_a_bullet_ocr_read_as_a_guillemet_parts_the_contact_line():
    lines = _lines(
        "GARCÍA-LÓPEZ, María José\n"
        "London, United Kingdom « maria.garcia-lopez@proton.me - +447700124119"
    )

    location = find_location(lines, lines, _no_entities)

    assert location is not None
    assert location.value == "London, United Kingdom"
    assert [s.text for s in split_spans(lines[1].span)][:2] == [
        "London, United Kingdom",
        "maria.garcia-lopez@proton.me - +447700124119",
    ]
    assert [s.text for s in split_spans(_lines("«Quoted» and more")[0].span)] == [
        "«Quoted» and more"
    ]


def test_location_falls_back_to_the_models_place():
    text = "Jane Doe\nLiving in Lisbon, Portugal since 2019"
    lines = _lines(text)
    start = text.index("Lisbon")

    def entities() -> list[Entity]:
        return [Entity("GPE", start, start + 6, "Lisbon")]

    location = find_location(lines, lines, entities)

    assert location is not None
    assert (location.value, location.confidence) == ("Lisbon, Portugal", 0.65)


def test_remote_counts_as_a_location():
    assert is_location("Remote") is True
    assert is_location("Acme Corp") is False


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kavitha K\nSenior System Engineer", "Kavitha K"),
        ("R. Arun Kumar\narun@example.com", "R. Arun Kumar"),
        ("J.K. Rowling\nAuthor", "J.K. Rowling"),
    ],
)
def test_names_may_carry_initials(text, name):
    assert _name(text) == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("DR. ELENA PETROVA, PhD\nClinical Research Scientist", "ELENA PETROVA"),
        ("Prof. A. Rossi\nrossi@example.it", "A. Rossi"),
        ("Jane Doe, RN, BSN\nCharge Nurse", "Jane Doe"),
        ("John Smith MBA, PMP\nProgram Manager", "John Smith"),
        ("Thanh Van Do\nAccountant", "Thanh Van Do"),  # a surname, not D.O.
        ("Jack Ma\nFounder", "Jack Ma"),
    ],
)
def test_forms_of_address_and_credentials_are_not_part_of_the_name(text, name):
    assert _name(text) == name


@pytest.mark.parametrize("text", ["A Team Player", "J. K.", "I Love Java"])
def test_initials_alone_or_a_leading_article_are_no_name(text):
    assert _name(text) is None


def test_location_is_cut_at_a_spaced_dash_and_knows_indian_states():
    lines = _lines(
        "Kavitha K\nSalem, Tamil Nadu - Email me on Indeed: indeed.com/r/Kavitha-K/89"
    )

    location = find_location(lines, lines, _no_entities)

    assert location is not None
    assert location.value == "Salem, Tamil Nadu"
    assert location_region(location.value) == "IN"


@pytest.mark.parametrize(
    ("location", "region"),
    [("Toronto, Ontario", "CA"), ("Sydney, New South Wales", "AU")],
)
def test_written_out_regions_name_their_country(location, region):
    assert location_region(location) == region


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("kimaya sonawane\nThane - indeed.com/r/kimaya-\nsonawane/1f2a", None),
        ("kimaya sonawane\nThane, Maharashtra", "kimaya.sonawane@example.com"),
        ("KIMAYA SONAWANE\nlinkedin.com/in/kimaya-sonawane-42", None),
    ],
)
def test_name_in_any_case_confirmed_by_a_profile_address_or_email(text, email):
    assert _name(text, email=email) == text.split("\n")[0]


def test_lower_case_line_without_a_matching_address_is_no_name():
    assert _name("kimaya sonawane\nindeed.com/r/someone-else/1f2a") is None


def test_the_start_of_an_email_address_is_not_a_link():
    lines = _lines("Carlos Mendes\nLisbon · carlos.mendes@example.pt · carlos.dev")

    assert [link.url for link in find_links(lines, lines)] == ["https://carlos.dev"]
