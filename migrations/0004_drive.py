"""Google Drive sync: connections, runs, and what a sync remembers of its files."""

import functools
from json import dumps, loads
from uuid import uuid4

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.indexes import Index
from tortoise.migrations import operations as ops
from tortoise.migrations.constraints import CheckConstraint

from domain.models.drive import DriveAuthKind


class Migration(migrations.Migration):
    dependencies = [("models", "0003_merges_notifications")]

    initial = False

    operations = [
        ops.CreateModel(
            name="DriveConnection",
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
                    fields.OneToOneField(
                        "models.User",
                        source_field="owner_id",
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "kind",
                    fields.CharEnumField(
                        description="OAUTH: oauth\nSERVICE_ACCOUNT: service_account",
                        enum_type=DriveAuthKind,
                        max_length=20,
                    ),
                ),
                ("account", fields.CharField(default="", max_length=320)),
                ("credentials_encrypted", fields.BinaryField()),
                (
                    "revoked_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={
                "table": "drive_connections",
                "app": "models",
                "constraints": [
                    CheckConstraint(
                        check="kind IN ('oauth', 'service_account')",
                        name="drive_connections_kind_check",
                    )
                ],
                "pk_attr": "id",
                "table_description": "A user's access to Google Drive: OAuth tokens or a service-account key,",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="DriveRun",
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
                        related_name="runs",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("started_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                (
                    "finished_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("found", fields.IntField(default=0)),
                ("imported", fields.IntField(default=0)),
                ("skipped", fields.IntField(default=0)),
                ("failed", fields.IntField(default=0)),
                ("error_code", fields.CharField(null=True, max_length=50)),
                ("error", fields.TextField(null=True, unique=False)),
            ],
            options={
                "table": "drive_runs",
                "app": "models",
                "indexes": [Index(fields=["sync_id", "started_at"])],
                "pk_attr": "id",
                "table_description": "One run of a sync: what it found and did, and why it stopped if it failed.",
            },
            bases=["Model"],
        ),
        ops.AlterField(
            model_name="DriveFile",
            name="skipped_reason",
            field=fields.CharField(null=True, max_length=300),
        ),
        ops.AddField(
            model_name="DriveFile",
            name="mime_type",
            field=fields.CharField(default="", max_length=200),
        ),
        ops.AddField(
            model_name="DriveFile",
            name="web_view_link",
            field=fields.CharField(null=True, max_length=2000),
        ),
        ops.AddIndex(
            model_name="DriveFile",
            index=Index(fields=["sync_id", "md5"]),
        ),
        ops.AddIndex(
            model_name="DriveFile",
            index=Index(fields=["resume_id"]),
        ),
        ops.AlterModelOptions(
            name="DriveSync",
            options={
                "table": "drive_syncs",
                "app": "models",
                "unique_together": (("pool", "folder_id"),),
                "constraints": [
                    CheckConstraint(
                        check="schedule IN ('hourly', 'daily', 'weekly', 'manual')",
                        name="drive_syncs_schedule_check",
                    )
                ],
                "pk_attr": "id",
                "table_description": "A watched folder tree, imported into a pool with its owner's connection.",
            },
        ),
        ops.AddField(
            model_name="DriveSync",
            name="tree_folder_ids",
            field=fields.JSONField(
                default=list,
                encoder=functools.partial(dumps, separators=(",", ":")),
                decoder=loads,
            ),
        ),
        ops.RemoveField(model_name="DriveSync", name="credentials_encrypted"),
        # CreateModel leaves out the CHECK constraints of a new table.
        ops.AddConstraint(
            model_name="DriveConnection",
            constraint=CheckConstraint(
                check="kind IN ('oauth', 'service_account')",
                name="drive_connections_kind_check",
            ),
        ),
    ]
