"""Drive jobs: `sync_drive_folder(sync_id)` runs one sync; a cron queues due ones."""

from datetime import UTC, datetime
from uuid import UUID

from arq import Retry

from domain.drive.calls import DriveTransient
from domain.drive.imports import ImportContext
from domain.drive.options import DriveOptions
from domain.drive.run import run_drive_sync
from domain.drive.syncs import queue_due_syncs
from domain.intake.limits import IntakeLimits
from domain.intake.malware import scanner_from_settings
from workers.context import JobContext

RETRY_BACKOFF_SECONDS = 60
# arq cancels a job at its timeout, and runs the job of a killed worker again once
# its in-progress key expires (timeout + 10 s): the sync's lock is free by then.
LOCK_MARGIN_SECONDS = 5


def import_context(ctx: JobContext) -> ImportContext:
    settings = ctx["settings"]
    return ImportContext(
        options=DriveOptions.from_settings(settings),
        store=ctx["store"],
        limits=IntakeLimits.from_settings(settings),
        queue=ctx["redis"],
        scanner=scanner_from_settings(settings),
    )


async def sync_drive_folder(ctx: JobContext, sync_id: str) -> dict[str, object]:
    """Run one sync; Drive rate limits and outages retry the job later."""
    lock_seconds = ctx["settings"].worker_job_timeout_seconds + LOCK_MARGIN_SECONDS
    try:
        run = await run_drive_sync(
            UUID(sync_id), import_context(ctx), lock_seconds=lock_seconds
        )
    except DriveTransient as exc:
        raise Retry(defer=RETRY_BACKOFF_SECONDS * ctx["job_try"]) from exc
    if run is None:
        return {"ran": False}
    return {
        "ran": True,
        "found": run.found,
        "imported": run.imported,
        "skipped": run.skipped,
        "failed": run.failed,
        "error_code": run.error_code,
    }


async def schedule_drive_syncs(ctx: JobContext) -> int:
    """Queue the syncs whose hourly, daily or weekly schedule is due."""
    return await queue_due_syncs(ctx["redis"], now=datetime.now(UTC))
