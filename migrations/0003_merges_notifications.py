"""Tier-2 duplicates, undoable candidate merges and notifications."""

import functools
from json import dumps, loads
from uuid import uuid4

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.indexes import Index
from tortoise.migrations import operations as ops
from tortoise.migrations.constraints import CheckConstraint

from domain.models.candidates import DuplicateStatus
from domain.models.notifications import NotificationKind


class Migration(migrations.Migration):
    dependencies = [("models", "0002_intake")]

    initial = False

    operations = [
        ops.CreateModel(
            name="CandidateDuplicate",
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
                        related_name=False,
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "duplicate_of",
                    fields.ForeignKeyField(
                        "models.Candidate",
                        source_field="duplicate_of_id",
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("reason", fields.CharField(max_length=300)),
                ("similarity", fields.FloatField()),
                (
                    "status",
                    fields.CharEnumField(
                        default=DuplicateStatus.OPEN,
                        description="OPEN: open\nMERGED: merged\nDISMISSED: dismissed",
                        enum_type=DuplicateStatus,
                        max_length=20,
                    ),
                ),
                ("resolved_by_id", fields.UUIDField(null=True)),
                (
                    "resolved_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "candidate_duplicates",
                "app": "models",
                "unique_together": (("candidate", "duplicate_of"),),
                "constraints": [
                    CheckConstraint(
                        check="status IN ('open', 'merged', 'dismissed')",
                        name="candidate_duplicates_status_check",
                    )
                ],
                "indexes": [Index(fields=["duplicate_of_id", "status"])],
                "pk_attr": "id",
                "table_description": "A tier-2 possible duplicate (similar name and a shared employer) for a",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="CandidateMerge",
            fields=[
                (
                    "id",
                    fields.UUIDField(
                        primary_key=True, default=uuid4, unique=True, db_index=True
                    ),
                ),
                (
                    "kept",
                    fields.ForeignKeyField(
                        "models.Candidate",
                        source_field="kept_id",
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "merged",
                    fields.ForeignKeyField(
                        "models.Candidate",
                        source_field="merged_id",
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "kept_before",
                    fields.JSONField(
                        default=dict,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                (
                    "merged_before",
                    fields.JSONField(
                        default=dict,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                (
                    "moved_source_ids",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                ("merged_by_id", fields.UUIDField(null=True)),
                ("undone_by_id", fields.UUIDField(null=True)),
                (
                    "undone_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "candidate_merges",
                "app": "models",
                "indexes": [
                    Index(fields=["kept_id", "created_at"]),
                    Index(fields=["merged_id", "created_at"]),
                ],
                "pk_attr": "id",
                "table_description": "A merge of `merged` into `kept`, with what it changed, so it can be undone.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Notification",
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
                        related_name=False,
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "kind",
                    fields.CharEnumField(
                        description="BATCH_FINISHED: batch_finished",
                        enum_type=NotificationKind,
                        max_length=40,
                    ),
                ),
                ("subject_id", fields.UUIDField()),
                ("message", fields.TextField(unique=False)),
                (
                    "details",
                    fields.JSONField(
                        default=dict,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                (
                    "read_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={
                "table": "notifications",
                "app": "models",
                "unique_together": (("user", "kind", "subject_id"),),
                "constraints": [
                    CheckConstraint(
                        check="kind IN ('batch_finished')",
                        name="notifications_kind_check",
                    )
                ],
                "indexes": [Index(fields=["user_id", "updated_at"])],
                "pk_attr": "id",
                "table_description": "One notice per (user, kind, subject): a re-finished batch updates its notice",
            },
            bases=["Model"],
        ),
        ops.AddField(
            model_name="Candidate",
            name="merged_into",
            field=fields.ForeignKeyField(
                "models.Candidate",
                source_field="merged_into_id",
                null=True,
                db_constraint=True,
                to_field="id",
                related_name=False,
                on_delete=OnDelete.SET_NULL,
            ),
        ),
        # CreateModel does not create CHECK constraints of new tables.
        ops.AddConstraint(
            model_name="CandidateDuplicate",
            constraint=CheckConstraint(
                check="status IN ('open', 'merged', 'dismissed')",
                name="candidate_duplicates_status_check",
            ),
        ),
        ops.AddConstraint(
            model_name="Notification",
            constraint=CheckConstraint(
                check="kind IN ('batch_finished')", name="notifications_kind_check"
            ),
        ),
        ops.AddConstraint(
            model_name="CandidateDuplicate",
            constraint=CheckConstraint(
                check="candidate_id <> duplicate_of_id",
                name="candidate_duplicates_distinct_check",
            ),
        ),
        ops.AddConstraint(
            model_name="CandidateMerge",
            constraint=CheckConstraint(
                check="kept_id <> merged_id", name="candidate_merges_distinct_check"
            ),
        ),
    ]
