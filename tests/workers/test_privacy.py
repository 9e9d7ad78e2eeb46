"""Privacy end to end with real workers, PostgreSQL, Redis and files: resumes
encrypted at rest still parse and deduplicate; erasure removes the person's data
and files; an erased person comes back only through a deliberate new upload;
the retention cron erases what a pool keeps too long."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from arq.worker import Worker
from cryptography.fernet import Fernet
from pydantic import SecretStr

from domain.candidates.merges import merge_candidates
from domain.intake.limits import IntakeLimits
from domain.intake.storage import ENCRYPTED_MAGIC, FileStore
from domain.jobs import HIGH_QUEUE
from domain.models import (
    AuditEntry,
    Candidate,
    CandidateDuplicate,
    CandidateMerge,
    CandidateSource,
    Job,
    Match,
    Pool,
    ProcessingJob,
    Resume,
    ResumeStatus,
)
from domain.privacy.erase import erase_candidate
from domain.resumes.files import IncomingFile
from domain.resumes.intake import IntakeContext, upload_resume
from tests.factories import make_candidate, make_user, viewer_of
from tests.samples.resumes import ADA
from workers.context import worker_resources
from workers.maintenance import apply_pool_retention
from workers.settings import CRON_JOBS, worker_options


@pytest.fixture
def keyed_settings(settings):
    key = Fernet.generate_key().decode()
    return settings.model_copy(update={"storage_encryption_key": SecretStr(key)})


def _resume_bytes() -> bytes:
    # A line of its own keeps this file's SHA-256 apart from other tests' files.
    return f"{ADA}\nReference {uuid.uuid4().hex}\n".encode()


async def _upload(tmp_path, viewer, data: bytes, intake: IntakeContext) -> Resume:
    path = tmp_path / f"{uuid.uuid4().hex}.txt"
    path.write_bytes(data)
    incoming = IncomingFile(name="ada.txt", path=path, size=len(data))
    return await upload_resume(viewer, incoming, pool_id=None, intake=intake)


async def _run_high_queue(settings) -> int:
    async with worker_resources(settings) as shared:
        options = {
            **worker_options(settings, HIGH_QUEUE),
            "poll_delay": 0,
            "cron_jobs": [],
        }
        worker = Worker(**options, ctx=dict(shared), burst=True, handle_signals=False)
        try:
            return await worker.run_check()
        finally:
            await worker.close()


async def test_encrypted_resume_is_parsed_and_deduplicated_by_its_plaintext(
    db, queue, keyed_settings, tmp_path
):
    store = FileStore(
        keyed_settings.storage_dir, encryption_key=keyed_settings.storage_key
    )
    intake = IntakeContext(store=store, limits=IntakeLimits(), queue=queue)
    viewer = viewer_of(await make_user())
    data = _resume_bytes()

    first = await _upload(tmp_path, viewer, data, intake)
    assert await _run_high_queue(keyed_settings) == 1
    again = await _upload(tmp_path, viewer, data, intake)

    on_disk = store.path(first.storage_key).read_bytes()
    assert on_disk.startswith(ENCRYPTED_MAGIC)
    assert b"Lovelace" not in on_disk
    assert store.read_bytes(first.storage_key) == data
    parsed = await Resume.get(id=first.id)
    candidate = await Candidate.get(id=parsed.candidate_id)
    assert (parsed.status, candidate.name) == (ResumeStatus.PARSED, "Ada Lovelace")
    assert (again.status, again.duplicate_of_id) == (ResumeStatus.DUPLICATE, first.id)
    assert [p.name for p in (store.root / ".tmp").iterdir()] == []


async def _parsed_candidate(tmp_path, settings, queue, viewer, data) -> Candidate:
    store = FileStore(settings.storage_dir)
    intake = IntakeContext(store=store, limits=IntakeLimits(), queue=queue)
    resume = await _upload(tmp_path, viewer, data, intake)
    assert await _run_high_queue(settings) == 1
    resume = await Resume.get(id=resume.id)
    return await Candidate.get(id=resume.candidate_id)


async def test_erasure_removes_the_persons_data_files_and_derived_rows(
    db, queue, settings, tmp_path
):
    owner = await make_user()
    viewer = viewer_of(owner)
    data = _resume_bytes()
    store = FileStore(settings.storage_dir)
    ada = await _parsed_candidate(tmp_path, settings, queue, viewer, data)
    resume = await Resume.get(candidate_id=ada.id)
    twin = await make_candidate(
        await Pool.get(id=ada.pool_id), name="A. Lovelace", email="ada@work.example"
    )
    await merge_candidates(viewer, kept_id=ada.id, merged_id=twin.id)
    other = await make_candidate(await Pool.get(id=ada.pool_id), name="Bea Other")
    await CandidateDuplicate.create(
        candidate=other, duplicate_of=ada, reason="similar name", similarity=0.9
    )
    job = await Job.create(owner=owner, title="Engine programmer")
    await Match.create(job=job, candidate=ada, score=0.8, score_version="v1")
    await CandidateSource.filter(candidate_id=ada.id).update(url="https://x.test/ada")
    await Candidate.filter(id=ada.id).update(
        embedding=[0.1] * 384, embedding_model="m", title_embedding=[0.2] * 384
    )

    erased = await erase_candidate(viewer, ada.id, store=store)
    again = await erase_candidate(viewer, ada.id, store=store)

    assert (erased.resumes, erased.files_deleted, erased.matches) == (1, 1, 1)
    assert set(erased.candidate_ids) == {ada.id, twin.id}
    assert (erased.already_erased, again.already_erased) == (False, True)
    assert (again.resumes, again.files_deleted, again.matches) == (0, 0, 0)
    for row in await Candidate.filter(id__in=[ada.id, twin.id]):
        assert (row.name, row.email, row.phone, row.location) == (
            "Erased candidate",
            None,
            None,
            None,
        )
        assert (row.skills, row.profile, row.embedding, row.summary) == (
            [],
            {},
            None,
            None,
        )
        assert row.title_embedding is None
        assert row.erased_at is not None
    kept = await Resume.get(id=resume.id)
    assert (kept.filename, kept.text, kept.parsed, kept.sha256, kept.storage_key) == (
        "erased",
        None,
        None,
        "",
        "",
    )
    assert kept.candidate_id == ada.id  # the placeholder keeps its history
    assert store.exists(resume.storage_key) is False
    assert await Match.filter(candidate_id=ada.id).count() == 0
    assert await CandidateDuplicate.filter(duplicate_of_id=ada.id).count() == 0
    merge = await CandidateMerge.get(kept_id=ada.id)
    assert (merge.kept_before, merge.merged_before) == ({}, {})
    urls = await CandidateSource.filter(candidate_id=ada.id).values_list(
        "url", "external_id"
    )
    assert set(urls) == {(None, None)}
    audited = await AuditEntry.filter(action="candidate.erase").values_list(
        "actor_id", "entity_id"
    )
    assert audited == [(owner.id, ada.id), (owner.id, ada.id)]
    assert (await Candidate.get(id=other.id)).name == "Bea Other"


async def test_an_erased_person_returns_only_through_a_deliberate_new_upload(
    db, queue, settings, tmp_path
):
    viewer = viewer_of(await make_user())
    data = _resume_bytes()
    store = FileStore(settings.storage_dir)
    ada = await _parsed_candidate(tmp_path, settings, queue, viewer, data)
    await erase_candidate(viewer, ada.id, store=store)

    back = await _parsed_candidate(tmp_path, settings, queue, viewer, data)

    assert back.id != ada.id
    assert back.name == "Ada Lovelace"
    assert (await Candidate.get(id=ada.id)).name == "Erased candidate"
    resumes = await Resume.filter(pool_id=ada.pool_id).order_by("created_at")
    assert [r.status for r in resumes] == [ResumeStatus.PARSED, ResumeStatus.PARSED]
    assert [r.candidate_id for r in resumes] == [ada.id, back.id]


async def test_a_file_another_pool_still_uses_is_kept(db, queue, settings, tmp_path):
    data = _resume_bytes()
    store = FileStore(settings.storage_dir)
    first = viewer_of(await make_user())
    second = viewer_of(await make_user())
    ada = await _parsed_candidate(tmp_path, settings, queue, first, data)
    copy = await _parsed_candidate(tmp_path, settings, queue, second, data)
    key = (await Resume.get(candidate_id=copy.id)).storage_key

    erased = await erase_candidate(first, ada.id, store=store)

    assert (erased.resumes, erased.files_deleted) == (1, 0)
    assert store.read_bytes(key) == data


async def test_retention_cron_erases_candidates_untouched_too_long(
    db, settings, burst_worker, queue
):
    stale = await make_candidate(name="Sam Stale")
    pool = await Pool.get(id=stale.pool_id)
    fresh = await make_candidate(pool, name="Fay Fresh")
    kept_pool = await Pool.get(id=(await make_candidate(name="Kim Kept")).pool_id)
    await Pool.filter(id=pool.id).update(retention_months=6)
    old = datetime.now(UTC) - timedelta(days=200)
    await Candidate.filter(id=stale.id).update(updated_at=old)
    await Candidate.filter(pool_id=kept_pool.id).update(updated_at=old)
    assert f"cron:{apply_pool_retention.__name__}" in {job.name for job in CRON_JOBS}

    # arq adds its Redis connection to the context when the cron runs.
    report = await apply_pool_retention({**burst_worker.ctx, "redis": queue})

    assert report["erased"] == 1
    assert [p["erased_ids"] for p in report["pools"]] == [[str(stale.id)]]
    assert report["pools"][0]["months"] == 6
    names = await Candidate.filter(id__in=[stale.id, fresh.id]).order_by("name")
    assert sorted(c.name for c in names) == ["Erased candidate", "Fay Fresh"]
    assert await Candidate.filter(name="Kim Kept").count() == 1
    entry = await AuditEntry.get(action="candidate.erase")
    assert (entry.actor_id, entry.entity_id, entry.details["system"]) == (
        None,
        stale.id,
        True,
    )


async def test_a_file_encrypted_under_another_key_fails_with_a_reason(
    db, queue, keyed_settings, settings, tmp_path
):
    store = FileStore(
        keyed_settings.storage_dir, encryption_key=keyed_settings.storage_key
    )
    intake = IntakeContext(store=store, limits=IntakeLimits(), queue=queue)
    resume = await _upload(
        tmp_path, viewer_of(await make_user()), _resume_bytes(), intake
    )
    other_key = settings.model_copy(
        update={"storage_encryption_key": SecretStr(Fernet.generate_key().decode())}
    )

    await _run_high_queue(other_key)

    failed = await Resume.get(id=resume.id)
    job = await ProcessingJob.get(resume_id=resume.id)
    assert failed.status is ResumeStatus.FAILED
    assert job.error_message == (
        f"The stored file {resume.storage_key} cannot be decrypted with the"
        " configured STORAGE_ENCRYPTION_KEY: set the key it was stored with."
    )
