"""Pools: creating them, sharing them, and finding the ones a viewer may use."""

from collections.abc import Iterable
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.access import Viewer, candidate_pools, owned_pools, visible_pools
from domain.audit import record_audit
from domain.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound
from domain.models import Pool, PoolGrant, PoolKind, Role, User
from domain.users import normalize_email


def list_pools(viewer: Viewer) -> QuerySet[Pool]:
    return visible_pools(viewer)


async def get_pool(viewer: Viewer, pool_id: UUID) -> Pool:
    pool = await visible_pools(viewer).get_or_none(id=pool_id)
    if pool is None:
        raise NotFound("No such pool.", field="poolId")
    return pool


async def pools_by_id(viewer: Viewer, ids: Iterable[UUID]) -> dict[UUID, Pool]:
    """The visible pools among `ids`, in one query."""
    return {
        pool.id: pool for pool in await visible_pools(viewer).filter(id__in=list(ids))
    }


async def default_pool(viewer: Viewer) -> Pool:
    pool = (
        await candidate_pools(viewer)
        .filter(owner_id=viewer.user_id, is_default=True)
        .first()
    )
    if pool is None:
        raise NotFound("You have no default pool: pass `poolId`.", field="poolId")
    return pool


async def pool_for_new_candidates(viewer: Viewer, pool_id: UUID | None) -> Pool:
    """The pool a new candidate goes to: `pool_id`, or the viewer's default pool."""
    if pool_id is None:
        return await default_pool(viewer)
    pool = await candidate_pools(viewer).get_or_none(id=pool_id)
    if pool is None:
        raise NotFound("No such pool.", field="poolId")
    return pool


def _check_name(name: str) -> str:
    value = name.strip()
    if not 1 <= len(value) <= 200:
        raise InvalidInput(
            [DomainError("Give the pool a name of 1 to 200 characters.", field="name")]
        )
    return value


async def create_pool(viewer: Viewer, *, name: str) -> Pool:
    """A new recruiter pool owned by the viewer."""
    if not viewer.is_recruiter or viewer.user_id is None:
        raise Forbidden("Only recruiters and admins create pools.")
    value = _check_name(name)
    try:
        async with in_transaction():
            pool = await Pool.create(
                name=value, owner_id=viewer.user_id, kind=PoolKind.RECRUITER
            )
            await record_audit(
                viewer, "pool.create", entity_type="pool", entity_id=pool.id
            )
    except IntegrityError as exc:
        raise Conflict(
            f"You already have a pool named {value!r}.", field="name"
        ) from exc
    return pool


async def grant_pool(viewer: Viewer, *, pool_id: UUID, email: str) -> Pool:
    """Share a pool the viewer owns with a recruiter (granting twice is a no-op);
    returns the pool."""
    pool = await owned_pools(viewer).get_or_none(id=pool_id)
    if pool is None:
        if await visible_pools(viewer).filter(id=pool_id).exists():
            raise Forbidden("Only the pool's owner can share it.", field="poolId")
        raise NotFound("No such pool.", field="poolId")
    address = normalize_email(email)
    grantee = await User.get_or_none(email=address, is_active=True)
    if grantee is None or grantee.role is not Role.RECRUITER:
        raise NotFound(f"No recruiter is registered as {address}.", field="email")
    if grantee.id == pool.owner_id:
        raise DomainError("The owner already has access to this pool.", field="email")
    async with in_transaction():
        _, created = await PoolGrant.get_or_create(
            pool=pool, user=grantee, defaults={"granted_by_id": viewer.user_id}
        )
        if created:
            await record_audit(
                viewer,
                "pool.grant",
                entity_type="pool",
                entity_id=pool.id,
                details={"user_id": str(grantee.id)},
            )
    return pool
