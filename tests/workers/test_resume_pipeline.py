"""Uploads through GraphQL, processed by a real burst worker on real PostgreSQL and
Redis: candidates, batch counts, progress events, duplicates and failures."""

import io
import json
import zipfile

from strawberry import relay

from domain.events import batch_stream, read_events, resume_stream
from domain.jobs import BULK_QUEUE, HIGH_QUEUE
from domain.models import (
    Candidate,
    CandidateSource,
    ImportBatch,
    ProcessingJob,
    Resume,
    ResumeStatus,
)
from tests.conftest import TEST_JWT_SECRET
from tests.factories import make_user, token_for
from tests.graphql import body_of
from tests.samples.resumes import GRACE, docx_resume, pdf_resume, text_resume

BULK = """mutation($input: ResumeBulkUploadInput!) {
  resumeBulkUpload(input: $input) {
    batch { id total processed failed items { fileName error { code message } } }
    userErrors { code message }
  }
}"""
SINGLE = """mutation($input: ResumeUploadInput!) {
  resumeUpload(input: $input) {
    resume { id fileName status }
    userErrors { code message }
  }
}"""
BATCH = """query($id: ID!) { importBatch(id: $id) {
  status total processed failed
  items { fileName error { code } resume { status candidate { name email } } }
} }"""


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


async def _upload(client, user, query, files, *, many: bool) -> dict:
    variables = {"input": {"files": [None] * len(files)} if many else {"file": None}}
    paths = (
        {str(i): [f"variables.input.files.{i}"] for i in range(len(files))}
        if many
        else {"0": ["variables.input.file"]}
    )
    response = await client.post(
        "/graphql",
        data={
            "operations": json.dumps({"query": query, "variables": variables}),
            "map": json.dumps(paths),
        },
        files={str(i): (name, data) for i, (name, data) in enumerate(files)},
        headers={"Authorization": f"Bearer {token_for(user, TEST_JWT_SECRET)}"},
    )
    assert response.status_code == 200, response.text
    return body_of(response)


async def test_zip_of_mixed_formats_becomes_candidates_with_progress(
    client, worker_factory, queue
):
    recruiter = await make_user()
    archive = _zip(
        {
            "ada.txt": text_resume(),
            "people/grace.docx": docx_resume(),
            "alan.pdf": pdf_resume(),
            "tool.exe": b"MZ\x90\x00" + b"\x00" * 60,
            "copy-of-ada.txt": text_resume(),
        }
    )
    body = await _upload(client, recruiter, BULK, [("cvs.zip", archive)], many=True)
    payload = body["data"]["resumeBulkUpload"]
    assert payload["userErrors"] == []
    batch = payload["batch"]
    assert (batch["total"], batch["processed"], batch["failed"]) == (5, 2, 1)
    assert [
        (i["fileName"], i["error"] and i["error"]["code"]) for i in batch["items"]
    ] == [
        ("cvs.zip/ada.txt", None),
        ("cvs.zip/people/grace.docx", None),
        ("cvs.zip/alan.pdf", None),
        ("cvs.zip/tool.exe", "UNSUPPORTED_FILE_TYPE"),
        ("cvs.zip/copy-of-ada.txt", None),
    ]

    completed = await worker_factory(BULK_QUEUE).run_check()
    assert completed == 3

    final = (await _query(client, recruiter, BATCH, batch["id"]))["data"]["importBatch"]
    assert (final["status"], final["total"], final["processed"], final["failed"]) == (
        "done",
        5,
        5,
        1,
    )
    assert [(i["resume"] or {}).get("status") for i in final["items"]] == [
        "PARSED",
        "PARSED",
        "PARSED",
        None,
        "DUPLICATE",
    ]
    names = sorted(await Candidate.all().values_list("name", flat=True))
    assert names == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
    duplicate = await Resume.get(status=ResumeStatus.DUPLICATE)
    first = await Resume.get(id=duplicate.duplicate_of_id)
    assert (first.filename, duplicate.candidate_id) == (
        "cvs.zip/ada.txt",
        first.candidate_id,
    )
    assert await CandidateSource.filter(kind="bulk").count() == 3

    batch_id = (await ImportBatch.first()).id
    events = [e async for e in read_events(queue, batch_stream(batch_id), after=None)]
    assert [(e.processed, e.total, e.failed, e.final) for e in events] == [
        (2, 5, 1, False),
        (3, 5, 1, False),
        (4, 5, 1, False),
        (5, 5, 1, True),
    ]
    # A subscriber that saw the first two events gets exactly the other two.
    missed = [
        e async for e in read_events(queue, batch_stream(batch_id), after=events[1].id)
    ]
    assert [e.id for e in missed] == [e.id for e in events[2:]]


async def test_single_upload_parses_on_the_high_queue_and_updates_by_email(
    client, worker_factory, queue
):
    recruiter = await make_user()
    first = await _upload(
        client, recruiter, SINGLE, [("grace.docx", docx_resume())], many=False
    )
    assert first["data"]["resumeUpload"]["resume"]["status"] == "QUEUED"
    assert await worker_factory(HIGH_QUEUE).run_check() == 1

    newer = GRACE.replace("New York, NY", "Arlington, VA")
    await _upload(
        client, recruiter, SINGLE, [("grace.txt", text_resume(newer))], many=False
    )
    assert await worker_factory(HIGH_QUEUE).run_check() == 1

    candidate = await Candidate.get()  # one candidate: the e-mail matched
    assert (candidate.name, candidate.location) == ("Grace Hopper", "Arlington, VA")
    assert await CandidateSource.filter(candidate=candidate).count() == 2
    resume = await Resume.filter(filename="grace.txt").first()
    stages = [
        e.stage async for e in read_events(queue, resume_stream(resume.id), after=None)
    ]
    assert stages == ["queued", "extracting", "parsing", "done"]


async def test_an_unreadable_file_fails_with_a_reason_and_can_be_retried(
    client, worker_factory, queue
):
    recruiter = await make_user()
    broken = pdf_resume()[:400]  # a PDF cut short: passes the magic bytes, not parsing
    body = await _upload(client, recruiter, SINGLE, [("cut.pdf", broken)], many=False)
    resume_id = body["data"]["resumeUpload"]["resume"]["id"]
    await worker_factory(HIGH_QUEUE).run_check()

    query = """query($id: ID!) { resume(id: $id) {
        status stage error { code message } processingJob { id attempts } } }"""
    failed = (await _query(client, recruiter, query, resume_id))["data"]["resume"]
    assert (failed["status"], failed["stage"]) == ("FAILED", "FAILED")
    assert failed["error"]["code"] in {"EXTRACTION_FAILED", "CORRUPT_FILE"}
    assert failed["error"]["message"]

    retry = """mutation($id: ID!) { processingJobRetry(input: {id: $id}) {
        processingJob { stage attempts } userErrors { code } } }"""
    job_id = failed["processingJob"]["id"]
    again = await _query(client, recruiter, retry, job_id, variable="id")
    assert again["data"]["processingJobRetry"] == {
        "processingJob": {"stage": "QUEUED", "attempts": 1},
        "userErrors": [],
    }
    assert await worker_factory(HIGH_QUEUE).run_check() == 1
    twice = (await _query(client, recruiter, query, resume_id))["data"]["resume"]
    assert (twice["status"], twice["processingJob"]["attempts"]) == ("FAILED", 2)


async def _query(client, user, query, value, *, variable: str = "id") -> dict:
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": {variable: value}},
        headers={"Authorization": f"Bearer {token_for(user, TEST_JWT_SECRET)}"},
    )
    return body_of(response)


async def test_retrying_an_item_reopens_its_batch_until_it_finishes(
    client, worker_factory, queue
):
    recruiter = await make_user()
    archive = _zip({"cut.pdf": pdf_resume()[:400], "ada.txt": text_resume()})
    body = await _upload(client, recruiter, BULK, [("two.zip", archive)], many=True)
    batch_id = body["data"]["resumeBulkUpload"]["batch"]["id"]
    await worker_factory(BULK_QUEUE).run_check()
    batch = await ImportBatch.get()
    assert (batch.status, batch.succeeded, batch.failed) == ("done", 1, 1)

    job = await ProcessingJob.get(stage="failed")
    retry = """mutation($id: ID!) { processingJobRetry(input: {id: $id}) {
        userErrors { code } } }"""
    await _query(
        client, recruiter, retry, str(relay.GlobalID("ProcessingJob", str(job.id)))
    )
    reopened = (await _query(client, recruiter, BATCH, batch_id))["data"]["importBatch"]
    assert (reopened["status"], reopened["processed"], reopened["failed"]) == (
        "running",
        1,
        0,
    )
    await worker_factory(BULK_QUEUE).run_check()
    await batch.refresh_from_db()
    assert (batch.status, batch.succeeded, batch.failed) == ("done", 1, 1)


async def test_parsed_resume_exposes_values_with_confidence_and_evidence(
    client, worker_factory
):
    recruiter = await make_user()
    body = await _upload(
        client, recruiter, SINGLE, [("ada.txt", text_resume())], many=False
    )
    resume_id = body["data"]["resumeUpload"]["resume"]["id"]
    await worker_factory(HIGH_QUEUE).run_check()
    query = """query($id: ID!) { resume(id: $id) { parsed {
        name { value confidence evidence { page start end } }
        email { value } phone { value }
        experience { title { value } company { value } start { value } current }
        skills { name } parserVersion } } }"""
    parsed = (await _query(client, recruiter, query, resume_id))["data"]["resume"][
        "parsed"
    ]
    assert parsed["name"]["value"] == "Ada Lovelace"
    assert 0 < parsed["name"]["confidence"] <= 1
    assert parsed["name"]["evidence"] == {"page": 1, "start": 0, "end": 12}
    assert (parsed["email"]["value"], parsed["phone"]["value"]) == (
        "ada.lovelace@example.com",
        "+442079460958",
    )
    assert parsed["experience"] == [
        {
            "title": {"value": "Senior Engineer"},
            "company": {"value": "Analytical Engines Ltd"},
            "start": {"value": "2019-01"},
            "current": True,
        }
    ]
    assert [s["name"] for s in parsed["skills"]] == [
        "Python",
        "PostgreSQL",
        "GraphQL",
        "Docker",
    ]
    assert parsed["parserVersion"] == "local-1"


async def test_reparse_keeps_what_a_recruiter_corrected(client, worker_factory, queue):
    recruiter = await make_user()
    body = await _upload(
        client, recruiter, SINGLE, [("ada.txt", text_resume())], many=False
    )
    resume_id = body["data"]["resumeUpload"]["resume"]["id"]
    await worker_factory(HIGH_QUEUE).run_check()
    candidate = await Candidate.get()
    fix = """mutation($id: ID!) {
        candidateUpdate(input: {id: $id, headline: "Countess"}) { userErrors { code } }
    }"""
    await _query(
        client, recruiter, fix, str(relay.GlobalID("Candidate", str(candidate.id)))
    )
    reparse = """mutation($id: ID!) { resumeReparse(input: {resumeId: $id}) {
        resume { status } queuedCount userErrors { code message } } }"""
    queued = await _query(client, recruiter, reparse, resume_id)
    assert queued["data"]["resumeReparse"] == {
        "resume": {"status": "QUEUED"},
        "queuedCount": 1,
        "userErrors": [],
    }
    busy = await _query(client, recruiter, reparse, resume_id)
    assert busy["data"]["resumeReparse"]["userErrors"] == [
        {"code": "NOT_RETRYABLE", "message": "This resume is being processed already."}
    ]
    assert await worker_factory(HIGH_QUEUE).run_check() == 1
    await candidate.refresh_from_db()
    assert (candidate.headline, candidate.email) == (
        "Countess",
        "ada.lovelace@example.com",
    )
    assert await Candidate.all().count() == 1


async def test_pool_reparse_requeues_resumes_of_older_parsers(
    client, worker_factory, queue
):
    recruiter = await make_user()
    await _upload(client, recruiter, SINGLE, [("ada.txt", text_resume())], many=False)
    await worker_factory(HIGH_QUEUE).run_check()
    resume = await Resume.get()
    await Resume.filter(id=resume.id).update(parser_version="local-0")
    reparse = """mutation($id: ID!) { resumeReparse(input: {poolId: $id}) {
        queuedCount userErrors { code } } }"""
    pool_id = str(relay.GlobalID("Pool", str(resume.pool_id)))
    body = await _query(client, recruiter, reparse, pool_id)
    assert body["data"]["resumeReparse"] == {"queuedCount": 1, "userErrors": []}
    assert await worker_factory(BULK_QUEUE).run_check() == 1  # reparse_pool queues it
    assert await worker_factory(HIGH_QUEUE).run_check() == 1  # and it is parsed again
    await resume.refresh_from_db()
    assert (resume.status, resume.parser_version) == (ResumeStatus.PARSED, "local-1")
