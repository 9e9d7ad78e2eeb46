"""From uploaded files to stored resume files (sync; runs in a thread): checks,
archive expansion and content-addressed storage, one outcome per file or entry."""

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from domain.errors import DomainError, ErrorCode
from domain.intake.archives import iter_archive
from domain.intake.checks import inspect_file
from domain.intake.filetypes import FileKind, content_type
from domain.intake.limits import IntakeLimits
from domain.intake.malware import ClamdScanner
from domain.intake.storage import FileStore, StoredFile


@dataclass(frozen=True)
class IncomingFile:
    """An uploaded file spooled to a temporary path (removed after intake)."""

    name: str
    path: Path
    size: int


@dataclass(frozen=True)
class IntakeOutcome:
    """One file or archive entry: stored as `stored` of `kind`, or refused."""

    name: str
    stored: StoredFile | None = None
    kind: FileKind | None = None
    error: DomainError | None = None

    @property
    def content_type(self) -> str:
        return content_type(self.kind) if self.kind else "application/octet-stream"


def store_single(
    file: IncomingFile,
    store: FileStore,
    limits: IntakeLimits,
    scanner: ClamdScanner | None = None,
) -> IntakeOutcome:
    """Check and store one resume; archives belong in a bulk upload."""
    kind = inspect_file(file.name, file.path, limits)
    if kind is FileKind.ZIP:
        raise DomainError(
            f"{file.name} is a ZIP archive: upload archives with resumeBulkUpload.",
            code=ErrorCode.UNSUPPORTED_FILE_TYPE,
            field="file",
        )
    if scanner is not None:
        scanner.check(file.path, file.name)
    stored = store.put_path(file.path, max_bytes=limits.max_file_bytes, name=file.name)
    return IntakeOutcome(name=file.name, stored=stored, kind=kind)


def store_many(
    files: list[IncomingFile],
    store: FileStore,
    limits: IntakeLimits,
    scanner: ClamdScanner | None = None,
) -> list[IntakeOutcome]:
    """Every file and archive entry, each stored or refused on its own."""
    outcomes: list[IntakeOutcome] = []
    for file in files:
        try:
            kind = inspect_file(file.name, file.path, limits)
            if kind is FileKind.ZIP:
                outcomes.extend(_store_archive(file, store, limits, scanner))
                continue
            if scanner is not None:
                scanner.check(file.path, file.name)
            stored = store.put_path(
                file.path, max_bytes=limits.max_file_bytes, name=file.name
            )
            outcomes.append(IntakeOutcome(name=file.name, stored=stored, kind=kind))
        except DomainError as exc:
            outcomes.append(IntakeOutcome(name=file.name, error=exc))
    return outcomes


def _store_archive(
    file: IncomingFile,
    store: FileStore,
    limits: IntakeLimits,
    scanner: ClamdScanner | None,
) -> list[IntakeOutcome]:
    workdir = Path(tempfile.mkdtemp(prefix="hotgigs-zip-"))
    outcomes: list[IntakeOutcome] = []
    try:
        for member in iter_archive(file.path, limits, workdir=workdir, name=file.name):
            name = f"{file.name}/{member.name}"
            if member.error is not None or member.path is None:
                outcomes.append(IntakeOutcome(name=name, error=member.error))
                continue
            if scanner is not None:
                try:
                    scanner.check(member.path, name)
                except DomainError as exc:
                    outcomes.append(IntakeOutcome(name=name, error=exc))
                    continue
            stored = store.put_path(
                member.path, max_bytes=limits.max_file_bytes, name=name, move=True
            )
            outcomes.append(IntakeOutcome(name=name, stored=stored, kind=member.kind))
    except DomainError as exc:
        # The archive as a whole is refused; entries it already stored stay
        # unreferenced until `clean_storage` sweeps them (they may be shared
        # with another upload of the same bytes, so they are not deleted here).
        return [IntakeOutcome(name=file.name, error=exc)]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return outcomes
