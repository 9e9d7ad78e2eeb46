"""Blind screening: a profile with nothing that identifies the person.

Left out: name, e-mail, phone, links, photo, location, employers, schools, and
dates (which give away age). Kept: what a screener judges on - headline, summary,
skills, years of experience, job titles with their length, education levels and
fields, certifications and languages. Free text has the person's name, e-mail
addresses, phone numbers and URLs replaced by `[redacted]`."""

import re
from dataclasses import dataclass
from typing import Any

from domain.models import Candidate

REDACTED = "[redacted]"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|io|dev|net|org)/\S*", re.I)
_PHONE = re.compile(r"\+?\d[\d ().-]{6,}\d")


@dataclass(frozen=True)
class BlindRole:
    title: str | None
    months: int | None


@dataclass(frozen=True)
class BlindEducation:
    level: str | None
    field: str | None


@dataclass(frozen=True)
class BlindProfile:
    headline: str | None
    summary: str | None
    skills: tuple[str, ...]
    years_experience: float | None
    roles: tuple[BlindRole, ...]
    education: tuple[BlindEducation, ...]
    certifications: tuple[str, ...]
    languages: tuple[str, ...]


def redact_text(text: str | None, names: list[str]) -> str | None:
    """`text` without e-mail addresses, URLs, phone numbers or the name's words."""
    if text is None:
        return None
    text = _EMAIL.sub(REDACTED, text)
    text = _URL.sub(REDACTED, text)
    text = _PHONE.sub(REDACTED, text)
    for word in sorted({w for n in names for w in n.split() if len(w) > 1}, key=len):
        text = re.sub(rf"\b{re.escape(word)}\b", REDACTED, text, flags=re.I)
    return text


def _value(field: Any) -> Any:
    return field.get("value") if isinstance(field, dict) else None


def _months(role: dict[str, Any]) -> int | None:
    """Length of a finished role in months, from its "YYYY-MM" start and end."""
    start, end = _value(role.get("start")), _value(role.get("end"))
    if not isinstance(start, str) or not isinstance(end, str):
        return None
    (start_year, start_month), (end_year, end_month) = (
        map(int, start.split("-")),
        map(int, end.split("-")),
    )
    months = (end_year - start_year) * 12 + end_month - start_month
    return months + 1 if months >= 0 else None


def blind_profile(candidate: Candidate) -> BlindProfile:
    profile = candidate.profile or {}
    names = [candidate.name, str(_value(profile.get("name")) or "")]

    def clean(text: Any) -> str | None:
        return redact_text(text if isinstance(text, str) else None, names)

    return BlindProfile(
        headline=clean(candidate.headline),
        summary=clean(candidate.summary),
        skills=tuple(candidate.skills),
        years_experience=candidate.years_experience,
        roles=tuple(
            BlindRole(title=clean(_value(role.get("title"))), months=_months(role))
            for role in profile.get("experience", [])
        ),
        education=tuple(
            BlindEducation(
                level=item.get("level"), field=clean(_value(item.get("field")))
            )
            for item in profile.get("education", [])
        ),
        certifications=tuple(
            text
            for item in profile.get("certifications", [])
            if (text := clean(_value(item)))
        ),
        languages=tuple(
            str(item["name"])
            for item in profile.get("languages", [])
            if item.get("name")
        ),
    )
