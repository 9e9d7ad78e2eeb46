"""LLM token use and cost for the statistics, summed from the calls the LLM step
records (`LlmCall`, billed to the recruiter whose pool the work was for).
`recorded` is False when no call was recorded in the period, so dashboards can
tell "no use, or no key configured" from a measured zero-cost month."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from tortoise.functions import Count, Sum

from domain.access import Viewer, visible_pools
from domain.models import LlmCall


@dataclass(frozen=True)
class LlmUsage:
    recorded: bool
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0


async def llm_usage(
    pool_ids: list[UUID] | None, *, since: datetime, until: datetime
) -> LlmUsage:
    """Tokens and cost of LLM calls for the owners of `pool_ids` (None: all)."""
    calls = LlmCall.filter(created_at__gte=since, created_at__lt=until)
    if pool_ids is not None:
        owners = await (
            visible_pools(Viewer.system())
            .filter(id__in=pool_ids)
            .values_list("owner_id", flat=True)
        )
        calls = calls.filter(user_id__in=list(owners))
    rows = await calls.annotate(
        n=Count("id"),
        prompt=Sum("prompt_tokens"),
        completion=Sum("completion_tokens"),
        cost=Sum("cost_usd"),
    ).values("n", "prompt", "completion", "cost")
    row = rows[0] if rows else {}
    if not row.get("n"):
        return LlmUsage(recorded=False)
    return LlmUsage(
        recorded=True,
        prompt_tokens=int(row["prompt"] or 0),
        completion_tokens=int(row["completion"] or 0),
        cost_usd=float(row["cost"] or Decimal(0)),
    )
