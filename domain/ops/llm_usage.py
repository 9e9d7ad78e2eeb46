"""LLM token use and cost for the statistics.

The LLM structuring step (issue #7) is built elsewhere; until it records its calls
this answers zero with `recorded=False`, so dashboards can tell "no use" from
"not measured". Hook: replace the body of `llm_usage` with a sum over the table
that #7 writes (tokens in/out and cost per call, by pool and time).
"""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class LlmUsage:
    recorded: bool
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0


async def llm_usage(
    pool_ids: list[UUID] | None, *, since: datetime, until: datetime
) -> LlmUsage:
    """Tokens and cost of LLM calls for resumes of `pool_ids` (None: all)."""
    # TODO(#7): sum the recorded LLM calls once the LLM step stores them.
    return LlmUsage(recorded=False)
