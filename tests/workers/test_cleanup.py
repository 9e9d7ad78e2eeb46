"""The daily cleanup removes exactly what is past retention, and reports it."""

from datetime import UTC, datetime, timedelta

from domain.events import ProgressEvent, batch_stream, publish, resume_stream
from domain.intake.storage import FileStore
from domain.models import (
    DeliveryStatus,
    JobStage,
    ProcessingJob,
    Webhook,
    WebhookDelivery,
    WebhookEvent,
)
from domain.ops.cleanup import clean_up
from domain.ops.queues import last_runs
from tests.api.resume_permission_cases import _resume
from tests.factories import make_pool, make_user
from workers import maintenance

DAYS = timedelta(days=1)


async def _job(pool, pool_owner, name, stage: JobStage, finished_days_ago: int):
    _, job = await _resume(pool, pool_owner, name, stage)
    finished = datetime.now(UTC) - finished_days_ago * DAYS
    await ProcessingJob.filter(id=job.id).update(finished_at=finished)
    return job


async def _delivery(webhook, status: DeliveryStatus, days_ago: int):
    row = await WebhookDelivery.create(
        webhook=webhook, event=WebhookEvent.RESUME_PARSED, payload={}, status=status
    )
    changed = datetime.now(UTC) - days_ago * DAYS
    await WebhookDelivery.filter(id=row.id).update(updated_at=changed)
    return row


async def test_cleanup_removes_exactly_what_is_past_retention(db, queue):
    owner = await make_user()
    pool = await make_pool(owner)
    old_done = await _job(pool, owner, "old-done.txt", JobStage.DONE, 40)
    recent_done = await _job(pool, owner, "recent-done.txt", JobStage.DONE, 5)
    old_failed = await _job(pool, owner, "old-failed.txt", JobStage.FAILED, 40)
    webhook = await Webhook.create(
        owner=owner, url="http://127.0.0.1:9/x", events=[], secret_encrypted=b"x"
    )
    old_delivered = await _delivery(webhook, DeliveryStatus.DELIVERED, 40)
    old_dead = await _delivery(webhook, DeliveryStatus.DEAD, 40)
    old_retrying = await _delivery(webhook, DeliveryStatus.RETRYING, 40)
    recent_dead = await _delivery(webhook, DeliveryStatus.DEAD, 5)
    # Streams: a finished resume, a batch still running, and one without expiry.
    await publish(queue, resume_stream("done"), ProgressEvent("done", "done", "parsed"))
    await publish(
        queue,
        resume_stream("done"),
        ProgressEvent("done", "done", "parsed", final=True),
    )
    await publish(queue, batch_stream("running"), ProgressEvent("r", "parsing", "q"))
    await queue.xadd(resume_stream("leaked"), {"stage": "queued"})
    await queue.set("hotgigs:unrelated", "stays")

    # Two days on: the finished stream is past its 24 hours, nothing else is.
    result = await clean_up(
        queue,
        keep_job_details=30 * DAYS,
        keep_finished_streams=timedelta(hours=24),
        now=datetime.now(UTC) + 2 * DAYS,
    )

    assert (
        result.job_details_removed,
        result.deliveries_removed,
        result.streams_removed,
    ) == (1, 2, 2)
    remaining_jobs = set(await ProcessingJob.all().values_list("id", flat=True))
    assert remaining_jobs == {recent_done.id, old_failed.id}
    assert old_done.id not in remaining_jobs
    remaining = set(await WebhookDelivery.all().values_list("id", flat=True))
    assert remaining == {old_retrying.id, recent_dead.id}
    assert {old_delivered.id, old_dead.id} & remaining == set()
    keys = sorted(k.decode() for k in await queue.keys("hotgigs:*"))
    assert keys == [batch_stream("running"), "hotgigs:unrelated"]


async def test_the_cron_job_reports_its_run(db, queue, settings):
    ctx = {
        "settings": settings,
        "store": FileStore(settings.storage_dir),
        "redis": queue,
    }
    report = await maintenance.clean_up(ctx)
    assert report == {
        "orphans_removed": 0,
        "temp_files_removed": 0,
        "job_details_removed": 0,
        "deliveries_removed": 0,
        "streams_removed": 0,
    }
    [run] = await last_runs(queue)
    assert (run.name, run.result) == ("clean_up", report)
