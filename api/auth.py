"""Turns the request's credentials (bearer token or API key) into one Viewer."""

import logging

from starlette.requests import HTTPConnection

from domain.access import Viewer
from domain.auth import (
    CredentialsError,
    TokenSettings,
    is_api_key,
    viewer_from_api_key,
    viewer_from_token,
)

logger = logging.getLogger(__name__)


def _credential(
    connection: HTTPConnection, params: dict[str, object] | None
) -> str | None:
    header = connection.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    api_key = connection.headers.get("x-api-key")
    if api_key:
        return api_key.strip()
    # WebSocket clients send credentials in the connection_init payload.
    token = (params or {}).get("authorization") or (params or {}).get("token")
    if isinstance(token, str) and token.strip():
        return token.removeprefix("Bearer ").strip()
    return None


async def authenticate(
    connection: HTTPConnection,
    tokens: TokenSettings,
    *,
    request_id: str,
    params: dict[str, object] | None = None,
) -> Viewer:
    """The viewer for this connection; bad credentials give an anonymous viewer
    that remembers why, so that the permission error can say so."""
    credential = _credential(connection, params)
    if credential is None:
        return Viewer.anonymous(request_id=request_id)
    try:
        if is_api_key(credential):
            return await viewer_from_api_key(credential, request_id=request_id)
        return await viewer_from_token(credential, tokens, request_id=request_id)
    except CredentialsError as exc:
        logger.info("rejected credentials request_id=%s reason=%s", request_id, exc)
        return Viewer.anonymous(request_id=request_id, problem=str(exc))
