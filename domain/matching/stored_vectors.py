"""The vectors stored beside jobs and candidates (`embedding`, `embedding_model`):
made in the worker's process pool, saved, and, with a paid provider, billed as
LLM calls to the recruiter they were made for."""

import time
from collections.abc import Awaitable, Callable
from decimal import Decimal
from functools import partial
from typing import Any, TypeVar
from uuid import UUID, uuid4

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from domain.access import Viewer, visible_candidates, visible_pools
from domain.matching import compute
from domain.matching.compute import CandidateInput, JobInput
from domain.models import Candidate, Job, LlmCall

T = TypeVar("T")
RunCpu = Callable[[Callable[[], T]], Awaitable[T]]
EMBEDDING_PURPOSE = "embedding"  # LlmCall.purpose of a paid provider's vectors
EMBED_BATCH = 1000  # most candidates one refresh embeds
EMBED_CHUNK = 25  # per trip to the process pool; the budget is checked between


def job_input(job: Job) -> JobInput:
    return JobInput(
        title=job.title,
        description=job.description,
        analysis=job.analysis,
        weights=job.weights,
        remote=job.remote.value if job.remote else None,
        location=job.location,
    )


def candidate_input(
    candidate: Candidate, cosine: float | None = None
) -> CandidateInput:
    return CandidateInput(
        id=str(candidate.id),
        profile=candidate.profile,
        skills=tuple(candidate.skills),
        years_experience=candidate.years_experience,
        location=candidate.location,
        cosine=cosine,
    )


def _fallback_text(candidate: Candidate) -> str:
    parts = [candidate.headline, candidate.summary, ", ".join(candidate.skills)]
    return "\n".join(p for p in parts if p)


async def embed_job(job: Job, run_cpu: RunCpu[Any]) -> tuple[list[float], str]:
    embedded: compute.Embedded = await run_cpu(
        partial(compute.embed_job, job_input(job))
    )
    job.embedding, job.embedding_model = embedded.vectors[0], embedded.model
    await job.save(update_fields=["embedding", "embedding_model"])
    await _record_embedding_cost(embedded, [job.owner_id])
    return embedded.vectors[0], embedded.model


async def embed_candidates(
    candidates: list[Candidate], run_cpu: RunCpu[Any]
) -> compute.Embedded:
    items = [
        (candidate_input(c), _fallback_text(c), c.headline or "") for c in candidates
    ]
    embedded: compute.Embedded = await run_cpu(partial(compute.embed_candidates, items))
    rows = zip(candidates, embedded.vectors, embedded.title_vectors, strict=True)
    async with in_transaction():
        for candidate, vector, titles in rows:
            candidate.embedding, candidate.embedding_model = vector, embedded.model
            candidate.title_embedding = titles
            await candidate.save(
                update_fields=["embedding", "embedding_model", "title_embedding"]
            )
    if any(embedded.tokens):
        owners = dict(
            await visible_pools(Viewer.system())
            .filter(id__in={c.pool_id for c in candidates})
            .values_list("id", "owner_id")
        )
        await _record_embedding_cost(embedded, [owners[c.pool_id] for c in candidates])
    return embedded


async def _record_embedding_cost(
    embedded: compute.Embedded, payers: list[UUID]
) -> None:
    """A paid provider's embeddings as LLM calls, one per recruiter billed (the
    owner of the job or of the candidate's pool). They count towards the month's
    spending but are not stopped by the budget: matching needs its vectors."""
    spent: dict[UUID, tuple[int, float]] = {}
    for payer, tokens, cost in zip(
        payers, embedded.tokens, embedded.cost_usd, strict=False
    ):
        if tokens:
            total_tokens, total_cost = spent.get(payer, (0, 0.0))
            spent[payer] = (total_tokens + tokens, total_cost + cost)
    for payer, (tokens, cost) in spent.items():
        await LlmCall.create(
            user_id=payer,
            purpose=EMBEDDING_PURPOSE,
            model=embedded.model,
            prompt_tokens=tokens,
            cost_usd=Decimal(f"{cost:.6f}"),
            outcome="ok",
        )


async def embed_missing(
    pool_ids: list[UUID],
    model: str,
    run_cpu: RunCpu[Any],
    *,
    budget_seconds: float | None = None,
) -> bool:
    """Embed the candidates of `pool_ids` that have no vector of `model` yet (typed
    in by hand, or embedded by another model) or no titles row yet (embedded
    before migration 0012): up to `EMBED_BATCH`, `EMBED_CHUNK` at a time, and no
    further chunk once `budget_seconds` are spent (at least one chunk is made).
    The static model embeds 1,000 in about 6 s; e5-small needs 1.4 s for one
    resume, so after a switch to it a refresh embeds what its budget allows.
    Returns whether candidates of the pools still lack a vector of `model`.

    After a switch every open job's refresh finds the same candidates missing.
    Each refresh therefore walks them in id order from a random id of its own,
    wrapping round, and asks again before every chunk: refreshes running at the
    same time embed different candidates, and skip those another has done. A chunk
    that reaches the end is filled from the start, so a few missing candidates are
    one chunk (and a paid provider's one cost record per recruiter), wherever the
    walk began."""
    missing = (
        visible_candidates(Viewer.system())
        .filter(pool_id__in=pool_ids)
        .filter(
            Q(embedding_model__isnull=True)
            | ~Q(embedding_model=model)
            | Q(title_embedding__isnull=True)
        )
    )
    if not await missing.exists():  # the usual case: one cheap question
        return False
    deadline = None if budget_seconds is None else time.monotonic() + budget_seconds
    cursor, wrapped, done = start_cursor(), False, 0
    while done < EMBED_BATCH:
        if done and deadline is not None and time.monotonic() >= deadline:
            break
        size = min(EMBED_CHUNK, EMBED_BATCH - done)
        chunk = await missing.filter(id__gt=cursor).order_by("id").limit(size)
        if len(chunk) < size and not wrapped:  # the end: go on from the start
            wrapped = True
            before = missing.filter(id__lte=cursor).order_by("id")
            chunk += await before.limit(size - len(chunk))
        if not chunk:
            return False
        await embed_candidates(chunk, run_cpu)
        done += len(chunk)
        cursor = chunk[-1].id
    return await missing.exists()


def start_cursor() -> UUID:
    """Where a refresh starts walking the candidates that lack a vector."""
    return uuid4()
