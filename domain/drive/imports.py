"""Drive files into resumes: what to skip and why, bounded downloads, and the same
intake as bulk uploads (content-addressed storage, SHA-256 dedupe, bulk queue).

A page of files is recorded in one transaction (resumes, batch items and the
`DriveFile` rows that remember them) and queued after it commits, so a crash
before the commit imports nothing and one after it is never imported twice.
"""

import asyncio
import logging
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO, cast
from uuid import UUID

from arq.connections import ArqRedis
from tortoise.transactions import in_transaction

from domain.access import Viewer
from domain.audit import record_audit
from domain.drive.calls import (
    DriveNotFound,
    DriveTransient,
    ExportTooLarge,
    call_drive,
)
from domain.drive.client import DriveClient, DriveItem, TooLarge
from domain.drive.options import DriveOptions
from domain.errors import DomainError, ErrorCode
from domain.intake.checks import format_size
from domain.intake.limits import IntakeLimits
from domain.intake.malware import ClamdScanner, ScannerUnavailable
from domain.intake.storage import FileStore
from domain.jobs import BULK_QUEUE
from domain.models import (
    BatchSource,
    DriveFile,
    DriveRun,
    DriveSync,
    ImportBatch,
    ImportBatchItem,
    Resume,
    Role,
    SourceKind,
)
from domain.resumes.files import IncomingFile, IntakeOutcome, store_single
from domain.resumes.intake import (
    publish_batch_progress,
    queue_parsing,
    record_resume,
    settle_batch,
)

logger = logging.getLogger(__name__)

SUPPORTED_TYPES = {
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/msword",
    "application/rtf",
    "text/rtf",
    "text/plain",
    "image/png",
    "image/jpeg",
    "image/tiff",
    "application/vnd.google-apps.document",
}
UNCHANGED = "unchanged since it was last imported"


@dataclass(frozen=True)
class ImportContext:
    options: DriveOptions
    store: FileStore
    limits: IntakeLimits
    queue: ArqRedis
    scanner: ClamdScanner | None = None  # None: no virus scanning


@dataclass
class RunCounts:
    """What a run found and did so far, saved on its row with each page (so a run
    a dead worker left open shows what it did); `seen` holds the ids of the files
    it handled, so a file met twice in one run (listed with a folder that joined
    the tree, then in its own change) counts once."""

    run_id: UUID | None = None  # the run whose row is kept up to date per page
    found: int = 0
    imported: int = 0
    skipped: int = 0
    failed: int = 0
    seen: set[str] = field(default_factory=set)

    def totals(self) -> dict[str, int]:
        return {
            "found": self.found,
            "imported": self.imported,
            "skipped": self.skipped,
            "failed": self.failed,
        }


@dataclass
class _Fetched:
    item: DriveItem
    outcome: IntakeOutcome
    temp: Path


@dataclass
class _Page:
    fetched: list[_Fetched] = field(default_factory=list)
    skipped: list[tuple[DriveItem, str, DriveFile | None]] = field(default_factory=list)


def _same_version(known: DriveFile, item: DriveItem) -> bool:
    if item.md5:
        return known.md5 == item.md5
    return known.modified_time is not None and known.modified_time == item.modified_time


def skip_reason(item: DriveItem, known: DriveFile | None, max_bytes: int) -> str | None:
    """Why `item` is not downloaded, or None to import it."""
    if known is not None and _same_version(known, item):
        return known.skipped_reason or UNCHANGED
    if item.mime_type not in SUPPORTED_TYPES:
        return (
            f"unsupported type {item.mime_type}: only PDF, Word, RTF, text, image"
            " files and Google Docs are imported"
        )
    if item.size is not None and item.size > max_bytes:
        return (
            f"{format_size(item.size)} is over the {format_size(max_bytes)} limit"
            " for Drive downloads"
        )
    return None


async def _md5_twin(sync: DriveSync, item: DriveItem) -> DriveFile | None:
    """An imported file of the same pool with the same md5 (a copy in Drive)."""
    if not item.md5:
        return None
    return (
        await DriveFile.filter(
            sync__pool_id=sync.pool_id, md5=item.md5, resume_id__isnull=False
        )
        .exclude(file_id=item.id)
        .first()
    )


async def import_items(
    sync: DriveSync,
    client: DriveClient,
    items: list[DriveItem],
    ctx: ImportContext,
    counts: RunCounts,
) -> None:
    """Import one page of files; counts what it found, imported and skipped."""
    page = _Page()
    # A file once, at its last change, and not again in the same run.
    latest = {item.id: item for item in items if item.id not in counts.seen}
    counts.seen.update(latest)
    try:
        for item in latest.values():
            counts.found += 1
            await _fetch_or_skip(sync, client, item, ctx, page, counts)
        queued = await _record_page(sync, page, ctx, counts)
    finally:
        for fetched in page.fetched:
            fetched.temp.unlink(missing_ok=True)  # a local unlink
    for resume in queued:
        await queue_parsing(ctx.queue, resume, BULK_QUEUE)


async def _fetch_or_skip(
    sync: DriveSync,
    client: DriveClient,
    item: DriveItem,
    ctx: ImportContext,
    page: _Page,
    counts: RunCounts,
) -> None:
    known = await DriveFile.get_or_none(sync_id=sync.id, file_id=item.id)
    reason = skip_reason(item, known, ctx.options.max_download_bytes)
    if reason is None and (twin := await _md5_twin(sync, item)) is not None:
        reason = f"same file as {twin.name}, imported already"
    if reason is not None:
        page.skipped.append((item, reason, known))
        return
    try:
        page.fetched.append(await _download(client, item, ctx))
    except DriveNotFound:
        # Deleted or unshared since it was listed: tried again on the next run.
        counts.failed += 1
    except (TooLarge, ExportTooLarge) as exc:
        page.skipped.append((item, _download_problem(exc, ctx.options), known))


def _download_problem(exc: Exception, options: DriveOptions) -> str:
    if isinstance(exc, ExportTooLarge):
        return exc.message
    return (
        f"over the {format_size(options.max_download_bytes)} limit for Drive downloads"
    )


def _write_download(
    client: DriveClient, item: DriveItem, options: DriveOptions
) -> Path:
    handle = tempfile.NamedTemporaryFile(prefix="hotgigs-drive-", delete=False)  # noqa: SIM115  # the caller removes it
    path = Path(handle.name)
    try:
        with handle:
            _copy_item(client, item, cast(BinaryIO, handle), options.max_download_bytes)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def _copy_item(
    client: DriveClient, item: DriveItem, out: BinaryIO, max_bytes: int
) -> None:
    if item.is_google_doc:
        client.export_docx(item, out, max_bytes)
    else:
        client.download(item, out, max_bytes)


def _file_name(item: DriveItem) -> str:
    if item.is_google_doc and not item.name.lower().endswith(".docx"):
        return f"{item.name}.docx"
    return item.name


async def _download(
    client: DriveClient, item: DriveItem, ctx: ImportContext
) -> _Fetched:
    path = await call_drive(
        partial(_write_download, client, item, ctx.options), ctx.options
    )
    incoming = IncomingFile(name=_file_name(item), path=path, size=path.stat().st_size)
    try:
        outcome = await asyncio.to_thread(
            store_single, incoming, ctx.store, ctx.limits, ctx.scanner
        )
    except DomainError as exc:
        outcome = IntakeOutcome(name=incoming.name, error=exc)
    except ScannerUnavailable as exc:
        # Nothing is imported unscanned: the run stops here and is tried again.
        raise DriveTransient(
            ErrorCode.SCANNER_UNAVAILABLE,
            f"The virus scanner could not be reached ({exc}); the run will be"
            " tried again.",
        ) from exc
    return _Fetched(item, outcome, path)


def _owner(sync: DriveSync) -> Viewer:
    """Imports are recorded as uploads of the sync's owner."""
    return Viewer(user_id=sync.owner_id, role=Role.RECRUITER)


async def _remember(
    sync: DriveSync,
    item: DriveItem,
    *,
    resume: Resume | None = None,
    reason: str | None = None,
) -> None:
    values: dict[str, Any] = {
        "name": item.name[:500],
        "mime_type": item.mime_type[:200],
        "md5": item.md5,
        "modified_time": item.modified_time,
        "web_view_link": item.link,
        "skipped_reason": reason[:300] if reason else None,
        "removed_at": None,
    }
    if resume is not None:
        values["resume_id"] = resume.duplicate_of_id or resume.id
    await DriveFile.update_or_create(values, sync_id=sync.id, file_id=item.id)


async def mark_removed(sync: DriveSync, file_ids: list[str]) -> int:
    """Note the known files that were trashed, deleted or moved out of the tree;
    the resumes and candidates they became stay. Returns how many were noted."""
    if not file_ids:
        return 0
    removed = await DriveFile.filter(
        sync_id=sync.id, file_id__in=file_ids, removed_at__isnull=True
    ).update(removed_at=datetime.now(UTC))
    if removed:
        logger.info("drive files removed sync_id=%s count=%s", sync.id, removed)
    return removed


async def _record_page(
    sync: DriveSync, page: _Page, ctx: ImportContext, counts: RunCounts
) -> list[Resume]:
    queued: list[Resume] = []
    async with in_transaction():
        for item, reason, known in page.skipped:
            counts.skipped += 1
            if (
                known is None
                or reason not in (UNCHANGED, known.skipped_reason)
                or known.removed_at is not None  # back in the tree: restored
            ):
                await _remember(sync, item, reason=reason)
        stored = [f for f in page.fetched if f.outcome.error is None]
        for fetched in page.fetched:
            if fetched.outcome.error is not None:
                counts.skipped += 1
                await _remember(
                    sync, fetched.item, reason=fetched.outcome.error.message
                )
        if stored:
            queued = await _record_batch(sync, stored, ctx, counts)
        if counts.run_id is not None:
            await DriveRun.filter(id=counts.run_id).update(**counts.totals())
    return queued


async def _record_batch(
    sync: DriveSync, stored: list[_Fetched], ctx: ImportContext, counts: RunCounts
) -> list[Resume]:
    owner = _owner(sync)
    pool = await sync.pool
    batch = await ImportBatch.create(
        pool=pool,
        created_by_id=sync.owner_id,
        source=BatchSource.DRIVE,
        total=len(stored),
    )
    queued: list[Resume] = []
    for position, fetched in enumerate(stored):
        resume, needs_parsing = await record_resume(
            owner, pool, fetched.outcome, source=SourceKind.DRIVE, batch=batch
        )
        await ImportBatchItem.create(
            batch=batch,
            position=position,
            file_name=fetched.outcome.name[:500],
            resume=resume,
        )
        if needs_parsing:
            queued.append(resume)
            counts.imported += 1
            await _remember(sync, fetched.item, resume=resume)
        else:
            counts.skipped += 1
            reason = "same content as a resume already in this pool"
            await _remember(sync, fetched.item, resume=resume, reason=reason)
    result = await settle_batch(batch.id, succeeded=len(stored) - len(queued))
    await publish_batch_progress(ctx.queue, batch.id, result)
    await record_audit(
        Viewer.system(),
        "drive_sync.import",
        entity_type="import_batch",
        entity_id=batch.id,
        details={"sync_id": str(sync.id), "items": len(stored)},
    )
    return queued
