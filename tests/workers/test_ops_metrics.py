"""/metrics in Prometheus text: GraphQL operations, jobs run by a real worker
(recorded in Redis, so any worker process counts) and queue depth."""

import io
import json
import logging
import uuid

from prometheus_client.parser import text_string_to_metric_families

from domain.jobs import HIGH_QUEUE
from domain.ops.logs import JsonFormatter
from tests.factories import make_user
from tests.graphql import gql
from tests.samples.resumes import text_resume
from tests.workers.test_resume_pipeline import SINGLE, _upload


async def _samples(client) -> dict[tuple[str, tuple], float]:
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(response.text)
        for s in family.samples
    }


async def test_metrics_count_operations_jobs_and_queues(client, worker_factory):
    user = await make_user()
    name = f"Unread{uuid.uuid4().hex[:8]}"
    query = f"query {name} {{ notifications {{ totalCount }} }}"
    assert "errors" not in await gql(client, query, as_user=user)
    await gql(client, query)  # anonymous: an error
    await _upload(client, user, SINGLE, [("ada.txt", text_resume())], many=False)

    before = await _samples(client)
    assert before[("hotgigs_queue_depth", (("queue", "high"),))] == 1
    assert before[("hotgigs_queue_oldest_wait_seconds", (("queue", "high"),))] > 0
    op = (("operation", name), ("outcome", "ok"), ("type", "query"))
    failed = (("operation", name), ("outcome", "error"), ("type", "query"))
    assert before[("hotgigs_graphql_operations_total", op)] == 1
    assert before[("hotgigs_graphql_operations_total", failed)] == 1
    latency = (("operation", name), ("type", "query"))
    assert before[("hotgigs_graphql_operation_seconds_count", latency)] == 2

    assert await worker_factory(HIGH_QUEUE).run_check() == 1
    after = await _samples(client)
    job = (("function", "parse_resume"), ("outcome", "ok"))
    assert after[("hotgigs_jobs_total", job)] == 1
    assert after[("hotgigs_job_seconds_count", job)] == 1
    assert after[("hotgigs_job_seconds_sum", job)] > 0
    inf = tuple(sorted((*job, ("le", "+Inf"))))
    assert after[("hotgigs_job_seconds_bucket", inf)] == 1
    assert after[("hotgigs_queue_depth", (("queue", "high"),))] == 0
    assert after[("hotgigs_queue_worker_alive", (("queue", "high"),))] == 1


async def test_responses_carry_the_request_id(client):
    response = await client.get("/healthz", headers={"X-Request-Id": "abc-123"})
    assert response.headers["x-request-id"] == "abc-123"
    odd = await client.get("/healthz", headers={"X-Request-Id": "<script>"})
    assert len(odd.headers["x-request-id"]) == 32


async def test_log_lines_of_a_request_carry_its_id(client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("api.schema")
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        response = await client.post(
            "/graphql",
            json={"query": "{ notifications { totalCount } }"},
            headers={"X-Request-Id": "req-77"},
        )
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
    assert response.status_code == 200
    [line] = [json.loads(text) for text in stream.getvalue().splitlines()]
    assert (line["request_id"], line["logger"]) == ("req-77", "api.schema")
    assert line["message"].startswith("graphql error code=UNAUTHENTICATED")
