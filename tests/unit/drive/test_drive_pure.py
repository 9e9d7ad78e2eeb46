"""Pure Drive pieces: encryption at rest, settings, error mapping, skip reasons and
the signed consent state."""

import json
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit
from uuid import uuid4

import httplib2
import pytest
from cryptography.fernet import Fernet
from googleapiclient.errors import HttpError
from pydantic import ValidationError

from domain.access import Viewer
from domain.config import Settings
from domain.drive.calls import DriveNotFound, ExportTooLarge, classify
from domain.drive.client import DriveItem
from domain.drive.connections import _check_state, start_connect
from domain.drive.crypto import decrypt_json, encrypt_json
from domain.drive.imports import UNCHANGED, skip_reason
from domain.drive.options import DriveOptions
from domain.errors import DomainError, ErrorCode
from domain.models import DriveFile, Role

KEY = Fernet.generate_key().decode()
OPTIONS = DriveOptions.from_settings(
    Settings(
        _env_file=None,
        drive_client_id="client-1",
        drive_client_secret="secret-1",
        drive_encryption_key=KEY,
    )
)


def test_credentials_round_trip_and_a_new_key_asks_to_reconnect():
    token = encrypt_json(KEY, {"refresh_token": "r-1"})
    assert b"r-1" not in token
    assert decrypt_json(KEY, token) == {"refresh_token": "r-1"}
    with pytest.raises(DomainError) as caught:
        decrypt_json(Fernet.generate_key().decode(), token)
    assert caught.value.code is ErrorCode.DRIVE_AUTH_REVOKED


def test_production_refuses_the_development_drive_key():
    values = {
        "environment": "production",
        "jwt_secret": "p" * 40,
        "database_url": "postgres://db/x",
        "redis_url": "redis://r/0",
    }
    with pytest.raises(ValidationError, match="DRIVE_ENCRYPTION_KEY must be set"):
        Settings(_env_file=None, **values)
    assert Settings(_env_file=None, drive_encryption_key=KEY, **values)


def _http_error(status: int, reason: str, retry_after: str | None = None) -> HttpError:
    headers = {"status": str(status)}
    if retry_after:
        headers["retry-after"] = retry_after
    body = {
        "error": {"code": status, "message": reason, "errors": [{"reason": reason}]}
    }
    return HttpError(httplib2.Response(headers), json.dumps(body).encode())


@pytest.mark.parametrize(
    ("status", "reason", "code"),
    [
        (429, "rateLimitExceeded", ErrorCode.DRIVE_RATE_LIMITED),
        (403, "userRateLimitExceeded", ErrorCode.DRIVE_RATE_LIMITED),
        (503, "backendError", ErrorCode.DRIVE_UNAVAILABLE),
    ],
)
def test_rate_limits_and_outages_are_retryable(status, reason, code):
    assert classify(_http_error(status, reason)).code is code


@pytest.mark.parametrize(
    ("status", "reason", "error", "code"),
    [
        (401, "authError", DomainError, ErrorCode.DRIVE_AUTH_REVOKED),
        (404, "notFound", DriveNotFound, ErrorCode.DRIVE_FOLDER_NOT_FOUND),
        (403, "forbidden", DomainError, ErrorCode.DRIVE_NO_ACCESS),
        (403, "exportSizeLimitExceeded", ExportTooLarge, ErrorCode.RESUME_TOO_LARGE),
    ],
)
def test_other_drive_errors_say_what_to_do(status, reason, error, code):
    with pytest.raises(error) as caught:
        classify(_http_error(status, reason))
    assert caught.value.code is code


def _item(**values) -> DriveItem:
    base = {"id": "f1", "name": "cv.pdf", "mime_type": "application/pdf", "md5": "a"}
    return DriveItem(**{**base, **values})


def test_skip_reasons():
    modified = datetime(2026, 1, 1, tzinfo=UTC)
    known = DriveFile(file_id="f1", name="cv.pdf", md5="a", modified_time=modified)
    assert skip_reason(_item(), known, 100) == UNCHANGED
    assert skip_reason(_item(md5="b"), known, 100) is None
    assert skip_reason(_item(size=101), None, 100) == (
        "101 bytes is over the 100 bytes limit for Drive downloads"
    )
    doc = _item(mime_type="application/vnd.google-apps.document", md5=None)
    assert skip_reason(doc, None, 100) is None
    assert skip_reason(doc, known, 100) is None  # known had no modified match
    sheet = _item(mime_type="application/vnd.google-apps.spreadsheet", md5=None)
    assert skip_reason(sheet, None, 100).startswith(
        "unsupported type application/vnd.google-apps.spreadsheet"
    )


def test_consent_state_is_signed_for_the_user_who_started():
    user = Viewer(user_id=uuid4(), role=Role.RECRUITER)
    url = start_connect(user, OPTIONS)
    query = parse_qs(urlsplit(url).query)
    assert query["client_id"] == ["client-1"]
    assert query["access_type"] == ["offline"]
    state = query["state"][0]
    _check_state(user, state, OPTIONS)
    with pytest.raises(DomainError, match="started by another user"):
        _check_state(Viewer(user_id=uuid4(), role=Role.RECRUITER), state, OPTIONS)
    with pytest.raises(DomainError, match="invalid or has expired"):
        _check_state(user, state + "x", OPTIONS)
