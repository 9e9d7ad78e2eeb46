"""What the optional LLM did to a resume: each field's source, the values it
returned that the text does not hold, and generated text marked as generated."""

from datetime import datetime
from typing import Self

import strawberry

from domain.llm.requirements import description_hash
from domain.llm.usage import MonthUsage
from domain.models import EnrichmentStatus as DomainEnrichmentStatus
from domain.models import JobRefinement as RefinementModel
from domain.models import MatchExplanation as ExplanationModel
from domain.models import ResumeEnrichment as EnrichmentModel

EnrichmentStatus = strawberry.enum(
    DomainEnrichmentStatus,
    name="EnrichmentStatus",
    description="ENRICHED: merged; FALLBACK: local result kept; PAUSED: budget spent.",
)


@strawberry.type(description="A parsed field and who produced its value.")
class FieldSource:
    field: str = strawberry.field(
        description='A path into `parsed`, e.g. "headline" or "experience.0.company".'
    )
    source: str = strawberry.field(description='"local" (the parser) or "llm".')


@strawberry.type(description="Text written by a language model, not read from a file.")
class GeneratedText:
    text: str
    generated: bool = strawberry.field(description="Always true: shown as generated.")
    model: str


@strawberry.type(description="What the optional LLM enhancement did to a resume.")
class ResumeEnrichment:
    status: EnrichmentStatus  # type: ignore[valid-type]  # strawberry.enum returns the enum
    model: str
    message: str = strawberry.field(description="Why the local result was kept, if so.")
    field_sources: list[FieldSource]
    rejected: list[str] = strawberry.field(
        description="Values the model returned that the resume text does not hold."
    )
    summary: GeneratedText | None
    strengths: list[GeneratedText]

    @classmethod
    def from_model(cls, row: EnrichmentModel) -> Self:
        def generated(text: str) -> GeneratedText:
            return GeneratedText(text=text, generated=True, model=row.model)

        return cls(
            status=row.status,
            model=row.model,
            message=row.message,
            field_sources=[
                FieldSource(field=name, source=source)
                for name, source in sorted(row.sources.items())
            ],
            rejected=list(row.rejected),
            summary=generated(row.summary) if row.summary else None,
            strengths=[generated(text) for text in row.strengths],
        )


@strawberry.type(description="Match reasons a language model wrote from the evidence.")
class GeneratedReasons:
    strengths: list[GeneratedText]
    gaps: list[GeneratedText]
    current: bool = strawberry.field(
        description="False when the match was scored again after they were written."
    )

    @classmethod
    def from_model(cls, row: ExplanationModel, computed_at: datetime | None) -> Self:
        def generated(text: str) -> GeneratedText:
            return GeneratedText(text=text, generated=True, model=row.model)

        return cls(
            strengths=[generated(text) for text in row.strengths],
            gaps=[generated(text) for text in row.gaps],
            current=row.match_computed_at == computed_at,
        )


@strawberry.type(
    description="A language model's sorting of a posting's skills into required and"
    " preferred: a suggestion; apply it with jobAnalysisUpdate."
)
class GeneratedRequirements:
    required: list[str]
    preferred: list[str]
    moved: list[str] = strawberry.field(description="Skills it put in the other list.")
    added: list[str] = strawberry.field(description="Skills the local analysis missed.")
    rejected: list[str] = strawberry.field(
        description="Names it returned that the description does not hold."
    )
    generated: bool = strawberry.field(description="Always true: shown as generated.")
    model: str
    current: bool = strawberry.field(
        description="False when the title or description changed since."
    )

    @classmethod
    def from_model(cls, row: RefinementModel, *, title: str, description: str) -> Self:
        return cls(
            required=list(row.required),
            preferred=list(row.preferred),
            moved=list(row.moved),
            added=list(row.added),
            rejected=list(row.rejected),
            generated=True,
            model=row.model,
            current=row.description_hash == description_hash(title, description),
        )


@strawberry.type(description="A recruiter's LLM use this calendar month (UTC).")
class LlmUsage:
    calls: int
    cost_usd: float = strawberry.field(description="Estimated from the price table.")
    budget_usd: float
    paused: bool = strawberry.field(
        description="True once the budget is spent: resumes keep the local result."
    )

    @classmethod
    def of(cls, usage: MonthUsage) -> Self:
        return cls(
            calls=usage.calls,
            cost_usd=round(usage.cost_usd, 6),
            budget_usd=usage.budget_usd,
            paused=usage.paused,
        )
