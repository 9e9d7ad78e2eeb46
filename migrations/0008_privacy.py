"""Privacy: consent records, erased candidates and per-pool retention."""

from uuid import uuid4

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.indexes import Index
from tortoise.migrations import operations as ops
from tortoise.migrations.constraints import CheckConstraint

from domain.models.privacy import ConsentPurpose


class Migration(migrations.Migration):
    dependencies = [("models", "0007_search")]

    initial = False

    operations = [
        ops.CreateModel(
            name="Consent",
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
                        related_name="consents",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "purpose",
                    fields.CharEnumField(
                        description="PROCESSING: processing\nMATCHING: matching\nSHARING: sharing\nMARKETING: marketing",
                        enum_type=ConsentPurpose,
                        max_length=20,
                    ),
                ),
                ("granted", fields.BooleanField()),
                ("source", fields.CharField(max_length=300)),
                (
                    "valid_until",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("recorded_by_id", fields.UUIDField(null=True)),
                (
                    "recorded_at",
                    fields.DatetimeField(auto_now=False, auto_now_add=True),
                ),
            ],
            options={
                "table": "candidate_consents",
                "app": "models",
                "constraints": [
                    CheckConstraint(
                        check="purpose IN ('processing', 'matching', 'sharing', 'marketing')",
                        name="candidate_consents_purpose_check",
                    )
                ],
                "indexes": [Index(fields=["candidate_id", "recorded_at"])],
                "pk_attr": "id",
                "table_description": "One grant or withdrawal, appended and never changed: the latest record per",
            },
            bases=["Model"],
        ),
        ops.AddConstraint(
            model_name="Consent",
            constraint=CheckConstraint(
                check="purpose IN ('processing', 'matching', 'sharing', 'marketing')",
                name="candidate_consents_purpose_check",
            ),
        ),
        ops.AddField(
            model_name="Candidate",
            name="erased_at",
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name="Pool",
            name="retention_months",
            field=fields.SmallIntField(null=True),
        ),
    ]
