"""Connecting Google Drive: the OAuth consent flow with a signed state, or a
service-account key; the credentials are stored encrypted, one connection per user."""

import json
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt
from google.auth.credentials import Credentials
from google.oauth2 import credentials as user_credentials
from google.oauth2 import service_account

from domain.access import Viewer, own_drive_connections
from domain.audit import record_audit
from domain.drive.crypto import decrypt_json, encrypt_json
from domain.drive.options import DriveOptions
from domain.errors import DomainError, ErrorCode, Forbidden
from domain.models import DriveAuthKind, DriveConnection

SCOPES = ["https://www.googleapis.com/auth/drive.readonly"]
STATE_AUDIENCE = "hotgigs:drive-connect"
STATE_TTL = timedelta(minutes=15)
TOKEN_TIMEOUT_SECONDS = 30.0


def _state_key(options: DriveOptions) -> str:
    return f"drive-connect-state:{options.encryption_key}"


def _check_configured(options: DriveOptions) -> None:
    if not options.client_id or not options.client_secret:
        raise DomainError(
            "Google Drive is not set up on this server: an admin must set"
            " DRIVE_CLIENT_ID and DRIVE_CLIENT_SECRET (see the README).",
            code=ErrorCode.DRIVE_NOT_CONFIGURED,
        )


def _check_may_connect(viewer: Viewer) -> None:
    if viewer.user_id is None or not viewer.is_recruiter:
        raise Forbidden("Only recruiters and admins can connect Google Drive.")


def start_connect(viewer: Viewer, options: DriveOptions) -> str:
    """The Google consent URL; its `state` is signed, names the viewer and
    expires in 15 minutes."""
    _check_may_connect(viewer)
    _check_configured(options)
    claims = {
        "sub": str(viewer.user_id),
        "aud": STATE_AUDIENCE,
        "exp": datetime.now(UTC) + STATE_TTL,
        "nonce": secrets.token_urlsafe(16),
    }
    state = jwt.encode(claims, _state_key(options), algorithm="HS256")
    query = urlencode(
        {
            "client_id": options.client_id,
            "redirect_uri": options.redirect_uri,
            "response_type": "code",
            "scope": " ".join(SCOPES),
            "access_type": "offline",
            "prompt": "consent",
            "include_granted_scopes": "true",
            "state": state,
        }
    )
    return f"{options.auth_uri}?{query}"


def _check_state(viewer: Viewer, state: str, options: DriveOptions) -> None:
    try:
        claims = jwt.decode(
            state, _state_key(options), algorithms=["HS256"], audience=STATE_AUDIENCE
        )
    except jwt.InvalidTokenError as exc:
        raise DomainError(
            "This consent link is invalid or has expired: start again with"
            " driveConnectStart.",
            field="state",
        ) from exc
    if claims.get("sub") != str(viewer.user_id):
        raise DomainError(
            "This consent link was started by another user: start again with"
            " driveConnectStart.",
            field="state",
        )


async def _exchange_code(code: str, options: DriveOptions) -> dict[str, Any]:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "client_id": options.client_id,
        "client_secret": options.client_secret,
        "redirect_uri": options.redirect_uri,
    }
    async with httpx.AsyncClient(timeout=TOKEN_TIMEOUT_SECONDS) as http:
        try:
            response = await http.post(options.token_uri, data=form)
        except httpx.HTTPError as exc:
            raise DomainError(
                "Google could not be reached to finish connecting: try again.",
                code=ErrorCode.DRIVE_UNAVAILABLE,
            ) from exc
    body: dict[str, Any] = response.json() if response.content else {}
    if response.status_code != 200 or not body.get("refresh_token"):
        raise DomainError(
            "Google did not accept this authorization code (it is used or has"
            " expired): start again with driveConnectStart.",
            field="code",
        )
    return body


async def finish_connect(
    viewer: Viewer, *, code: str, state: str, options: DriveOptions
) -> DriveConnection:
    """Exchange the code Google sent back for tokens and store them encrypted."""
    _check_may_connect(viewer)
    _check_configured(options)
    _check_state(viewer, state, options)
    tokens = await _exchange_code(code, options)
    secret = {"refresh_token": tokens["refresh_token"]}
    return await _save(viewer, DriveAuthKind.OAUTH, "", secret, options)


async def connect_service_account(
    viewer: Viewer, *, key_json: str, options: DriveOptions
) -> DriveConnection:
    """Use an organisation's service-account key (JSON from the Cloud console);
    share the folders with its e-mail address."""
    _check_may_connect(viewer)
    try:
        info = json.loads(key_json)
        service_account.Credentials.from_service_account_info(  # type: ignore[no-untyped-call]  # google-auth leaves it untyped
            info, scopes=SCOPES
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise DomainError(
            "This is not a service-account key: download a JSON key of the service"
            " account from the Google Cloud console and paste it whole.",
            field="key",
        ) from exc
    if info.get("type") != "service_account":
        raise DomainError("This key is not of type service_account.", field="key")
    account = str(info.get("client_email", ""))
    return await _save(viewer, DriveAuthKind.SERVICE_ACCOUNT, account, info, options)


async def _save(
    viewer: Viewer,
    kind: DriveAuthKind,
    account: str,
    secret: dict[str, Any],
    options: DriveOptions,
) -> DriveConnection:
    values: dict[str, Any] = {
        "kind": kind,
        "account": account[:320],
        "credentials_encrypted": encrypt_json(options.encryption_key, secret),
        "revoked_at": None,
    }
    connection = await own_drive_connections(viewer).first()
    if connection is None:
        connection = await DriveConnection.create(owner_id=viewer.user_id, **values)
    else:
        connection.update_from_dict(values)
        await connection.save()
    await record_audit(
        viewer,
        "drive.connect",
        entity_type="drive_connection",
        entity_id=connection.id,
        details={"kind": kind.value},
    )
    return connection


async def find_connection(viewer: Viewer) -> DriveConnection | None:
    return await own_drive_connections(viewer).first()


def build_credentials(
    connection: DriveConnection, options: DriveOptions
) -> Credentials:
    """Credentials that fetch an access token (refreshing as needed) on first use."""
    secret = decrypt_json(options.encryption_key, connection.credentials_encrypted)
    if connection.kind is DriveAuthKind.SERVICE_ACCOUNT:
        info = {**secret, "token_uri": options.token_uri}
        account: Credentials = service_account.Credentials.from_service_account_info(  # type: ignore[no-untyped-call]  # google-auth leaves it untyped
            info, scopes=SCOPES
        )
        return account
    return user_credentials.Credentials(  # type: ignore[no-untyped-call]  # google-auth's constructor is untyped
        token=None,
        refresh_token=secret["refresh_token"],
        token_uri=options.token_uri,
        client_id=options.client_id,
        client_secret=options.client_secret,
        scopes=SCOPES,
    )
