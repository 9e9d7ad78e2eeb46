"""The stuck-job reconciler: a resume interrupted too often fails the way a
failure in the pipeline does (batch counted, owner notified, final events,
partner webhooks); one interrupted fewer times is queued again."""

from datetime import UTC, datetime, timedelta

from domain.events import read_events, resume_stream
from domain.intake.limits import IntakeLimits
from domain.intake.storage import FileStore
from domain.models import (
    ImportBatch,
    Notification,
    ProcessingJob,
    Resume,
    ResumeStatus,
    WebhookDelivery,
    WebhookEvent,
)
from domain.resumes.files import IncomingFile
from domain.resumes.intake import IntakeContext, upload_batch
from domain.resumes.service import MAX_ATTEMPTS, requeue_stuck_jobs
from domain.webhooks.service import WebhookOptions, create_webhook
from tests.factories import make_user, viewer_of
from tests.samples.resumes import text_resume


async def _batch_of_two(settings, queue, tmp_path, recruiter) -> list[Resume]:
    files = []
    for name, text in (("ada.txt", "Ada Lovelace"), ("alan.txt", "Alan Turing")):
        path = tmp_path / name
        path.write_bytes(text_resume(f"{text}\n{name[:-4]}@example.com\nEngineer"))
        files.append(IncomingFile(name=name, path=path, size=path.stat().st_size))
    intake = IntakeContext(
        store=FileStore(settings.storage_dir), limits=IntakeLimits(), queue=queue
    )
    await upload_batch(viewer_of(recruiter), files, pool_id=None, intake=intake)
    return await Resume.all().order_by("filename")


async def test_a_resume_interrupted_too_often_fails_like_a_pipeline_failure(
    db, settings, queue, tmp_path
):
    recruiter = await make_user()
    await create_webhook(
        viewer_of(recruiter),
        url="http://127.0.0.1:9/hooks",
        events=[WebhookEvent.RESUME_FAILED, WebhookEvent.BATCH_COMPLETED],
        secret="s" * 24,
        options=WebhookOptions.of(settings),
    )
    ada, alan = await _batch_of_two(settings, queue, tmp_path, recruiter)
    long_ago = datetime.now(UTC) - timedelta(hours=1)
    # Ada's job was interrupted MAX_ATTEMPTS times; Alan's once.
    await ProcessingJob.filter(resume_id=ada.id).update(
        attempts=MAX_ATTEMPTS, updated_at=long_ago
    )
    await ProcessingJob.filter(resume_id=alan.id).update(
        attempts=1, updated_at=long_ago
    )

    await queue.flushdb()  # Redis lost the queue (or a killed worker held them)
    requeued = await requeue_stuck_jobs(queue, older_than=timedelta(minutes=10))

    assert requeued == 1  # Alan's
    await ada.refresh_from_db()
    job = await ProcessingJob.get(resume_id=ada.id)
    assert (ada.status, job.stage, job.error_code) == (
        ResumeStatus.FAILED,
        "failed",
        "PROCESSING_INTERRUPTED",
    )
    events = [e async for e in read_events(queue, resume_stream(ada.id), after=None)]
    assert (events[-1].final, events[-1].error_code) == (True, "PROCESSING_INTERRUPTED")
    batch = await ImportBatch.get()
    assert (batch.failed, batch.succeeded) == (1, 0)  # Alan's is still to come
    assert await Notification.all().count() == 0
    deliveries = await WebhookDelivery.all().values_list("event", flat=True)
    assert deliveries == [WebhookEvent.RESUME_FAILED]


async def test_the_last_resume_of_a_batch_failing_completes_the_batch(
    db, settings, queue, tmp_path
):
    recruiter = await make_user()
    await create_webhook(
        viewer_of(recruiter),
        url="http://127.0.0.1:9/hooks",
        events=[WebhookEvent.BATCH_COMPLETED],
        secret="s" * 24,
        options=WebhookOptions.of(settings),
    )
    resumes = await _batch_of_two(settings, queue, tmp_path, recruiter)
    await ProcessingJob.all().update(
        attempts=MAX_ATTEMPTS, updated_at=datetime.now(UTC) - timedelta(hours=1)
    )

    assert await requeue_stuck_jobs(queue, older_than=timedelta(minutes=10)) == 0

    batch = await ImportBatch.get()
    assert (batch.status, batch.failed, batch.total) == ("done", 2, 2)
    assert await Notification.filter(subject_id=batch.id).count() == 1
    assert [r.status for r in await Resume.filter(id__in=[r.id for r in resumes])] == [
        ResumeStatus.FAILED,
        ResumeStatus.FAILED,
    ]
    deliveries = await WebhookDelivery.all().values_list("event", flat=True)
    assert deliveries == [WebhookEvent.BATCH_COMPLETED]
