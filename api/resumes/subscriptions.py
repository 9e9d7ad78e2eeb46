"""Live progress of a resume or an import batch, resumable with `after`."""

from collections.abc import AsyncGenerator

import strawberry
from strawberry import relay

from api.context import Info
from api.pagination import decode_id
from api.permissions import HasScope, IsAuthenticated, allow
from domain.access import Scope
from domain.events import ProgressEvent, batch_stream, read_events, resume_stream
from domain.resumes import service

READ = allow(IsAuthenticated(), HasScope(Scope.RESUMES_READ))


@strawberry.type
class ProgressUpdate:
    """One stage change. Pass `eventId` as `after` when reconnecting."""

    event_id: str
    resume_id: relay.GlobalID | None
    stage: str
    status: str
    final: bool
    processed: int
    total: int
    failed: int
    error_code: str | None
    error_message: str | None

    @classmethod
    def from_event(cls, event: ProgressEvent) -> "ProgressUpdate":
        resume_id = (
            relay.GlobalID("Resume", event.resume_id) if event.resume_id else None
        )
        return cls(
            event_id=event.id,
            resume_id=resume_id,
            stage=event.stage,
            status=event.status,
            final=event.final,
            processed=event.processed,
            total=event.total,
            failed=event.failed,
            error_code=event.error_code or None,
            error_message=event.error_message or None,
        )


@strawberry.type
class ResumeSubscription:
    @strawberry.subscription(extensions=READ)
    async def resume_progress(
        self, info: Info, resume_id: relay.GlobalID, after: str | None = None
    ) -> AsyncGenerator[ProgressUpdate, None]:
        resume = await service.get_resume(
            info.context.viewer, decode_id(resume_id, "Resume")
        )
        async for event in read_events(
            info.context.queue, resume_stream(resume.id), after=after
        ):
            yield ProgressUpdate.from_event(event)

    @strawberry.subscription(extensions=READ)
    async def import_batch_progress(
        self, info: Info, batch_id: relay.GlobalID, after: str | None = None
    ) -> AsyncGenerator[ProgressUpdate, None]:
        batch = await service.get_batch(
            info.context.viewer, decode_id(batch_id, "ImportBatch")
        )
        async for event in read_events(
            info.context.queue, batch_stream(batch.id), after=after
        ):
            yield ProgressUpdate.from_event(event)
