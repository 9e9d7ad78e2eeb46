"""Domain errors: one code per fact, with a message that says what to do."""

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    INVALID_INPUT = "INVALID_INPUT"
    CONFLICT = "CONFLICT"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    EMAIL_TAKEN = "EMAIL_TAKEN"
    DUPLICATE_CANDIDATE = "DUPLICATE_CANDIDATE"
    FORBIDDEN = "FORBIDDEN"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    THROTTLED = "THROTTLED"
    QUERY_TOO_COSTLY = "QUERY_TOO_COSTLY"
    INTERNAL = "INTERNAL"
    # Intake: files and archives refused before anything is stored.
    EMPTY_FILE = "EMPTY_FILE"
    RESUME_TOO_LARGE = "RESUME_TOO_LARGE"
    REQUEST_TOO_LARGE = "REQUEST_TOO_LARGE"
    UNSUPPORTED_FILE_TYPE = "UNSUPPORTED_FILE_TYPE"
    CORRUPT_FILE = "CORRUPT_FILE"
    ARCHIVE_TOO_MANY_ENTRIES = "ARCHIVE_TOO_MANY_ENTRIES"
    ARCHIVE_TOO_LARGE = "ARCHIVE_TOO_LARGE"
    ARCHIVE_COMPRESSION_RATIO = "ARCHIVE_COMPRESSION_RATIO"
    NESTED_ARCHIVE = "NESTED_ARCHIVE"
    ARCHIVE_PATH_TRAVERSAL = "ARCHIVE_PATH_TRAVERSAL"
    ARCHIVE_SYMLINK = "ARCHIVE_SYMLINK"
    ENCRYPTED_ARCHIVE = "ENCRYPTED_ARCHIVE"
    MALWARE_DETECTED = "MALWARE_DETECTED"
    SCANNER_UNAVAILABLE = "SCANNER_UNAVAILABLE"  # clamd configured but unreachable
    STORAGE_FULL = "STORAGE_FULL"
    # Extraction and parsing.
    OCR_UNAVAILABLE = "OCR_UNAVAILABLE"
    CONVERTER_UNAVAILABLE = "CONVERTER_UNAVAILABLE"
    NO_TEXT_FOUND = "NO_TEXT_FOUND"
    EXTRACTION_FAILED = "EXTRACTION_FAILED"
    TOO_MANY_PAGES = "TOO_MANY_PAGES"
    IMAGE_TOO_LARGE = "IMAGE_TOO_LARGE"  # a decompression bomb, or a huge scan
    PROCESSING_INTERRUPTED = "PROCESSING_INTERRUPTED"
    NOT_RETRYABLE = "NOT_RETRYABLE"
    # Google Drive sync.
    DRIVE_NOT_CONNECTED = "DRIVE_NOT_CONNECTED"
    DRIVE_NOT_CONFIGURED = "DRIVE_NOT_CONFIGURED"
    DRIVE_AUTH_REVOKED = "DRIVE_AUTH_REVOKED"
    DRIVE_FOLDER_NOT_FOUND = "DRIVE_FOLDER_NOT_FOUND"
    DRIVE_NO_ACCESS = "DRIVE_NO_ACCESS"
    DRIVE_RATE_LIMITED = "DRIVE_RATE_LIMITED"
    DRIVE_UNAVAILABLE = "DRIVE_UNAVAILABLE"
    DRIVE_SYNC_PAUSED = "DRIVE_SYNC_PAUSED"
    # Jobs and matching.
    INVALID_WEIGHTS = "INVALID_WEIGHTS"
    INVALID_JOB_ANALYSIS = "INVALID_JOB_ANALYSIS"
    INVALID_SALARY = "INVALID_SALARY"
    INVALID_CURRENCY = "INVALID_CURRENCY"
    # Applications and preferences.
    JOB_CLOSED = "JOB_CLOSED"
    RESUME_NOT_PARSED = "RESUME_NOT_PARSED"
    # Webhooks.
    WEBHOOK_URL_REFUSED = "WEBHOOK_URL_REFUSED"


class DomainError(Exception):
    """A failure the caller can act on; `field` names the input at fault."""

    code: ErrorCode = ErrorCode.INVALID_INPUT

    def __init__(
        self,
        message: str,
        *,
        code: ErrorCode | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        if code is not None:
            self.code = code

    def __repr__(self) -> str:
        name = type(self).__name__
        return f"{name}({self.code}, {self.message!r}, field={self.field!r})"


class NotFound(DomainError):
    code = ErrorCode.NOT_FOUND


class Conflict(DomainError):
    code = ErrorCode.CONFLICT


class Forbidden(DomainError):
    """An action the viewer may not take on something they can see."""

    code = ErrorCode.FORBIDDEN


class InvalidInput(DomainError):
    """One or more problems with the input, each a DomainError of its own."""

    code = ErrorCode.INVALID_INPUT

    def __init__(self, problems: list[DomainError]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def clean_each(
    values: Mapping[str, Any], clean_one: Callable[[str, Any], Any]
) -> dict[str, Any]:
    """`clean_one(name, value)` for every entry, reporting every problem at once
    (one InvalidInput holding them all) rather than stopping at the first."""
    cleaned: dict[str, Any] = {}
    problems: list[DomainError] = []
    for name, value in values.items():
        try:
            cleaned[name] = clean_one(name, value)
        except InvalidInput as exc:
            problems.extend(exc.problems)
        except DomainError as exc:
            problems.append(exc)
    if problems:
        raise InvalidInput(problems)
    return cleaned


class TransientError(Exception):
    """A failure worth retrying later (network, lock, 5xx)."""
