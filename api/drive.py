"""Google Drive in the API: connecting an account, folder syncs and their runs.

Credentials never leave the domain: no type here has a field for a token or key.
"""

from datetime import datetime
from functools import partial
from typing import Self
from uuid import UUID

import strawberry
from strawberry import relay

from api.context import Info
from api.errors import ErrorCode, UserError, user_errors
from api.pagination import Connection, decode_id, load_nodes
from api.permissions import HasScope, IsAuthenticated, allow
from api.pools import Pool
from domain.access import Scope
from domain.drive import connections, syncs
from domain.drive.options import DriveOptions
from domain.errors import DomainError
from domain.models import DriveAuthKind as DomainDriveAuthKind
from domain.models import DriveConnection as DriveConnectionModel
from domain.models import DriveRun as DriveRunModel
from domain.models import DriveSync as DriveSyncModel
from domain.models import SyncSchedule
from domain.pagination import DEFAULT_PAGE_SIZE, Ordering, SortKind, paginate

READ = allow(IsAuthenticated(), HasScope(Scope.DRIVE_READ))
WRITE = allow(IsAuthenticated(), HasScope(Scope.DRIVE_WRITE))
NEWEST_FIRST = Ordering("created_at", True, SortKind.TIME)
DriveSyncSchedule = strawberry.enum(SyncSchedule, name="DriveSyncSchedule")
DriveAuthKind = strawberry.enum(DomainDriveAuthKind, name="DriveAuthKind")


@strawberry.type
class DriveConnection:
    """A connected Google account; its tokens or key are never returned."""

    kind: DriveAuthKind  # type: ignore[valid-type]  # strawberry.enum returns the enum
    account: str = strawberry.field(description="The service account's e-mail.")
    connected_at: datetime
    revoked: bool

    @classmethod
    def from_model(cls, row: DriveConnectionModel) -> Self:
        return cls(
            kind=row.kind,
            account=row.account,
            connected_at=row.updated_at,
            revoked=row.revoked_at is not None,
        )


@strawberry.type
class DriveSyncRun:
    started_at: datetime
    finished_at: datetime | None
    found: int
    imported: int
    skipped: int
    failed: int
    error: str | None
    error_code: ErrorCode | None  # type: ignore[valid-type]  # strawberry.enum returns the enum

    @classmethod
    def from_model(cls, row: DriveRunModel) -> Self:
        return cls(
            started_at=row.started_at,
            finished_at=row.finished_at,
            found=row.found,
            imported=row.imported,
            skipped=row.skipped,
            failed=row.failed,
            error=row.error,
            error_code=row.error_code,
        )


@strawberry.type
class DriveSync(relay.Node):
    id: relay.NodeID[str]
    folder_id: str
    folder_name: str
    schedule: DriveSyncSchedule  # type: ignore[valid-type]  # strawberry.enum returns the enum
    include_subfolders: bool
    paused: bool
    last_run_at: datetime | None
    last_error: str | None
    created_at: datetime
    pool_id: strawberry.Private[UUID]
    row: strawberry.Private[DriveSyncModel]

    @strawberry.field(description="The pool it imports into, when you may see it.")
    async def pool(self, info: Info) -> Pool | None:
        row = await info.context.loaders.pool.load(self.pool_id)
        return Pool.from_model(row) if row else None

    @strawberry.field(description="The latest runs, newest first.")
    async def runs(self) -> list[DriveSyncRun]:
        return [DriveSyncRun.from_model(r) for r in await syncs.runs_of(self.row)]

    @classmethod
    def from_model(cls, row: DriveSyncModel) -> Self:
        return cls(
            id=str(row.id),
            folder_id=row.folder_id,
            folder_name=row.folder_name,
            schedule=row.schedule,
            include_subfolders=row.include_subfolders,
            paused=row.paused,
            last_run_at=row.last_run_at,
            last_error=row.last_error,
            created_at=row.created_at,
            pool_id=row.pool_id,
            row=row,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]  # async variant of relay's API
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[Self | None]:
        fetch = partial(syncs.drive_syncs_by_id, info.context.viewer)
        return await load_nodes(node_ids, fetch, cls.from_model)


@strawberry.input
class DriveConnectStartInput:
    service_account_key: str | None = strawberry.field(
        default=None,
        description="An organisation's service-account JSON key: connects at once"
        " instead of returning a consent URL.",
    )


@strawberry.type
class DriveConnectStartPayload:
    consent_url: str | None = strawberry.field(
        default=None,
        description="Send the user here; Google redirects back with"
        " `code` and `state` for driveConnectFinish.",
    )
    connection: DriveConnection | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class DriveConnectFinishInput:
    code: str
    state: str


@strawberry.type
class DriveConnectFinishPayload:
    connection: DriveConnection | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class DriveSyncCreateInput:
    folder_id: str
    pool_id: relay.GlobalID
    schedule: DriveSyncSchedule = SyncSchedule.DAILY  # type: ignore[valid-type]  # strawberry.enum returns the enum
    include_subfolders: bool = True


@strawberry.input
class DriveSyncUpdateInput:
    id: relay.GlobalID
    schedule: DriveSyncSchedule | None = None  # type: ignore[valid-type]  # strawberry.enum returns the enum
    include_subfolders: bool | None = None
    paused: bool | None = None


@strawberry.input
class DriveSyncDeleteInput:
    id: relay.GlobalID


@strawberry.input
class DriveSyncRunInput:
    id: relay.GlobalID


@strawberry.type
class DriveSyncCreatePayload:
    drive_sync: DriveSync | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class DriveSyncUpdatePayload:
    drive_sync: DriveSync | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class DriveSyncRunPayload:
    drive_sync: DriveSync | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class DriveSyncDeletePayload:
    deleted_id: relay.GlobalID | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


def _options(info: Info) -> DriveOptions:
    return DriveOptions.from_settings(info.context.settings)


@strawberry.type
class DriveQuery:
    @strawberry.field(extensions=READ, description="Newest first.")
    async def drive_syncs(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[DriveSync]:
        query = syncs.list_drive_syncs(info.context.viewer)
        page = await paginate(query, first=first, after=after, ordering=NEWEST_FIRST)
        return Connection.from_page(page, DriveSync.from_model)

    @strawberry.field(extensions=READ, description="Null when you may not see it.")
    async def drive_sync(self, info: Info, id: relay.GlobalID) -> DriveSync | None:
        try:
            sync_id = decode_id(id, "DriveSync")
            row = await syncs.get_drive_sync(info.context.viewer, sync_id)
        except DomainError:
            return None
        return DriveSync.from_model(row)


@strawberry.type
class DriveMutation:
    @strawberry.mutation(extensions=WRITE)
    async def drive_connect_start(
        self, info: Info, input: DriveConnectStartInput
    ) -> DriveConnectStartPayload:
        viewer, options = info.context.viewer, _options(info)
        try:
            if input.service_account_key is None:
                url = connections.start_connect(viewer, options)
                return DriveConnectStartPayload(consent_url=url)
            row = await connections.connect_service_account(
                viewer, key_json=input.service_account_key, options=options
            )
        except DomainError as exc:
            return DriveConnectStartPayload(user_errors=user_errors(exc))
        return DriveConnectStartPayload(connection=DriveConnection.from_model(row))

    @strawberry.mutation(extensions=WRITE)
    async def drive_connect_finish(
        self, info: Info, input: DriveConnectFinishInput
    ) -> DriveConnectFinishPayload:
        try:
            row = await connections.finish_connect(
                info.context.viewer,
                code=input.code,
                state=input.state,
                options=_options(info),
            )
        except DomainError as exc:
            return DriveConnectFinishPayload(user_errors=user_errors(exc))
        return DriveConnectFinishPayload(connection=DriveConnection.from_model(row))

    @strawberry.mutation(extensions=WRITE)
    async def drive_sync_create(
        self, info: Info, input: DriveSyncCreateInput
    ) -> DriveSyncCreatePayload:
        try:
            data = syncs.DriveSyncInput(
                folder_id=input.folder_id,
                pool_id=decode_id(input.pool_id, "Pool", field="poolId"),
                schedule=input.schedule,
                include_subfolders=input.include_subfolders,
            )
            row = await syncs.create_drive_sync(info.context.viewer, data)
        except DomainError as exc:
            return DriveSyncCreatePayload(user_errors=user_errors(exc))
        return DriveSyncCreatePayload(drive_sync=DriveSync.from_model(row))

    @strawberry.mutation(extensions=WRITE)
    async def drive_sync_update(
        self, info: Info, input: DriveSyncUpdateInput
    ) -> DriveSyncUpdatePayload:
        changes = syncs.DriveSyncChanges(
            schedule=input.schedule,
            include_subfolders=input.include_subfolders,
            paused=input.paused,
        )
        try:
            sync_id = decode_id(input.id, "DriveSync")
            row = await syncs.update_drive_sync(info.context.viewer, sync_id, changes)
        except DomainError as exc:
            return DriveSyncUpdatePayload(user_errors=user_errors(exc))
        return DriveSyncUpdatePayload(drive_sync=DriveSync.from_model(row))

    @strawberry.mutation(extensions=WRITE)
    async def drive_sync_delete(
        self, info: Info, input: DriveSyncDeleteInput
    ) -> DriveSyncDeletePayload:
        try:
            sync_id = decode_id(input.id, "DriveSync")
            await syncs.delete_drive_sync(info.context.viewer, sync_id)
        except DomainError as exc:
            return DriveSyncDeletePayload(user_errors=user_errors(exc))
        return DriveSyncDeletePayload(deleted_id=input.id)

    @strawberry.mutation(extensions=WRITE, description="Run the sync now.")
    async def drive_sync_run(
        self, info: Info, input: DriveSyncRunInput
    ) -> DriveSyncRunPayload:
        viewer, queue = info.context.viewer, info.context.queue
        try:
            sync_id = decode_id(input.id, "DriveSync")
            row = await syncs.request_run(viewer, sync_id, queue=queue)
        except DomainError as exc:
            return DriveSyncRunPayload(user_errors=user_errors(exc))
        return DriveSyncRunPayload(drive_sync=DriveSync.from_model(row))
