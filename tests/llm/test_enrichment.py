"""Enrichment against the fake OpenAI server through the real client, on real
PostgreSQL: merge, fallbacks, retries, timeout, cache, budget and cost."""

import time
from decimal import Decimal

from domain.llm.client import LlmClient
from domain.llm.enrichment import enrich_resume
from domain.llm.usage import month_usage
from domain.models import EnrichmentStatus, LlmCall
from tests.factories import make_user
from tests.llm.conftest import options_for


async def _enrich(llm, ada, user_id):
    document, local = ada
    return await enrich_resume(llm, text=document.text, parsed=local, user_id=user_id)


async def test_answer_is_merged_and_generated_text_kept(db, llm, fake_openai, ada):
    user = await make_user()
    result = await _enrich(llm, ada, user.id)
    assert result.status is EnrichmentStatus.ENRICHED
    assert result.parsed.headline.value == "Backend engineer"
    assert result.sources["headline"] == "llm"
    assert any("Kubernetes" in line for line in result.rejected)
    assert result.summary.startswith("Backend engineer")
    assert result.strengths == ("Python services", "PostgreSQL")
    (request,) = fake_openai.chat_requests()
    schema = request.body["response_format"]["json_schema"]
    assert schema["strict"] is True
    assert schema["schema"]["additionalProperties"] is False
    assert "ada.lovelace@example.com" not in str(request.body["messages"])


async def test_malformed_json_falls_back_to_local(db, llm, fake_openai, ada):
    fake_openai.malformed()
    result = await _enrich(llm, ada, None)
    assert result.status is EnrichmentStatus.FALLBACK
    assert result.parsed == ada[1]
    assert "not valid JSON" in result.message
    (call,) = await LlmCall.all()
    assert call.outcome == "malformed_json"
    assert call.prompt_tokens > 0  # a bad answer was still paid for


async def test_schema_violation_falls_back_to_local(db, llm, fake_openai, ada):
    fake_openai.violation()
    result = await _enrich(llm, ada, None)
    assert result.status is EnrichmentStatus.FALLBACK
    assert result.parsed == ada[1]
    assert (await LlmCall.get()).outcome == "schema_violation"


async def test_429_then_success_waits_for_retry_after(db, llm, fake_openai, ada):
    fake_openai.fail(429, retry_after="1")
    result = await _enrich(llm, ada, None)
    assert result.status is EnrichmentStatus.ENRICHED
    first, second = fake_openai.chat_requests()
    assert second.at - first.at >= 0.95
    assert (await LlmCall.get()).outcome == "ok"


async def test_500s_past_the_retries_fall_back(db, llm, fake_openai, ada):
    fake_openai.fail(500, times=3)  # one call and two retries
    result = await _enrich(llm, ada, None)
    assert result.status is EnrichmentStatus.FALLBACK
    assert len(fake_openai.chat_requests()) == 3
    assert (await LlmCall.get()).outcome == "server_error"


async def test_timeout_falls_back_in_bounded_time(db, fake_openai, ada):
    client = LlmClient(options_for(fake_openai, timeout_seconds=0.3, max_retries=0))
    fake_openai.slow(2.0)
    started = time.perf_counter()
    result = await _enrich(client, ada, None)
    await client.close()
    assert time.perf_counter() - started < 1.5
    assert result.status is EnrichmentStatus.FALLBACK
    assert "in time" in result.message
    assert (await LlmCall.get()).outcome == "timeout"


async def test_the_same_resume_is_never_paid_twice(db, llm, fake_openai, ada):
    user = await make_user()
    first = await _enrich(llm, ada, user.id)
    again = await _enrich(llm, ada, user.id)  # a re-upload of the same file
    assert again.parsed == first.parsed
    assert len(fake_openai.chat_requests()) == 1
    paid, cached = await LlmCall.all().order_by("created_at")
    assert (paid.cached, cached.cached) == (False, True)
    assert cached.cost_usd == 0


async def test_cost_is_recorded_per_call_and_per_recruiter(db, llm, ada):
    user, other = await make_user(), await make_user()
    await _enrich(llm, ada, user.id)
    call = await LlmCall.get(user_id=user.id)
    # fake-chat: 1 USD per million input tokens, 2 per million output
    expected = (call.prompt_tokens * 1.0 + call.completion_tokens * 2.0) / 1e6
    assert call.prompt_tokens > 100
    assert call.completion_tokens > 50
    assert call.cost_usd == Decimal(f"{expected:.6f}")
    usage = await month_usage(llm.options, user.id)
    assert (usage.calls, usage.cost_usd) == (1, float(call.cost_usd))
    assert (await month_usage(llm.options, other.id)).calls == 0


async def test_spent_budget_pauses_enhancement(db, fake_openai, ada):
    user = await make_user()
    await LlmCall.create(
        user_id=user.id,
        purpose="resume_structure",
        model="fake-chat",
        cost_usd=Decimal("5.000001"),
        outcome="ok",
    )
    client = LlmClient(options_for(fake_openai, monthly_budget_usd=5.0))
    result = await _enrich(client, ada, user.id)
    await client.close()
    assert result.status is EnrichmentStatus.PAUSED
    assert "budget of 5.00 USD is spent" in result.message
    assert result.parsed == ada[1]
    assert fake_openai.chat_requests() == []


async def test_open_circuit_skips_the_model(db, fake_openai, ada):
    client = LlmClient(options_for(fake_openai, max_retries=0, breaker_failures=2))
    fake_openai.fail(500, times=2)
    for _ in range(2):
        assert (await _enrich(client, ada, None)).status is EnrichmentStatus.FALLBACK
    result = await _enrich(client, ada, None)
    await client.close()
    assert "rested" in result.message
    assert len(fake_openai.chat_requests()) == 2


async def test_azure_style_server(db, fake_openai, ada):
    client = LlmClient(
        options_for(
            fake_openai, base_url=fake_openai.azure_url, api_version="2024-10-21"
        )
    )
    result = await _enrich(client, ada, None)
    await client.close()
    assert result.status is EnrichmentStatus.ENRICHED
    (request,) = fake_openai.chat_requests()
    assert request.path == "/openai/deployments/resumes/chat/completions"
    assert request.query["api-version"] == ["2024-10-21"]
    assert request.headers["api-key"] == "sk-test"
