"""The daily cleanup of what the product no longer needs: finished job details,
old webhook deliveries, and progress streams of work long over."""

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from arq.connections import ArqRedis

from domain.access import Viewer, visible_deliveries, visible_processing_jobs
from domain.models import DeliveryStatus, JobStage

logger = logging.getLogger(__name__)

STREAM_PATTERN = "hotgigs:events:*"
SCAN_COUNT = 500


@dataclass(frozen=True)
class Cleanup:
    job_details_removed: int
    deliveries_removed: int
    streams_removed: int


async def remove_finished_job_details(older_than: datetime) -> int:
    """Processing jobs that finished well (DONE) before `older_than`: the resume
    keeps its result. Failed ones stay: they are what a person may retry."""
    return await (
        visible_processing_jobs(Viewer.system())
        .filter(stage=JobStage.DONE, finished_at__lt=older_than)
        .delete()
    )


async def remove_old_deliveries(older_than: datetime) -> int:
    """Delivered and dead webhook deliveries last changed before `older_than`."""
    return await (
        visible_deliveries(Viewer.system())
        .filter(
            status__in=[DeliveryStatus.DELIVERED, DeliveryStatus.DEAD],
            updated_at__lt=older_than,
        )
        .delete()
    )


async def _stream_is_over(redis: ArqRedis, key: bytes, cutoff_ms: int) -> bool:
    """A stream whose last event is final and older than the cutoff, or one that
    lost its expiry (it would live forever)."""
    if await redis.ttl(key) == -1:
        return True
    last = await redis.xrevrange(key, count=1)
    if not last:
        return False
    event_id, values = last[0]
    millis = int(event_id.split(b"-")[0])
    return values.get(b"final") == b"1" and millis < cutoff_ms


async def remove_finished_streams(redis: ArqRedis, older_than: datetime) -> int:
    """Progress streams of resumes and batches finished before `older_than`
    (their TTL would keep them for days; nobody resumes a finished stream)."""
    cutoff_ms = int(older_than.timestamp() * 1000)
    removed = 0
    async for key in redis.scan_iter(match=STREAM_PATTERN, count=SCAN_COUNT):
        if await _stream_is_over(redis, key, cutoff_ms):
            removed += await redis.delete(key)
    return removed


async def clean_up(
    redis: ArqRedis,
    *,
    keep_job_details: timedelta,
    keep_finished_streams: timedelta,
    now: datetime | None = None,
) -> Cleanup:
    now = now or datetime.now(UTC)
    result = Cleanup(
        job_details_removed=await remove_finished_job_details(now - keep_job_details),
        deliveries_removed=await remove_old_deliveries(now - keep_job_details),
        streams_removed=await remove_finished_streams(
            redis, now - keep_finished_streams
        ),
    )
    logger.info(
        "cleanup job_details=%d deliveries=%d streams=%d",
        result.job_details_removed,
        result.deliveries_removed,
        result.streams_removed,
    )
    return result
