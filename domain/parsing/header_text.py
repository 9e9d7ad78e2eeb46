"""The words of a job header as text: whether it reads as a header or as a
sentence of description, the header a dates-first line writes as sentences, and
whether a piece names a place."""

import re

from domain.parsing.job_words import capitalised, title_score
from domain.parsing.places import COUNTRIES, REGION_NAMES, is_city, is_location


def short_header(text: str) -> bool:
    """Reads as a title or company line, not as a sentence of description."""
    return (
        0 < len(text.split()) <= 14
        and not has_sentence_break(text)
        and not (text.endswith(".") and len(text.split()) > 5)
    )


_PERIOD = re.compile(r"(?<=[^\W_])\.\s+(?=[A-Z0-9])")


def sentence_header(text: str) -> str | None:
    """The header a dates-first line writes as sentences before the description:
    the first when it names a job ("Network Engineer, Moscow, Russia. Full cycle
    of ..."), else the first two when the second does ("EPAM Systems. D2 (Middle)
    Software Engineer. DuPage Medical ...")."""
    cuts = [m.start() for m in _PERIOD.finditer(text)][:2]
    if not cuts:
        return None
    first = text[: cuts[0]]
    if title_score(first) and len(first.split()) <= 10:
        return first  # "Network Engineer, Moscow, Russia. Full cycle of ..."
    stop = cuts[1] if len(cuts) > 1 else len(text.rstrip("."))
    second = text[cuts[0] + 1 : stop]
    if len(first.split()) <= 6 and 0 < len(second.split()) <= 6:
        return text[:stop] if title_score(second) else None
    return None


_SENTENCE_END = re.compile(r"(\w+)[.!?]\s+[A-Z]")
_ABBREVIATIONS_TEXT = """
sr jr mr ms mrs dr st asst assoc mgr dept pvt ltd inc co corp intl univ
"""
_ABBREVIATIONS = frozenset(_ABBREVIATIONS_TEXT.split())


def has_sentence_break(text: str) -> bool:
    """A sentence ends before a capital, unless the word ending in a period is an
    initial or an abbreviation of a title or a company ("Sr. Program Manager",
    "Infosys Pvt. Ltd", "J. P. Morgan")."""
    return any(
        len(m.group(1)) > 1 and m.group(1).lower() not in _ABBREVIATIONS
        for m in _SENTENCE_END.finditer(text)
    )


def ends_sentence(text: str) -> bool:
    """Two words or more closed by a full stop that ends no abbreviation or
    initial ("Built screens.", not "Acme Co." or "Smith & Sons U.K.")."""
    words = text.split()
    last = words[-1].rstrip(".") if words else ""
    return (
        len(words) >= 2
        and text.endswith(".")
        and len(last) > 1
        and "." not in last
        and last.lower() not in _ABBREVIATIONS
    )


def names_place(text: str) -> bool:
    """A place, or a text whose first part is a city, a region or a country the
    place rules know ("Kerala", "Dubai, AE", "Pune, Maharashtra")."""
    first = text.split(",")[0].strip()
    return (
        is_location(text)
        or is_city(first)
        or first.lower() in REGION_NAMES
        or first.lower() in COUNTRIES
    )


def prose(text: str) -> bool:
    """A line of description: more than five words, most not capitalised."""
    return len(text.split()) > 5 and not capitalised(text)
