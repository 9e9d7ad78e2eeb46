"""Authorization of the Drive root fields, for every kind of caller.

Recruiters see and change their own syncs, admins all, partner keys need the
drive:read or drive:write scope; anyone else finds nothing (NOT_FOUND or null).
A refused call changes no row and queues nothing.
"""

from typing import Any

import pytest

from domain.access import Scope
from domain.jobs import BULK_QUEUE
from domain.models import DriveSync, SyncSchedule
from tests.api.drive_permission_cases import (
    OTHER_FOLDER,
    OWNER_FOLDER,
    build_drive_world,
    drive_rows,
)
from tests.api.permission_cases import (
    DONE,
    HIDDEN,
    SHOWN,
    SIGN_IN,
    Caller,
    Rejected,
    assert_no_leak,
    assert_refused,
    call,
    cases,
    gid,
    lacks,
)

ERRORS = "userErrors { field message code }"
DRIVE_SYNCS = "{ driveSyncs { totalCount edges { node { folderId } } } }"
DRIVE_SYNC = """query($id: ID!) { driveSync(id: $id) {
  folderId folderName schedule runs { found imported skipped }
} }"""
CONNECT_START = f"""mutation($input: DriveConnectStartInput!) {{
  driveConnectStart(input: $input) {{ consentUrl connection {{ kind }} {ERRORS} }}
}}"""
CONNECT_FINISH = f"""mutation($input: DriveConnectFinishInput!) {{
  driveConnectFinish(input: $input) {{ connection {{ kind }} {ERRORS} }}
}}"""
SYNC_CREATE = f"""mutation($input: DriveSyncCreateInput!) {{
  driveSyncCreate(input: $input) {{ driveSync {{ folderId schedule }} {ERRORS} }}
}}"""
SYNC_UPDATE = f"""mutation($input: DriveSyncUpdateInput!) {{
  driveSyncUpdate(input: $input) {{ driveSync {{ folderId schedule }} {ERRORS} }}
}}"""
SYNC_DELETE = f"""mutation($input: DriveSyncDeleteInput!) {{
  driveSyncDelete(input: $input) {{ deletedId {ERRORS} }}
}}"""
SYNC_RUN = f"""mutation($input: DriveSyncRunInput!) {{
  driveSyncRun(input: $input) {{ driveSync {{ folderId }} {ERRORS} }}
}}"""

NO_SUCH_SYNC = Rejected("NOT_FOUND", "No such Drive sync.", ["input", "id"])
NO_SUCH_POOL = Rejected("NOT_FOUND", "No such pool.", ["input", "poolId"])
NOT_CONNECTED = Rejected(
    "DRIVE_NOT_CONNECTED",
    "Connect Google Drive first (driveConnectStart), then add the folder.",
)
# The test app has no OAuth client: an allowed caller reaches the domain, which
# says so (the configured flow is tested in tests/drive/test_api.py).
NOT_CONFIGURED = Rejected(
    "DRIVE_NOT_CONFIGURED",
    "Google Drive is not set up on this server: an admin must set DRIVE_CLIENT_ID"
    " and DRIVE_CLIENT_SECRET (see the README).",
)
NOT_A_RECRUITER = Rejected(
    "FORBIDDEN", "Only recruiters and admins can connect Google Drive."
)
BOTH = sorted([OWNER_FOLDER, OTHER_FOLDER])

SYNCS = cases(  # folder ids
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, []),
    (Caller.OTHER, [OTHER_FOLDER]),
    (Caller.OWNER, [OWNER_FOLDER]),
    (Caller.GRANTED, []),  # a shared pool does not share its owner's syncs
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.DRIVE_READ)),
    (Caller.KEY_WITH_SCOPE, [OWNER_FOLDER]),
    (Caller.ADMIN_KEY_WITHOUT_SCOPE, lacks(Scope.DRIVE_READ)),
    (Caller.ADMIN_KEY_WITH_SCOPE, BOTH),
    (Caller.ADMIN, BOTH),
)
SYNC = cases(  # the owner's sync
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, HIDDEN),
    (Caller.OTHER, HIDDEN),
    (Caller.OWNER, SHOWN),
    (Caller.GRANTED, HIDDEN),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.DRIVE_READ)),
    (Caller.KEY_WITH_SCOPE, SHOWN),
    (Caller.ADMIN, SHOWN),
)
CONNECT = cases(
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NOT_A_RECRUITER),
    (Caller.OTHER, NOT_CONFIGURED),
    (Caller.OWNER, NOT_CONFIGURED),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.DRIVE_WRITE)),
    (Caller.KEY_WITH_SCOPE, NOT_CONFIGURED),
    (Caller.ADMIN, NOT_CONFIGURED),
)
CREATE = cases(  # a new folder into the secret pool
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NO_SUCH_POOL),
    (Caller.OTHER, NO_SUCH_POOL),
    (Caller.OWNER, DONE),
    (Caller.GRANTED, NOT_CONNECTED),  # may import there, but has no Drive
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.DRIVE_WRITE)),
    (Caller.KEY_WITH_SCOPE, DONE),
    (Caller.ADMIN_KEY_WITHOUT_SCOPE, lacks(Scope.DRIVE_WRITE)),
    (Caller.ADMIN, NOT_CONNECTED),
)
CHANGE = cases(  # the owner's sync: update, delete, run
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NO_SUCH_SYNC),
    (Caller.OTHER, NO_SUCH_SYNC),
    (Caller.OWNER, DONE),
    (Caller.GRANTED, NO_SUCH_SYNC),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.DRIVE_WRITE)),
    (Caller.KEY_WITH_SCOPE, DONE),
    (Caller.ADMIN_KEY_WITHOUT_SCOPE, lacks(Scope.DRIVE_WRITE)),
    (Caller.ADMIN, DONE),
)

DRIVE_QUERY_MATRIX = {"driveSyncs": SYNCS, "driveSync": SYNC}
DRIVE_MUTATION_MATRIX = {
    "driveConnectStart": CONNECT,
    "driveConnectFinish": CONNECT,
    "driveSyncCreate": CREATE,
    "driveSyncUpdate": CHANGE,
    "driveSyncDelete": CHANGE,
    "driveSyncRun": CHANGE,
}


async def _refused(body, field, expected, world, before, drive_before, queue) -> bool:
    if not await assert_refused(body, field, expected, world, before):
        return False
    assert await drive_rows() == drive_before
    assert await queue.zcard(BULK_QUEUE) == 0
    return True


async def _call(client, caller, query, variables, scope, make_vars=None):
    world = await build_drive_world()
    if make_vars is not None:
        variables = make_vars(world)
    drive_before = await drive_rows()
    body, before = await call(client, world, caller, query, variables, scope=scope)
    return world, body, before, drive_before


@pytest.mark.parametrize(("caller", "expected"), SYNCS)
async def test_drive_syncs_lists_the_callers_own_syncs(client, caller, expected):
    world, body, before, _ = await _call(
        client, caller, DRIVE_SYNCS, None, Scope.DRIVE_READ
    )
    if await assert_refused(body, "driveSyncs", expected, world, before):
        return
    page = body["data"]["driveSyncs"]
    folders = sorted(e["node"]["folderId"] for e in page["edges"])
    assert (page["totalCount"], folders) == (len(expected), expected)
    if OWNER_FOLDER not in expected:
        assert_no_leak(body, world)


@pytest.mark.parametrize(("caller", "expected"), SYNC)
async def test_drive_sync_is_null_unless_the_caller_may_read_it(
    client, caller, expected
):
    world, body, before, _ = await _call(
        client,
        caller,
        DRIVE_SYNC,
        None,
        Scope.DRIVE_READ,
        lambda w: {"id": gid("DriveSync", w.sync.id)},
    )
    if await assert_refused(body, "driveSync", expected, world, before):
        return
    sync = {
        "folderId": OWNER_FOLDER,
        "folderName": "Olga's resumes",
        "schedule": "DAILY",
        "runs": [{"found": 3, "imported": 2, "skipped": 1}],
    }
    assert body == {"data": {"driveSync": sync}}


@pytest.mark.parametrize(("caller", "expected"), CONNECT)
async def test_drive_connect_start_is_for_recruiters_with_the_write_scope(
    client, queue, caller, expected
):
    world, body, before, drive_before = await _call(
        client, caller, CONNECT_START, {"input": {}}, Scope.DRIVE_WRITE
    )
    field = "driveConnectStart"
    assert await _refused(body, field, expected, world, before, drive_before, queue)


@pytest.mark.parametrize(("caller", "expected"), CONNECT)
async def test_drive_connect_finish_is_for_recruiters_with_the_write_scope(
    client, queue, caller, expected
):
    variables = {"input": {"code": "a-code", "state": "a-state"}}
    world, body, before, drive_before = await _call(
        client, caller, CONNECT_FINISH, variables, Scope.DRIVE_WRITE
    )
    field = "driveConnectFinish"
    assert await _refused(body, field, expected, world, before, drive_before, queue)


@pytest.mark.parametrize(("caller", "expected"), CREATE)
async def test_drive_sync_create_needs_a_connection_and_the_pool(
    client, queue, caller, expected
):
    def variables(world: Any) -> dict[str, Any]:
        pool_id = gid("Pool", world.pool.id)
        return {"input": {"folderId": "new-folder", "poolId": pool_id}}

    world, body, before, drive_before = await _call(
        client, caller, SYNC_CREATE, None, Scope.DRIVE_WRITE, variables
    )
    if await _refused(
        body, "driveSyncCreate", expected, world, before, drive_before, queue
    ):
        return
    payload = {"driveSync": {"folderId": "new-folder", "schedule": "DAILY"}}
    assert body == {"data": {"driveSyncCreate": {**payload, "userErrors": []}}}
    created = await DriveSync.get(folder_id="new-folder")
    assert (created.owner_id, created.pool_id) == (world.owner.id, world.pool.id)


def _sync_input(world: Any, **extra: Any) -> dict[str, Any]:
    return {"input": {"id": gid("DriveSync", world.sync.id), **extra}}


@pytest.mark.parametrize(("caller", "expected"), CHANGE)
async def test_drive_sync_update_is_for_its_owner_and_admins(
    client, queue, caller, expected
):
    world, body, before, drive_before = await _call(
        client,
        caller,
        SYNC_UPDATE,
        None,
        Scope.DRIVE_WRITE,
        lambda w: _sync_input(w, schedule="WEEKLY"),
    )
    if await _refused(
        body, "driveSyncUpdate", expected, world, before, drive_before, queue
    ):
        return
    payload = {"driveSync": {"folderId": OWNER_FOLDER, "schedule": "WEEKLY"}}
    assert body == {"data": {"driveSyncUpdate": {**payload, "userErrors": []}}}
    assert (await DriveSync.get(id=world.sync.id)).schedule is SyncSchedule.WEEKLY


@pytest.mark.parametrize(("caller", "expected"), CHANGE)
async def test_drive_sync_delete_is_for_its_owner_and_admins(
    client, queue, caller, expected
):
    world, body, before, drive_before = await _call(
        client, caller, SYNC_DELETE, None, Scope.DRIVE_WRITE, _sync_input
    )
    if await _refused(
        body, "driveSyncDelete", expected, world, before, drive_before, queue
    ):
        return
    deleted = {"deletedId": gid("DriveSync", world.sync.id), "userErrors": []}
    assert body == {"data": {"driveSyncDelete": deleted}}
    assert await DriveSync.filter(id=world.sync.id).exists() is False


@pytest.mark.parametrize(("caller", "expected"), CHANGE)
async def test_drive_sync_run_is_for_its_owner_and_admins(
    client, queue, caller, expected
):
    world, body, before, drive_before = await _call(
        client, caller, SYNC_RUN, None, Scope.DRIVE_WRITE, _sync_input
    )
    if await _refused(
        body, "driveSyncRun", expected, world, before, drive_before, queue
    ):
        return
    payload = {"driveSync": {"folderId": OWNER_FOLDER}, "userErrors": []}
    assert body == {"data": {"driveSyncRun": payload}}
    assert await queue.zcard(BULK_QUEUE) == 1
