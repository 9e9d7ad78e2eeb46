"""Drive through GraphQL: connecting (OAuth and service account), managing syncs,
running one and reading its runs; credentials never come back."""

import json

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from domain.drive.crypto import decrypt_json
from domain.jobs import BULK_QUEUE
from domain.models import DriveConnection, DriveSync, SyncSchedule
from domain.notifications import notify_drive_sync_paused
from domain.pools import default_pool
from tests.api.permission_cases import gid
from tests.drive.support import TEST_DRIVE_KEY, connect, make_drive_world, state_of
from tests.factories import make_user, viewer_of
from tests.fakes.drive import FakeDrive
from tests.graphql import gql
from tests.samples.resumes import ADA

ERRORS = "userErrors { field message code }"
SYNC_FIELDS = "id folderId folderName schedule includeSubfolders paused lastError"
CONNECT_START = f"""mutation($input: DriveConnectStartInput!) {{
  driveConnectStart(input: $input) {{
    consentUrl connection {{ kind account revoked }} {ERRORS}
  }}
}}"""
CONNECT_FINISH = f"""mutation($input: DriveConnectFinishInput!) {{
  driveConnectFinish(input: $input) {{ connection {{ kind account revoked }} {ERRORS} }}
}}"""
SYNC_CREATE = f"""mutation($input: DriveSyncCreateInput!) {{
  driveSyncCreate(input: $input) {{
    driveSync {{ {SYNC_FIELDS} pool {{ name }} }} {ERRORS}
  }}
}}"""
SYNC_UPDATE = f"""mutation($input: DriveSyncUpdateInput!) {{
  driveSyncUpdate(input: $input) {{ driveSync {{ {SYNC_FIELDS} }} {ERRORS} }}
}}"""
SYNC_DELETE = f"""mutation($input: DriveSyncDeleteInput!) {{
  driveSyncDelete(input: $input) {{ deletedId {ERRORS} }}
}}"""
SYNC_RUN = f"""mutation($input: DriveSyncRunInput!) {{
  driveSyncRun(input: $input) {{ driveSync {{ id }} {ERRORS} }}
}}"""
SYNC_QUERY = """query($id: ID!) { driveSync(id: $id) {
  folderName
  runs { startedAt finishedAt found imported skipped failed error errorCode }
} }"""


async def test_oauth_connect_stores_encrypted_tokens_and_never_returns_them(
    drive_client, fake_drive: FakeDrive
):
    user = await make_user()
    body = await gql(drive_client, CONNECT_START, {"input": {}}, as_user=user)
    payload = body["data"]["driveConnectStart"]
    url = payload["consentUrl"]
    assert url.startswith(fake_drive.url + "/auth?client_id=hotgigs-test")
    assert "access_type=offline" in url
    assert "scope=https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fdrive.readonly" in url
    refresh = fake_drive.grant_refresh_token()
    code = fake_drive.issue_code(refresh)

    variables = {"input": {"code": code, "state": state_of(url)}}
    body = await gql(drive_client, CONNECT_FINISH, variables, as_user=user)

    assert body == {
        "data": {
            "driveConnectFinish": {
                "connection": {"kind": "OAUTH", "account": "", "revoked": False},
                "userErrors": [],
            }
        }
    }
    row = await DriveConnection.get(owner_id=user.id)
    assert refresh.encode() not in bytes(row.credentials_encrypted)
    assert decrypt_json(TEST_DRIVE_KEY, row.credentials_encrypted) == {
        "refresh_token": refresh
    }


async def test_connect_finish_refuses_another_users_state_and_a_used_code(
    drive_client, fake_drive: FakeDrive
):
    user, other = await make_user(), await make_user()
    start = await gql(drive_client, CONNECT_START, {"input": {}}, as_user=other)
    state = state_of(start["data"]["driveConnectStart"]["consentUrl"])
    code = fake_drive.issue_code()

    body = await gql(
        drive_client,
        CONNECT_FINISH,
        {"input": {"code": code, "state": state}},
        as_user=user,
    )
    assert body["data"]["driveConnectFinish"] == {
        "connection": None,
        "userErrors": [
            {
                "field": ["input", "state"],
                "message": "This consent link was started by another user: start"
                " again with driveConnectStart.",
                "code": "INVALID_INPUT",
            }
        ],
    }
    variables = {"input": {"code": "used-code", "state": state}}
    body = await gql(drive_client, CONNECT_FINISH, variables, as_user=other)
    errors = body["data"]["driveConnectFinish"]["userErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [
        (["input", "code"], "INVALID_INPUT")
    ]
    assert await DriveConnection.filter(owner_id__in=[user.id, other.id]).count() == 0


def service_account_key(email: str) -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return json.dumps(
        {
            "type": "service_account",
            "project_id": "hotgigs-test",
            "private_key_id": "k1",
            "private_key": pem,
            "client_email": email,
            "client_id": "1",
            "token_uri": "https://oauth2.googleapis.com/token",
        }
    )


async def test_a_service_account_key_connects_and_syncs(
    drive_client, fake_drive: FakeDrive, drive_worker, queue
):
    user = await make_user()
    key = service_account_key("sync@hotgigs-test.iam.gserviceaccount.com")
    body = await gql(
        drive_client, CONNECT_START, {"input": {"serviceAccountKey": key}}, as_user=user
    )
    assert body["data"]["driveConnectStart"] == {
        "consentUrl": None,
        "connection": {
            "kind": "SERVICE_ACCOUNT",
            "account": "sync@hotgigs-test.iam.gserviceaccount.com",
            "revoked": False,
        },
        "userErrors": [],
    }
    root = fake_drive.add_folder("Shared resumes")
    fake_drive.add_file("ada.txt", ADA.encode() + b"\nsa", root)
    pool = await default_pool(viewer_of(user))
    created = await gql(
        drive_client,
        SYNC_CREATE,
        {"input": {"folderId": root, "poolId": gid("Pool", pool.id)}},
        as_user=user,
    )
    sync_gid = created["data"]["driveSyncCreate"]["driveSync"]["id"]
    await gql(drive_client, SYNC_RUN, {"input": {"id": sync_gid}}, as_user=user)
    await drive_worker().main()

    body = await gql(drive_client, SYNC_QUERY, {"id": sync_gid}, as_user=user)
    runs = body["data"]["driveSync"]["runs"]
    assert [(r["found"], r["imported"], r["errorCode"]) for r in runs] == [(1, 1, None)]
    assert (
        "urn:ietf:params:oauth:grant-type:jwt-bearer" in fake_drive.state.token_grants
    )
    assert "PRIVATE KEY" not in json.dumps(body)


async def test_sync_create_update_run_and_delete(
    drive_client, fake_drive: FakeDrive, drive_options, queue
):
    owner = await make_user()
    pool = await default_pool(viewer_of(owner))
    root = fake_drive.add_folder("Resumes")
    variables = {
        "input": {
            "folderId": root,
            "poolId": gid("Pool", pool.id),
            "schedule": "HOURLY",
        }
    }
    body = await gql(drive_client, SYNC_CREATE, variables, as_user=owner)
    assert body["data"]["driveSyncCreate"]["userErrors"] == [
        {
            "field": None,
            "message": "Connect Google Drive first (driveConnectStart), then add the"
            " folder.",
            "code": "DRIVE_NOT_CONNECTED",
        }
    ]
    await connect(owner, fake_drive, drive_options)
    body = await gql(drive_client, SYNC_CREATE, variables, as_user=owner)
    sync = body["data"]["driveSyncCreate"]["driveSync"]
    sync_gid = sync.pop("id")
    assert sync == {
        "folderId": root,
        "folderName": "",
        "schedule": "HOURLY",
        "includeSubfolders": True,
        "paused": False,
        "lastError": None,
        "pool": {"name": pool.name},
    }
    again = await gql(drive_client, SYNC_CREATE, variables, as_user=owner)
    assert [e["code"] for e in again["data"]["driveSyncCreate"]["userErrors"]] == [
        "CONFLICT"
    ]

    update = {"input": {"id": sync_gid, "schedule": "WEEKLY", "paused": True}}
    body = await gql(drive_client, SYNC_UPDATE, update, as_user=owner)
    updated = body["data"]["driveSyncUpdate"]["driveSync"]
    assert (updated["schedule"], updated["paused"]) == ("WEEKLY", True)
    body = await gql(drive_client, SYNC_RUN, {"input": {"id": sync_gid}}, as_user=owner)
    assert [e["code"] for e in body["data"]["driveSyncRun"]["userErrors"]] == [
        "DRIVE_SYNC_PAUSED"
    ]
    assert await queue.zcard(BULK_QUEUE) == 0
    unpause = {"input": {"id": sync_gid, "paused": False}}
    await gql(drive_client, SYNC_UPDATE, unpause, as_user=owner)
    body = await gql(drive_client, SYNC_RUN, {"input": {"id": sync_gid}}, as_user=owner)
    assert body["data"]["driveSyncRun"] == {
        "driveSync": {"id": sync_gid},
        "userErrors": [],
    }
    assert await queue.zcard(BULK_QUEUE) == 1

    body = await gql(
        drive_client, SYNC_DELETE, {"input": {"id": sync_gid}}, as_user=owner
    )
    assert body["data"]["driveSyncDelete"] == {"deletedId": sync_gid, "userErrors": []}
    assert await DriveSync.all().count() == 0


async def test_drive_sync_shows_its_runs(
    drive_client, fake_drive: FakeDrive, drive_options, drive_worker, queue
):
    world = await make_drive_world(
        fake_drive, drive_options, schedule=SyncSchedule.MANUAL
    )
    fake_drive.add_file("ada.txt", ADA.encode() + b"\nruns", world.root)
    sync_gid = gid("DriveSync", world.sync.id)
    await gql(drive_client, SYNC_RUN, {"input": {"id": sync_gid}}, as_user=world.owner)
    await drive_worker().main()

    body = await gql(drive_client, SYNC_QUERY, {"id": sync_gid}, as_user=world.owner)

    sync = body["data"]["driveSync"]
    run = sync["runs"][0]
    assert (sync["folderName"], len(sync["runs"])) == ("Resumes", 1)
    assert run["finishedAt"] >= run["startedAt"]
    assert {k: run[k] for k in ("found", "imported", "skipped", "failed", "error")} == {
        "found": 1,
        "imported": 1,
        "skipped": 0,
        "failed": 0,
        "error": None,
    }


NOTICES = """{ notifications { edges { node {
  kind message driveSync { folderId paused } batch { id }
} } } }"""


async def test_a_paused_sync_notice_links_its_sync_for_the_owner_only(
    drive_client, fake_drive: FakeDrive, drive_options
):
    world = await make_drive_world(fake_drive, drive_options)
    await DriveSync.filter(id=world.sync.id).update(paused=True)
    await notify_drive_sync_paused(world.sync, "access was revoked.")
    other = await make_user()

    body = await gql(drive_client, NOTICES, as_user=world.owner)

    assert body == {
        "data": {
            "notifications": {
                "edges": [
                    {
                        "node": {
                            "kind": "DRIVE_SYNC_PAUSED",
                            "message": f"Drive sync of {world.root} paused:"
                            " access was revoked.",
                            "driveSync": {"folderId": world.root, "paused": True},
                            "batch": None,
                        }
                    }
                ]
            }
        }
    }
    body = await gql(drive_client, NOTICES, as_user=other)
    assert body == {"data": {"notifications": {"edges": []}}}
