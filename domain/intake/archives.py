"""ZIP archives of resumes, expanded one checked member at a time within limits."""

import lzma
import re
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from domain.errors import DomainError, ErrorCode
from domain.intake.checks import (
    archive_too_large,
    display_name,
    exceeds_ratio,
    inspect_file,
    open_zip,
    ratio_too_high,
    resume_too_large,
)
from domain.intake.filetypes import FileKind, corrupt_file
from domain.intake.limits import IntakeLimits
from domain.intake.storage import CHUNK_BYTES, disk_full_as_storage_full

_SKIPPED_FOLDERS = frozenset({"__MACOSX"})
_SKIPPED_FILES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
_READABLE_METHODS = frozenset(
    {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
)
_FLAG_ENCRYPTED = 0x1
_FLAG_PATCHED_DATA = 0x20
_DRIVE = re.compile(r"[A-Za-z]:")
# bz2 reports bad data as OSError; zlib, lzma and a short stream have their own.
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError)


@dataclass(frozen=True)
class ArchiveMember:
    """One file of an archive: extracted to `path`, or refused with `error`.

    `name` is the entry's name in the archive (for nested archives, joined by "/");
    it is never used on disk. `size` is the expanded size (as declared, when the
    entry was refused before expansion).
    """

    name: str
    path: Path | None
    size: int
    error: DomainError | None
    kind: FileKind | None = None


@dataclass
class _Extraction:
    """What all members of one upload share: limits, workdir and expanded bytes."""

    limits: IntakeLimits
    workdir: Path
    label: str
    archive_size: int
    expanded: int = 0

    def charge(self, size: int) -> None:
        """Count `size` more expanded bytes against the whole-upload limits."""
        self.expanded += size
        if self.expanded > self.limits.max_archive_expanded_bytes:
            raise archive_too_large(self.label, self.limits)
        if exceeds_ratio(self.expanded, self.archive_size, self.limits):
            raise ratio_too_high(self.label, self.limits)


def iter_archive(
    path: Path, limits: IntakeLimits, *, workdir: Path, name: str | None = None
) -> Iterator[ArchiveMember]:
    """The archive's files, each extracted into `workdir` under a generated name.

    A member that cannot be taken carries its own error (path traversal, symlink,
    encryption, nested archive, size, type, emptiness) and the others go on. The
    whole archive fails (raises) when it has too many entries (before anything is
    expanded), expands past the size limit or the compression ratio, or is corrupt.
    Expanded bytes are counted as they come, whatever the headers claim. Folders,
    `__MACOSX/` and `.DS_Store`-like files are skipped. `name` is the uploaded file
    name used in messages (default: the path's). The caller owns `workdir`.
    """
    label = display_name(name or path.name)
    workdir.mkdir(parents=True, exist_ok=True)
    extraction = _Extraction(limits, workdir, label, path.stat().st_size)
    yield from _iter_members(path, label, "", 0, extraction)


def _iter_members(
    path: Path, label: str, prefix: str, depth: int, extraction: _Extraction
) -> Iterator[ArchiveMember]:
    nested_ok = depth < extraction.limits.max_archive_depth
    with open_zip(path, extraction.limits, name=label) as archive:
        for info in archive.infolist():
            if _skipped(info.filename):
                continue
            member = _take_member(archive, info, label, prefix, extraction, nested_ok)
            if member.kind is not FileKind.ZIP or member.path is None:
                yield member
                continue
            try:
                inner = f"{display_name(info.filename)} in {label}"
                yield from _iter_members(
                    member.path, inner, member.name + "/", depth + 1, extraction
                )
            finally:
                member.path.unlink(missing_ok=True)


def _skipped(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return (
        parts[-1] in _SKIPPED_FILES or parts[-1] == "" or parts[0] in _SKIPPED_FOLDERS
    )


def _take_member(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    label: str,
    prefix: str,
    extraction: _Extraction,
    nested_ok: bool,
) -> ArchiveMember:
    name = prefix + info.filename
    entry_label = f"{display_name(info.filename)} in {label}"
    problem = _header_problem(info, entry_label, extraction.limits)
    if problem is not None:
        return ArchiveMember(name, None, info.file_size, problem)
    with disk_full_as_storage_full(extraction.workdir):
        target, size = _expand_to_file(archive, info, entry_label, extraction)
    try:
        kind = inspect_file(entry_label, target, extraction.limits)
        if kind is FileKind.ZIP and not nested_ok:
            raise _nested_archive(entry_label)
    except DomainError as error:
        target.unlink(missing_ok=True)
        return ArchiveMember(name, None, info.file_size, error)
    return ArchiveMember(name, target, size, None, kind)


def _header_problem(
    info: zipfile.ZipInfo, entry_label: str, limits: IntakeLimits
) -> DomainError | None:
    """What the central directory alone says is wrong with an entry, if anything."""
    if _unsafe_path(info.filename):
        return _entry_error(
            f"{entry_label} has an unsafe path: add the resumes to the archive from"
            " a plain folder.",
            ErrorCode.ARCHIVE_PATH_TRAVERSAL,
        )
    if stat.S_ISLNK(info.external_attr >> 16):
        return _entry_error(
            f"{entry_label} is a symbolic link: add the resume file itself to the"
            " archive.",
            ErrorCode.ARCHIVE_SYMLINK,
        )
    if info.flag_bits & _FLAG_ENCRYPTED:
        return _entry_error(
            f"{entry_label} is password-protected: create the archive again without"
            " a password.",
            ErrorCode.ENCRYPTED_ARCHIVE,
        )
    if (
        info.compress_type not in _READABLE_METHODS
        or info.flag_bits & _FLAG_PATCHED_DATA
    ):
        return _entry_error(
            f"{entry_label} uses a compression method we cannot read: create the"
            " archive again with standard (Deflate) compression.",
            ErrorCode.UNSUPPORTED_FILE_TYPE,
        )
    if info.file_size > limits.max_file_bytes:
        return resume_too_large(entry_label, limits.max_file_bytes)
    return None


def _unsafe_path(name: str) -> bool:
    """Absolute, drive-letter or `..` paths, with backslashes read as separators."""
    normal = name.replace("\\", "/")
    if normal.startswith("/") or _DRIVE.match(normal):
        return True
    return ".." in normal.split("/")


def _expand_to_file(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    entry_label: str,
    extraction: _Extraction,
) -> tuple[Path, int]:
    """The entry expanded into a new file of the workdir, and its size."""
    fd, target_name = tempfile.mkstemp(prefix="member-", dir=extraction.workdir)
    target = Path(target_name)
    try:
        with open(fd, "wb") as out:
            return target, _expand(archive, info, out, entry_label, extraction)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def _expand(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    out: IO[bytes],
    entry_label: str,
    extraction: _Extraction,
) -> int:
    """Write the entry's bytes to `out`: at most one byte past the resume limit.

    Counts the real bytes (never the header's claim) against the entry's and the
    upload's limits as they come. Raises for the whole archive: corrupt data,
    too many expanded bytes or a zip-bomb ratio.
    """
    limits = extraction.limits
    written = 0
    with _open_entry(archive, info, extraction.label) as source:
        while written <= limits.max_file_bytes:
            want = min(CHUNK_BYTES, limits.max_file_bytes + 1 - written)
            chunk = _read(source, want, extraction.label)
            if not chunk:
                break
            written += len(chunk)
            extraction.charge(len(chunk))
            if exceeds_ratio(written, info.compress_size, limits):
                raise ratio_too_high(entry_label, limits)
            out.write(chunk)
    return written


def _open_entry(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str
) -> IO[bytes]:
    try:
        return archive.open(info)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError):
        raise corrupt_file(label) from None


def _read(source: IO[bytes], size: int, label: str) -> bytes:
    try:
        return source.read(size)
    except _READ_ERRORS:
        raise corrupt_file(label) from None


def _nested_archive(entry_label: str) -> DomainError:
    return _entry_error(
        f"{entry_label} is an archive inside the archive: unpack it and add its"
        " resumes directly.",
        ErrorCode.NESTED_ARCHIVE,
    )


def _entry_error(message: str, code: ErrorCode) -> DomainError:
    return DomainError(message, code=code, field="file")
