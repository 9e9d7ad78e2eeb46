"""Resume, import batch and processing job types."""

import logging
from datetime import datetime
from functools import partial
from typing import Any, Self, cast
from uuid import UUID

import strawberry
from pydantic import ValidationError
from strawberry import relay
from strawberry.scalars import JSON

from api.candidates import Candidate
from api.context import Info
from api.llm import ResumeEnrichment
from api.pagination import load_nodes
from api.resumes.parsed import ParsedResume
from domain.models import ImportBatch as BatchModel
from domain.models import ImportBatchItem as BatchItemModel
from domain.models import JobStage as DomainJobStage
from domain.models import ProcessingJob as JobModel
from domain.models import Resume as ResumeModel
from domain.models import ResumeStatus as DomainResumeStatus
from domain.pagination import Ordering, SortKind
from domain.parsing import model
from domain.resumes import service

ResumeStatus = strawberry.enum(DomainResumeStatus, name="ResumeStatus")
JobStage = strawberry.enum(DomainJobStage, name="JobStage")
NEWEST_FIRST = Ordering("created_at", True, SortKind.TIME)
logger = logging.getLogger(__name__)


@strawberry.type
class ProcessingError:
    """Why processing failed, in words a person can act on."""

    code: str
    message: str


def _error(code: str | None, message: str | None) -> ProcessingError | None:
    return ProcessingError(code=code, message=message or "") if code else None


@strawberry.type
class ProcessingJob(relay.Node):
    id: relay.NodeID[str]
    stage: JobStage  # type: ignore[valid-type]  # strawberry.enum returns the enum
    progress: int
    attempts: int
    error: ProcessingError | None
    timings: JSON = strawberry.field(description="Seconds spent per stage.")
    started_at: datetime | None
    finished_at: datetime | None

    @classmethod
    def from_model(cls, row: JobModel) -> Self:
        return cls(
            id=str(row.id),
            stage=row.stage,
            progress=row.progress,
            attempts=row.attempts,
            error=_error(row.error_code, row.error_message),
            timings=cast(JSON, dict(row.timings)),
            started_at=row.started_at,
            finished_at=row.finished_at,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]  # async variant of relay's API
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[Self | None]:
        fetch = partial(service.processing_jobs_by_id, info.context.viewer)
        return await load_nodes(node_ids, fetch, cls.from_model)


@strawberry.type
class Resume(relay.Node):
    id: relay.NodeID[str]
    file_name: str
    status: ResumeStatus  # type: ignore[valid-type]  # strawberry.enum returns the enum
    source: str
    content_type: str
    size_bytes: int
    parser_version: str | None
    created_at: datetime
    parsed_data: strawberry.Private[dict[str, Any] | None]
    row_id: strawberry.Private[UUID]
    candidate_id: strawberry.Private[UUID | None]
    duplicate_of_id: strawberry.Private[UUID | None]

    @strawberry.field(description="What the parser read (null until parsed).")
    def parsed(self) -> ParsedResume | None:
        if self.parsed_data is None:
            return None
        try:
            return ParsedResume.of(model.ParsedResume.model_validate(self.parsed_data))
        except ValidationError:
            logger.warning("stored parse no longer validates resume_id=%s", self.row_id)
            return None

    @strawberry.field(description="Its processing job (null for a duplicate).")
    async def processing_job(self, info: Info) -> ProcessingJob | None:
        job = await info.context.loaders.processing_job.load(self.row_id)
        return ProcessingJob.from_model(job) if job else None

    @strawberry.field
    async def stage(self, info: Info) -> JobStage | None:  # type: ignore[valid-type]
        job = await info.context.loaders.processing_job.load(self.row_id)
        return job.stage if job else None

    @strawberry.field
    async def error(self, info: Info) -> ProcessingError | None:
        job = await info.context.loaders.processing_job.load(self.row_id)
        return _error(job.error_code, job.error_message) if job else None

    @strawberry.field(
        description="What the optional LLM enhancement did (null when it did not run)."
    )
    async def enrichment(self, info: Info) -> ResumeEnrichment | None:
        row = await info.context.loaders.resume_enrichment.load(self.row_id)
        return ResumeEnrichment.from_model(row) if row else None

    @strawberry.field(description="The candidate this resume made or updated.")
    async def candidate(self, info: Info) -> Candidate | None:
        if self.candidate_id is None:
            return None
        row = await info.context.loaders.candidate.load(self.candidate_id)
        return Candidate.from_model(row) if row else None

    @strawberry.field(description="For a DUPLICATE: the first upload of the same file.")
    async def duplicate_of(self, info: Info) -> "Resume | None":
        if self.duplicate_of_id is None:
            return None
        row = await info.context.loaders.resume.load(self.duplicate_of_id)
        return Resume.from_model(row) if row else None

    @classmethod
    def from_model(cls, row: ResumeModel) -> Self:
        return cls(
            id=str(row.id),
            file_name=row.filename,
            status=row.status,
            source=row.source.value,
            content_type=row.content_type,
            size_bytes=row.size_bytes,
            parser_version=row.parser_version,
            parsed_data=row.parsed,
            created_at=row.created_at,
            row_id=row.id,
            candidate_id=row.candidate_id,
            duplicate_of_id=row.duplicate_of_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]  # async variant of relay's API
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[Self | None]:
        fetch = partial(service.resumes_by_id, info.context.viewer)
        return await load_nodes(node_ids, fetch, cls.from_model)


@strawberry.type
class ImportBatchItem:
    """One uploaded file or archive entry."""

    file_name: str
    error: ProcessingError | None
    resume_id: strawberry.Private[UUID | None]

    @strawberry.field
    async def resume(self, info: Info) -> Resume | None:
        if self.resume_id is None:
            return None
        row = await info.context.loaders.resume.load(self.resume_id)
        return Resume.from_model(row) if row else None


@strawberry.type
class ImportBatch(relay.Node):
    id: relay.NodeID[str]
    status: str
    total: int
    processed: int
    failed: int
    created_at: datetime
    finished_at: datetime | None
    row: strawberry.Private[BatchModel]

    @strawberry.field(description="One item per uploaded file or archive entry.")
    async def items(self) -> list[ImportBatchItem]:
        return [_item(row) for row in await service.batch_items(self.row)]

    @classmethod
    def from_model(cls, row: BatchModel) -> Self:
        return cls(
            id=str(row.id),
            status=row.status.value,
            total=row.total,
            processed=row.succeeded + row.failed,
            failed=row.failed,
            created_at=row.created_at,
            finished_at=row.finished_at,
            row=row,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]  # async variant of relay's API
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[Self | None]:
        fetch = partial(service.batches_by_id, info.context.viewer)
        return await load_nodes(node_ids, fetch, cls.from_model)


def _item(row: BatchItemModel) -> ImportBatchItem:
    return ImportBatchItem(
        file_name=row.file_name,
        error=_error(row.error_code, row.error_message),
        resume_id=row.resume_id,
    )
