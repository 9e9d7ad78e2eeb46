"""Resumes, the batches that bring them in, and the jobs that process them."""

from enum import StrEnum
from typing import Any
from uuid import UUID

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from domain.models.base import TimestampedModel, enum_check
from domain.models.candidates import Candidate, SourceKind
from domain.models.pools import Pool
from domain.models.users import User


class BatchSource(StrEnum):
    BULK = "bulk"
    DRIVE = "drive"


class BatchStatus(StrEnum):
    RUNNING = "running"
    DONE = "done"


class ImportBatch(TimestampedModel):
    pool: fields.ForeignKeyRelation[Pool] = fields.ForeignKeyField(
        "models.Pool", related_name="batches", on_delete=fields.RESTRICT
    )
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    pool_id: UUID
    created_by_id: UUID | None
    source = fields.CharEnumField(BatchSource, max_length=20)
    status = fields.CharEnumField(
        BatchStatus, max_length=20, default=BatchStatus.RUNNING
    )
    total = fields.IntField(default=0)
    succeeded = fields.IntField(default=0)
    failed = fields.IntField(default=0)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "import_batches"
        constraints = (
            enum_check("import_batches", "source", BatchSource),
            enum_check("import_batches", "status", BatchStatus),
        )


class ResumeStatus(StrEnum):
    QUEUED = "queued"
    PROCESSING = "processing"
    PARSED = "parsed"
    FAILED = "failed"
    DUPLICATE = "duplicate"


class Resume(TimestampedModel):
    """An uploaded file (stored by SHA-256) and what parsing made of it."""

    pool: fields.ForeignKeyRelation[Pool] = fields.ForeignKeyField(
        "models.Pool", related_name="resumes", on_delete=fields.RESTRICT
    )
    candidate: fields.ForeignKeyNullableRelation[Candidate] = fields.ForeignKeyField(
        "models.Candidate", related_name="resumes", null=True, on_delete=fields.SET_NULL
    )
    uploaded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    batch: fields.ForeignKeyNullableRelation[ImportBatch] = fields.ForeignKeyField(
        "models.ImportBatch",
        related_name="resumes",
        null=True,
        on_delete=fields.SET_NULL,
    )
    duplicate_of: fields.ForeignKeyNullableRelation["Resume"] = fields.ForeignKeyField(
        "models.Resume", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    pool_id: UUID
    candidate_id: UUID | None
    uploaded_by_id: UUID | None
    batch_id: UUID | None
    duplicate_of_id: UUID | None
    filename = fields.CharField(max_length=500)
    source = fields.CharEnumField(SourceKind, max_length=20, default=SourceKind.UPLOAD)
    file_kind = fields.CharField(max_length=10, default="")
    content_type = fields.CharField(max_length=100)
    size_bytes = fields.BigIntField()
    sha256 = fields.CharField(max_length=64)
    storage_key = fields.CharField(max_length=300)
    status = fields.CharEnumField(
        ResumeStatus, max_length=20, default=ResumeStatus.QUEUED
    )
    text = fields.TextField(null=True)
    parsed: fields.Field[dict[str, Any] | None] = fields.JSONField(null=True)
    parser_version = fields.CharField(max_length=40, null=True)

    class Meta:
        table = "resumes"
        indexes = (
            ("pool_id", "sha256"),
            ("pool_id", "created_at"),
            ("batch_id", "status"),
        )
        constraints = (
            enum_check("resumes", "status", ResumeStatus),
            enum_check("resumes", "source", SourceKind),
        )


class ImportBatchItem(Model):
    """One uploaded file or archive entry of a batch: its resume, or why it failed."""

    id = fields.UUIDField(primary_key=True)
    batch: fields.ForeignKeyRelation[ImportBatch] = fields.ForeignKeyField(
        "models.ImportBatch", related_name="items", on_delete=fields.CASCADE
    )
    batch_id: UUID
    resume_id: UUID | None
    position = fields.IntField()
    file_name = fields.CharField(max_length=500)
    resume: fields.ForeignKeyNullableRelation["Resume"] = fields.ForeignKeyField(
        "models.Resume", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    error_code = fields.CharField(max_length=50, null=True)
    error_message = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "import_batch_items"
        unique_together = (("batch", "position"),)


class JobStage(StrEnum):
    QUEUED = "queued"
    EXTRACTING = "extracting"
    OCR = "ocr"
    PARSING = "parsing"
    ENRICHING = "enriching"
    MATCHING = "matching"
    DONE = "done"
    FAILED = "failed"


class ProcessingJob(TimestampedModel):
    """The work on one resume: stage, attempts, timings and an actionable failure."""

    resume: fields.ForeignKeyRelation[Resume] = fields.ForeignKeyField(
        "models.Resume", related_name="processing_jobs", on_delete=fields.CASCADE
    )
    resume_id: UUID
    kind = fields.CharField(max_length=50)
    stage = fields.CharEnumField(JobStage, max_length=20, default=JobStage.QUEUED)
    progress = fields.SmallIntField(default=0)
    attempts = fields.SmallIntField(default=0)
    error_code = fields.CharField(max_length=50, null=True)
    error_message = fields.TextField(null=True)
    timings: fields.Field[dict[str, float]] = fields.JSONField(default=dict)
    started_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "processing_jobs"
        unique_together = (("resume", "kind"),)
        indexes = (("stage", "updated_at"),)
        constraints = (
            enum_check("processing_jobs", "stage", JobStage),
            CheckConstraint(
                check="progress BETWEEN 0 AND 100",
                name="processing_jobs_progress_check",
            ),
        )
