"""Resume queries: one resume, lists, a batch, processing jobs."""

import strawberry
from strawberry import relay

from api.context import Info
from api.pagination import Connection, decode_id
from api.permissions import HasScope, IsAuthenticated, allow
from api.resumes.types import (
    NEWEST_FIRST,
    ImportBatch,
    JobStage,
    ProcessingJob,
    Resume,
    ResumeStatus,
)
from domain.access import Scope
from domain.errors import DomainError
from domain.pagination import DEFAULT_PAGE_SIZE, paginate
from domain.resumes import service

READ = allow(IsAuthenticated(), HasScope(Scope.RESUMES_READ))


@strawberry.input
class ResumeFilter:
    status: ResumeStatus | None = None  # type: ignore[valid-type]  # strawberry.enum
    batch_id: relay.GlobalID | None = None

    def to_domain(self) -> service.ResumeFilter:
        batch_id = (
            decode_id(self.batch_id, "ImportBatch", field="batchId")
            if self.batch_id
            else None
        )
        return service.ResumeFilter(status=self.status, batch_id=batch_id)


@strawberry.input
class ProcessingJobFilter:
    stage: JobStage | None = None  # type: ignore[valid-type]  # strawberry.enum


@strawberry.type
class ResumeQuery:
    @strawberry.field(extensions=READ, description="Null when you may not see it.")
    async def resume(self, info: Info, id: relay.GlobalID) -> Resume | None:
        try:
            row = await service.get_resume(info.context.viewer, decode_id(id, "Resume"))
        except DomainError:
            return None
        return Resume.from_model(row)

    @strawberry.field(extensions=READ, description="Newest first.")
    async def resumes(
        self,
        info: Info,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
        filter: ResumeFilter | None = None,
    ) -> Connection[Resume]:
        domain_filter = (filter or ResumeFilter()).to_domain()
        query = service.list_resumes(info.context.viewer, domain_filter)
        page = await paginate(query, first=first, after=after, ordering=NEWEST_FIRST)
        return Connection.from_page(page, Resume.from_model)

    @strawberry.field(extensions=READ, description="Null when you may not see it.")
    async def import_batch(self, info: Info, id: relay.GlobalID) -> ImportBatch | None:
        try:
            row = await service.get_batch(
                info.context.viewer, decode_id(id, "ImportBatch")
            )
        except DomainError:
            return None
        return ImportBatch.from_model(row)

    @strawberry.field(
        extensions=READ, description="Admins: every job; others: their resumes' jobs."
    )
    async def processing_jobs(
        self,
        info: Info,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
        filter: ProcessingJobFilter | None = None,
    ) -> Connection[ProcessingJob]:
        stage = filter.stage if filter else None
        query = service.list_processing_jobs(info.context.viewer, stage)
        page = await paginate(query, first=first, after=after, ordering=NEWEST_FIRST)
        return Connection.from_page(page, ProcessingJob.from_model)
