"""Preferences a resume states in so many words, on lines such as
`Desired role: Data Engineer`, `Preferred locations: Berlin, Remote`,
`Work mode: remote or hybrid`, `Expected salary: EUR 70,000 - 85,000` and
`Job type: full-time, contract`. Anything vaguer is left for the person to set."""

import re
from typing import Any

from domain.models import RemotePolicy

_LABEL = r"(?im)^[ \t\-*•]*(?:{})\s*[:\-\u2013]\s*(?P<value>[^\n]{{1,300}})$"
_ROLES = re.compile(
    _LABEL.format(r"(?:desired|target|preferred)\s+(?:positions?|roles?|job\s+titles?)")
)
_PLACES = re.compile(_LABEL.format(r"(?:preferred|desired)\s+locations?"))
_MODES = re.compile(_LABEL.format(r"(?:preferred\s+)?work\s*(?:mode|arrangement)s?"))
_SALARY = re.compile(_LABEL.format(r"(?:desired|expected)\s+salary"))
_TYPES = re.compile(_LABEL.format(r"(?:job|employment)\s+types?"))
_SPLIT = re.compile(r"\s*(?:,|;|/|\bor\b|\band\b)\s*", re.IGNORECASE)
_AMOUNT = re.compile(r"(\d{1,3}(?:[,.\s]\d{3})+|\d+)\s*(k\b)?", re.IGNORECASE)
_CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP"}
_CODE = re.compile(r"\b(USD|EUR|GBP|CAD|AUD|CHF|INR|SEK|NOK|DKK|PLN)\b")
MAX_ITEMS = 20


def _items(pattern: re.Pattern[str], text: str) -> list[str]:
    found = pattern.search(text)
    if found is None:
        return []
    parts = [p.strip(" .") for p in _SPLIT.split(found["value"])]
    return [p[:100] for p in parts if p][:MAX_ITEMS]


def _modes(text: str) -> list[str]:
    words = {w.lower().replace("on-site", "onsite") for w in _items(_MODES, text)}
    words = {w.replace("on site", "onsite") for w in words}
    return [m.value for m in RemotePolicy if m.value in words]


def _salary(text: str) -> dict[str, Any]:
    found = _SALARY.search(text)
    if found is None:
        return {}
    line = found["value"]
    amounts = [
        int(re.sub(r"\D", "", digits)) * (1000 if k else 1)
        for digits, k in _AMOUNT.findall(line)
    ][:2]
    if not amounts:
        return {}
    symbol = next((code for sign, code in _CURRENCIES.items() if sign in line), None)
    code = _CODE.search(line.upper())
    values: dict[str, Any] = {"salary_min": min(amounts)}
    if len(amounts) == 2:
        values["salary_max"] = max(amounts)
    currency = code.group(1) if code else symbol
    if currency:
        values["salary_currency"] = currency
    return values


def preferences_from_text(text: str | None) -> dict[str, Any]:
    """The preferences stated in `text`, as CandidatePreferences fields; {} when
    it states none."""
    if not text:
        return {}
    values: dict[str, Any] = {
        "desired_roles": _items(_ROLES, text),
        "locations": _items(_PLACES, text),
        "work_modes": _modes(text),
        "job_types": _items(_TYPES, text),
        **_salary(text),
    }
    return {key: value for key, value in values.items() if value}
