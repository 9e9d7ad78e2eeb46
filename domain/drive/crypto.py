"""Credentials at rest: Fernet (AES-CBC + HMAC-SHA256), the key from settings."""

import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken

from domain.errors import DomainError, ErrorCode


def encrypt_json(key: str, data: dict[str, Any]) -> bytes:
    return Fernet(key.encode()).encrypt(json.dumps(data).encode())


def decrypt_json(key: str, token: bytes) -> dict[str, Any]:
    """The stored credentials; a key change makes them unreadable, which the
    owner fixes by connecting again."""
    try:
        data: dict[str, Any] = json.loads(Fernet(key.encode()).decrypt(bytes(token)))
    except InvalidToken as exc:
        raise DomainError(
            "The stored Google Drive credentials cannot be read (the encryption key"
            " changed): connect Google Drive again.",
            code=ErrorCode.DRIVE_AUTH_REVOKED,
        ) from exc
    return data
