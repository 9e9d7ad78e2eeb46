"""Resume enrichment: the local result and text go to the model, and its checked
answer is merged in. It never fails a resume: on any failure, a spent budget or
an open circuit the local result stands and the reason is recorded."""

import json
import logging
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from pydantic import ValidationError

from domain.llm.cache import find_answer, store_answer
from domain.llm.client import LlmClient, LlmFailure
from domain.llm.merge import merge
from domain.llm.structuring import (
    PROMPT_VERSION,
    SCHEMA_NAME,
    SYSTEM_PROMPT,
    LlmResume,
    answer_schema,
    content_hash,
    user_prompt,
)
from domain.llm.usage import month_usage, record_call
from domain.models import EnrichmentStatus, ResumeEnrichment
from domain.parsing.model import ParsedResume

logger = logging.getLogger(__name__)
PURPOSE = "resume_structure"
KEPT = "; the local result is kept."
FALLBACK_MESSAGES = {
    "malformed_json": "The model's answer was not valid JSON" + KEPT,
    "schema_violation": "The model's answer broke the schema" + KEPT,
    "circuit_open": "The model failed repeatedly and is rested" + KEPT,
    "timeout": "The model did not answer in time" + KEPT,
    "rate_limited": "The model's server kept refusing for its rate limit" + KEPT,
}


@dataclass(frozen=True)
class Enrichment:
    """`summary` and `strengths` are generated text, shown as such."""

    parsed: ParsedResume
    status: EnrichmentStatus
    model: str
    message: str = ""
    sources: dict[str, str] | None = None
    rejected: tuple[str, ...] = ()
    summary: str | None = None
    strengths: tuple[str, ...] = ()


class _Unusable(Exception):  # internal: carries the outcome code
    def __init__(self, outcome: str) -> None:
        super().__init__(outcome)
        self.outcome = outcome


async def enrich_resume(
    llm: LlmClient, *, text: str, parsed: ParsedResume, user_id: UUID | None
) -> Enrichment:
    """`user_id` is the recruiter billed (the pool's owner)."""
    options = llm.options
    model = options.chat_model
    prompt = user_prompt(text, parsed, send_contacts=options.send_contacts)
    key = content_hash(prompt)
    try:
        answer = await _answer(llm, prompt, key, user_id)
    except _Unusable as exc:
        return _fallback(parsed, model, exc.outcome)
    if answer is None:
        usage = await month_usage(options, user_id)
        return Enrichment(
            parsed,
            EnrichmentStatus.PAUSED,
            model,
            f"Enhancement is paused: this month's LLM budget of"
            f" {usage.budget_usd:.2f} USD is spent ({usage.cost_usd:.2f} USD);"
            " it resumes next month or with a higher LLM_MONTHLY_BUDGET_USD.",
        )
    try:
        merged = merge(parsed, answer, text)
    except ValidationError:
        logger.exception("llm merge failed")
        return _fallback(parsed, model, "merge_failed")
    return Enrichment(
        merged.parsed,
        EnrichmentStatus.ENRICHED,
        model,
        sources=dict(merged.sources),
        rejected=merged.rejected,
        summary=answer.summary.strip() or None,
        strengths=tuple(s.strip() for s in answer.strengths if s.strip())[:5],
    )


async def _answer(
    llm: LlmClient, prompt: str, key: str, user_id: UUID | None
) -> LlmResume | None:
    """The cached or fresh validated answer; None when the budget is spent."""
    options = llm.options
    model = options.chat_model
    cached = await find_answer(model, PROMPT_VERSION, key)
    if cached is not None:
        await record_call(
            options, user_id=user_id, purpose=PURPOSE, model=model, cached=True
        )
        return LlmResume.model_validate(cached)
    if (await month_usage(options, user_id)).paused:
        return None
    try:
        chat = await llm.chat_json(
            system=SYSTEM_PROMPT,
            user=prompt,
            schema_name=SCHEMA_NAME,
            schema=answer_schema(),
        )
    except LlmFailure as exc:
        await record_call(
            options, user_id=user_id, purpose=PURPOSE, model=model, outcome=exc.reason
        )
        raise _Unusable(exc.reason) from exc
    outcome, answer = _validate(chat.content)
    await record_call(
        options,
        user_id=user_id,
        purpose=PURPOSE,
        model=model,
        usage=chat.usage,
        outcome=outcome,
    )
    if answer is None:
        raise _Unusable(outcome)
    await store_answer(model, PROMPT_VERSION, key, answer.model_dump(mode="json"))
    return answer


def _validate(content: str) -> tuple[str, LlmResume | None]:
    try:
        data: Any = json.loads(content)
    except json.JSONDecodeError:
        return "malformed_json", None
    try:
        return "ok", LlmResume.model_validate(data)
    except ValidationError:
        return "schema_violation", None


def _fallback(parsed: ParsedResume, model: str, outcome: str) -> Enrichment:
    message = FALLBACK_MESSAGES.get(
        outcome, f"The model could not be used ({outcome})" + KEPT
    )
    return Enrichment(parsed, EnrichmentStatus.FALLBACK, model, message)


async def save_enrichment(resume_id: UUID, enrichment: Enrichment) -> None:
    """Replace the resume's enrichment record (a reparse writes a new one)."""
    await ResumeEnrichment.update_or_create(
        resume_id=resume_id,
        defaults={
            "status": enrichment.status,
            "model": enrichment.model,
            "message": enrichment.message,
            "sources": enrichment.sources or {},
            "rejected": list(enrichment.rejected),
            "summary": enrichment.summary,
            "strengths": list(enrichment.strengths),
        },
    )
