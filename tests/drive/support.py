"""Helpers for Drive tests: settings values, connecting a user, a watched folder
and one run through a burst worker."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from arq.connections import ArqRedis
from arq.worker import Worker
from pydantic import SecretStr

from domain.drive.connections import finish_connect, start_connect
from domain.drive.options import DriveOptions
from domain.drive.syncs import DriveSyncInput, create_drive_sync, queue_run
from domain.models import DriveRun, DriveSync, Pool, User
from domain.pools import default_pool
from tests.factories import make_user, viewer_of
from tests.fakes.drive import FakeDrive

CLIENT_ID = "hotgigs-test.apps.googleusercontent.com"
CLIENT_SECRET = "test-client-secret"
TEST_DRIVE_KEY = "dGVzdC1kcml2ZS1lbmNyeXB0aW9uLWtleS0zMmJ5dGU="
CLIENT_SECRET_STR = SecretStr(CLIENT_SECRET)
TEST_KEY_STR = SecretStr(TEST_DRIVE_KEY)


def state_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["state"][0]


async def connect(user: User, drive: FakeDrive, options: DriveOptions) -> str:
    """Connect `user` through the consent flow; returns their refresh token."""
    refresh = drive.grant_refresh_token()
    code = drive.issue_code(refresh)
    viewer = viewer_of(user)
    url = start_connect(viewer, options)
    await finish_connect(viewer, code=code, state=state_of(url), options=options)
    return refresh


@dataclass
class DriveWorld:
    owner: User
    pool: Pool
    sync: DriveSync
    root: str  # the watched folder's id
    drive: FakeDrive


async def make_drive_world(
    drive: FakeDrive, options: DriveOptions, **sync_values: Any
) -> DriveWorld:
    owner = await make_user(name="Olga Owner", email=f"olga-{id(drive)}@example.com")
    pool = await default_pool(viewer_of(owner))
    await connect(owner, drive, options)
    root = drive.add_folder("Resumes")
    sync = await create_drive_sync(
        viewer_of(owner), DriveSyncInput(folder_id=root, pool_id=pool.id, **sync_values)
    )
    return DriveWorld(owner=owner, pool=pool, sync=sync, root=root, drive=drive)


async def run_once(
    queue: ArqRedis,
    make_worker: Callable[..., Worker],
    sync: DriveSync,
    *,
    retry_jobs: bool = True,
) -> DriveRun:
    """Queue a run, let a burst worker do it (and parse what it imports);
    `retry_jobs=False` lets a run that asks for a retry later end the burst."""
    await queue_run(queue, sync.id)
    await make_worker(retry_jobs=retry_jobs).main()
    run = await DriveRun.filter(sync_id=sync.id).order_by("-started_at").first()
    assert run is not None
    return run
