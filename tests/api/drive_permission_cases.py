"""The permission world with Drive in it: the owner connected Google Drive and
syncs a folder into the secret pool; the other recruiter syncs one of their own.

Rows are made with the ORM, as the connect flow and a run would leave them.
"""

from dataclasses import dataclass, fields
from typing import Any

from domain.config import DEV_DRIVE_ENCRYPTION_KEY
from domain.drive.crypto import encrypt_json
from domain.models import (
    DriveAuthKind,
    DriveConnection,
    DriveRun,
    DriveSync,
    Pool,
    SyncSchedule,
)
from tests.api.permission_cases import World, build_world, gid

OWNER_FOLDER = "folder-of-olga"
OTHER_FOLDER = "folder-of-oscar"
OWNER_REFRESH_TOKEN = "refresh-token-of-olga"


@dataclass(frozen=True)
class DriveWorld(World):
    sync: DriveSync
    other_sync: DriveSync

    def secrets(self) -> list[str]:
        return [
            *super().secrets(),
            OWNER_FOLDER,
            OWNER_REFRESH_TOKEN,
            str(self.sync.id),
            gid("DriveSync", self.sync.id),
        ]


async def build_drive_world() -> DriveWorld:
    world = await build_world()
    for user, token in ((world.owner, OWNER_REFRESH_TOKEN), (world.other, "other")):
        await DriveConnection.create(
            owner=user,
            kind=DriveAuthKind.OAUTH,
            credentials_encrypted=encrypt_json(
                DEV_DRIVE_ENCRYPTION_KEY, {"refresh_token": token}
            ),
        )
    sync = await DriveSync.create(
        owner=world.owner,
        pool=world.pool,
        folder_id=OWNER_FOLDER,
        folder_name="Olga's resumes",
        schedule=SyncSchedule.DAILY,
    )
    await DriveRun.create(sync=sync, found=3, imported=2, skipped=1)
    others = await Pool.get(owner_id=world.other.id, is_default=True)
    other_sync = await DriveSync.create(
        owner=world.other, pool=others, folder_id=OTHER_FOLDER
    )
    base = {f.name: getattr(world, f.name) for f in fields(World)}
    return DriveWorld(**base, sync=sync, other_sync=other_sync)


async def drive_rows() -> dict[str, Any]:
    """Every Drive row the API could change."""
    return {
        "syncs": await DriveSync.all()
        .order_by("id")
        .values_list("id", "folder_id", "schedule", "paused", "updated_at"),
        "connections": await DriveConnection.all()
        .order_by("id")
        .values_list("id", "owner_id", "credentials_encrypted", "updated_at"),
        "runs": await DriveRun.all().order_by("id").values_list("id"),
    }
