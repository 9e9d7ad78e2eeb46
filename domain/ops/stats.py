"""Processing statistics: what came in, what came out, and how long each stage took."""

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from arq.connections import ArqRedis
from tortoise.expressions import Subquery

from domain.access import (
    Viewer,
    stats_pools,
    visible_processing_jobs,
    visible_resumes,
)
from domain.errors import DomainError, ErrorCode
from domain.jobs import PARSE_RESUME
from domain.models import ResumeStatus
from domain.ops.llm_usage import LlmUsage, llm_usage
from domain.ops.queues import MaintenanceRun, QueueState, last_runs, queue_states

# Stages timed by the pipeline (ProcessingJob.timings, seconds; "enriching" only
# with an LLM configured, "matching" by the match refresh that follows a parse)
# plus two derived from the job's timestamps: the wait in the queue and the
# whole way from upload to parsed.
TIMED_STAGES = ("extracting", "parsing", "enriching", "saving", "matching")
STAGES = ("queued", *TIMED_STAGES, "total")

JobRow = tuple[
    str, str | None, dict[str, float], datetime, datetime | None, datetime | None
]


@dataclass(frozen=True)
class StageTiming:
    stage: str
    count: int
    median_seconds: float
    p95_seconds: float


@dataclass(frozen=True)
class ProcessingStats:
    received: int
    parsed: int
    failed: int
    duplicates: int
    in_progress: int
    failures_by_code: dict[str, int]
    stages: list[StageTiming]
    ocr_pages: int
    llm: LlmUsage
    queues: list[QueueState] | None  # admins only: queues are shared by everyone
    maintenance: list[MaintenanceRun] | None

    @property
    def success_rate(self) -> float | None:
        """Parsed among the finished ones (duplicates aside); None before any."""
        finished = self.parsed + self.failed
        return round(self.parsed / finished, 4) if finished else None


def percentile(values: list[float], fraction: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default)."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


async def _pool_ids(viewer: Viewer, pool_id: UUID | None) -> list[UUID] | None:
    """The pools to count: None means every pool (an admin without a filter)."""
    pools = stats_pools(viewer)
    if pool_id is not None:
        if not await pools.filter(id=pool_id).exists():
            raise DomainError(
                "No such pool, or its figures are not yours to read.",
                code=ErrorCode.NOT_FOUND,
                field="poolId",
            )
        return [pool_id]
    if viewer.is_admin:
        return None
    ids: list[UUID] = await pools.values_list("id", flat=True)  # type: ignore[assignment]  # flat values of one column
    return ids


def _check_range(since: datetime, until: datetime) -> None:
    if until <= since:
        raise DomainError(
            "`to` must come after `from`.", code=ErrorCode.INVALID_INPUT, field="to"
        )


async def processing_stats(
    viewer: Viewer,
    *,
    since: datetime,
    until: datetime,
    pool_id: UUID | None,
    redis: ArqRedis,
) -> ProcessingStats:
    """Resumes received in [since, until) in the viewer's pools (see
    `access.stats_pools`); NOT_FOUND for a pool that is not theirs."""
    _check_range(since, until)
    pool_ids = await _pool_ids(viewer, pool_id)
    resumes = visible_resumes(viewer).filter(
        created_at__gte=since, created_at__lt=until
    )
    if pool_ids is not None:
        resumes = resumes.filter(pool_id__in=pool_ids)
    statuses: Counter[str] = Counter(
        await resumes.values_list("status", flat=True)  # type: ignore[arg-type]  # flat values of one column
    )
    jobs: list[JobRow] = await (
        visible_processing_jobs(viewer)
        .filter(kind=PARSE_RESUME, resume_id__in=Subquery(resumes.values("id")))
        .values_list(
            "stage", "error_code", "timings", "created_at", "started_at", "finished_at"
        )
    )
    return ProcessingStats(
        received=sum(statuses.values()),
        parsed=statuses[ResumeStatus.PARSED],
        failed=statuses[ResumeStatus.FAILED],
        duplicates=statuses[ResumeStatus.DUPLICATE],
        in_progress=statuses[ResumeStatus.QUEUED] + statuses[ResumeStatus.PROCESSING],
        failures_by_code=dict(
            sorted(Counter(code for _, code, *_ in jobs if code).items())
        ),
        stages=_stage_timings(jobs),
        ocr_pages=int(sum(t.get("ocr_pages", 0) for _, _, t, *_ in jobs)),
        llm=await llm_usage(pool_ids, since=since, until=until),
        queues=await queue_states(redis) if viewer.is_admin else None,
        maintenance=await last_runs(redis) if viewer.is_admin else None,
    )


def _stage_timings(jobs: list[JobRow]) -> list[StageTiming]:
    samples: dict[str, list[float]] = {stage: [] for stage in STAGES}
    for _, _, timings, created, started, finished in jobs:
        if started is not None:
            samples["queued"].append((started - created).total_seconds())
        if finished is not None:
            samples["total"].append((finished - created).total_seconds())
        for stage in TIMED_STAGES:
            if stage in timings:
                samples[stage].append(float(timings[stage]))
    return [
        StageTiming(
            stage=stage,
            count=len(values),
            median_seconds=round(statistics.median(values), 4),
            p95_seconds=round(percentile(values, 0.95), 4),
        )
        for stage, values in samples.items()
        if values
    ]
