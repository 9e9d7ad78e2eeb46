"""The `enriching` stage in a real worker: progress events, the merged parse, the
enrichment in the API with generated text marked, and a failing model that never
fails the resume. With no key nothing changes (tests/workers cover that path)."""

import json
from collections.abc import AsyncIterator, Callable

import pytest
from arq.worker import Worker
from pydantic import SecretStr

from domain.events import read_events, resume_stream
from domain.jobs import HIGH_QUEUE
from domain.models import LlmCall, Resume, ResumeStatus
from tests.conftest import TEST_JWT_SECRET
from tests.factories import make_user, token_for
from tests.llm.conftest import PRICES
from tests.samples.resumes import text_resume
from tests.workers.test_resume_pipeline import SINGLE, _upload
from workers.context import worker_resources
from workers.settings import worker_options

ENRICHMENT = """query($id: ID!) { node(id: $id) { ... on Resume {
  status parsed { headline { value } }
  enrichment { status model message rejected
    fieldSources { field source }
    summary { text generated model } strengths { text generated } }
} } }"""


@pytest.fixture
async def llm_worker(
    settings, fake_openai, db, queue
) -> AsyncIterator[Callable[[], Worker]]:
    enhanced = settings.model_copy(
        update={
            "openai_api_key": SecretStr("sk-test"),
            "openai_base_url": fake_openai.url,
            "openai_chat_model": "fake-chat",
            "llm_prices": PRICES,
            "llm_max_retries": 0,
        }
    )
    async with worker_resources(enhanced) as shared:
        assert shared["llm"] is not None
        workers: list[Worker] = []

        def make() -> Worker:
            options = {
                **worker_options(enhanced, HIGH_QUEUE),
                "poll_delay": 0,
                "cron_jobs": [],
            }
            workers.append(
                Worker(**options, ctx=dict(shared), burst=True, handle_signals=False)
            )
            return workers[-1]

        yield make
        for worker in workers:
            await worker.close()


async def _query(client, user, resume_id):
    response = await client.post(
        "/graphql",
        json={"query": ENRICHMENT, "variables": {"id": resume_id}},
        headers={"Authorization": f"Bearer {token_for(user, TEST_JWT_SECRET)}"},
    )
    return response.json()["data"]["node"]


async def test_enriching_stage_merges_and_marks_generated_text(
    client, llm_worker, queue, fake_openai
):
    recruiter = await make_user()
    uploaded = await _upload(
        client, recruiter, SINGLE, [("ada.txt", text_resume())], many=False
    )
    resume_id = uploaded["data"]["resumeUpload"]["resume"]["id"]
    assert await llm_worker().run_check() == 1

    resume = await Resume.get()
    stages = [
        e.stage async for e in read_events(queue, resume_stream(resume.id), after=None)
    ]
    assert stages == ["queued", "extracting", "parsing", "enriching", "done"]
    node = await _query(client, recruiter, resume_id)
    assert node["parsed"]["headline"]["value"] == "Backend engineer"
    enrichment = node["enrichment"]
    assert enrichment["status"] == "ENRICHED"
    assert {"field": "headline", "source": "llm"} in enrichment["fieldSources"]
    assert {"field": "name", "source": "local"} in enrichment["fieldSources"]
    assert any("Kubernetes" in line for line in enrichment["rejected"])
    assert enrichment["summary"]["generated"] is True
    assert enrichment["summary"]["model"] == "fake-chat"
    assert [s["text"] for s in enrichment["strengths"]] == [
        "Python services",
        "PostgreSQL",
    ]
    call = await LlmCall.get()
    assert call.user_id == recruiter.id  # billed to the pool's owner
    assert "enriching" in (await resume.processing_jobs.all())[0].timings


async def test_a_failing_model_never_fails_the_resume(client, llm_worker, fake_openai):
    recruiter = await make_user()
    fake_openai.fail(500)
    uploaded = await _upload(
        client, recruiter, SINGLE, [("ada.txt", text_resume())], many=False
    )
    assert await llm_worker().run_check() == 1
    resume = await Resume.get()
    assert resume.status is ResumeStatus.PARSED
    assert resume.parsed["headline"]["value"] == "Senior Engineer"  # local
    node = await _query(
        client, recruiter, uploaded["data"]["resumeUpload"]["resume"]["id"]
    )
    assert node["enrichment"]["status"] == "FALLBACK"
    assert "local result is kept" in node["enrichment"]["message"]
    assert json.dumps(node).count("generated") == 0
