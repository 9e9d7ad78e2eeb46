"""Resume mutations: single and bulk uploads, and re-running a failed job."""

from pathlib import Path
from typing import cast
from uuid import UUID

import strawberry
from starlette.datastructures import UploadFile
from strawberry import relay
from strawberry.file_uploads import Upload

from api.context import Info
from api.errors import UserError, user_errors
from api.pagination import decode_id
from api.permissions import HasScope, IsAuthenticated, allow
from api.resumes.types import ImportBatch, ProcessingJob, Resume
from domain.access import Scope
from domain.errors import DomainError, InvalidInput
from domain.parsing.parser import PARSER_VERSION
from domain.resumes import intake, service
from domain.resumes.files import IncomingFile

WRITE = allow(IsAuthenticated(), HasScope(Scope.RESUMES_WRITE))


@strawberry.input
class ResumeUploadInput:
    file: Upload
    pool_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Default: your default pool."
    )


@strawberry.type
class ResumeUploadPayload:
    resume: Resume | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class ResumeBulkUploadInput:
    files: list[Upload] = strawberry.field(description="Resumes and ZIP archives.")
    pool_id: relay.GlobalID | None = None


@strawberry.type
class ResumeBulkUploadPayload:
    batch: ImportBatch | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class ProcessingJobRetryInput:
    id: relay.GlobalID


@strawberry.type
class ProcessingJobRetryPayload:
    processing_job: ProcessingJob | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input(
    description="Give exactly one: a resume, or a pool (all its resumes"
    " read by an older parser, in the background)."
)
class ResumeReparseInput:
    resume_id: relay.GlobalID | None = None
    pool_id: relay.GlobalID | None = None


@strawberry.type
class ResumeReparsePayload:
    resume: Resume | None = None
    queued_count: int | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


async def _reparse(info: Info, input: ResumeReparseInput) -> ResumeReparsePayload:
    viewer, queue = info.context.viewer, info.context.queue
    if input.resume_id is not None and input.pool_id is None:
        resume_id = decode_id(input.resume_id, "Resume", field="resumeId")
        row = await service.reparse_resume(viewer, resume_id, queue=queue)
        return ResumeReparsePayload(resume=Resume.from_model(row), queued_count=1)
    if input.pool_id is None or input.resume_id is not None:
        raise InvalidInput([DomainError("Give either `resumeId` or `poolId`.")])
    pool_id = decode_id(input.pool_id, "Pool", field="poolId")
    count = await service.request_pool_reparse(
        viewer, pool_id, parser_version=PARSER_VERSION, queue=queue
    )
    return ResumeReparsePayload(queued_count=count)


async def _spool(info: Info, upload: Upload) -> IncomingFile:
    limits = info.context.intake.limits
    file = cast(UploadFile, upload)  # what strawberry's ASGI integration hands over
    return await intake.spool_upload(
        file.read, name=file.filename or "upload", max_bytes=limits.max_request_bytes
    )


def _pool_id(pool_id: relay.GlobalID | None) -> UUID | None:
    return decode_id(pool_id, "Pool", field="poolId") if pool_id else None


@strawberry.type
class ResumeMutation:
    @strawberry.mutation(extensions=WRITE)
    async def resume_upload(
        self, info: Info, input: ResumeUploadInput
    ) -> ResumeUploadPayload:
        spooled: list[IncomingFile] = []
        try:
            spooled.append(await _spool(info, input.file))
            row = await intake.upload_resume(
                info.context.viewer,
                spooled[0],
                pool_id=_pool_id(input.pool_id),
                intake=info.context.intake,
            )
        except DomainError as exc:
            return ResumeUploadPayload(user_errors=user_errors(exc))
        finally:
            await _release([input.file], spooled)
        return ResumeUploadPayload(resume=Resume.from_model(row))

    @strawberry.mutation(extensions=WRITE)
    async def resume_bulk_upload(
        self, info: Info, input: ResumeBulkUploadInput
    ) -> ResumeBulkUploadPayload:
        spooled: list[IncomingFile] = []
        try:
            for upload in input.files:
                spooled.append(await _spool(info, upload))
            batch = await intake.upload_batch(
                info.context.viewer,
                spooled,
                pool_id=_pool_id(input.pool_id),
                intake=info.context.intake,
            )
        except DomainError as exc:
            return ResumeBulkUploadPayload(user_errors=user_errors(exc))
        finally:
            await _release(input.files, spooled)
        return ResumeBulkUploadPayload(batch=ImportBatch.from_model(batch))

    @strawberry.mutation(
        extensions=WRITE,
        description="Parse again; fields a recruiter edited by hand are kept.",
    )
    async def resume_reparse(
        self, info: Info, input: ResumeReparseInput
    ) -> ResumeReparsePayload:
        try:
            return await _reparse(info, input)
        except DomainError as exc:
            return ResumeReparsePayload(user_errors=user_errors(exc))

    @strawberry.mutation(extensions=WRITE)
    async def processing_job_retry(
        self, info: Info, input: ProcessingJobRetryInput
    ) -> ProcessingJobRetryPayload:
        try:
            job = await service.retry_processing_job(
                info.context.viewer,
                decode_id(input.id, "ProcessingJob"),
                queue=info.context.queue,
            )
        except DomainError as exc:
            return ProcessingJobRetryPayload(user_errors=user_errors(exc))
        return ProcessingJobRetryPayload(processing_job=ProcessingJob.from_model(job))


async def _release(uploads: list[Upload], spooled: list[IncomingFile]) -> None:
    """Close the request's uploads and remove our spooled copies."""
    for upload in uploads:
        await cast(UploadFile, upload).close()
    for file in spooled:
        Path(file.path).unlink(missing_ok=True)  # noqa: ASYNC240  # a local unlink
