"""The storage sweep removes only old files that no resume refers to."""

import os
import time

from domain.intake.storage import FileStore
from domain.models import Resume
from domain.resumes.storage_cleanup import clean_storage
from tests.factories import make_pool

DAY = 24 * 3600


def _store_old(store: FileStore, data: bytes, *, age: float) -> str:
    stored = store.put_stream([data], max_bytes=1 << 20)
    then = time.time() - age
    os.utime(store.path(stored.key), (then, then))
    return stored.key


async def test_sweep_removes_old_orphans_and_stale_temp_files_only(db, tmp_path):
    store = FileStore(tmp_path / "files")
    used = _store_old(store, b"a resume someone uploaded", age=2 * DAY)
    orphan = _store_old(store, b"an entry of a refused archive", age=2 * DAY)
    fresh = _store_old(store, b"stored a minute ago", age=60)
    pool = await make_pool()
    await Resume.create(
        pool=pool,
        filename="cv.txt",
        content_type="text/plain",
        size_bytes=25,
        sha256=used,
        storage_key=used,
    )
    stale_temp = tmp_path / "files" / ".tmp" / "tmpkilled"
    stale_temp.write_bytes(b"half a file")
    os.utime(stale_temp, (time.time() - DAY, time.time() - DAY))
    live_temp = tmp_path / "files" / ".tmp" / "tmpwriting"
    live_temp.write_bytes(b"being written")

    sweep = await clean_storage(store, grace_seconds=3600)

    assert (sweep.orphans_removed, sweep.temp_files_removed) == (1, 1)
    assert [store.exists(k) for k in (used, orphan, fresh)] == [True, False, True]
    assert (stale_temp.exists(), live_temp.exists()) == (False, True)


async def test_storing_old_bytes_again_protects_them_from_the_sweep(db, tmp_path):
    store = FileStore(tmp_path / "files")
    key = _store_old(store, b"uploaded long ago, orphaned", age=2 * DAY)
    store.put_stream([b"uploaded long ago, orphaned"], max_bytes=1 << 20)

    sweep = await clean_storage(store, grace_seconds=3600)

    assert sweep.orphans_removed == 0
    assert store.exists(key)
