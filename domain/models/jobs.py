"""Job postings and their matches with candidates."""

from enum import StrEnum
from typing import Any
from uuid import UUID

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from domain.models.base import TimestampedModel, enum_check
from domain.models.candidates import Candidate
from domain.models.fields import VectorField
from domain.models.users import User


class JobStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class RemotePolicy(StrEnum):
    ONSITE = "onsite"
    HYBRID = "hybrid"
    REMOTE = "remote"


class Job(TimestampedModel):
    """A posting; `analysis` holds the requirements read from its description."""

    owner: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="jobs", on_delete=fields.RESTRICT
    )
    title = fields.CharField(max_length=300)
    description = fields.TextField(default="")
    location = fields.CharField(max_length=200, null=True)
    remote = fields.CharEnumField(
        RemotePolicy, max_length=20, default=RemotePolicy.ONSITE
    )
    employment_type = fields.CharField(max_length=40, null=True)
    seniority = fields.CharField(max_length=40, null=True)
    salary_min = fields.IntField(null=True)
    salary_max = fields.IntField(null=True)
    salary_currency = fields.CharField(max_length=3, null=True)
    status = fields.CharEnumField(JobStatus, max_length=20, default=JobStatus.OPEN)
    weights: fields.Field[dict[str, float]] = fields.JSONField(default=dict)
    analysis: fields.Field[dict[str, Any]] = fields.JSONField(default=dict)
    embedding = VectorField(null=True)
    embedding_model = fields.CharField(max_length=100, null=True)
    closed_at = fields.DatetimeField(null=True)
    matched_at = fields.DatetimeField(null=True)
    owner_id: UUID

    class Meta:
        table = "jobs"
        indexes = (("owner_id", "status", "created_at"),)
        constraints = (
            enum_check("jobs", "status", JobStatus),
            enum_check("jobs", "remote", RemotePolicy),
            CheckConstraint(
                check="salary_min IS NULL OR salary_max IS NULL"
                " OR salary_min <= salary_max",
                name="jobs_salary_range_check",
            ),
        )


class MatchFeedback(StrEnum):
    INTERESTED = "interested"
    NOT_INTERESTED = "not_interested"
    APPLIED = "applied"
    HIRED = "hired"
    REJECTED = "rejected"


class Match(TimestampedModel):
    """A job-candidate score, its per-factor breakdown and plain-language reasons.

    `history` keeps the earlier scores ({score, score_version, computed_at}),
    newest last, so a recruiter can see why a rank moved."""

    job: fields.ForeignKeyRelation[Job] = fields.ForeignKeyField(
        "models.Job", related_name="matches", on_delete=fields.CASCADE
    )
    candidate: fields.ForeignKeyRelation[Candidate] = fields.ForeignKeyField(
        "models.Candidate", related_name="matches", on_delete=fields.CASCADE
    )
    score = fields.FloatField()
    factors: fields.Field[dict[str, Any]] = fields.JSONField(default=dict)
    reasons: fields.Field[dict[str, list[str]]] = fields.JSONField(default=dict)
    feedback = fields.CharEnumField(MatchFeedback, max_length=20, null=True)
    similarity = fields.FloatField(null=True)
    score_version = fields.CharField(max_length=40, default="")
    computed_at = fields.DatetimeField(null=True)
    history: fields.Field[list[dict[str, Any]]] = fields.JSONField(default=list)
    job_id: UUID
    candidate_id: UUID

    class Meta:
        table = "matches"
        unique_together = (("job", "candidate"),)
        indexes = (("job_id", "score"), ("candidate_id", "score"))
        constraints = (
            CheckConstraint(check="score BETWEEN 0 AND 1", name="matches_score_check"),
            enum_check("matches", "feedback", MatchFeedback),
        )


class Skill(Model):
    """A taxonomy entry: canonical name, aliases, category and parent."""

    id = fields.IntField(primary_key=True)
    canonical_name = fields.CharField(max_length=200, unique=True)
    aliases: fields.Field[list[str]] = fields.JSONField(default=list)
    category = fields.CharField(max_length=100, null=True)
    parent: fields.ForeignKeyNullableRelation["Skill"] = fields.ForeignKeyField(
        "models.Skill", related_name="children", null=True, on_delete=fields.SET_NULL
    )
    source_uri = fields.CharField(max_length=300, null=True)

    class Meta:
        table = "skills"
