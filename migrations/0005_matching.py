"""Matching: match history, score version and feedback values; when a job or
candidate was last matched."""

import functools
from json import dumps, loads

from tortoise import fields, migrations
from tortoise.migrations import operations as ops
from tortoise.migrations.constraints import CheckConstraint

from domain.models.jobs import MatchFeedback


class Migration(migrations.Migration):
    dependencies = [("models", "0004_drive")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Candidate",
            name="matched_at",
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name="Job",
            name="matched_at",
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AlterField(
            model_name="Match",
            name="feedback",
            field=fields.CharEnumField(
                null=True,
                description="INTERESTED: interested\nNOT_INTERESTED: not_interested\nAPPLIED: applied\nHIRED: hired\nREJECTED: rejected",
                enum_type=MatchFeedback,
                max_length=20,
            ),
        ),
        ops.AddField(
            model_name="Match",
            name="computed_at",
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name="Match",
            name="history",
            field=fields.JSONField(
                default=list,
                encoder=functools.partial(dumps, separators=(",", ":")),
                decoder=loads,
            ),
        ),
        ops.AddField(
            model_name="Match",
            name="score_version",
            field=fields.CharField(default="", max_length=40),
        ),
        ops.AddField(
            model_name="Match",
            name="similarity",
            field=fields.FloatField(null=True),
        ),
        ops.AddConstraint(
            model_name="Match",
            constraint=CheckConstraint(
                check="feedback IN ('interested', 'not_interested', 'applied', 'hired', 'rejected')",
                name="matches_feedback_check",
            ),
        ),
    ]
