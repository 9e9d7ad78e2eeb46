"""A batch that has nothing left to parse once uploaded (every file refused)
finishes there: its owner is notified and BATCH_COMPLETED goes out."""

from domain.intake.limits import IntakeLimits
from domain.intake.storage import FileStore
from domain.models import ImportBatch, Notification, WebhookDelivery, WebhookEvent
from domain.resumes.files import IncomingFile
from domain.resumes.intake import IntakeContext, upload_batch
from domain.webhooks.service import WebhookOptions, create_webhook
from tests.factories import make_user, viewer_of


async def test_a_batch_of_refused_files_completes_at_upload(
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
    files = []
    for name, data in (("empty.pdf", b""), ("virus.exe", b"MZ\x90\x00 not a resume")):
        path = tmp_path / name
        path.write_bytes(data)
        files.append(IncomingFile(name=name, path=path, size=len(data)))
    intake = IntakeContext(
        store=FileStore(settings.storage_dir), limits=IntakeLimits(), queue=queue
    )

    batch = await upload_batch(viewer_of(recruiter), files, pool_id=None, intake=intake)

    assert (batch.status, batch.total, batch.failed) == ("done", 2, 2)
    notice = await Notification.get(subject_id=batch.id)
    assert notice.user_id == recruiter.id
    delivery = await WebhookDelivery.get()
    assert delivery.event == WebhookEvent.BATCH_COMPLETED
    assert (delivery.payload["total"], delivery.payload["failed"]) == (2, 2)
    assert await ImportBatch.all().count() == 1
