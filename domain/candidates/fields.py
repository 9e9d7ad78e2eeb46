"""Validation of the fields a person types into a candidate profile."""

from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any
from uuid import UUID

import phonenumbers

from domain.errors import DomainError, clean_each
from domain.users import normalize_email


class Unset(Enum):
    """Marks a field of a patch that the caller did not send."""

    UNSET = "UNSET"


UNSET = Unset.UNSET

MAX_SKILLS = 200
_TEXT_LIMITS = {"name": 200, "location": 200, "headline": 300, "summary": 20000}


@dataclass(frozen=True)
class CandidateInput:
    name: str
    pool_id: UUID | None = None
    email: str | None = None
    phone: str | None = None
    location: str | None = None
    headline: str | None = None
    summary: str | None = None
    skills: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CandidatePatch:
    """Only the fields that are not UNSET change; None clears an optional field."""

    name: str | Unset = UNSET
    email: str | Unset | None = UNSET
    phone: str | Unset | None = UNSET
    location: str | Unset | None = UNSET
    headline: str | Unset | None = UNSET
    summary: str | Unset | None = UNSET
    skills: list[str] | Unset = UNSET

    def changes(self) -> dict[str, Any]:
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if getattr(self, f.name) is not UNSET
        }


def normalize_phone(phone: str) -> str:
    """E.164 form of an international number (`+44 20 7946 0958` -> `+442079460958`)."""
    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException as exc:
        raise DomainError(
            f"{phone!r} is not a phone number: give it with its country code, "
            "like +44 20 7946 0958.",
            field="phone",
        ) from exc
    if not phonenumbers.is_possible_number(number):
        raise DomainError(f"{phone!r} is not a possible phone number.", field="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _clean_text(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    text = value.strip()
    if name == "name" and not text:
        raise DomainError("A candidate needs a name.", field="name")
    if len(text) > _TEXT_LIMITS[name]:
        raise DomainError(
            f"`{name}` is longer than {_TEXT_LIMITS[name]} characters.", field=name
        )
    return text or None


def _clean_skills(skills: list[str]) -> list[str]:
    cleaned = list(dict.fromkeys(s.strip() for s in skills if s.strip()))
    if len(cleaned) > MAX_SKILLS or any(len(s) > 100 for s in cleaned):
        raise DomainError(
            f"Give at most {MAX_SKILLS} skills of up to 100 characters each.",
            field="skills",
        )
    return cleaned


def _clean_one(name: str, value: Any) -> Any:
    if name == "skills":
        return _clean_skills(value)
    if value is None or name not in ("email", "phone"):
        return _clean_text(name, value) if name in _TEXT_LIMITS else value
    if name == "email":
        return normalize_email(value) if value.strip() else None
    return normalize_phone(value) if value.strip() else None


def clean_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Validated, normalised values; every problem is reported at once."""
    return clean_each(values, _clean_one)
