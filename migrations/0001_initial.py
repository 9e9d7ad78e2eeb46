"""Initial schema: every aggregate, pgvector and HNSW indexes on embeddings."""

import functools
from json import dumps, loads
from uuid import uuid4

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.indexes import Index
from tortoise.migrations import operations as ops
from tortoise.migrations.constraints import CheckConstraint, UniqueConstraint

from domain.models.candidates import SourceKind
from domain.models.drive import SyncSchedule
from domain.models.fields import VectorField
from domain.models.jobs import JobStatus, RemotePolicy
from domain.models.pools import PoolKind
from domain.models.resumes import BatchSource, BatchStatus, JobStage, ResumeStatus
from domain.models.users import Role


class Migration(migrations.Migration):
    initial = True

    # Tortoise's CreateModel does not emit Meta.constraints, so each one follows as
    # its own AddConstraint.
    operations = [
        ops.RunSQL(
            "CREATE EXTENSION IF NOT EXISTS vector",
            reverse_sql="DROP EXTENSION IF EXISTS vector",
        ),
        ops.CreateModel(
            name="AuditEntry",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                ("actor_id", fields.UUIDField(null=True)),
                ("api_key_id", fields.UUIDField(null=True)),
                ("action", fields.CharField(max_length=60)),
                ("entity_type", fields.CharField(max_length=40)),
                ("entity_id", fields.UUIDField(null=True)),
                (
                    "details",
                    fields.JSONField(
                        default=dict,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                ("request_id", fields.CharField(null=True, max_length=64)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "audit_log",
                "app": "models",
                "indexes": [
                    Index(fields=["entity_type", "entity_id"]),
                    Index(fields=["actor_id", "created_at"]),
                ],
                "pk_attr": "id",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Skill",
            fields=[
                (
                    "id",
                    fields.IntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                ("canonical_name", fields.CharField(unique=True, max_length=200)),
                (
                    "aliases",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                ("category", fields.CharField(null=True, max_length=100)),
                (
                    "parent",
                    fields.ForeignKeyField(
                        "models.Skill",
                        source_field="parent_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="children",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("source_uri", fields.CharField(null=True, max_length=300)),
            ],
            options={
                "table": "skills",
                "app": "models",
                "pk_attr": "id",
                "table_description": "A taxonomy entry: canonical name, aliases, category and parent.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="User",
            fields=[
                (
                    "id",
                    fields.UUIDField(
                        primary_key=True, default=uuid4, unique=True, db_index=True
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ("email", fields.CharField(unique=True, max_length=320)),
                ("name", fields.CharField(default="", max_length=200)),
                (
                    "role",
                    fields.CharEnumField(
                        description="ADMIN: admin\nRECRUITER: recruiter\nCANDIDATE: candidate",
                        enum_type=Role,
                        max_length=20,
                    ),
                ),
                ("password_hash", fields.CharField(null=True, max_length=200)),
                ("is_active", fields.BooleanField(default=True)),
            ],
            options={"table": "users", "app": "models", "pk_attr": "id"},
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="ApiKey",
            fields=[
                (
                    "id",
                    fields.UUIDField(
                        primary_key=True, default=uuid4, unique=True, db_index=True
                    ),
                ),
                (
                    "user",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="user_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="api_keys",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("name", fields.CharField(max_length=200)),
                ("prefix", fields.CharField(unique=True, max_length=16)),
                ("key_hash", fields.CharField(unique=True, max_length=64)),
                (
                    "scopes",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                (
                    "expires_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                (
                    "last_used_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                (
                    "revoked_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={
                "table": "api_keys",
                "app": "models",
                "pk_attr": "id",
                "table_description": "A partner's key: only its SHA-256 is stored; `prefix` identifies it in lists.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Job",
            fields=[
                (
                    "id",
                    fields.UUIDField(
                        primary_key=True, default=uuid4, unique=True, db_index=True
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "owner",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="owner_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="jobs",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("title", fields.CharField(max_length=300)),
                ("description", fields.TextField(default="", unique=False)),
                ("location", fields.CharField(null=True, max_length=200)),
                (
                    "remote",
                    fields.CharEnumField(
                        default=RemotePolicy.ONSITE,
                        description="ONSITE: onsite\nHYBRID: hybrid\nREMOTE: remote",
                        enum_type=RemotePolicy,
                        max_length=20,
                    ),
                ),
                ("employment_type", fields.CharField(null=True, max_length=40)),
                ("seniority", fields.CharField(null=True, max_length=40)),
                ("salary_min", fields.IntField(null=True)),
                ("salary_max", fields.IntField(null=True)),
                ("salary_currency", fields.CharField(null=True, max_length=3)),
                (
                    "status",
                    fields.CharEnumField(
                        default=JobStatus.OPEN,
                        description="OPEN: open\nCLOSED: closed",
                        enum_type=JobStatus,
                        max_length=20,
                    ),
                ),
                (
                    "weights",
                    fields.JSONField(
                        default=dict,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                (
                    "analysis",
                    fields.JSONField(
                        default=dict,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                ("embedding", VectorField(null=True, dimensions=384)),
                ("embedding_model", fields.CharField(null=True, max_length=100)),
                (
                    "closed_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={
                "table": "jobs",
                "app": "models",
                "indexes": [Index(fields=["owner_id", "status", "created_at"])],
                "pk_attr": "id",
                "table_description": "A posting; `analysis` holds the requirements read from its description.",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="Pool",
            fields=[
                (
                    "id",
                    fields.UUIDField(
                        primary_key=True, default=uuid4, unique=True, db_index=True
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ("name", fields.CharField(max_length=200)),
                (
                    "kind",
                    fields.CharEnumField(
                        default=PoolKind.RECRUITER,
                        description="RECRUITER: recruiter\nPERSONAL: personal",
                        enum_type=PoolKind,
                        max_length=20,
                    ),
                ),
                (
                    "owner",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="owner_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="pools",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("is_default", fields.BooleanField(default=False)),
            ],
            options={
                "table": "pools",
                "app": "models",
                "unique_together": (("owner", "name"),),
                "pk_attr": "id",
                "table_description": "A recruiter's pool, or the personal pool holding a candidate's own profile.",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="Candidate",
            fields=[
                (
                    "id",
                    fields.UUIDField(
                        primary_key=True, default=uuid4, unique=True, db_index=True
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "pool",
                    fields.ForeignKeyField(
                        "models.Pool",
                        source_field="pool_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="candidates",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "user",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="user_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="profiles",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("name", fields.CharField(max_length=200)),
                ("email", fields.CharField(null=True, max_length=320)),
                ("phone", fields.CharField(null=True, max_length=32)),
                ("location", fields.CharField(null=True, max_length=200)),
                ("headline", fields.CharField(null=True, max_length=300)),
                ("summary", fields.TextField(null=True, unique=False)),
                (
                    "skills",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                ("years_experience", fields.FloatField(null=True)),
                (
                    "profile",
                    fields.JSONField(
                        default=dict,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                ("embedding", VectorField(null=True, dimensions=384)),
                ("embedding_model", fields.CharField(null=True, max_length=100)),
            ],
            options={
                "table": "candidates",
                "app": "models",
                "unique_together": (("pool", "email"),),
                "indexes": [
                    Index(fields=["pool_id", "created_at"]),
                    Index(fields=["pool_id", "name"]),
                ],
                "pk_attr": "id",
                "table_description": "One person's profile inside one pool; e-mails are stored lower-cased.",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="CandidateSource",
            fields=[
                (
                    "id",
                    fields.UUIDField(
                        primary_key=True, default=uuid4, unique=True, db_index=True
                    ),
                ),
                (
                    "candidate",
                    fields.ForeignKeyField(
                        "models.Candidate",
                        source_field="candidate_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="sources",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "kind",
                    fields.CharEnumField(
                        description="MANUAL: manual\nUPLOAD: upload\nBULK: bulk\nDRIVE: drive\nAPI: api",
                        enum_type=SourceKind,
                        max_length=20,
                    ),
                ),
                ("resume_id", fields.UUIDField(null=True)),
                ("external_id", fields.CharField(null=True, max_length=300)),
                ("url", fields.CharField(null=True, max_length=2000)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "candidate_sources",
                "app": "models",
                "indexes": [Index(fields=["candidate_id", "created_at"])],
                "pk_attr": "id",
                "table_description": "A way a candidate reached the product (an upload, a Drive file, an API call).",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="DriveSync",
            fields=[
                (
                    "id",
                    fields.UUIDField(
                        primary_key=True, default=uuid4, unique=True, db_index=True
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "owner",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="owner_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="drive_syncs",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "pool",
                    fields.ForeignKeyField(
                        "models.Pool",
                        source_field="pool_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="drive_syncs",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("folder_id", fields.CharField(max_length=200)),
                ("folder_name", fields.CharField(default="", max_length=500)),
                (
                    "schedule",
                    fields.CharEnumField(
                        default=SyncSchedule.DAILY,
                        description="HOURLY: hourly\nDAILY: daily\nWEEKLY: weekly\nMANUAL: manual",
                        enum_type=SyncSchedule,
                        max_length=20,
                    ),
                ),
                ("include_subfolders", fields.BooleanField(default=True)),
                ("paused", fields.BooleanField(default=False)),
                ("credentials_encrypted", fields.BinaryField(null=True)),
                ("page_token", fields.CharField(null=True, max_length=300)),
                (
                    "last_run_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("last_error", fields.TextField(null=True, unique=False)),
            ],
            options={
                "table": "drive_syncs",
                "app": "models",
                "unique_together": (("pool", "folder_id"),),
                "pk_attr": "id",
                "table_description": "A watched folder; credentials are stored encrypted, never returned.",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="ImportBatch",
            fields=[
                (
                    "id",
                    fields.UUIDField(
                        primary_key=True, default=uuid4, unique=True, db_index=True
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "pool",
                    fields.ForeignKeyField(
                        "models.Pool",
                        source_field="pool_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="batches",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "created_by",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="created_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "source",
                    fields.CharEnumField(
                        description="BULK: bulk\nDRIVE: drive",
                        enum_type=BatchSource,
                        max_length=20,
                    ),
                ),
                (
                    "status",
                    fields.CharEnumField(
                        default=BatchStatus.RUNNING,
                        description="RUNNING: running\nDONE: done",
                        enum_type=BatchStatus,
                        max_length=20,
                    ),
                ),
                ("total", fields.IntField(default=0)),
                ("succeeded", fields.IntField(default=0)),
                ("failed", fields.IntField(default=0)),
                (
                    "finished_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={"table": "import_batches", "app": "models", "pk_attr": "id"},
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="Match",
            fields=[
                (
                    "id",
                    fields.UUIDField(
                        primary_key=True, default=uuid4, unique=True, db_index=True
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "job",
                    fields.ForeignKeyField(
                        "models.Job",
                        source_field="job_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="matches",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "candidate",
                    fields.ForeignKeyField(
                        "models.Candidate",
                        source_field="candidate_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="matches",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("score", fields.FloatField()),
                (
                    "factors",
                    fields.JSONField(
                        default=dict,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                (
                    "reasons",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                ("feedback", fields.CharField(null=True, max_length=20)),
            ],
            options={
                "table": "matches",
                "app": "models",
                "unique_together": (("job", "candidate"),),
                "indexes": [
                    Index(fields=["job_id", "score"]),
                    Index(fields=["candidate_id", "score"]),
                ],
                "pk_attr": "id",
                "table_description": "A job-candidate score, its per-factor breakdown and plain-language reasons.",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="PoolGrant",
            fields=[
                (
                    "id",
                    fields.UUIDField(
                        primary_key=True, default=uuid4, unique=True, db_index=True
                    ),
                ),
                (
                    "pool",
                    fields.ForeignKeyField(
                        "models.Pool",
                        source_field="pool_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="grants",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "user",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="user_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="pool_grants",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "granted_by",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="granted_by_id",
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "pool_grants",
                "app": "models",
                "unique_together": (("pool", "user"),),
                "pk_attr": "id",
                "table_description": "Shares a pool with another recruiter, who may then read and edit it.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Resume",
            fields=[
                (
                    "id",
                    fields.UUIDField(
                        primary_key=True, default=uuid4, unique=True, db_index=True
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "pool",
                    fields.ForeignKeyField(
                        "models.Pool",
                        source_field="pool_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="resumes",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "candidate",
                    fields.ForeignKeyField(
                        "models.Candidate",
                        source_field="candidate_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="resumes",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "uploaded_by",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="uploaded_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "batch",
                    fields.ForeignKeyField(
                        "models.ImportBatch",
                        source_field="batch_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="resumes",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "duplicate_of",
                    fields.ForeignKeyField(
                        "models.Resume",
                        source_field="duplicate_of_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("filename", fields.CharField(max_length=500)),
                ("content_type", fields.CharField(max_length=100)),
                ("size_bytes", fields.BigIntField()),
                ("sha256", fields.CharField(max_length=64)),
                ("storage_key", fields.CharField(max_length=300)),
                (
                    "status",
                    fields.CharEnumField(
                        default=ResumeStatus.QUEUED,
                        description="QUEUED: queued\nPROCESSING: processing\nPARSED: parsed\nFAILED: failed\nDUPLICATE: duplicate",
                        enum_type=ResumeStatus,
                        max_length=20,
                    ),
                ),
                ("text", fields.TextField(null=True, unique=False)),
                (
                    "parsed",
                    fields.JSONField(
                        null=True,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                ("parser_version", fields.CharField(null=True, max_length=40)),
            ],
            options={
                "table": "resumes",
                "app": "models",
                "indexes": [
                    Index(fields=["pool_id", "sha256"]),
                    Index(fields=["pool_id", "created_at"]),
                    Index(fields=["batch_id", "status"]),
                ],
                "pk_attr": "id",
                "table_description": "An uploaded file (stored by SHA-256) and what parsing made of it.",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="DriveFile",
            fields=[
                (
                    "id",
                    fields.UUIDField(
                        primary_key=True, default=uuid4, unique=True, db_index=True
                    ),
                ),
                (
                    "sync",
                    fields.ForeignKeyField(
                        "models.DriveSync",
                        source_field="sync_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="files",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("file_id", fields.CharField(max_length=200)),
                ("name", fields.CharField(max_length=500)),
                ("md5", fields.CharField(null=True, max_length=32)),
                (
                    "modified_time",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                (
                    "resume",
                    fields.ForeignKeyField(
                        "models.Resume",
                        source_field="resume_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("skipped_reason", fields.CharField(null=True, max_length=200)),
                ("seen_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={
                "table": "drive_files",
                "app": "models",
                "unique_together": (("sync", "file_id"),),
                "pk_attr": "id",
                "table_description": "A Drive file a sync has seen: the md5 and time that say whether it changed.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="ProcessingJob",
            fields=[
                (
                    "id",
                    fields.UUIDField(
                        primary_key=True, default=uuid4, unique=True, db_index=True
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "resume",
                    fields.ForeignKeyField(
                        "models.Resume",
                        source_field="resume_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="processing_jobs",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("kind", fields.CharField(max_length=50)),
                (
                    "stage",
                    fields.CharEnumField(
                        default=JobStage.QUEUED,
                        description="QUEUED: queued\nEXTRACTING: extracting\nOCR: ocr\nPARSING: parsing\nENRICHING: enriching\nMATCHING: matching\nDONE: done\nFAILED: failed",
                        enum_type=JobStage,
                        max_length=20,
                    ),
                ),
                ("progress", fields.SmallIntField(default=0)),
                ("attempts", fields.SmallIntField(default=0)),
                ("error_code", fields.CharField(null=True, max_length=50)),
                ("error_message", fields.TextField(null=True, unique=False)),
                (
                    "timings",
                    fields.JSONField(
                        default=dict,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                (
                    "started_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                (
                    "finished_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={
                "table": "processing_jobs",
                "app": "models",
                "unique_together": (("resume", "kind"),),
                "indexes": [Index(fields=["stage", "updated_at"])],
                "pk_attr": "id",
                "table_description": "The work on one resume: stage, attempts, timings and an actionable failure.",
            },
            bases=["TimestampedModel"],
        ),
        ops.AddConstraint(
            "User",
            CheckConstraint(
                check="role IN ('admin', 'recruiter', 'candidate')",
                name="users_role_check",
            ),
        ),
        ops.AddConstraint(
            "Job",
            CheckConstraint(
                check="status IN ('open', 'closed')", name="jobs_status_check"
            ),
        ),
        ops.AddConstraint(
            "Job",
            CheckConstraint(
                check="remote IN ('onsite', 'hybrid', 'remote')",
                name="jobs_remote_check",
            ),
        ),
        ops.AddConstraint(
            "Job",
            CheckConstraint(
                check="salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max",
                name="jobs_salary_range_check",
            ),
        ),
        ops.AddConstraint(
            "Pool",
            CheckConstraint(
                check="kind IN ('recruiter', 'personal')", name="pools_kind_check"
            ),
        ),
        ops.AddConstraint(
            "Pool",
            UniqueConstraint(
                fields=("owner_id",),
                name="pools_one_default_per_owner",
                condition="is_default",
            ),
        ),
        ops.AddConstraint(
            "CandidateSource",
            CheckConstraint(
                check="kind IN ('manual', 'upload', 'bulk', 'drive', 'api')",
                name="candidate_sources_kind_check",
            ),
        ),
        ops.AddConstraint(
            "DriveSync",
            CheckConstraint(
                check="schedule IN ('hourly', 'daily', 'weekly', 'manual')",
                name="drive_syncs_schedule_check",
            ),
        ),
        ops.AddConstraint(
            "ImportBatch",
            CheckConstraint(
                check="source IN ('bulk', 'drive')", name="import_batches_source_check"
            ),
        ),
        ops.AddConstraint(
            "ImportBatch",
            CheckConstraint(
                check="status IN ('running', 'done')",
                name="import_batches_status_check",
            ),
        ),
        ops.AddConstraint(
            "Match",
            CheckConstraint(check="score BETWEEN 0 AND 1", name="matches_score_check"),
        ),
        ops.AddConstraint(
            "Resume",
            CheckConstraint(
                check="status IN ('queued', 'processing', 'parsed', 'failed', 'duplicate')",
                name="resumes_status_check",
            ),
        ),
        ops.AddConstraint(
            "ProcessingJob",
            CheckConstraint(
                check="stage IN ('queued', 'extracting', 'ocr', 'parsing', 'enriching', 'matching', 'done', 'failed')",
                name="processing_jobs_stage_check",
            ),
        ),
        ops.AddConstraint(
            "ProcessingJob",
            CheckConstraint(
                check="progress BETWEEN 0 AND 100",
                name="processing_jobs_progress_check",
            ),
        ),
        ops.RunSQL(
            [
                "CREATE INDEX candidates_embedding_hnsw ON candidates"
                " USING hnsw (embedding vector_cosine_ops)",
                "CREATE INDEX jobs_embedding_hnsw ON jobs"
                " USING hnsw (embedding vector_cosine_ops)",
            ],
            reverse_sql=[
                "DROP INDEX candidates_embedding_hnsw",
                "DROP INDEX jobs_embedding_hnsw",
            ],
        ),
    ]
