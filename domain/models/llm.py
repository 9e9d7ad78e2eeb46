"""LLM enhancement: what each call cost, the answers cache, and what enrichment
did to each resume."""

from enum import StrEnum
from typing import Any
from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from domain.models.base import TimestampedModel, enum_check
from domain.models.jobs import Job, Match
from domain.models.resumes import Resume
from domain.models.users import User


class EnrichmentStatus(StrEnum):
    ENRICHED = "enriched"  # the model's answer was merged
    FALLBACK = "fallback"  # the call or its answer failed: the local result stands
    PAUSED = "paused"  # the recruiter's monthly budget is spent: not sent


class LlmCall(Model):
    """One call to the model (or a cache hit, which costs nothing), billed to the
    recruiter whose pool the work was for."""

    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    user_id: UUID | None
    purpose = fields.CharField(max_length=40)
    model = fields.CharField(max_length=200)
    prompt_tokens = fields.IntField(default=0)
    completion_tokens = fields.IntField(default=0)
    cost_usd = fields.DecimalField(max_digits=12, decimal_places=6, default=0)
    cached = fields.BooleanField(default=False)
    outcome = fields.CharField(max_length=40)  # "ok" or what went wrong
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "llm_calls"
        indexes = (("user_id", "created_at"),)


class LlmCacheEntry(Model):
    """A validated answer, keyed by (model, prompt version, content hash): the same
    content is never paid for twice."""

    id = fields.UUIDField(primary_key=True)
    model = fields.CharField(max_length=200)
    prompt_version = fields.CharField(max_length=40)
    content_hash = fields.CharField(max_length=64)
    answer: fields.Field[dict[str, Any]] = fields.JSONField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "llm_cache"
        unique_together = (("model", "prompt_version", "content_hash"),)


class ResumeEnrichment(TimestampedModel):
    """What the model added to a resume: the source of each merged field, the
    values it returned that the text does not hold, and generated text."""

    resume: fields.OneToOneRelation[Resume] = fields.OneToOneField(
        "models.Resume", related_name=False, on_delete=fields.CASCADE
    )
    resume_id: UUID
    status = fields.CharEnumField(EnrichmentStatus, max_length=20)
    model = fields.CharField(max_length=200)
    message = fields.TextField(default="")
    sources: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    rejected: fields.Field[list[str]] = fields.JSONField(default=list)
    summary = fields.TextField(null=True)
    strengths: fields.Field[list[str]] = fields.JSONField(default=list)

    class Meta:
        table = "resume_enrichments"
        constraints = (enum_check("resume_enrichments", "status", EnrichmentStatus),)


class MatchExplanation(TimestampedModel):
    """Plain-language reasons a model wrote from a match's evidence (the template
    reasons stay in `Match.reasons`); `match_computed_at` tells a stale one."""

    match: fields.OneToOneRelation[Match] = fields.OneToOneField(
        "models.Match", related_name=False, on_delete=fields.CASCADE
    )
    match_id: UUID
    model = fields.CharField(max_length=200)
    match_computed_at = fields.DatetimeField(null=True)
    strengths: fields.Field[list[str]] = fields.JSONField(default=list)
    gaps: fields.Field[list[str]] = fields.JSONField(default=list)

    class Meta:
        table = "match_explanations"


class JobRefinement(TimestampedModel):
    """The model's sorting of a posting's skills into required and preferred, a
    suggestion beside `Job.analysis`; `description_hash` tells a stale one."""

    job: fields.OneToOneRelation[Job] = fields.OneToOneField(
        "models.Job", related_name=False, on_delete=fields.CASCADE
    )
    job_id: UUID
    model = fields.CharField(max_length=200)
    description_hash = fields.CharField(max_length=64)
    required: fields.Field[list[str]] = fields.JSONField(default=list)
    preferred: fields.Field[list[str]] = fields.JSONField(default=list)
    moved: fields.Field[list[str]] = fields.JSONField(default=list)
    added: fields.Field[list[str]] = fields.JSONField(default=list)
    rejected: fields.Field[list[str]] = fields.JSONField(default=list)

    class Meta:
        table = "job_refinements"
