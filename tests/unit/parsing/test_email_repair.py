"""E-mail addresses as OCR misreads them, repaired towards the owner's name."""

import dataclasses

import pytest

from domain.parsing.contacts import find_email
from domain.parsing.email_repair import repair_address
from domain.parsing.lines import split_lines
from domain.parsing.parser import parse_document
from tests.unit.parsing.samples import TODAY, document


def test_an_address_cut_before_its_separator_is_read_whole():
    text = "Mohammed Al-Farsi\nmohammed _al-farsi79@outlook.com"
    lines = split_lines(document(text))

    email = find_email(lines)

    assert email is not None
    assert email.value == "mohammed_al-farsi79@outlook.com"
    assert email.evidence is not None
    assert text[email.evidence.start : email.evidence.end] == (
        "mohammed _al-farsi79@outlook.com"
    )


def test_a_label_before_an_address_is_no_part_of_it():
    lines = split_lines(document("Jane Doe\ne-mail _jane@example.com"))

    email = find_email(lines)

    assert email is not None
    assert email.value == "_jane@example.com"


@pytest.mark.parametrize(
    ("address", "before", "names", "repaired"),
    [
        # a letter too many, a letter misread
        (
            "tariqghussain@example.com",
            "Mail: ",
            ["Tariq Hussain"],
            "tariqhussain@example.com",
        ),
        (
            "soren.lindqvist-holn@example.com",
            "",
            ["SØREN LINDQVIST-HOLM"],
            "soren.lindqvist-holm@example.com",
        ),
        # a digit read as the letter it looks like, beside the other digits
        (
            "rahul_mehtal7@yahoo.co.uk",
            "Mail: ",
            ["rahul-mehta"],
            "rahul_mehta17@yahoo.co.uk",
        ),
        # "li. wei@": the word before the space begins the address
        ("wei@example.com", "E-mail: li. ", ["Li Wei"], "li.wei@example.com"),
    ],
)
def test_an_ocr_address_is_repaired_towards_the_name(address, before, names, repaired):
    value, taken = repair_address(address, before, names)

    assert value == repaired
    assert taken == (4 if before.endswith("li. ") else 0)


@pytest.mark.parametrize(
    ("address", "before", "names"),
    [
        ("jon.smith@example.com", "", ["John Smith"]),  # too short to tell a nickname
        ("tariq.h.dev@example.com", "", ["Tariq Hussain"]),  # more than one letter
        ("jo@example.com", "at work. ", ["Jo Park"]),  # the word before is no name
        ("mohammed.al-farsi@mail.com", "", ["Mohammed AIl-Farsi"]),  # a name misread
        ("thomasobrien@mail.com", "& ", ["Thomas J. O'Brien"]),  # initial, apostrophe
    ],
)
def test_an_address_no_single_letter_explains_stays(address, before, names):
    assert repair_address(address, before, names) == (address, 0)


def test_only_an_ocr_read_address_is_repaired():
    text = "Tariq Hussain\nMail: tariqghussain@example.com\nTel: +1-404-898-8055\n"
    typed = document(text)
    scanned = dataclasses.replace(typed, method="ocr", ocr_pages=(1,))

    as_typed = parse_document(typed, today=TODAY)
    as_scanned = parse_document(scanned, today=TODAY)

    assert as_typed.email is not None
    assert as_scanned.email is not None
    assert as_typed.email.value == "tariqghussain@example.com"
    assert as_scanned.email.value == "tariqhussain@example.com"
    assert as_scanned.email.evidence is not None
    assert text[as_scanned.email.evidence.start : as_scanned.email.evidence.end] == (
        "tariqghussain@example.com"
    )
