"""Google Drive connections, the folder syncs that use them, their runs and files."""

from enum import StrEnum
from uuid import UUID

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


class DriveAuthKind(StrEnum):
    OAUTH = "oauth"
    SERVICE_ACCOUNT = "service_account"


class DriveConnection(TimestampedModel):
    """A user's access to Google Drive: OAuth tokens or a service-account key,
    encrypted at rest and never returned by the API. One per user."""

    owner: fields.OneToOneRelation[User] = fields.OneToOneField(
        "models.User", related_name=False, on_delete=fields.CASCADE
    )
    owner_id: UUID
    kind = fields.CharEnumField(DriveAuthKind, max_length=20)
    account = fields.CharField(max_length=320, default="")
    credentials_encrypted = fields.BinaryField()
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "drive_connections"
        constraints = (enum_check("drive_connections", "kind", DriveAuthKind),)


class DriveSync(TimestampedModel):
    """A watched folder tree, imported into a pool with its owner's connection."""

    owner: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="drive_syncs", on_delete=fields.CASCADE
    )
    pool: fields.ForeignKeyRelation[Pool] = fields.ForeignKeyField(
        "models.Pool", related_name="drive_syncs", on_delete=fields.CASCADE
    )
    owner_id: UUID
    pool_id: UUID
    folder_id = fields.CharField(max_length=200)
    folder_name = fields.CharField(max_length=500, default="")
    schedule = fields.CharEnumField(
        SyncSchedule, max_length=20, default=SyncSchedule.DAILY
    )
    include_subfolders = fields.BooleanField(default=True)
    paused = fields.BooleanField(default=False)
    # The folders of the watched tree, so that changes.list can be filtered.
    tree_folder_ids: fields.Field[list[str]] = fields.JSONField(default=list)
    page_token: fields.Field[str | None] = fields.CharField(max_length=300, null=True)
    last_run_at = fields.DatetimeField(null=True)
    last_error = fields.TextField(null=True)

    class Meta:
        table = "drive_syncs"
        unique_together = (("pool", "folder_id"),)
        constraints = (enum_check("drive_syncs", "schedule", SyncSchedule),)


class DriveRun(Model):
    """One run of a sync: what it found and did, and why it stopped if it failed."""

    id = fields.UUIDField(primary_key=True)
    sync: fields.ForeignKeyRelation[DriveSync] = fields.ForeignKeyField(
        "models.DriveSync", related_name="runs", on_delete=fields.CASCADE
    )
    sync_id: UUID
    started_at = fields.DatetimeField(auto_now_add=True)
    finished_at = fields.DatetimeField(null=True)
    found = fields.IntField(default=0)
    imported = fields.IntField(default=0)
    skipped = fields.IntField(default=0)
    failed = fields.IntField(default=0)
    error_code = fields.CharField(max_length=50, null=True)
    error = fields.TextField(null=True)

    class Meta:
        table = "drive_runs"
        indexes = (("sync_id", "started_at"),)


class DriveFile(Model):
    """A Drive file a sync has seen: the md5 and time that say whether it changed."""

    id = fields.UUIDField(primary_key=True)
    sync: fields.ForeignKeyRelation[DriveSync] = fields.ForeignKeyField(
        "models.DriveSync", related_name="files", on_delete=fields.CASCADE
    )
    sync_id: UUID
    resume_id: UUID | None
    file_id = fields.CharField(max_length=200)
    name = fields.CharField(max_length=500)
    mime_type = fields.CharField(max_length=200, default="")
    md5 = fields.CharField(max_length=32, null=True)
    modified_time = fields.DatetimeField(null=True)
    web_view_link = fields.CharField(max_length=2000, null=True)
    resume: fields.ForeignKeyNullableRelation[Resume] = fields.ForeignKeyField(
        "models.Resume", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    skipped_reason = fields.CharField(max_length=300, null=True)
    # Trashed or deleted in Drive, or moved out of the watched tree: the resume
    # it imported stays (a recruiter may still want the candidate).
    removed_at = fields.DatetimeField(null=True)
    seen_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "drive_files"
        unique_together = (("sync", "file_id"),)
        indexes = (("sync_id", "md5"), ("resume_id",))
