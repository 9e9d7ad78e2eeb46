"""The `ParsedResume` type: every value with its confidence and evidence."""

from typing import Self

import strawberry

from domain.parsing import model


@strawberry.type
class Evidence:
    """Where a value was read: characters `[start, end)` of the resume's text."""

    page: int | None
    start: int
    end: int

    @classmethod
    def of(cls, evidence: model.Evidence | None) -> Self | None:
        return (
            cls(page=evidence.page, start=evidence.start, end=evidence.end)
            if evidence
            else None
        )


@strawberry.type
class ParsedText:
    value: str
    confidence: float
    evidence: Evidence | None

    @classmethod
    def of(cls, field: model.Field[str] | None) -> Self | None:
        if field is None:
            return None
        return cls(
            value=field.value,
            confidence=field.confidence,
            evidence=Evidence.of(field.evidence),
        )


@strawberry.type
class ParsedInt:
    value: int
    confidence: float
    evidence: Evidence | None

    @classmethod
    def of(cls, field: model.Field[int] | None) -> Self | None:
        if field is None:
            return None
        return cls(
            value=field.value,
            confidence=field.confidence,
            evidence=Evidence.of(field.evidence),
        )


@strawberry.type
class ParsedLink:
    kind: str
    url: str
    confidence: float
    evidence: Evidence | None


@strawberry.type
class ParsedExperience:
    title: ParsedText | None
    company: ParsedText | None
    location: ParsedText | None
    start: ParsedText | None = strawberry.field(description='"YYYY-MM".')
    end: ParsedText | None = strawberry.field(
        description='"YYYY-MM"; null while current.'
    )
    current: bool
    description: ParsedText | None
    achievements: list[ParsedText]


@strawberry.type
class ParsedEducation:
    degree: ParsedText | None
    level: str = strawberry.field(
        description="high_school, associate, bachelor, master, doctorate or other."
    )
    field: ParsedText | None
    institution: ParsedText | None
    start: ParsedText | None
    end: ParsedText | None
    graduation_year: ParsedInt | None


@strawberry.type
class ParsedSkill:
    name: str
    canonical_id: str | None = strawberry.field(
        description="Taxonomy id (ESCO or O*NET)."
    )
    category: str | None
    source_section: str
    years: float | None
    confidence: float
    evidence: Evidence | None


@strawberry.type
class ParsedLanguage:
    name: str
    proficiency: str | None
    cefr: str | None
    confidence: float
    evidence: Evidence | None


def _texts(fields: tuple[model.Field[str], ...]) -> list[ParsedText]:
    return [t for t in (ParsedText.of(f) for f in fields) if t is not None]


def _experience(job: model.Experience) -> ParsedExperience:
    return ParsedExperience(
        title=ParsedText.of(job.title),
        company=ParsedText.of(job.company),
        location=ParsedText.of(job.location),
        start=ParsedText.of(job.start),
        end=ParsedText.of(job.end),
        current=job.current,
        description=ParsedText.of(job.description),
        achievements=_texts(job.achievements),
    )


def _education(entry: model.Education) -> ParsedEducation:
    return ParsedEducation(
        degree=ParsedText.of(entry.degree),
        level=entry.level.value,
        field=ParsedText.of(entry.field),
        institution=ParsedText.of(entry.institution),
        start=ParsedText.of(entry.start),
        end=ParsedText.of(entry.end),
        graduation_year=ParsedInt.of(entry.graduation_year),
    )


@strawberry.type(description="What the parser read from a resume.")
class ParsedResume:
    name: ParsedText | None
    email: ParsedText | None
    phone: ParsedText | None = strawberry.field(description="E.164.")
    location: ParsedText | None
    links: list[ParsedLink]
    summary: ParsedText | None
    headline: ParsedText | None
    experience: list[ParsedExperience]
    education: list[ParsedEducation]
    skills: list[ParsedSkill]
    certifications: list[ParsedText]
    languages: list[ParsedLanguage]
    total_experience_months: int
    language: str | None = strawberry.field(description="The document's language.")
    parser_version: str

    @classmethod
    def of(cls, parsed: model.ParsedResume) -> Self:
        return cls(
            name=ParsedText.of(parsed.name),
            email=ParsedText.of(parsed.email),
            phone=ParsedText.of(parsed.phone),
            location=ParsedText.of(parsed.location),
            links=[
                ParsedLink(
                    kind=link.kind.value,
                    url=link.url,
                    confidence=link.confidence,
                    evidence=Evidence.of(link.evidence),
                )
                for link in parsed.links
            ],
            summary=ParsedText.of(parsed.summary),
            headline=ParsedText.of(parsed.headline),
            experience=[_experience(job) for job in parsed.experience],
            education=[_education(entry) for entry in parsed.education],
            skills=[
                ParsedSkill(
                    name=s.name,
                    canonical_id=s.canonical_id,
                    category=s.category,
                    source_section=s.source_section,
                    years=s.years,
                    confidence=s.confidence,
                    evidence=Evidence.of(s.evidence),
                )
                for s in parsed.skills
            ],
            certifications=_texts(parsed.certifications),
            languages=[
                ParsedLanguage(
                    name=lang.name,
                    proficiency=lang.proficiency.value if lang.proficiency else None,
                    cefr=lang.cefr,
                    confidence=lang.confidence,
                    evidence=Evidence.of(lang.evidence),
                )
                for lang in parsed.languages
            ],
            total_experience_months=parsed.total_experience_months,
            language=parsed.language,
            parser_version=parsed.parser_version,
        )
