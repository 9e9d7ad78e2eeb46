"""Google Drive folder syncs and the files each one has seen."""

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from domain.models.base import TimestampedModel, enum_check
from domain.models.pools import Pool
from domain.models.resumes import Resume
from domain.models.users import User


class SyncSchedule(StrEnum):
    HOURLY = "hourly"
    DAILY = "daily"
    WEEKLY = "weekly"
    MANUAL = "manual"


class DriveSync(TimestampedModel):
    """A watched folder; credentials are stored encrypted, never returned."""

    owner: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="drive_syncs", on_delete=fields.CASCADE
    )
    pool: fields.ForeignKeyRelation[Pool] = fields.ForeignKeyField(
        "models.Pool", related_name="drive_syncs", on_delete=fields.CASCADE
    )
    folder_id = fields.CharField(max_length=200)
    folder_name = fields.CharField(max_length=500, default="")
    schedule = fields.CharEnumField(
        SyncSchedule, max_length=20, default=SyncSchedule.DAILY
    )
    include_subfolders = fields.BooleanField(default=True)
    paused = fields.BooleanField(default=False)
    credentials_encrypted = fields.BinaryField(null=True)
    page_token = fields.CharField(max_length=300, null=True)
    last_run_at = fields.DatetimeField(null=True)
    last_error = fields.TextField(null=True)

    class Meta:
        table = "drive_syncs"
        unique_together = (("pool", "folder_id"),)
        constraints = (enum_check("drive_syncs", "schedule", SyncSchedule),)


class DriveFile(Model):
    """A Drive file a sync has seen: the md5 and time that say whether it changed."""

    id = fields.UUIDField(primary_key=True)
    sync: fields.ForeignKeyRelation[DriveSync] = fields.ForeignKeyField(
        "models.DriveSync", related_name="files", on_delete=fields.CASCADE
    )
    file_id = fields.CharField(max_length=200)
    name = fields.CharField(max_length=500)
    md5 = fields.CharField(max_length=32, null=True)
    modified_time = fields.DatetimeField(null=True)
    resume: fields.ForeignKeyNullableRelation[Resume] = fields.ForeignKeyField(
        "models.Resume", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    skipped_reason = fields.CharField(max_length=200, null=True)
    seen_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "drive_files"
        unique_together = (("sync", "file_id"),)
