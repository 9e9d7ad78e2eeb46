"""Operations for admins and recruiters: processing statistics, usage, webhooks."""

from datetime import datetime
from typing import Annotated, Self, cast

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from api.context import Info
from api.pagination import decode_id
from api.permissions import HasScope, IsAdmin, IsRecruiter, allow
from api.users import User
from domain.access import Scope
from domain.ops import stats, usage
from domain.ops.llm_usage import LlmUsage as LlmUsageData
from domain.ops.queues import MaintenanceRun as MaintenanceRunData
from domain.ops.queues import QueueState as QueueStateData

STATS_READERS = allow(IsRecruiter(), HasScope(Scope.RESUMES_READ))


@strawberry.type
class ErrorCount:
    code: str
    count: int


@strawberry.type
class StageTiming:
    stage: str = strawberry.field(
        description="queued (wait before a worker took it), extracting, parsing,"
        " saving (candidate upsert), total (upload to finish)."
    )
    count: int
    median_seconds: float
    p95_seconds: float


@strawberry.type
class QueueState:
    name: str
    depth: int
    oldest_wait_seconds: float | None = strawberry.field(
        description="How long the oldest due job has waited; null when none waits."
    )
    worker_alive: bool = strawberry.field(
        description="arq's health-check key of this queue is fresh."
    )
    health: str | None

    @classmethod
    def from_data(cls, data: QueueStateData) -> Self:
        return cls(
            name=data.name,
            depth=data.depth,
            oldest_wait_seconds=data.oldest_wait_seconds,
            worker_alive=data.worker_alive,
            health=data.health,
        )


@strawberry.type
class MaintenanceRun:
    name: str
    finished_at: datetime
    result: JSON

    @classmethod
    def from_data(cls, data: MaintenanceRunData) -> Self:
        return cls(
            name=data.name,
            finished_at=data.finished_at,
            result=cast(JSON, data.result),
        )


@strawberry.type(name="ProcessingLlmUsage")
class LlmUsage:
    recorded: bool = strawberry.field(
        description="False when no LLM call was recorded in the period (no key"
        " configured, or no use)."
    )
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float

    @classmethod
    def from_data(cls, data: LlmUsageData) -> Self:
        return cls(
            recorded=data.recorded,
            prompt_tokens=data.prompt_tokens,
            completion_tokens=data.completion_tokens,
            cost_usd=data.cost_usd,
        )


@strawberry.type
class ProcessingStats:
    received: int
    parsed: int
    failed: int
    duplicates: int
    in_progress: int
    success_rate: float | None = strawberry.field(
        description="parsed / (parsed + failed); null before anything finished."
    )
    failures_by_code: list[ErrorCount]
    stages: list[StageTiming]
    ocr_pages: int
    llm: LlmUsage
    queues: list[QueueState] | None = strawberry.field(
        description="Admins only (queues are shared by every pool)."
    )
    active_workers: int | None = strawberry.field(
        description="Queues with a live worker (arq health check); admins only."
    )
    maintenance: list[MaintenanceRun] | None = strawberry.field(
        description="Last run of each maintenance job; admins only."
    )

    @classmethod
    def from_data(cls, data: stats.ProcessingStats) -> Self:
        queues = data.queues
        return cls(
            received=data.received,
            parsed=data.parsed,
            failed=data.failed,
            duplicates=data.duplicates,
            in_progress=data.in_progress,
            success_rate=data.success_rate,
            failures_by_code=[
                ErrorCount(code=code, count=n)
                for code, n in data.failures_by_code.items()
            ],
            stages=[
                StageTiming(
                    stage=s.stage,
                    count=s.count,
                    median_seconds=s.median_seconds,
                    p95_seconds=s.p95_seconds,
                )
                for s in data.stages
            ],
            ocr_pages=data.ocr_pages,
            llm=LlmUsage.from_data(data.llm),
            queues=[QueueState.from_data(q) for q in queues] if queues else None,
            active_workers=sum(q.worker_alive for q in queues) if queues else None,
            maintenance=(
                [MaintenanceRun.from_data(m) for m in data.maintenance]
                if data.maintenance is not None
                else None
            ),
        )


@strawberry.type
class RecruiterUsage:
    user: User
    uploads: int = strawberry.field(description="Single uploads.")
    bulk_imports: int = strawberry.field(description="Files of bulk uploads and ZIPs.")
    drive_imports: int = strawberry.field(description="Files imported from Drive.")
    candidates_created: int = strawberry.field(
        description="New candidates in the pools this recruiter owns."
    )
    matches_viewed: int = strawberry.field(
        description="Matches shown to them (rows of Job.matches and"
        " Candidate.matches), counted per UTC day."
    )

    @classmethod
    def from_data(cls, data: usage.RecruiterUsage) -> Self:
        return cls(
            user=User.from_model(data.user),
            uploads=data.uploads,
            bulk_imports=data.bulk_imports,
            drive_imports=data.drive_imports,
            candidates_created=data.candidates_created,
            matches_viewed=data.matches_viewed,
        )


@strawberry.type
class OpsQuery:
    @strawberry.field(
        extensions=STATS_READERS,
        description="Resumes received in [from, to): an admin's for every pool"
        " (or `poolId`), a recruiter's for the pools they own.",
    )
    async def processing_stats(
        self,
        info: Info,
        from_: Annotated[datetime, strawberry.argument(name="from")],
        to: datetime,
        pool_id: relay.GlobalID | None = None,
    ) -> ProcessingStats:
        result = await stats.processing_stats(
            info.context.viewer,
            since=from_,
            until=to,
            pool_id=decode_id(pool_id, "Pool", field="poolId") if pool_id else None,
            redis=info.context.queue,
        )
        return ProcessingStats.from_data(result)

    @strawberry.field(
        extensions=allow(IsAdmin()),
        description="Per recruiter with any activity in [from, to), by e-mail.",
    )
    async def usage_stats(
        self,
        info: Info,
        from_: Annotated[datetime, strawberry.argument(name="from")],
        to: datetime,
    ) -> list[RecruiterUsage]:
        rows = await usage.usage_stats(info.context.viewer, since=from_, until=to)
        return [RecruiterUsage.from_data(row) for row in rows]
