"""LLM enhancement: the cost of each call, the answers cache, each resume's
enrichment (field sources, rejected values, generated text), generated match
reasons and job requirement suggestions."""

import functools
from json import dumps, loads
from uuid import uuid4

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.indexes import Index
from tortoise.migrations import operations as ops
from tortoise.migrations.constraints import CheckConstraint

from domain.models.llm import EnrichmentStatus


class Migration(migrations.Migration):
    dependencies = [("models", "0009_ops")]

    initial = False

    operations = [
        ops.CreateModel(
            name="JobRefinement",
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
                    fields.OneToOneField(
                        "models.Job",
                        source_field="job_id",
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("model", fields.CharField(max_length=200)),
                ("description_hash", fields.CharField(max_length=64)),
                (
                    "required",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                (
                    "preferred",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                (
                    "moved",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                (
                    "added",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                (
                    "rejected",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
            ],
            options={
                "table": "job_refinements",
                "app": "models",
                "pk_attr": "id",
                "table_description": "The model's sorting of a posting's skills into required and preferred, a",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="LlmCacheEntry",
            fields=[
                (
                    "id",
                    fields.UUIDField(
                        primary_key=True, default=uuid4, unique=True, db_index=True
                    ),
                ),
                ("model", fields.CharField(max_length=200)),
                ("prompt_version", fields.CharField(max_length=40)),
                ("content_hash", fields.CharField(max_length=64)),
                (
                    "answer",
                    fields.JSONField(
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "llm_cache",
                "app": "models",
                "unique_together": (("model", "prompt_version", "content_hash"),),
                "pk_attr": "id",
                "table_description": "A validated answer, keyed by (model, prompt version, content hash): the same",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="LlmCall",
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
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("purpose", fields.CharField(max_length=40)),
                ("model", fields.CharField(max_length=200)),
                ("prompt_tokens", fields.IntField(default=0)),
                ("completion_tokens", fields.IntField(default=0)),
                (
                    "cost_usd",
                    fields.DecimalField(default=0, max_digits=12, decimal_places=6),
                ),
                ("cached", fields.BooleanField(default=False)),
                ("outcome", fields.CharField(max_length=40)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "llm_calls",
                "app": "models",
                "indexes": [Index(fields=["user_id", "created_at"])],
                "pk_attr": "id",
                "table_description": "One call to the model (or a cache hit, which costs nothing), billed to the",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="MatchExplanation",
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
                    "match",
                    fields.OneToOneField(
                        "models.Match",
                        source_field="match_id",
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("model", fields.CharField(max_length=200)),
                (
                    "match_computed_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                (
                    "strengths",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                (
                    "gaps",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
            ],
            options={
                "table": "match_explanations",
                "app": "models",
                "pk_attr": "id",
                "table_description": "Plain-language reasons a model wrote from a match's evidence (the template",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="ResumeEnrichment",
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
                    fields.OneToOneField(
                        "models.Resume",
                        source_field="resume_id",
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "status",
                    fields.CharEnumField(
                        description="ENRICHED: enriched\nFALLBACK: fallback\nPAUSED: paused",
                        enum_type=EnrichmentStatus,
                        max_length=20,
                    ),
                ),
                ("model", fields.CharField(max_length=200)),
                ("message", fields.TextField(default="", unique=False)),
                (
                    "sources",
                    fields.JSONField(
                        default=dict,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                (
                    "rejected",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                ("summary", fields.TextField(null=True, unique=False)),
                (
                    "strengths",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
            ],
            options={
                "table": "resume_enrichments",
                "app": "models",
                "constraints": [
                    CheckConstraint(
                        check="status IN ('enriched', 'fallback', 'paused')",
                        name="resume_enrichments_status_check",
                    )
                ],
                "pk_attr": "id",
                "table_description": "What the model added to a resume: the source of each merged field, the",
            },
            bases=["TimestampedModel"],
        ),
        ops.AddConstraint(
            model_name="ResumeEnrichment",
            constraint=CheckConstraint(
                check="status IN ('enriched', 'fallback', 'paused')",
                name="resume_enrichments_status_check",
            ),
        ),
    ]
