"""Contact fields: e-mail, phone (E.164), links, the person's name and location."""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import phonenumbers

from domain.parsing import dates
from domain.parsing.model import Evidence, Field, Link, LinkKind
from domain.parsing.sections import Line, Span, split_spans

DEFAULT_REGION = "US"


@dataclass(frozen=True)
class Entity:
    """A named entity found by a statistical model; offsets are into the document."""

    label: str
    start: int
    end: int
    text: str


EntityFinder = Callable[[Sequence[Line]], Sequence[Entity]]


def make_field(
    value: str, span: Span, lines: Sequence[Line], confidence: float
) -> Field[str]:
    return Field[str](
        value=value, confidence=confidence, evidence=evidence_for(span, lines)
    )


def evidence_for(span: Span, lines: Sequence[Line]) -> Evidence:
    page = next(
        (line.page for line in lines if line.start <= span.start < line.end + 1), None
    )
    return Evidence(page=page, start=span.start, end=span.end)


_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)


def find_email(lines: Sequence[Line]) -> Field[str] | None:
    for line in lines:
        match = _EMAIL.search(line.text)
        if match:
            span = Span(
                match.group(0), line.start + match.start(), line.start + match.end()
            )
            return make_field(match.group(0).lower(), span, lines, 0.99)
    return None


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
    if sum(ch.isdigit() for ch in line.text) < 7 or _EMAIL.fullmatch(line.text):
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
            if _inside_email(line.text, match.start()) or raw.lower() in seen:
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


def _inside_email(text: str, start: int) -> bool:
    token_start = max(text.rfind(" ", 0, start), text.rfind("|", 0, start)) + 1
    return "@" in text[token_start : start + 1] or (
        start > 0 and text[start - 1] == "@"
    )


def _link_kind(url: str) -> LinkKind:
    if "linkedin.com" in url:
        return LinkKind.LINKEDIN
    if "github.com" in url:
        return LinkKind.GITHUB
    if any(host in url for host in _SOCIAL):
        return LinkKind.OTHER
    return LinkKind.PORTFOLIO


_US_STATES_TEXT = """
AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE
NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY
"""
_US_STATES = frozenset(_US_STATES_TEXT.split())
_STATE_NAMES_TEXT = """
alabama alaska arizona arkansas california colorado connecticut delaware florida
georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland
massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio
oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington
wisconsin wyoming
"""
_STATE_NAMES = frozenset(_STATE_NAMES_TEXT.split()) | {
    "new york",
    "new jersey",
    "new mexico",
    "new hampshire",
    "north carolina",
    "south carolina",
    "north dakota",
    "south dakota",
    "rhode island",
    "west virginia",
}
_CA_PROVINCES_TEXT = """
ON QC BC AB MB SK NS NB NL PE YT NT NU
"""
_CA_PROVINCES = frozenset(_CA_PROVINCES_TEXT.split())
COUNTRIES: dict[str, str] = {
    "usa": "US", "us": "US", "united states": "US", "united states of america": "US",
    "uk": "GB", "united kingdom": "GB", "england": "GB", "scotland": "GB",
    "wales": "GB", "ireland": "IE", "canada": "CA", "australia": "AU",
    "new zealand": "NZ", "india": "IN", "germany": "DE", "deutschland": "DE",
    "france": "FR", "spain": "ES", "españa": "ES", "italy": "IT", "italia": "IT",
    "portugal": "PT", "netherlands": "NL", "the netherlands": "NL", "belgium": "BE",
    "switzerland": "CH", "austria": "AT", "sweden": "SE", "norway": "NO",
    "denmark": "DK", "finland": "FI", "poland": "PL", "polska": "PL",
    "czech republic": "CZ", "czechia": "CZ", "romania": "RO", "hungary": "HU",
    "greece": "GR", "turkey": "TR", "israel": "IL", "uae": "AE",
    "united arab emirates": "AE", "saudi arabia": "SA", "egypt": "EG",
    "nigeria": "NG", "kenya": "KE", "south africa": "ZA", "brazil": "BR",
    "brasil": "BR", "mexico": "MX", "méxico": "MX", "argentina": "AR",
    "chile": "CL", "colombia": "CO", "peru": "PE", "china": "CN", "japan": "JP",
    "south korea": "KR", "korea": "KR", "singapore": "SG", "malaysia": "MY",
    "indonesia": "ID", "philippines": "PH", "vietnam": "VN", "thailand": "TH",
    "pakistan": "PK", "bangladesh": "BD", "sri lanka": "LK", "ukraine": "UA",
    "russia": "RU", "hong kong": "HK", "taiwan": "TW",
}  # fmt: skip
_CITY_REGION = re.compile(
    r"^(?P<city>[A-ZÀ-Þ][\w .'\u2019-]{1,40}?),\s*(?P<region>[A-Za-zÀ-ÿ .]{2,30}?)"
    r"(?:\s+\d{4,6}(?:-\d{4})?)?$"
)
_ORG_WORDS_TEXT = """
inc llc ltd corp corporation company bank labs systems solutions consulting
technologies group university college institute school hospital studio
"""
_ORG_WORDS = frozenset(_ORG_WORDS_TEXT.split())
_ADDRESS = re.compile(r"^\d{1,6}\s+[\w .'-]+,\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?$")


def location_region(text: str) -> str | None:
    """The ISO region a location names ("Austin, TX" -> "US"), or None when the text
    is not a location this module recognises."""
    text = text.strip().rstrip(".")
    if text.lower() in COUNTRIES:
        return COUNTRIES[text.lower()]
    head, _, country = text.rpartition(",")
    if "," in head and country.strip().lower() in COUNTRIES:
        # "Mountain View, CA, USA": the country after a city and a region.
        return location_region(head) and COUNTRIES[country.strip().lower()]
    if _ADDRESS.match(text):
        return "US"
    match = _CITY_REGION.match(text)
    if match is None or _ORG_WORDS & set(match.group("city").lower().split()):
        return None
    region = match.group("region").strip()
    if region in _US_STATES or region.lower() in _STATE_NAMES:
        return "US"
    if region in _CA_PROVINCES:
        return "CA"
    if region.lower() in COUNTRIES:
        return COUNTRIES[region.lower()]
    return "US" if re.fullmatch(r"[A-Z]{2}", region) and text[-1].isdigit() else None


def is_location(text: str) -> bool:
    lowered = text.strip().lower()
    return location_region(text) is not None or lowered in {
        "remote",
        "hybrid",
        "on-site",
    }


def find_location(
    header: Sequence[Line],
    lines: Sequence[Line],
    entities: Callable[[], Sequence[Entity]],
) -> Field[str] | None:
    """A "City, ST" / country segment of the header, else a place the model finds."""
    for line in header:
        for segment in split_spans(line.span):
            if location_region(segment.text) or segment.text.lower().startswith(
                "remote"
            ):
                return make_field(segment.text, segment, lines, 0.9)
    for entity in entities():
        if entity.label == "GPE":
            span = _extend_region(entity, header)
            return make_field(span.text, span, lines, 0.65)
    return None


def _extend_region(entity: Entity, header: Sequence[Line]) -> Span:
    for line in header:
        if line.start <= entity.start < line.end:
            tail = line.text[entity.end - line.start :]
            match = re.match(r",\s*[A-Z][A-Za-z]{1,20}(?: [A-Z][a-z]+)?", tail)
            stop = entity.end + (match.end() if match else 0)
            return Span(
                line.text[entity.start - line.start : stop - line.start],
                entity.start,
                stop,
            )
    return Span(entity.text, entity.start, entity.end)


def guess_region(location: Field[str] | None, header: Sequence[Line]) -> str:
    """Default region for numbers written without a country code."""
    if location is not None:
        region = location_region(location.value)
        if region:
            return region
    words = " ".join(line.text for line in header).lower()
    for name, region in COUNTRIES.items():
        if len(name) > 3 and re.search(rf"\b{re.escape(name)}\b", words):
            return region
    return DEFAULT_REGION


_PARTICLES_TEXT = """
van von der den de del della di da das dos du la le bin binti al el ibn ten ter y e
st st. mac
"""
_PARTICLES = frozenset(_PARTICLES_TEXT.split())
_NOT_NAME_TEXT = """
resume résumé curriculum vitae cv page confidential contact phone email e-mail
address mobile linkedin github portfolio references profile summary tel position
applying objective career
"""
_NOT_NAME = frozenset(_NOT_NAME_TEXT.split())
_LABELLED = re.compile(
    r"^(?:full\s+)?name\s*[:\-]\s*(?P<name>\S.{1,60})$", re.IGNORECASE
)


@dataclass(frozen=True)
class _Candidate:
    span: Span
    score: float


def find_name(
    top: Sequence[Line],
    lines: Sequence[Line],
    *,
    entities: Callable[[], Sequence[Entity]],
    rejects: Callable[[str], bool],
    email: str | None = None,
) -> Field[str] | None:
    """The person's name from the first lines; the model's PERSON entities decide
    when the layout rules are unsure."""
    spaced = _spaced_name(top[:3], email)
    if spaced is not None:
        return make_field(spaced[0], spaced[1], lines, 0.85)
    for line in top:
        match = _LABELLED.match(line.text)
        if match and looks_like_name(match.group("name").strip()):
            start = line.start + match.start("name")
            span = Span(
                match.group("name").strip(),
                start,
                start + len(match.group("name").strip()),
            )
            return make_field(span.text, span, lines, 0.95)
    candidates = _name_candidates(top, rejects)
    best = max(candidates, key=lambda c: c.score, default=None)
    if best is None or best.score < 0.75:
        person = _person_entity(entities(), rejects)
        if person is not None and (best is None or best.span.start != person.start):
            return make_field(person.text, person, lines, 0.7)
    if best is None:
        return None
    return make_field(
        " ".join(best.span.text.split()), best.span, lines, min(best.score, 0.98)
    )


def _spaced_name(top: Sequence[Line], email: str | None) -> tuple[str, Span] | None:
    """A letter-spaced name ("J O R D A N  R E Y E S"): words from wide gaps, else
    from the e-mail's local
    part when its letters spell the same name."""
    for line in top:
        letters = line.text.split()
        if len(letters) < 4 or not all(len(w) == 1 and w.isalpha() for w in letters):
            continue
        words = ["".join(w.split()) for w in re.split(r"\s{2,}", line.text)]
        local = re.split(r"[._-]", email.split("@")[0]) if email else []
        if len(words) == 1 and "".join(local).lower() == words[0].lower():
            joined, words = words[0], []
            for part in local:
                words.append(joined[: len(part)])
                joined = joined[len(part) :]
        return " ".join(w.capitalize() if w.isupper() else w for w in words), line.span
    return None


def _name_candidates(
    top: Sequence[Line], rejects: Callable[[str], bool]
) -> list[_Candidate]:
    found: list[_Candidate] = []
    for position, line in enumerate(top[:8]):
        segments = split_spans(line.span)
        for segment in segments[:2]:
            if not looks_like_name(segment.text) or rejects(segment.text):
                continue
            score = 0.62 + max(0.0, 0.3 - 0.12 * position)
            words = len(segment.text.split())
            score += 0.1 if 2 <= words <= 4 else 0.0
            score += 0.04 if len(segments) == 1 else 0.0
            if words == 1:
                score = _mononym_score(top, position, score)
            found.append(_Candidate(segment, score))
        if found and position >= 2:
            break
    return found


def _mononym_score(top: Sequence[Line], position: int, score: float) -> float:
    """A single word on the first line is a name when a contact line follows it, and
    "Jane" above "Smith" is one name over two lines."""
    following = top[position + 1].text if position + 1 < len(top) else ""
    if position == 0 and looks_like_name(following) and len(following.split()) == 1:
        return 0.9
    contact_next = bool(_EMAIL.search(following) or re.search(r"\d{3}", following))
    return score - 0.05 if position == 0 and contact_next else 0.3


def looks_like_name(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 5 or len(text) > 50:
        return False
    if any(ch.isdigit() for ch in text) or any(ch in text for ch in "@/:|()&,"):
        return False
    if is_location(text) or {w.lower().strip(".") for w in words} & _NOT_NAME:
        return False
    capitalised = [w for w in words if w.lower() not in _PARTICLES]
    return bool(capitalised) and all(_name_word(w) for w in capitalised)


def _name_word(word: str) -> bool:
    if not word[0].isupper():
        return False
    letters = (
        word.replace("'", "").replace("\u2019", "").replace("-", "").replace(".", "")
    )
    return letters.isalpha() and (len(letters) > 1 or word.endswith("."))


def _person_entity(
    entities: Sequence[Entity], rejects: Callable[[str], bool]
) -> Span | None:
    for entity in entities:
        text = entity.text.strip()
        if (
            entity.label == "PERSON"
            and len(text.split()) >= 2
            and looks_like_name(text)
            and not rejects(text)
        ):
            return Span(text, entity.start, entity.start + len(text))
    return None


def join_split_name(
    name: Field[str] | None, top: Sequence[Line], lines: Sequence[Line]
) -> Field[str] | None:
    """A one-word name above another name-like word ("Jane" over "Smith") is one
    name over two lines."""
    if name is None or name.evidence is None or len(top) < 2:
        return name
    first, second = top[0], top[1]
    if name.evidence.start != first.start or len(name.value.split()) != 1:
        return name
    if len(second.text.split()) == 1 and looks_like_name(second.text):
        span = Span(f"{first.text} {second.text}", first.start, second.end)
        return make_field(span.text, span, lines, 0.85)
    return name
