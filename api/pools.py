"""Pools in the API: list, create and share."""

from datetime import datetime
from functools import partial
from typing import Self
from uuid import UUID

import strawberry
from strawberry import relay

from api.context import Info
from api.errors import UserError, user_errors
from api.pagination import Connection, decode_id, load_nodes
from api.permissions import HasScope, IsRecruiter, allow
from api.users import User
from domain import pools
from domain.access import Scope
from domain.errors import DomainError
from domain.models import Pool as PoolModel
from domain.models import PoolKind as DomainPoolKind
from domain.pagination import DEFAULT_PAGE_SIZE, Ordering, SortKind, paginate

PoolKind = strawberry.enum(DomainPoolKind, name="PoolKind")
POOL_ORDER = Ordering("created_at", False, SortKind.TIME)


@strawberry.type
class Pool(relay.Node):
    id: relay.NodeID[str]
    name: str
    kind: PoolKind  # type: ignore[valid-type]  # strawberry.enum returns the enum
    is_default: bool
    created_at: datetime
    owner_id: strawberry.Private[UUID]

    @strawberry.field(description="The owner, when the viewer may see them.")
    async def owner(self, info: Info) -> User | None:
        row = await info.context.loaders.user.load(self.owner_id)
        return User.from_model(row) if row else None

    @classmethod
    def from_model(cls, row: PoolModel) -> Self:
        return cls(
            id=str(row.id),
            name=row.name,
            kind=row.kind,
            is_default=row.is_default,
            created_at=row.created_at,
            owner_id=row.owner_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]  # async variant of relay's API
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[Self | None]:
        fetch = partial(pools.pools_by_id, info.context.viewer)
        return await load_nodes(node_ids, fetch, cls.from_model)


@strawberry.input
class PoolCreateInput:
    name: str


@strawberry.type
class PoolCreatePayload:
    pool: Pool | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class PoolGrantInput:
    pool_id: relay.GlobalID
    email: str = strawberry.field(description="The recruiter to share the pool with.")


@strawberry.type
class PoolGrantPayload:
    pool: Pool | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class PoolQuery:
    @strawberry.field(extensions=allow(IsRecruiter(), HasScope(Scope.POOLS_READ)))
    async def pools(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[Pool]:
        query = pools.list_pools(info.context.viewer)
        page = await paginate(query, first=first, after=after, ordering=POOL_ORDER)
        return Connection.from_page(page, Pool.from_model)


@strawberry.type
class PoolMutation:
    @strawberry.mutation(extensions=allow(IsRecruiter(), HasScope(Scope.POOLS_WRITE)))
    async def pool_create(
        self, info: Info, input: PoolCreateInput
    ) -> PoolCreatePayload:
        try:
            pool = await pools.create_pool(info.context.viewer, name=input.name)
        except DomainError as exc:
            return PoolCreatePayload(user_errors=user_errors(exc))
        return PoolCreatePayload(pool=Pool.from_model(pool))

    @strawberry.mutation(extensions=allow(IsRecruiter(), HasScope(Scope.POOLS_WRITE)))
    async def pool_grant(self, info: Info, input: PoolGrantInput) -> PoolGrantPayload:
        viewer = info.context.viewer
        try:
            pool_id = decode_id(input.pool_id, "Pool", field="poolId")
            pool = await pools.grant_pool(viewer, pool_id=pool_id, email=input.email)
        except DomainError as exc:
            return PoolGrantPayload(user_errors=user_errors(exc))
        return PoolGrantPayload(pool=Pool.from_model(pool))
