"""Candidates and where each one came from."""

from enum import StrEnum
from typing import Any
from uuid import UUID

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from domain.models.base import TimestampedModel, enum_check
from domain.models.fields import VectorField
from domain.models.pools import Pool
from domain.models.users import User


class Candidate(TimestampedModel):
    """One person's profile inside one pool; e-mails are stored lower-cased.

    The table also has `search_vector`, a generated tsvector (name, headline,
    skills, location, summary, resume text) with a GIN index, made by migration
    0007 and kept out of the model so that reads do not fetch it."""

    pool: fields.ForeignKeyRelation[Pool] = fields.ForeignKeyField(
        "models.Pool", related_name="candidates", on_delete=fields.RESTRICT
    )
    user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="profiles", null=True, on_delete=fields.SET_NULL
    )
    pool_id: UUID
    user_id: UUID | None
    name = fields.CharField(max_length=200)
    email = fields.CharField(max_length=320, null=True)
    phone = fields.CharField(max_length=32, null=True)
    location = fields.CharField(max_length=200, null=True)
    headline = fields.CharField(max_length=300, null=True)
    summary = fields.TextField(null=True)
    skills: fields.Field[list[str]] = fields.JSONField(default=list)
    years_experience = fields.FloatField(null=True)
    profile: fields.Field[dict[str, Any]] = fields.JSONField(default=dict)
    embedding = VectorField(null=True)
    embedding_model = fields.CharField(max_length=100, null=True)
    # Headline and job titles alone, by `embedding_model` (zero: no titles); see
    # domain.matching.title_similarity.
    title_embedding = VectorField(null=True)
    manual_fields: fields.Field[list[str]] = fields.JSONField(default=list)
    merged_into: fields.ForeignKeyNullableRelation["Candidate"] = (
        fields.ForeignKeyField(
            "models.Candidate",
            related_name=False,
            null=True,
            on_delete=fields.SET_NULL,
        )
    )
    merged_into_id: UUID | None
    matched_at = fields.DatetimeField(null=True)
    # Set when the person's data was erased: the row stays as an anonymous
    # placeholder so merges, lists and audit entries keep pointing somewhere.
    erased_at = fields.DatetimeField(null=True)
    resume_text = fields.TextField(null=True)  # of the latest resume: full-text search
    preferences: fields.Field[dict[str, Any]] = fields.JSONField(default=dict)

    class Meta:
        table = "candidates"
        unique_together = (("pool", "email"),)
        # (created_at, id): the newest matches of a full-text search across
        # pools (domain.candidates.search_page).
        indexes = (("pool_id", "created_at"), ("pool_id", "name"), ("created_at", "id"))


class SourceKind(StrEnum):
    MANUAL = "manual"
    UPLOAD = "upload"
    BULK = "bulk"
    DRIVE = "drive"
    API = "api"
    APPLICATION = "application"


class CandidateSource(Model):
    """A way a candidate reached the product (an upload, a Drive file, an API call)."""

    id = fields.UUIDField(primary_key=True)
    candidate: fields.ForeignKeyRelation[Candidate] = fields.ForeignKeyField(
        "models.Candidate", related_name="sources", on_delete=fields.CASCADE
    )
    candidate_id: UUID
    kind = fields.CharEnumField(SourceKind, max_length=20)
    resume_id = fields.UUIDField(null=True)
    external_id = fields.CharField(max_length=300, null=True)
    url = fields.CharField(max_length=2000, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "candidate_sources"
        indexes = (("candidate_id", "created_at"),)
        constraints = (enum_check("candidate_sources", "kind", SourceKind),)


class DuplicateStatus(StrEnum):
    OPEN = "open"
    MERGED = "merged"
    DISMISSED = "dismissed"


class CandidateDuplicate(Model):
    """A tier-2 possible duplicate (similar name and a shared employer) for a
    person to merge or dismiss; `candidate` is the newer of the two."""

    id = fields.UUIDField(primary_key=True)
    candidate: fields.ForeignKeyRelation[Candidate] = fields.ForeignKeyField(
        "models.Candidate", related_name=False, on_delete=fields.CASCADE
    )
    duplicate_of: fields.ForeignKeyRelation[Candidate] = fields.ForeignKeyField(
        "models.Candidate", related_name=False, on_delete=fields.CASCADE
    )
    candidate_id: UUID
    duplicate_of_id: UUID
    reason = fields.CharField(max_length=300)
    similarity = fields.FloatField()
    status = fields.CharEnumField(
        DuplicateStatus, max_length=20, default=DuplicateStatus.OPEN
    )
    resolved_by_id = fields.UUIDField(null=True)
    resolved_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "candidate_duplicates"
        unique_together = (("candidate", "duplicate_of"),)
        indexes = (("duplicate_of_id", "status"),)
        constraints = (
            enum_check("candidate_duplicates", "status", DuplicateStatus),
            CheckConstraint(
                check="candidate_id <> duplicate_of_id",
                name="candidate_duplicates_distinct_check",
            ),
        )


class CandidateMerge(Model):
    """A merge of `merged` into `kept`, with what it changed, so it can be undone."""

    id = fields.UUIDField(primary_key=True)
    kept: fields.ForeignKeyRelation[Candidate] = fields.ForeignKeyField(
        "models.Candidate", related_name=False, on_delete=fields.CASCADE
    )
    merged: fields.ForeignKeyRelation[Candidate] = fields.ForeignKeyField(
        "models.Candidate", related_name=False, on_delete=fields.CASCADE
    )
    kept_id: UUID
    merged_id: UUID
    kept_before: fields.Field[dict[str, Any]] = fields.JSONField(default=dict)
    merged_before: fields.Field[dict[str, Any]] = fields.JSONField(default=dict)
    moved_source_ids: fields.Field[list[str]] = fields.JSONField(default=list)
    merged_by_id = fields.UUIDField(null=True)
    undone_by_id = fields.UUIDField(null=True)
    undone_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "candidate_merges"
        indexes = (("kept_id", "created_at"), ("merged_id", "created_at"))
        constraints = (
            CheckConstraint(
                check="kept_id <> merged_id", name="candidate_merges_distinct_check"
            ),
        )
