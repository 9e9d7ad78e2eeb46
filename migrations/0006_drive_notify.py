"""Drive notices: the DRIVE_SYNC_PAUSED notification kind (its CHECK replaced)
and when a Drive file was removed from the watched tree."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops
from tortoise.migrations.constraints import CheckConstraint

from domain.models.notifications import NotificationKind


class Migration(migrations.Migration):
    dependencies = [("models", "0005_matching")]

    initial = False

    operations = [
        ops.AddField(
            model_name="DriveFile",
            name="removed_at",
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        # Replaces the CHECK of 0003: Tortoise has no AlterConstraint. (0003 put
        # the check in CreateModel's state and added it again: one remove drops
        # both from the state and the one real constraint from the database.)
        ops.RemoveConstraint(
            model_name="Notification",
            name="notifications_kind_check",
            fields=None,
        ),
        ops.AlterField(
            model_name="Notification",
            name="kind",
            field=fields.CharEnumField(
                description="BATCH_FINISHED: batch_finished\nDRIVE_SYNC_PAUSED: drive_sync_paused",
                enum_type=NotificationKind,
                max_length=40,
            ),
        ),
        ops.AddConstraint(
            model_name="Notification",
            constraint=CheckConstraint(
                check="kind IN ('batch_finished', 'drive_sync_paused')",
                name="notifications_kind_check",
            ),
        ),
    ]
