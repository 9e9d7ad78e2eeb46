"""Contact fields: e-mail, phone (E.164) and links."""

import re
from collections.abc import Sequence

import phonenumbers

from domain.parsing import dates
from domain.parsing.email_repair import (
    joined,
    profile_names,
    repair_address,
    split_start,
)
from domain.parsing.fields import evidence_for, make_field
from domain.parsing.lines import Line, Span, index_at
from domain.parsing.model import Field, Link, LinkKind
from domain.parsing.places import DEFAULT_REGION

EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)


def find_email(lines: Sequence[Line]) -> Field[str] | None:
    for line in lines:
        match = EMAIL.search(line.text)
        if match:
            begin = split_start(line.text, match.start())
            raw = line.text[begin : match.end()]
            span = Span(raw, line.start + begin, line.start + match.end())
            return make_field(joined(raw).lower(), span, lines, 0.99)
    return None


def repair_ocr_email(
    email: Field[str], name: Field[str] | None, lines: Sequence[Line], text: str
) -> Field[str]:
    """An address read by OCR, made to spell its owner's name or profile address
    when one letter or a space keeps it from doing so (see email_repair)."""
    evidence = email.evidence
    at = index_at(lines, evidence.start) if evidence else None
    if evidence is None or at is None:
        return email
    line = lines[at]
    names = ([name.value] if name else []) + profile_names(text)
    before = line.text[: evidence.start - line.start]
    value, taken = repair_address(email.value, before, names)
    if value == email.value:
        return email
    span = Span(
        text[evidence.start - taken : evidence.end],
        evidence.start - taken,
        evidence.end,
    )
    return make_field(value, span, lines, 0.9)


def find_phone(
    header: Sequence[Line], lines: Sequence[Line], region: str
) -> Field[str] | None:
    """The first valid phone number, read in the header first; E.164. A number
    that is not valid in the guessed region is tried as a US number."""
    passes = [(header, region, 0.97)]
    if region != DEFAULT_REGION:
        passes.append((header, DEFAULT_REGION, 0.8))
    passes.append((lines, region, 0.75))
    for group, guess, confidence in passes:
        for line in group:
            found = _phone_in(line, guess)
            if found is not None:
                return make_field(found[0], found[1], lines, confidence)
    return None


def _phone_in(line: Line, region: str) -> tuple[str, Span] | None:
    if sum(ch.isdigit() for ch in line.text) < 7 or EMAIL.fullmatch(line.text):
        return None
    taken = [(r.begin, r.end) for r in dates.find_ranges(line.text)] + [
        (d.begin, d.end)
        for d in dates.find_dates(line.text)
        if d.value.precision is dates.Precision.MONTH
    ]
    for match in phonenumbers.PhoneNumberMatcher(line.text, region):
        if any(match.start < end and begin < match.end for begin, end in taken):
            continue  # "01/2016 - 12/2018" dials like a New Jersey number
        e164 = phonenumbers.format_number(
            match.number, phonenumbers.PhoneNumberFormat.E164
        )
        return e164, Span(
            match.raw_string, line.start + match.start, line.start + match.end
        )
    return None


_URL = re.compile(
    r"(?:https?://|www\.)[^\s|,;()<>\"]+"
    r"|\b(?:linkedin|github|gitlab|behance|dribbble)\.com/[^\s|,;()<>\"]+"
    r"|\b(?:[a-z0-9-]+\.)+(?:com|io|dev|me|net|org|co|ai|app|page|site|tech|xyz|"
    r"info|design|codes|cv|uk|de|fr|in)(?:/[^\s|,;()<>\"]*)?",
    re.IGNORECASE,
)
_SOCIAL = ("twitter.com", "x.com", "medium.com", "stackoverflow.com", "facebook.com")


def find_links(header: Sequence[Line], lines: Sequence[Line]) -> tuple[Link, ...]:
    """Links with a scheme, "www." or a profile host anywhere; bare domains
    ("janedoe.dev") only in the header, where "Booking.com" is no employer."""
    links: list[Link] = []
    seen: set[str] = set()
    top = {line.index for line in header}
    for line in lines:
        for match in _URL.finditer(line.text):
            raw = match.group(0).rstrip(".,/")
            bare = not re.match(r"https?://|www\.|[a-z]+\.com/", raw, re.I)
            if bare and line.index not in top:
                continue
            if (
                _inside_email(line.text, match.start(), match.end())
                or raw.lower() in seen
            ):
                continue
            seen.add(raw.lower())
            span = Span(
                raw, line.start + match.start(), line.start + match.start() + len(raw)
            )
            url = raw if raw.lower().startswith("http") else f"https://{raw}"
            kind = _link_kind(raw.lower())
            links.append(
                Link(
                    kind=kind,
                    url=url,
                    confidence=0.95 if kind is not LinkKind.OTHER else 0.8,
                    evidence=evidence_for(span, lines),
                )
            )
    return tuple(links)


def _inside_email(text: str, start: int, end: int) -> bool:
    """Whether [start, end) overlaps an e-mail address: "carlos.me" in
    "carlos.mendes@example.pt" is not a link ("medium.com/@jane" is one)."""
    return any(m.start() < end and start < m.end() for m in EMAIL.finditer(text))


def _link_kind(url: str) -> LinkKind:
    if "linkedin.com" in url:
        return LinkKind.LINKEDIN
    if "github.com" in url:
        return LinkKind.GITHUB
    if any(host in url for host in _SOCIAL):
        return LinkKind.OTHER
    return LinkKind.PORTFOLIO
