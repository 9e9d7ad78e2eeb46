"""Generated match reasons for the best matches, written in the background (a cron)
and read in the viewer's scope."""

import logging
from collections.abc import Iterable
from uuid import UUID

from tortoise.expressions import Subquery

from domain.access import Viewer, visible_jobs, visible_matches
from domain.llm.client import LlmClient
from domain.llm.reasons import explain_match
from domain.models import Match, MatchExplanation

logger = logging.getLogger(__name__)
MIN_SCORE = 0.5  # weaker matches keep their template reasons only
SCAN_FACTOR = 4  # matches looked at per explanation written


async def explain_new_matches(llm: LlmClient, *, limit: int = 50) -> int:
    """Write reasons for up to `limit` of the best matches that have none, or
    whose score was computed again since; returns how many were written."""
    matches = (
        await visible_matches(Viewer.system())
        .filter(score__gte=MIN_SCORE, computed_at__isnull=False)
        .order_by("-score")
        .limit(limit * SCAN_FACTOR)
    )
    done = {
        row.match_id: row.match_computed_at
        for row in await MatchExplanation.filter(match_id__in=[m.id for m in matches])
    }
    todo = [m for m in matches if done.get(m.id, "missing") != m.computed_at][:limit]
    jobs = {
        job.id: job
        for job in await visible_jobs(Viewer.system()).filter(
            id__in={m.job_id for m in todo}
        )
    }
    written = 0
    for match in todo:
        written += await _explain(
            llm, match, jobs[match.job_id].title, jobs[match.job_id].owner_id
        )
    if written:
        logger.info("match reasons written count=%s", written)
    return written


async def _explain(llm: LlmClient, match: Match, title: str, owner_id: UUID) -> int:
    reasons = await explain_match(
        llm,
        job_title=title,
        factors=match.factors,
        local=match.reasons,
        user_id=owner_id,
    )
    if reasons is None:
        return 0
    await MatchExplanation.update_or_create(
        match_id=match.id,
        defaults={
            "model": reasons.model,
            "match_computed_at": match.computed_at,
            "strengths": list(reasons.strengths),
            "gaps": list(reasons.gaps),
        },
    )
    return 1


async def explanations_by_match(
    viewer: Viewer, match_ids: Iterable[UUID]
) -> dict[UUID, MatchExplanation]:
    visible = visible_matches(viewer).filter(id__in=list(match_ids)).values("id")
    rows = await MatchExplanation.filter(match_id__in=Subquery(visible))
    return {row.match_id: row for row in rows}
