"""OpenAI embeddings against the fake server: the provider, the per-process switch,
queries that never mix models, and re-embedding after a switch."""

import asyncio

import numpy as np
import pytest
from pydantic import SecretStr

from domain.errors import TransientError
from domain.jobs import REFRESH_CANDIDATE_MATCHES, job_id
from domain.llm.embeddings import (
    OpenAIEmbeddingProvider,
    configure_process,
    current_model,
    request_reembedding,
)
from domain.matching import embeddings
from domain.matching.retrieval import nearest_candidates
from domain.matching.service import refresh_job_matches
from domain.matching.stored_vectors import EMBEDDING_PURPOSE
from domain.models import Candidate, LlmCall
from tests.factories import make_candidate
from tests.integration.test_matching_service import _world, run_inline
from tests.llm.conftest import options_for
from workers.context import worker_resources


@pytest.fixture
def provider(fake_openai):
    return OpenAIEmbeddingProvider(options_for(fake_openai))


def test_provider_returns_unit_rows_of_the_column_size(provider, fake_openai):
    vectors = provider.embed(["Python engineer", "", "Nurse"])
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors[[0, 2]], axis=1), 1.0)
    assert not vectors[1].any()  # empty text: zero row, not sent
    (request,) = fake_openai.state.requests
    assert request.body["input"] == ["Python engineer", "Nurse"]
    assert request.body["dimensions"] == 384
    assert request.body["model"] == "fake-embed"
    assert provider.name == "openai:fake-embed:384"


def test_a_server_that_ignores_dimensions_is_refused(provider, fake_openai):
    fake_openai.state.embedding_size = 768  # e.g. a local model of fixed size
    with pytest.raises(ValueError, match="supports `dimensions`"):
        provider.embed(["Python engineer"])


def test_a_failing_server_raises_a_transient_error(fake_openai):
    provider = OpenAIEmbeddingProvider(options_for(fake_openai, max_retries=0))
    fake_openai.fail(500)
    with pytest.raises(TransientError):
        provider.embed(["Python engineer"])


def test_the_process_provider_switches_and_back(fake_openai):
    local = embeddings.load_default_provider().name
    configure_process(options_for(fake_openai))
    try:
        assert current_model() == "openai:fake-embed:384"
    finally:
        configure_process(None)
    assert current_model() == local


async def test_queries_never_mix_models_and_a_switch_reembeds(db, queue):
    old = await make_candidate(name="Old vector")
    await make_candidate(name="No vector yet")
    vector = [1.0] + [0.0] * 383
    await Candidate.filter(id=old.id).update(
        embedding=vector, embedding_model="hotgigs-minilm-static-384-v1"
    )
    pool_ids = [old.pool_id]
    found = await nearest_candidates(
        pool_ids, vector, model="openai:fake-embed:384", limit=5
    )
    assert found == []  # the same vector, another model: never compared
    queued = await request_reembedding(queue, "openai:fake-embed:384")
    assert queued == 1
    key = "arq:job:" + job_id(
        REFRESH_CANDIDATE_MATCHES, old.id, "openai:fake-embed:384"
    )
    assert await queue.exists(key)
    # the same switch again queues nothing new
    assert await request_reembedding(queue, "openai:fake-embed:384") == 0


async def test_worker_pool_processes_use_the_configured_provider(
    settings, fake_openai, db
):
    enhanced = settings.model_copy(
        update={
            "openai_api_key": SecretStr("sk-test"),
            "openai_base_url": fake_openai.url,
            "openai_embedding_model": "fake-embed",
        }
    )
    async with worker_resources(enhanced) as shared:
        loop = asyncio.get_running_loop()
        name = await loop.run_in_executor(shared["executor"], current_model)
    assert name == "openai:fake-embed:384"


async def test_paid_embeddings_are_billed_to_the_recruiter_they_were_made_for(
    db, fake_openai
):
    owner, job, _strong, _weak, stranger = await _world()
    configure_process(options_for(fake_openai))  # this process plays the pool
    try:
        await refresh_job_matches(job.id, run_cpu=run_inline)
    finally:
        configure_process(None)

    calls = await LlmCall.filter(purpose=EMBEDDING_PURPOSE).order_by("created_at")
    # The job, then Olga's two candidates (Eve is in a pool she cannot see).
    assert [c.user_id for c in calls] == [owner.id, owner.id]
    assert {c.model for c in calls} == {"openai:fake-embed:384"}
    tokens = [c.prompt_tokens for c in calls]
    assert all(t > 0 for t in tokens)
    # 0.1 USD per million tokens (tests/llm/conftest.py PRICES)
    for call, spent in zip(calls, tokens, strict=True):
        assert float(call.cost_usd) == pytest.approx(spent * 0.1 / 1e6, abs=1e-6)
    await stranger.refresh_from_db()
    assert stranger.embedding is None
