"""The whole hostile corpus in one bulk upload, processed by a real burst worker:
every hostile file or entry ends with its own error code (or is read safely),
and the real resumes in the same batch still become candidates."""

import io
import json
import time
import zipfile

import pytest

from domain.jobs import BULK_QUEUE
from domain.models import Candidate, ImportBatch
from tests.conftest import TEST_JWT_SECRET
from tests.factories import make_user, token_for
from tests.graphql import body_of
from tests.samples.make_hostile import build_hostile_corpus
from tests.samples.resumes import GRACE, docx_resume, text_resume

BULK = """mutation($input: ResumeBulkUploadInput!) {
  resumeBulkUpload(input: $input) { batch { id } userErrors { code message } }
}"""
BATCH = """query($id: ID!) { importBatch(id: $id) {
  status total processed failed
  items {
    fileName error { code }
    resume { status processingJob { error { code } } }
  }
} }"""
# Whole-archive attacks are uploaded as files of their own; single-file attacks
# travel inside one ZIP together with two real resumes.
ARCHIVE_ATTACKS = [
    "ratio_bomb",
    "size_bomb",
    "lying_size_bomb",
    "nested",
    "traversal",
    "symlink",
    "encrypted",
    "many_entries",
    "truncated",
]
FILE_ATTACKS = [
    "empty",
    "docx_bomb",
    "junk_text",
    "polyglot",
    "active_pdf",
    "truncated_pdf",
    "page_bomb",
    "xxe_docx",
    "pixel_bomb",
    "invalid_utf8",
]
# fileName -> error code, or the resume's final status when it was read.
EXPECTED = {
    "ratio_bomb.zip": "ARCHIVE_COMPRESSION_RATIO",
    "size_bomb.zip": "ARCHIVE_TOO_LARGE",
    # Headers that lie about the size: caught when the data overruns them.
    "lying_size_bomb.zip": "CORRUPT_FILE",
    "nested.zip/inner.zip": "NESTED_ARCHIVE",
    "nested.zip/disguised.pdf": "NESTED_ARCHIVE",
    "nested.zip/resume.txt": "PARSED",
    "traversal.zip/../../etc/passwd": "ARCHIVE_PATH_TRAVERSAL",
    "traversal.zip//etc/passwd": "ARCHIVE_PATH_TRAVERSAL",
    "traversal.zip/..\\..\\windows\\win.ini": "ARCHIVE_PATH_TRAVERSAL",
    "traversal.zip/C:/Users/evil.txt": "ARCHIVE_PATH_TRAVERSAL",
    "traversal.zip/resumes/resume.txt": "DUPLICATE",
    "symlink.zip/resume.pdf": "ARCHIVE_SYMLINK",
    "symlink.zip/resume.txt": "DUPLICATE",
    "encrypted.zip/secret.txt": "ENCRYPTED_ARCHIVE",
    "encrypted.zip/resume.txt": "DUPLICATE",
    "many_entries.zip": "ARCHIVE_TOO_MANY_ENTRIES",
    "truncated.zip": "CORRUPT_FILE",
    "files.zip/ada.txt": "PARSED",
    "files.zip/grace.docx": "PARSED",
    "files.zip/empty.pdf": "EMPTY_FILE",
    "files.zip/resume.docx": "ARCHIVE_COMPRESSION_RATIO",
    "files.zip/notes.txt": "UNSUPPORTED_FILE_TYPE",
    "files.zip/resume.pdf": "UNSUPPORTED_FILE_TYPE",
    "files.zip/active.pdf": "PARSED",
    "files.zip/truncated.pdf": "NO_TEXT_FOUND",
    "files.zip/500-pages.pdf": "TOO_MANY_PAGES",
    "files.zip/xxe.docx": "PARSED",
    "files.zip/scan.png": "IMAGE_TOO_LARGE",
    "files.zip/invalid-utf8.txt": "PARSED",
}


def _files_zip(corpus) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ada.txt", text_resume())
        archive.writestr("grace.docx", docx_resume(GRACE))
        for key in FILE_ATTACKS:
            archive.write(corpus[key], corpus[key].name)
    return buffer.getvalue()


def _outcome(item: dict) -> str:
    """The intake error, the worker's error, or the resume's status."""
    if item["error"]:
        return item["error"]["code"]
    resume = item["resume"]
    job_error = (resume["processingJob"] or {}).get("error")
    return job_error["code"] if job_error else resume["status"]


@pytest.mark.slow
async def test_a_batch_of_hostile_files_fails_each_alone(
    client, worker_factory, tmp_path
):
    corpus = build_hostile_corpus(tmp_path / "hostile")
    recruiter = await make_user()
    uploads = [(corpus[k].name, corpus[k].read_bytes()) for k in ARCHIVE_ATTACKS]
    uploads.append(("files.zip", _files_zip(corpus)))
    operations = {
        "query": BULK,
        "variables": {"input": {"files": [None] * len(uploads)}},
    }
    started = time.perf_counter()
    response = await client.post(
        "/graphql",
        data={
            "operations": json.dumps(operations),
            "map": json.dumps(
                {str(i): [f"variables.input.files.{i}"] for i in range(len(uploads))}
            ),
        },
        files={str(i): upload for i, upload in enumerate(uploads)},
        headers={"Authorization": f"Bearer {token_for(recruiter, TEST_JWT_SECRET)}"},
    )
    intake_seconds = time.perf_counter() - started
    payload = body_of(response)["data"]["resumeBulkUpload"]
    assert payload["userErrors"] == []
    assert intake_seconds < 30

    started = time.perf_counter()
    await worker_factory(BULK_QUEUE).run_check()
    worker_seconds = time.perf_counter() - started
    assert worker_seconds < 120

    response = await client.post(
        "/graphql",
        json={"query": BATCH, "variables": {"id": payload["batch"]["id"]}},
        headers={"Authorization": f"Bearer {token_for(recruiter, TEST_JWT_SECRET)}"},
    )
    batch = body_of(response)["data"]["importBatch"]
    outcomes = {item["fileName"]: _outcome(item) for item in batch["items"]}
    assert outcomes == EXPECTED
    failed = sum(code not in ("PARSED", "DUPLICATE") for code in EXPECTED.values())
    assert (batch["status"], batch["total"], batch["processed"], batch["failed"]) == (
        "done",
        len(EXPECTED),
        len(EXPECTED),
        failed,
    )
    names = sorted(await Candidate.all().values_list("name", flat=True))
    assert "Ada Lovelace" in names
    assert "Grace Hopper" in names
    assert await ImportBatch.all().count() == 1
