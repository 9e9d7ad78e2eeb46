"""Tier-2 duplicate detection: similar names with a shared employer (pure).

Two profiles are flagged, never merged automatically: people do share names,
and a person resolves the flag with a merge or a dismissal.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

NAME_THRESHOLD = 88.0
EMPLOYER_THRESHOLD = 90.0
# Legal-form words that differ between two spellings of one employer.
# fmt: off
_LEGAL_FORMS = frozenset({
    "inc", "incorporated", "llc", "ltd", "limited", "gmbh", "ag", "sa", "corp",
    "corporation", "co", "company", "plc", "pvt", "private", "lp", "llp", "bv", "nv",
    "srl",
})
# fmt: on
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class PersonKey:
    """What tier-2 compares: a normalised name and the employers of a profile."""

    name: str
    employers: frozenset[str]


@dataclass(frozen=True)
class Similarity:
    score: float  # 0..1, the name similarity
    employer: str
    reason: str


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise_name(name: str) -> str:
    return " ".join(_WORD.findall(_fold(name)))


def normalise_employer(company: str) -> str:
    words = [w for w in _WORD.findall(_fold(company)) if w not in _LEGAL_FORMS]
    return " ".join(words)


def employers_of(profile: dict[str, Any]) -> frozenset[str]:
    """Normalised employers of a stored `ParsedResume` dump (empty when none)."""
    names: set[str] = set()
    for job in profile.get("experience") or ():
        company = (job.get("company") or {}).get("value")
        if isinstance(company, str) and (normalised := normalise_employer(company)):
            names.add(normalised)
    return frozenset(names)


def person_key(name: str, profile: dict[str, Any]) -> PersonKey:
    return PersonKey(name=normalise_name(name), employers=employers_of(profile))


def _shared_employer(a: Iterable[str], b: frozenset[str]) -> str | None:
    for mine in sorted(a):
        for theirs in sorted(b):
            if fuzz.ratio(mine, theirs) >= EMPLOYER_THRESHOLD:
                return mine
    return None


def likely_same_person(new: PersonKey, existing: PersonKey) -> Similarity | None:
    """A similarity when the names are alike (word order and accents ignored)
    and the two profiles name a common employer; None otherwise."""
    if not new.name or not existing.name:
        return None
    score = fuzz.token_sort_ratio(new.name, existing.name)
    if score < NAME_THRESHOLD:
        return None
    employer = _shared_employer(new.employers, existing.employers)
    if employer is None:
        return None
    return Similarity(
        score=round(score / 100, 3),
        employer=employer,
        reason=f"similar name and the same employer ({employer})",
    )


def surname_hint(name: str) -> str:
    """The longest word of a normalised name: a cheap database pre-filter."""
    words = normalise_name(name).split()
    return max(words, key=len) if words else ""
