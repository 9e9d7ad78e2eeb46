"""Users: sign-up of each role with its default pool, and sign-in."""

import re
from collections.abc import Iterable
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from domain.access import Viewer, visible_users
from domain.audit import record_audit
from domain.auth import hash_password, verify_password
from domain.errors import Conflict, DomainError, ErrorCode, InvalidInput, NotFound
from domain.models import Pool, PoolKind, Role, User

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD_LENGTH = 10
DEFAULT_POOL_NAME = "My candidates"


def normalize_email(email: str, *, field: str = "email") -> str:
    """Lower-cased and trimmed; raises InvalidInput when it is not an address."""
    value = email.strip().lower()
    if len(value) > 320 or not EMAIL_PATTERN.match(value):
        raise InvalidInput(
            [DomainError(f"{email!r} is not an e-mail address.", field=field)]
        )
    return value


def _check_password(password: str | None) -> None:
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            [
                DomainError(
                    f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters.",
                    field="password",
                )
            ]
        )


async def create_user(
    viewer: Viewer,
    *,
    email: str,
    role: Role,
    name: str = "",
    password: str | None = None,
) -> User:
    """A new user; recruiters get a default pool, candidates a personal one.

    Raises Conflict(EMAIL_TAKEN) when the address is already registered.
    """
    address = normalize_email(email)
    _check_password(password)
    try:
        async with in_transaction():
            user = await User.create(
                email=address,
                role=role,
                name=name.strip(),
                password_hash=hash_password(password) if password else None,
            )
            if role is not Role.ADMIN:
                kind = (
                    PoolKind.PERSONAL if role is Role.CANDIDATE else PoolKind.RECRUITER
                )
                await Pool.create(
                    name=DEFAULT_POOL_NAME, owner=user, kind=kind, is_default=True
                )
            await record_audit(
                viewer, "user.create", entity_type="user", entity_id=user.id
            )
    except IntegrityError as exc:
        raise Conflict(
            f"{address} is already registered: sign in instead.",
            code=ErrorCode.EMAIL_TAKEN,
            field="email",
        ) from exc
    return user


async def authenticate(*, email: str, password: str) -> User:
    """The active user with these credentials; one message for every failure."""
    user = await User.get_or_none(email=email.strip().lower(), is_active=True)
    if not verify_password(user.password_hash if user else None, password) or not user:
        raise DomainError(
            "The e-mail or password is wrong.", code=ErrorCode.INVALID_CREDENTIALS
        )
    return user


async def find_user_by_email(email: str) -> User | None:
    return await User.get_or_none(email=email.strip().lower())


async def get_user(viewer: Viewer, user_id: UUID) -> User:
    user = await visible_users(viewer).get_or_none(id=user_id)
    if user is None:
        raise NotFound("No such user.", field="id")
    return user


async def users_by_id(viewer: Viewer, ids: Iterable[UUID]) -> dict[UUID, User]:
    """The visible users among `ids`, in one query."""
    return {
        user.id: user for user in await visible_users(viewer).filter(id__in=list(ids))
    }
