"""Intake: batch items, resume source and kind, fields a recruiter edited by hand."""

import functools
from json import dumps, loads
from uuid import uuid4

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops
from tortoise.migrations.constraints import CheckConstraint

from domain.models.candidates import SourceKind


class Migration(migrations.Migration):
    dependencies = [("models", "0001_initial")]

    initial = False

    operations = [
        ops.CreateModel(
            name="ImportBatchItem",
            fields=[
                (
                    "id",
                    fields.UUIDField(
                        primary_key=True, default=uuid4, unique=True, db_index=True
                    ),
                ),
                (
                    "batch",
                    fields.ForeignKeyField(
                        "models.ImportBatch",
                        source_field="batch_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="items",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("position", fields.IntField()),
                ("file_name", fields.CharField(max_length=500)),
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
                ("error_code", fields.CharField(null=True, max_length=50)),
                ("error_message", fields.TextField(null=True, unique=False)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "import_batch_items",
                "app": "models",
                "unique_together": (("batch", "position"),),
                "pk_attr": "id",
                "table_description": "One uploaded file or archive entry of a batch: its resume, or why it failed.",
            },
            bases=["Model"],
        ),
        ops.AddField(
            model_name="Candidate",
            name="manual_fields",
            field=fields.JSONField(
                default=list,
                encoder=functools.partial(dumps, separators=(",", ":")),
                decoder=loads,
            ),
        ),
        ops.AddField(
            model_name="Resume",
            name="file_kind",
            field=fields.CharField(default="", max_length=10),
        ),
        ops.AddField(
            model_name="Resume",
            name="source",
            field=fields.CharEnumField(
                default=SourceKind.UPLOAD,
                description="MANUAL: manual\nUPLOAD: upload\nBULK: bulk\nDRIVE: drive\nAPI: api",
                enum_type=SourceKind,
                max_length=20,
            ),
        ),
        ops.AddConstraint(
            model_name="Resume",
            constraint=CheckConstraint(
                check="source IN ('manual', 'upload', 'bulk', 'drive', 'api')",
                name="resumes_source_check",
            ),
        ),
    ]
