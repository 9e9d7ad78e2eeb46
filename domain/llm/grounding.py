"""Is a value the model returned written in the resume? Each check returns where
it was found (as `Evidence`), or None: an unfound fact is an invention."""

import re
from dataclasses import dataclass

import phonenumbers

from domain.parsing.model import Evidence
from domain.parsing.places import DEFAULT_REGION

_YEAR_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class ResumeText:
    """The full extracted text (contacts included), searched case- and
    whitespace-insensitively."""

    text: str

    def find(self, value: str) -> Evidence | None:
        words = value.split()
        if not words:
            return None
        pattern = r"\s+".join(re.escape(word) for word in words)
        # word boundaries only where the value starts or ends with a word char
        left = r"(?<!\w)" if words[0][0].isalnum() else ""
        right = r"(?!\w)" if words[-1][-1].isalnum() else ""
        match = re.search(left + pattern + right, self.text, re.IGNORECASE)
        return _evidence(match.start(), match.end()) if match else None

    def find_phone(self, value: str) -> Evidence | None:
        try:
            wanted = phonenumbers.parse(value, DEFAULT_REGION)
        except phonenumbers.NumberParseException:
            return None
        for match in phonenumbers.PhoneNumberMatcher(self.text, DEFAULT_REGION):
            if match.number == wanted:
                return _evidence(match.start, match.end)
        return None

    def find_year_month(self, value: str) -> Evidence | None:
        """A "YYYY-MM" date is grounded when its year is written in the text (the
        month may be written in many ways)."""
        match = _YEAR_MONTH.match(value)
        return self.find(match.group(1)) if match else None

    def find_year(self, year: int) -> Evidence | None:
        return self.find(str(year)) if 1900 <= year <= 2100 else None


def _evidence(start: int, end: int) -> Evidence:
    return Evidence(page=None, start=start, end=end)


def same_value(left: str | None, right: str | None) -> bool:
    if left is None or right is None:
        return False
    return " ".join(left.lower().split()) == " ".join(right.lower().split())


def e164(phone: str | None) -> str | None:
    """A phone number in the form the local parser stores (E.164), or as given
    when it does not parse (it will then not be found in the text either)."""
    if phone is None:
        return None
    try:
        number = phonenumbers.parse(phone, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return phone
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
