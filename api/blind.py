"""The blind profile type: a candidate with nothing that identifies them."""

from typing import Self

import strawberry

from domain.privacy import blind


@strawberry.type
class BlindRole:
    title: str | None
    months: int | None = strawberry.field(description="Null for a current role.")


@strawberry.type
class BlindEducation:
    level: str | None
    field: str | None


@strawberry.type(
    description="For blind screening: no name, contact details, links, photo,"
    " location, employers, schools or dates; names, e-mail addresses, phone"
    " numbers and URLs in free text read [redacted]."
)
class BlindProfile:
    headline: str | None
    summary: str | None
    skills: list[str]
    years_experience: float | None
    roles: list[BlindRole]
    education: list[BlindEducation]
    certifications: list[str]
    languages: list[str]

    @classmethod
    def from_domain(cls, profile: blind.BlindProfile) -> Self:
        return cls(
            headline=profile.headline,
            summary=profile.summary,
            skills=list(profile.skills),
            years_experience=profile.years_experience,
            roles=[BlindRole(title=r.title, months=r.months) for r in profile.roles],
            education=[
                BlindEducation(level=e.level, field=e.field) for e in profile.education
            ],
            certifications=list(profile.certifications),
            languages=list(profile.languages),
        )
