"""The storage sweep: stored files no resume points at, and stale temp files."""

import asyncio
import logging
import time
from dataclasses import dataclass
from itertools import islice

from domain.access import Viewer, visible_resumes
from domain.intake.storage import FileStore

logger = logging.getLogger(__name__)

BATCH_KEYS = 500
# Longer than any upload takes between storing a file and committing its resume.
DEFAULT_GRACE_SECONDS = 6 * 3600


@dataclass(frozen=True)
class StorageSweep:
    orphans_removed: int
    temp_files_removed: int


async def clean_storage(
    store: FileStore, *, grace_seconds: float = DEFAULT_GRACE_SECONDS
) -> StorageSweep:
    """Remove stored files older than the grace period that no resume refers to
    (entries of an archive refused as a whole, resumes deleted since) and temp
    files left by a killed process."""
    cutoff = time.time() - grace_seconds
    temp = await asyncio.to_thread(store.remove_stale_temp_files, older_than=cutoff)
    keys = await asyncio.to_thread(lambda: list(store.stale_keys(older_than=cutoff)))
    removed = 0
    pending = iter(keys)
    while chunk := list(islice(pending, BATCH_KEYS)):
        rows = await (
            visible_resumes(Viewer.system())
            .filter(storage_key__in=chunk)
            .values("storage_key")
        )
        used = {row["storage_key"] for row in rows}
        for key in chunk:
            if key not in used:
                await asyncio.to_thread(store.delete, key)
                removed += 1
    logger.info("storage sweep orphans=%d temp=%d", removed, temp)
    return StorageSweep(orphans_removed=removed, temp_files_removed=temp)
