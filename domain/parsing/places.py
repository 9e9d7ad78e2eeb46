"""Places: whether a text names a location, the region it is in, and the
resume's own location."""

import gzip
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from domain.parsing.fields import Entity, make_field
from domain.parsing.lines import Line, Span, split_spans, sub_span
from domain.parsing.model import Field

DEFAULT_REGION = "US"

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
# First-level regions written out after a city ("Pune, Maharashtra"), for the
# countries whose resumes name them that way.
_REGION_NAMES_TEXT = """
IN: andhra pradesh|arunachal pradesh|assam|bihar|chhattisgarh|goa|gujarat|haryana|
himachal pradesh|jharkhand|karnataka|kerala|madhya pradesh|maharashtra|manipur|
meghalaya|mizoram|nagaland|odisha|orissa|punjab|rajasthan|sikkim|tamil nadu|
telangana|tripura|uttar pradesh|uttarakhand|west bengal|delhi|new delhi|
jammu and kashmir|ladakh|puducherry|pondicherry|chandigarh|andaman and nicobar
CA: ontario|quebec|québec|british columbia|alberta|manitoba|saskatchewan|
nova scotia|new brunswick|newfoundland and labrador|prince edward island|yukon
AU: new south wales|victoria|queensland|western australia|south australia|
tasmania|australian capital territory|northern territory|nsw|vic|qld|tas|act
"""
REGION_NAMES: dict[str, str] = {
    name.strip(): code
    for code, names in re.findall(r"(\w\w): ([^:]+?)(?=\n\w\w:|\Z)", _REGION_NAMES_TEXT)
    for name in names.replace("\n", "").split("|")
}
_CITY_REGION = re.compile(
    r"^(?P<city>[A-ZÀ-Þ][\w .'\u2019-]{1,40}?),\s*(?P<region>[A-Za-zÀ-ÿ .]{2,30}?)"
    r"(?:\s+\d{4,6}(?:-\d{4})?)?$"
)
_ORG_WORDS_TEXT = """
inc llc ltd corp corporation company bank labs systems solutions consulting
technologies group university college institute school hospital studio limited
pvt private plc llp gmbh
"""
_ORG_WORDS = frozenset(_ORG_WORDS_TEXT.split())
_COUNTRY_FIRST_PLACE = re.compile(
    r"[A-ZÀ-Þ][\w'\u2019-]+(?: [A-ZÀ-Þ][\w'\u2019-]+){0,2}"
)
# Europass writes a place as "Warsaw (Poland)": read as "Warsaw, Poland".
_BRACKETED_COUNTRY = re.compile(r"^([^(),]+?)\s*\(([^(),]+)\)$")
_ADDRESS = re.compile(r"^\d{1,6}\s+[\w .'-]+,\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?$")


def location_region(text: str) -> str | None:
    """The ISO region a location names ("Austin, TX" -> "US"), or None when the text
    is not a location this module recognises."""
    text = _tidy(_BRACKETED_COUNTRY.sub(r"\1, \2", text.strip().rstrip(".")))
    if text.lower() in COUNTRIES:
        return COUNTRIES[text.lower()]
    if _ADDRESS.match(text):
        return "US"
    found = _with_country(text)
    if found is not None:
        return found or None
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
    if region.lower() in REGION_NAMES:
        return REGION_NAMES[region.lower()]
    return "US" if re.fullmatch(r"[A-Z]{2}", region) and text[-1].isdigit() else None


def _with_country(text: str) -> str | None:
    """The country of a place that names one after a city and a region ("Mountain
    View, CA, USA", "Bishnupur, Manipur, IN") or before a city ("Israel, Rehovot");
    "" when such a country closes a text that is no place; None when no country
    frames the text."""
    head, _, last = text.rpartition(",")
    last = last.strip()
    if "," in head and (last.lower() in COUNTRIES or last in _COUNTRY_CODES):
        country = COUNTRIES.get(last.lower(), last)
        return country if location_region(head) else ""
    first, _, rest = text.partition(",")
    if (
        first.lower() in COUNTRIES
        and _COUNTRY_FIRST_PLACE.fullmatch(rest.strip())
        and not _ORG_WORDS & set(rest.lower().split())
    ):
        return COUNTRIES[first.lower()]
    return None


_COUNTRY_CODES = frozenset(COUNTRIES.values())


def _tidy(text: str) -> str:
    """Drop a postcode written between the parts and a region written twice, as
    some exports do: "Nagpur, Maharashtra, Maharashtra", "Bishnupur, Manipur,
    722122, IN"."""
    parts = [part.strip() for part in text.split(",")]
    if len(parts) < 3:
        return text
    kept = [parts[0]]
    for part in parts[1:]:
        if not re.fullmatch(r"\d{4,6}", part) and part.lower() != kept[-1].lower():
            kept.append(part)
    return ", ".join(kept)


def is_location(text: str) -> bool:
    lowered = text.strip().lower()
    return location_region(text) is not None or lowered in {
        "remote",
        "hybrid",
        "on-site",
    }


_CITIES = Path(__file__).parent / "data" / "cities.txt.gz"


@cache
def _city_names() -> frozenset[str]:
    """Cities of 100,000 people or more, by name (`cities_build`), read once."""
    with gzip.open(_CITIES, "rt", encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip())


def is_city(text: str) -> bool:
    """A city named on its own ("London", "Lagos", "Bengaluru", "São Paulo"); the
    list spells names without accents."""
    key = " ".join(text.lower().split())
    folded = "".join(
        ch for ch in unicodedata.normalize("NFKD", key) if not unicodedata.combining(ch)
    )
    return key in _city_names() or folded in _city_names()


def find_location(
    header: Sequence[Line],
    lines: Sequence[Line],
    entities: Callable[[], Sequence[Entity]],
    near: Sequence[Line] = (),
    name: Span | None = None,
) -> Field[str] | None:
    """A "City, ST" / country segment of the header, else of the lines `near` the
    e-mail address (a sidebar's contact block, wherever the reading order put it),
    else a place the model finds in the header. The `name` is no place: "Rahul
    Mehta, PE" (a Professional Engineer) is not in Prince Edward Island."""
    for block in (header, near):
        for index, line in enumerate(block):
            for segment in _header_segments(line):
                if name is not None and _overlap(name, segment):
                    continue
                place = _place_of(segment)
                if place is not None:
                    return make_field(place.text, place, lines, 0.9)
            wrapped = _wrapped_place(line, block[index + 1 : index + 2])
            if wrapped is not None:
                return make_field(wrapped.text, wrapped, lines, 0.85)
    for entity in entities():
        if entity.label == "GPE":
            span = _extend_region(entity, header)
            return make_field(span.text, span, lines, 0.65)
    return None


def _wrapped_place(line: Line, below: Sequence[Line]) -> Span | None:
    """A place a narrow column wrapped onto the next line ("Location: Manchester,
    United" over "Kingdom"): the line's last piece, which names no place alone,
    and the whole line below, which is one or two words, together name one."""
    pieces = _header_segments(line)
    if not below or not pieces:
        return None
    last = pieces[-1]
    tail = line.text[last.start - line.start :].rstrip()  # its comma kept
    rest = below[0].text.strip()
    if "," not in tail or not rest or len(rest.split()) > 2 or not rest[0].isupper():
        return None
    if location_region(last.text):
        return None  # a place of its own ("Paris, France" over "Remote")
    joined = f"{tail} {rest}"
    if not location_region(joined):
        return None
    return Span(joined, last.start, below[0].end)


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _place_of(segment: Span) -> Span | None:
    """The segment when it is a place; else the place that closes a street address
    ("1200 Main St, Boston, MA 02110" gives "Boston, MA 02110"; Europass's
    "Vinohradská 12, 120 00 Praha (Czech Republic)" gives "Praha (Czech
    Republic)", its postcode left out)."""
    glyph = _GLYPH.match(segment.text)
    rest = sub_span(segment, glyph.end(), len(segment.text)) if glyph else None
    # A contact icon that OCR read as a letter: "4 Manchester, United Kingdom".
    if rest and location_region(rest.text) and is_city(rest.text.split(",")[0]):
        return rest
    if location_region(segment.text) or segment.text.lower().startswith("remote"):
        return segment
    if not segment.text[:1].isdigit() and not segment.text.endswith(")"):
        return None
    for comma in re.finditer(",", segment.text):
        tail = sub_span(segment, comma.end(), len(segment.text))
        postcode = _POSTCODE.match(tail.text) if tail is not None else None
        if tail is not None and postcode is not None:
            tail = sub_span(tail, postcode.end(), len(tail.text))
        if (
            tail is not None
            and (_CITY_REGION.match(tail.text) or _BRACKETED_COUNTRY.match(tail.text))
            and location_region(tail.text)
        ):
            return tail
    return None


# One letter or digit, then a place: an icon read by OCR ("4 Manchester, UK").
_GLYPH = re.compile(r"^\w\s+(?=[A-ZÀ-Þ][a-zà-ÿ])")

# A European postcode before its city: "120 00", "00-238", "10115", "75008".
_POSTCODE = re.compile(r"^(?:\d{3}\s\d{2}|\d{2,4}-\d{3}|\d{4,5})\s+(?=[A-ZÀ-Þ])")


_ICONS = re.compile(r"^[^\w+(\[]+")
_DASHED = re.compile(r"\s+[-\u2013\u2014]\s+")


_PLACE_LABEL = re.compile(
    r"^(?:current\s+)?(?:location|address|city|residence|based\s+in)\s*:\s*",
    re.IGNORECASE,
)


def _header_segments(line: Line) -> list[Span]:
    """The pieces of a header line, also cut at spaced dashes ("Pune, Maharashtra -
    Email me on Indeed"), without a label ("Location: Austin, TX")."""
    pieces = []
    for segment in split_spans(line.span):
        for piece in split_spans(segment, _DASHED):
            for lead in (_ICONS, _PLACE_LABEL):  # "⌂ Austin, TX", "City: Austin"
                found = lead.match(piece.text)
                if found:
                    piece = Span(
                        piece.text[found.end() :], piece.start + found.end(), piece.end
                    )
            pieces.append(piece)
    return pieces


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
