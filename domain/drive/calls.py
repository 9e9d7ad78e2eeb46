"""Drive calls off the event loop, with time limits, backoff and errors a person
can act on.

Rate limits (429, 403 userRateLimitExceeded) and outages (5xx, network) are retried
with exponential backoff and jitter, honouring Retry-After; when the retries run
out they become a `DriveTransient` (the job retries later). Everything else is a
`DomainError` with a DRIVE_* code.
"""

import asyncio
import json
import logging
import random
from collections.abc import Callable
from typing import TypeVar

import httplib2  # type: ignore[import-untyped]  # no type hints published
from google.auth.exceptions import RefreshError, TransportError
from googleapiclient.errors import HttpError  # type: ignore[import-untyped]  # no type hints published

from domain.drive.options import DriveOptions
from domain.errors import DomainError, ErrorCode, TransientError

logger = logging.getLogger(__name__)

T = TypeVar("T")
RATE_LIMIT_REASONS = {"userRateLimitExceeded", "rateLimitExceeded"}
MAX_RETRY_AFTER_SECONDS = 300.0
AUTH_REVOKED_MESSAGE = (
    "Google Drive access was revoked or has expired: connect Google Drive again"
    " (driveConnectStart), then unpause the sync with driveSyncUpdate."
)


class DriveTransient(TransientError):
    """Drive is rate limiting or unavailable; try the run again later."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


class DriveNotFound(DomainError):
    code = ErrorCode.DRIVE_FOLDER_NOT_FOUND


class ExportTooLarge(DomainError):
    code = ErrorCode.RESUME_TOO_LARGE


def auth_revoked() -> DomainError:
    return DomainError(AUTH_REVOKED_MESSAGE, code=ErrorCode.DRIVE_AUTH_REVOKED)


def _reason(exc: HttpError) -> str:
    try:
        errors = json.loads(exc.content)["error"]["errors"]
        return str(errors[0]["reason"])
    except (ValueError, KeyError, IndexError, TypeError):
        return ""


def _retry_after(exc: HttpError) -> float | None:
    value = exc.resp.get("retry-after")
    try:
        return min(float(value), MAX_RETRY_AFTER_SECONDS) if value else None
    except ValueError:
        return None


def classify(exc: HttpError) -> DriveTransient:
    """A retryable failure as a DriveTransient; raises the others as DomainErrors."""
    status, reason = exc.resp.status, _reason(exc)
    if status == 429 or (status == 403 and reason in RATE_LIMIT_REASONS):
        return DriveTransient(
            ErrorCode.DRIVE_RATE_LIMITED,
            "Google Drive is rate limiting this account; the sync will retry later.",
        )
    if status >= 500:
        return DriveTransient(
            ErrorCode.DRIVE_UNAVAILABLE,
            f"Google Drive is unavailable ({status}); the sync will retry later.",
        )
    if status == 401:
        raise auth_revoked() from exc
    if status == 404:
        raise DriveNotFound(f"Google Drive has no such file or folder: {exc.reason}")
    if reason == "exportSizeLimitExceeded":
        raise ExportTooLarge(
            "too large for Google Drive to export (its limit is 10 MB)"
        )
    if status == 403:
        raise DomainError(
            "The connected Google account may not read this folder: share it with"
            " that account, or connect an account that can.",
            code=ErrorCode.DRIVE_NO_ACCESS,
        ) from exc
    raise DomainError(
        f"Google Drive refused the request ({status}): {exc.reason}",
        code=ErrorCode.DRIVE_UNAVAILABLE,
    ) from exc


def _delay(attempt: int, options: DriveOptions, retry_after: float | None) -> float:
    if retry_after is not None:
        return retry_after
    base = options.backoff_seconds * (2.0**attempt)
    return base + random.uniform(0, options.backoff_seconds)  # noqa: S311  # jitter


async def call_drive(work: Callable[[], T], options: DriveOptions) -> T:
    """Run `work` (a blocking DriveClient call) in a thread, retrying rate limits
    and outages; a timeout ends the run (the thread may still hold the client)."""
    attempt = 0
    while True:
        try:
            return await asyncio.wait_for(
                asyncio.to_thread(work), timeout=options.timeout_seconds * 2
            )
        except HttpError as exc:
            problem, wait = classify(exc), _retry_after(exc)
        except RefreshError as exc:
            raise auth_revoked() from exc
        except TimeoutError as exc:
            raise DriveTransient(
                ErrorCode.DRIVE_UNAVAILABLE,
                "Google Drive did not answer in time; the sync will retry later.",
            ) from exc
        except (TransportError, httplib2.HttpLib2Error, OSError) as exc:
            problem = DriveTransient(
                ErrorCode.DRIVE_UNAVAILABLE,
                f"Google Drive could not be reached ({exc}); the sync will retry.",
            )
            wait = None
        if attempt >= options.max_retries:
            raise problem
        delay = _delay(attempt, options, wait)
        logger.info("drive call retried code=%s delay=%.2f", problem.code, delay)
        attempt += 1
        await asyncio.sleep(delay)
