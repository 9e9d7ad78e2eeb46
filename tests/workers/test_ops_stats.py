"""processingStats over resumes imported through GraphQL and processed by a
real burst worker: exact counts, failures by code, stage timings, queues."""

import json
from datetime import UTC, datetime, timedelta

from domain.jobs import BULK_QUEUE, MATCHING_QUEUE
from domain.models import Pool, Role
from domain.ops.queues import record_run
from tests.factories import make_pool, make_user
from tests.graphql import gql
from tests.samples.resumes import docx_resume, pdf_resume, text_resume
from tests.workers.test_resume_pipeline import BULK, _upload, _zip

STATS = """query($from: DateTime!, $to: DateTime!, $poolId: ID) {
  processingStats(from: $from, to: $to, poolId: $poolId) {
    received parsed failed duplicates inProgress successRate
    failuresByCode { code count }
    stages { stage count medianSeconds p95Seconds }
    ocrPages
    llm { recorded promptTokens completionTokens costUsd }
    queues { name depth oldestWaitSeconds workerAlive health }
    activeWorkers
    maintenance { name finishedAt result }
  }
}"""


def _window() -> dict[str, str]:
    now = datetime.now(UTC)
    return {
        "from": (now - timedelta(hours=1)).isoformat(),
        "to": (now + timedelta(hours=1)).isoformat(),
    }


async def test_processing_stats_count_a_real_import(client, worker_factory, queue):
    recruiter = await make_user()
    admin = await make_user(Role.ADMIN)
    other = await make_user()
    archive = _zip(
        {
            "ada.txt": text_resume(),
            "grace.docx": docx_resume(),
            "alan.pdf": pdf_resume(),
            "blank.txt": b"   \n\n \t \n",
            "copy-of-ada.txt": text_resume(),
        }
    )
    body = await _upload(client, recruiter, BULK, [("cvs.zip", archive)], many=True)
    assert body["data"]["resumeBulkUpload"]["userErrors"] == []
    await make_pool(other, name="Elsewhere")

    before = await gql(client, STATS, _window(), as_user=admin)
    waiting = {q["name"]: q for q in before["data"]["processingStats"]["queues"]}
    assert waiting["bulk"]["depth"] == 4
    assert waiting["bulk"]["oldestWaitSeconds"] >= 0
    assert before["data"]["processingStats"]["inProgress"] == 4

    worker = worker_factory(BULK_QUEUE)
    assert await worker.run_check() == 4
    await record_run(queue, "reconcile_processing", {"requeued": 0})

    mine = (await gql(client, STATS, _window(), as_user=recruiter))["data"]
    stats = mine["processingStats"]
    assert {k: stats[k] for k in ("received", "parsed", "failed", "duplicates")} == {
        "received": 5,
        "parsed": 3,
        "failed": 1,
        "duplicates": 1,
    }
    assert (stats["inProgress"], stats["successRate"]) == (0, 0.75)
    assert stats["failuresByCode"] == [{"code": "NO_TEXT_FOUND", "count": 1}]
    counts = {s["stage"]: s["count"] for s in stats["stages"]}
    assert counts == {
        "queued": 4,
        "extracting": 4,
        "parsing": 3,
        "saving": 3,
        "total": 4,
    }
    for stage in stats["stages"]:
        assert 0 <= stage["medianSeconds"] <= stage["p95Seconds"], stage
    assert stats["llm"] == {
        "recorded": False,
        "promptTokens": 0,
        "completionTokens": 0,
        "costUsd": 0.0,
    }
    # Queues and workers are shared by everyone: admins only.
    assert (stats["queues"], stats["activeWorkers"], stats["maintenance"]) == (
        None,
        None,
        None,
    )

    theirs = await gql(client, STATS, _window(), as_user=other)
    assert theirs["data"]["processingStats"]["received"] == 0

    answer = await gql(client, STATS, _window(), as_user=admin)
    admin_stats = answer["data"]["processingStats"]
    assert admin_stats["received"] == 5
    queues = {q["name"]: q for q in admin_stats["queues"]}
    assert (queues["bulk"]["depth"], queues["bulk"]["oldestWaitSeconds"]) == (0, None)
    # The burst worker wrote arq's health check for the bulk queue.
    assert queues["bulk"]["workerAlive"] is True
    assert admin_stats["activeWorkers"] == 1
    assert [(m["name"], m["result"]) for m in admin_stats["maintenance"]] == [
        ("reconcile_processing", {"requeued": 0})
    ]
    print("processingStats answer:", json.dumps(answer, indent=1))  # noqa: T201

    # The match refresh after each of the 3 parses times itself on its resume.
    assert await worker_factory(MATCHING_QUEUE).run_check() == 3
    after = (await gql(client, STATS, _window(), as_user=recruiter))["data"]
    matching = [
        s for s in after["processingStats"]["stages"] if s["stage"] == "matching"
    ]
    assert [s["count"] for s in matching] == [3]
    assert 0 < matching[0]["medianSeconds"] <= matching[0]["p95Seconds"]


async def test_processing_stats_of_someone_elses_pool_is_not_found(client, queue):
    owner = await make_user()
    other = await make_user()
    pool: Pool = await make_pool(owner, name="Mine")
    from tests.api.permission_cases import gid

    body = await gql(
        client, STATS, {**_window(), "poolId": gid("Pool", pool.id)}, as_user=other
    )
    assert body["data"] is None
    assert [(e["extensions"]["code"], e["message"]) for e in body["errors"]] == [
        ("NOT_FOUND", "No such pool, or its figures are not yours to read.")
    ]
