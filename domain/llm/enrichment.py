"""Resume enrichment: the local result and text go to the model, and its checked
answer is merged in. It never fails a resume: on any failure, a spent budget or
an open circuit the local result stands and the reason is recorded."""

import logging
from dataclasses import dataclass
from uuid import UUID

from pydantic import ValidationError

from domain.llm.asking import BudgetSpent, Unusable, ask
from domain.llm.client import LlmClient
from domain.llm.merge import merge
from domain.llm.structuring import (
    PROMPT_VERSION,
    SYSTEM_PROMPT,
    LlmResume,
    user_prompt,
)
from domain.llm.usage import month_usage
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


async def enrich_resume(
    llm: LlmClient, *, text: str, parsed: ParsedResume, user_id: UUID | None
) -> Enrichment:
    """`user_id` is the recruiter billed (the pool's owner)."""
    options = llm.options
    model = options.chat_model
    prompt = user_prompt(text, parsed, send_contacts=options.send_contacts)
    try:
        answer = await ask(
            llm,
            LlmResume,
            purpose=PURPOSE,
            prompt_version=PROMPT_VERSION,
            system=SYSTEM_PROMPT,
            user=prompt,
            user_id=user_id,
        )
    except Unusable as exc:
        return _fallback(parsed, model, exc.outcome)
    except BudgetSpent:
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
