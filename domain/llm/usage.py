"""Token usage and estimated cost per call and per recruiter, and the monthly
budget after which enhancement pauses."""

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from uuid import UUID

from tortoise.functions import Count, Sum

from domain.access import Viewer
from domain.llm.client import Usage
from domain.llm.options import LlmOptions
from domain.models import LlmCall

OK = "ok"


@dataclass(frozen=True)
class MonthUsage:
    """A recruiter's calls this calendar month (UTC)."""

    calls: int
    cost_usd: float
    budget_usd: float

    @property
    def paused(self) -> bool:
        return self.cost_usd >= self.budget_usd


def month_start(now: datetime | None = None) -> datetime:
    now = now or datetime.now(UTC)
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


async def month_usage(
    options: LlmOptions, user_id: UUID | None, *, now: datetime | None = None
) -> MonthUsage:
    return await _usage(user_id, options.monthly_budget_usd, now)


async def usage_of(
    viewer: Viewer, user_id: UUID, *, budget_usd: float
) -> MonthUsage | None:
    """A recruiter's month so far, for themselves or an admin; None for others."""
    if viewer.user_id != user_id and not viewer.is_admin:
        return None
    return await _usage(user_id, budget_usd, None)


async def _usage(
    user_id: UUID | None, budget_usd: float, now: datetime | None
) -> MonthUsage:
    row = (
        await LlmCall.filter(user_id=user_id, created_at__gte=month_start(now))
        .annotate(total=Sum("cost_usd"), calls=Count("id"))
        .values("total", "calls")
    )
    total = row[0]["total"] if row else None
    return MonthUsage(
        calls=int(row[0]["calls"]) if row else 0,
        cost_usd=float(total or 0),
        budget_usd=budget_usd,
    )


async def record_call(
    options: LlmOptions,
    *,
    user_id: UUID | None,
    purpose: str,
    model: str,
    usage: Usage | None = None,
    cached: bool = False,
    outcome: str = OK,
) -> LlmCall:
    """One row per call, a failed one included (a failure after the answer came,
    such as a schema violation, was paid for)."""
    prompt = usage.prompt_tokens if usage else 0
    completion = usage.completion_tokens if usage else 0
    cost = 0.0 if cached else options.cost_usd(model, prompt, completion)
    return await LlmCall.create(
        user_id=user_id,
        purpose=purpose,
        model=model,
        prompt_tokens=prompt,
        completion_tokens=completion,
        cost_usd=Decimal(f"{cost:.6f}"),
        cached=cached,
        outcome=outcome,
    )
