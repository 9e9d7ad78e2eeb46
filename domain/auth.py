"""Credentials (passwords, bearer tokens, API keys) and the Viewer they stand for."""

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError

from domain.access import Scope, Viewer
from domain.config import Settings
from domain.models import ApiKey, User

_hasher = PasswordHasher()
# Verifying against this keeps the time of a login for an unknown e-mail the same.
_DUMMY_HASH = _hasher.hash("not-a-real-password")
JWT_ALGORITHM = "HS256"
API_KEY_PREFIX = "hg_"


@dataclass(frozen=True)
class TokenSettings:
    secret: str
    ttl_seconds: int

    @classmethod
    def of(cls, settings: Settings) -> "TokenSettings":
        return cls(
            secret=settings.jwt_secret.get_secret_value(),
            ttl_seconds=settings.jwt_ttl_seconds,
        )


class CredentialsError(Exception):
    """Credentials were given but cannot be accepted; the message says why."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(
            password_hash
        )
    except (VerifyMismatchError, InvalidHashError):
        return False


def issue_token(
    user: User, settings: TokenSettings, *, now: datetime | None = None
) -> str:
    """A signed bearer token for `user`, valid for `settings.ttl_seconds`."""
    issued = now or datetime.now(UTC)
    claims = {
        "sub": str(user.id),
        "role": user.role.value,
        "iat": issued,
        "exp": issued + timedelta(seconds=settings.ttl_seconds),
    }
    return jwt.encode(claims, settings.secret, algorithm=JWT_ALGORITHM)


async def viewer_from_token(
    token: str, settings: TokenSettings, *, request_id: str | None = None
) -> Viewer:
    try:
        claims = jwt.decode(
            token,
            settings.secret,
            algorithms=[JWT_ALGORITHM],
            options={"require": ["exp", "sub"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise CredentialsError("The token has expired: sign in again.") from exc
    except jwt.InvalidTokenError as exc:
        raise CredentialsError("The token is not valid: sign in again.") from exc
    user = await User.get_or_none(id=claims["sub"], is_active=True)
    if user is None:
        raise CredentialsError("The token's user no longer exists or is disabled.")
    return Viewer(user_id=user.id, role=user.role, request_id=request_id)


def hash_api_key(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


async def viewer_from_api_key(raw_key: str, *, request_id: str | None = None) -> Viewer:
    key = await ApiKey.get_or_none(key_hash=hash_api_key(raw_key)).select_related(
        "user"
    )
    now = datetime.now(UTC)
    if key is None or key.revoked_at is not None or not key.user.is_active:
        raise CredentialsError("The API key is not valid or has been revoked.")
    if key.expires_at is not None and key.expires_at <= now:
        raise CredentialsError("The API key has expired: ask for a new one.")
    await ApiKey.filter(id=key.id).update(last_used_at=now)
    return Viewer(
        user_id=key.user.id,
        role=key.user.role,
        scopes=frozenset(Scope(s) for s in key.scopes),
        api_key_id=key.id,
        request_id=request_id,
    )


def is_api_key(credential: str) -> bool:
    return credential.startswith(API_KEY_PREFIX)
