"""Upload checks: size, magic bytes, and what a ZIP's central directory declares."""

import zipfile
from pathlib import Path

from domain.errors import DomainError, ErrorCode
from domain.intake.filetypes import (
    HEAD_BYTES,
    FileKind,
    classify_zip,
    corrupt_file,
    count_zip_entries,
    detect_kind,
    has_zip_directory,
)
from domain.intake.limits import IntakeLimits

RATIO_FLOOR_BYTES = 1024 * 1024
"""Below this many expanded bytes a high compression ratio is harmless."""

_MAX_LABEL = 120
_UNITS = ("bytes", "KB", "MB", "GB")
_FORMATS = "PDF, DOCX, DOC, RTF, TXT, PNG, JPEG or TIFF"
# An OLE file (.doc) may legitimately carry an embedded Office package (a ZIP).
_ZIP_MAY_TRAIL = frozenset({FileKind.DOC, FileKind.ZIP, FileKind.DOCX})


def display_name(name: str) -> str:
    """A file name safe to put in a message: printable and not too long."""
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in name).strip()
    if len(cleaned) > _MAX_LABEL:
        cleaned = cleaned[: _MAX_LABEL - 3] + "..."
    return cleaned or "The file"


def format_size(size: int) -> str:
    """Bytes as people read them: `512 bytes`, `1.5 KB`, `10 MB` (powers of 1024)."""
    value, unit = float(size), 0
    while value >= 1024 and unit < len(_UNITS) - 1:
        value /= 1024
        unit += 1
    if unit == 0:
        return f"{size} bytes"
    return f"{value:.1f}".removesuffix(".0") + f" {_UNITS[unit]}"


def check_request(size: int, limits: IntakeLimits) -> None:
    """Refuse an upload request whose body is over the limit (REQUEST_TOO_LARGE)."""
    if size > limits.max_request_bytes:
        limit = format_size(limits.max_request_bytes)
        raise DomainError(
            f"The upload is larger than the {limit} limit: send fewer files at a time.",
            code=ErrorCode.REQUEST_TOO_LARGE,
            field="file",
        )


def check_file(name: str, head: bytes, size: int, limits: IntakeLimits) -> FileKind:
    """The kind of an upload from its first bytes and size, or the reason to refuse.

    A ZIP here may be a DOCX or an archive of resumes, so it is held to the request
    limit only: `inspect_file` (or `classify_zip`) decides and applies the rest.
    """
    label = display_name(name)
    if size <= 0:
        raise DomainError(
            f"{label} is empty: check that it was saved completely, then upload it"
            " again.",
            code=ErrorCode.EMPTY_FILE,
            field="file",
        )
    kind = detect_kind(head)
    if kind is None:
        raise unsupported_file(label)
    if kind is FileKind.ZIP and size > limits.max_request_bytes:
        limit = format_size(limits.max_request_bytes)
        raise DomainError(
            f"{label} is larger than the {limit} limit for an upload: split the"
            " resumes into smaller archives.",
            code=ErrorCode.REQUEST_TOO_LARGE,
            field="file",
        )
    if kind is not FileKind.ZIP and size > limits.max_file_bytes:
        raise resume_too_large(label, limits.max_file_bytes)
    return kind


def inspect_file(name: str, path: Path, limits: IntakeLimits) -> FileKind:
    """`check_file` for a file on disk, telling a DOCX from a ZIP archive.

    A DOCX's container must pass the archive limits (no zip bomb behind a .docx);
    a file of another kind must not carry a ZIP archive at its end (a polyglot).
    A ZIP archive is returned as such: `iter_archive` checks it as it expands it.
    """
    label = display_name(name)
    size = path.stat().st_size
    with path.open("rb") as file:
        head = file.read(HEAD_BYTES)
    kind = check_file(name, head, size, limits)
    if kind not in _ZIP_MAY_TRAIL and has_zip_directory(path):
        raise DomainError(
            f"{label} hides a ZIP archive behind its {kind.name} content: save the"
            f" resume again as a plain {kind.name} file and upload that.",
            code=ErrorCode.UNSUPPORTED_FILE_TYPE,
            field="file",
        )
    if kind is not FileKind.ZIP:
        return kind
    kind = classify_zip(path, name=label)
    if kind is FileKind.DOCX:
        if size > limits.max_file_bytes:
            raise resume_too_large(label, limits.max_file_bytes)
        open_zip(path, limits, name=name).close()
    return kind


def open_zip(path: Path, limits: IntakeLimits, *, name: str) -> zipfile.ZipFile:
    """The archive at `path`, opened once its central directory passed the limits.

    Checks, before anything is expanded: a ZIP signature at the start (no prefixed
    polyglot), the entry count (read record by record, so a huge directory costs no
    memory), the declared expanded size and the declared compression ratios.
    """
    label = display_name(name)
    with path.open("rb") as file:
        if detect_kind(file.read(8)) is not FileKind.ZIP:
            raise DomainError(
                f"{label} is not a ZIP archive: pack the resumes in a .zip file, or"
                " upload them one by one.",
                code=ErrorCode.UNSUPPORTED_FILE_TYPE,
                field="file",
            )
    limit = limits.max_archive_entries
    if count_zip_entries(path, stop_after=limit, name=label) > limit:
        raise DomainError(
            f"{label} holds more than {limit} files: split it into archives of at"
            f" most {limit} files.",
            code=ErrorCode.ARCHIVE_TOO_MANY_ENTRIES,
            field="file",
        )
    archive = _open_zipfile(path, label)
    try:
        _check_declared_sizes(archive, path.stat().st_size, limits, label)
    except BaseException:
        archive.close()
        raise
    return archive


def _open_zipfile(path: Path, label: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise corrupt_file(label) from None
    except NotImplementedError:
        raise DomainError(
            f"{label} uses ZIP features we cannot read: create it again with a"
            " standard archiver.",
            code=ErrorCode.UNSUPPORTED_FILE_TYPE,
            field="file",
        ) from None


def _check_declared_sizes(
    archive: zipfile.ZipFile, archive_size: int, limits: IntakeLimits, label: str
) -> None:
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    if total > limits.max_archive_expanded_bytes:
        raise archive_too_large(label, limits)
    if exceeds_ratio(total, archive_size, limits):
        raise ratio_too_high(label, limits)
    for info in infos:
        if exceeds_ratio(info.file_size, info.compress_size, limits):
            entry = display_name(info.filename)
            raise ratio_too_high(f"{entry} in {label}", limits)


def exceeds_ratio(expanded: int, compressed: int, limits: IntakeLimits) -> bool:
    """Whether `expanded` bytes from `compressed` ones look like a zip bomb."""
    if expanded <= RATIO_FLOOR_BYTES:
        return False
    return expanded > max(compressed, 1) * limits.max_compression_ratio


def unsupported_file(label: str) -> DomainError:
    return DomainError(
        f"{label} is not a supported resume format: upload a {_FORMATS} file.",
        code=ErrorCode.UNSUPPORTED_FILE_TYPE,
        field="file",
    )


def resume_too_large(label: str, max_bytes: int) -> DomainError:
    limit = format_size(max_bytes)
    return DomainError(
        f"{label} is larger than the {limit} limit for one resume: compress its"
        " images or split it, then upload it again.",
        code=ErrorCode.RESUME_TOO_LARGE,
        field="file",
    )


def archive_too_large(label: str, limits: IntakeLimits) -> DomainError:
    limit = format_size(limits.max_archive_expanded_bytes)
    return DomainError(
        f"{label} expands to more than {limit}: split it into smaller archives.",
        code=ErrorCode.ARCHIVE_TOO_LARGE,
        field="file",
    )


def ratio_too_high(label: str, limits: IntakeLimits) -> DomainError:
    ratio = f"{limits.max_compression_ratio:g}"
    return DomainError(
        f"{label} expands more than {ratio} times its compressed size, as zip bombs"
        " do: create it again with ordinary compression.",
        code=ErrorCode.ARCHIVE_COMPRESSION_RATIO,
        field="file",
    )
