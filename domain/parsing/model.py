"""The validated `ParsedResume` and the `Field[T]` wrapper that gives each value its
confidence and evidence."""

from enum import StrEnum
from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, ConfigDict
from pydantic import Field as Constraint

T = TypeVar("T")

Confidence = Annotated[float, Constraint(ge=0.0, le=1.0)]
YearMonth = Annotated[str, Constraint(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Evidence(_Frozen):
    """Where a value was read: `[start, end)` character offsets into
    `ExtractedDocument.text`, and the page it sits on (1-based) when known."""

    page: Annotated[int, Constraint(ge=1)] | None
    start: Annotated[int, Constraint(ge=0)]
    end: Annotated[int, Constraint(ge=0)]


class Field(_Frozen, Generic[T]):
    """A value read from the text, how sure the parser is of it, and where it was read.

    Every value that comes from the text is a `Field` (or a list of them): contact
    fields, headline, summary, each experience and education entry's fields,
    certifications and achievements. Values the parser derives from other fields
    (`current`, `level`, `total_experience_months`, `language`) are plain. List
    records whose members are derived (`Link`, `Skill`, `Language`) carry
    `confidence` and `evidence` inline instead of wrapping each member.
    """

    value: T
    confidence: Confidence
    evidence: Evidence | None


class LinkKind(StrEnum):
    LINKEDIN = "linkedin"
    GITHUB = "github"
    PORTFOLIO = "portfolio"
    OTHER = "other"


class EducationLevel(StrEnum):
    HIGH_SCHOOL = "high_school"
    ASSOCIATE = "associate"
    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTORATE = "doctorate"
    OTHER = "other"


class Proficiency(StrEnum):
    NATIVE = "native"
    FLUENT = "fluent"
    PROFESSIONAL = "professional"
    INTERMEDIATE = "intermediate"
    BASIC = "basic"


class Link(_Frozen):
    kind: LinkKind
    url: str
    confidence: Confidence
    evidence: Evidence | None


class Experience(_Frozen):
    """One job. `start`/`end` are "YYYY-MM" (a year alone reads as its January);
    `end` is None while `current`."""

    title: Field[str] | None
    company: Field[str] | None
    location: Field[str] | None
    start: Field[YearMonth] | None
    end: Field[YearMonth] | None
    current: bool
    description: Field[str] | None
    achievements: tuple[Field[str], ...]


class Education(_Frozen):
    degree: Field[str] | None
    level: EducationLevel
    field: Field[str] | None
    institution: Field[str] | None
    start: Field[YearMonth] | None
    end: Field[YearMonth] | None
    graduation_year: Field[int] | None


class Skill(_Frozen):
    """A skill under its taxonomy name; `canonical_id` is None for an item of a
    skills list that the taxonomy does not know. `source_section` is the section
    kind it was read in (e.g. "skills", "experience"); `years` is stated
    experience with it, when the text says so."""

    name: str
    canonical_id: str | None
    category: str | None
    source_section: str
    years: Annotated[float, Constraint(ge=0.0)] | None
    confidence: Confidence
    evidence: Evidence | None


class Language(_Frozen):
    """A spoken language; `cefr` keeps a stated CEFR level (A1..C2) next to the
    coarse `proficiency` it maps to."""

    name: str
    proficiency: Proficiency | None
    cefr: str | None
    confidence: Confidence
    evidence: Evidence | None


class ParsedResume(_Frozen):
    name: Field[str] | None
    email: Field[str] | None
    phone: Field[str] | None
    location: Field[str] | None
    links: tuple[Link, ...]
    summary: Field[str] | None
    headline: Field[str] | None
    experience: tuple[Experience, ...]
    education: tuple[Education, ...]
    skills: tuple[Skill, ...]
    certifications: tuple[Field[str], ...]
    languages: tuple[Language, ...]
    total_experience_months: Annotated[int, Constraint(ge=0)]
    language: str | None
    parser_version: str
