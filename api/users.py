"""Users in the API: the viewer, sign-in and the caller's API keys."""

from datetime import datetime
from functools import partial
from typing import Self
from uuid import UUID

import strawberry
from strawberry import relay

from api.context import Info
from api.errors import UserError, user_errors
from api.llm import LlmUsage
from api.pagination import decode_id, load_nodes
from api.permissions import IsAuthenticated, IsRecruiter, allow
from domain import api_keys, auth, users
from domain.access import Scope as DomainScope
from domain.errors import DomainError
from domain.llm.usage import usage_of
from domain.models import ApiKey as ApiKeyModel
from domain.models import Role as DomainRole
from domain.models import User as UserModel

Role = strawberry.enum(DomainRole, name="Role")
Scope = strawberry.enum(DomainScope, name="Scope")


@strawberry.type
class User(relay.Node):
    id: relay.NodeID[str]
    email: str
    name: str
    role: Role  # type: ignore[valid-type]  # strawberry.enum returns the enum

    @strawberry.field(
        description="LLM use this month: yours, or anyone's for an admin; null"
        " otherwise or without a model configured."
    )
    async def llm_usage(self, info: Info) -> LlmUsage | None:
        settings = info.context.settings
        if not settings.llm_enabled:
            return None
        usage = await usage_of(
            info.context.viewer,
            UUID(self.id),
            budget_usd=settings.llm_monthly_budget_usd,
        )
        return LlmUsage.of(usage) if usage else None

    @classmethod
    def from_model(cls, row: UserModel) -> Self:
        return cls(id=str(row.id), email=row.email, name=row.name, role=row.role)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]  # async variant of relay's API
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[Self | None]:
        fetch = partial(users.users_by_id, info.context.viewer)
        return await load_nodes(node_ids, fetch, cls.from_model)


@strawberry.type
class ApiKey:
    id: strawberry.ID
    name: str
    prefix: str
    scopes: list[Scope]  # type: ignore[valid-type]  # strawberry.enum returns the enum
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None

    @classmethod
    def from_model(cls, row: ApiKeyModel) -> Self:
        return cls(
            id=strawberry.ID(relay.to_base64("ApiKey", row.id)),
            name=row.name,
            prefix=row.prefix,
            scopes=[DomainScope(s) for s in row.scopes],
            created_at=row.created_at,
            expires_at=row.expires_at,
            last_used_at=row.last_used_at,
            revoked_at=row.revoked_at,
        )


@strawberry.input
class LoginInput:
    email: str
    password: str


@strawberry.type
class LoginPayload:
    token: str | None = None
    user: User | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class ApiKeyCreateInput:
    name: str
    scopes: list[Scope]  # type: ignore[valid-type]  # strawberry.enum returns the enum


@strawberry.type
class ApiKeyCreatePayload:
    api_key: ApiKey | None = None
    secret: str | None = strawberry.field(
        default=None, description="The key itself; shown this once and never again."
    )
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class ApiKeyRevokeInput:
    id: strawberry.ID


@strawberry.type
class ApiKeyRevokePayload:
    api_key: ApiKey | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class UserQuery:
    @strawberry.field(description="The signed-in user, or null for anonymous callers.")
    async def viewer(self, info: Info) -> User | None:
        viewer = info.context.viewer
        if viewer.user_id is None:
            return None
        return User.from_model(await users.get_user(viewer, viewer.user_id))

    @strawberry.field(extensions=allow(IsRecruiter()))
    async def api_keys(self, info: Info) -> list[ApiKey]:
        rows = await api_keys.list_api_keys(info.context.viewer)
        return [ApiKey.from_model(row) for row in rows]


@strawberry.type
class UserMutation:
    @strawberry.mutation(description="Exchange e-mail and password for a bearer token.")
    async def login(self, info: Info, input: LoginInput) -> LoginPayload:
        try:
            user = await users.authenticate(email=input.email, password=input.password)
        except DomainError as exc:
            return LoginPayload(user_errors=user_errors(exc))
        token = auth.issue_token(user, info.context.tokens)
        return LoginPayload(token=token, user=User.from_model(user))

    @strawberry.mutation(extensions=allow(IsAuthenticated(), IsRecruiter()))
    async def api_key_create(
        self, info: Info, input: ApiKeyCreateInput
    ) -> ApiKeyCreatePayload:
        try:
            key, secret = await api_keys.create_api_key(
                info.context.viewer, name=input.name, scopes=frozenset(input.scopes)
            )
        except DomainError as exc:
            return ApiKeyCreatePayload(user_errors=user_errors(exc))
        return ApiKeyCreatePayload(api_key=ApiKey.from_model(key), secret=secret)

    @strawberry.mutation(extensions=allow(IsAuthenticated(), IsRecruiter()))
    async def api_key_revoke(
        self, info: Info, input: ApiKeyRevokeInput
    ) -> ApiKeyRevokePayload:
        try:
            key = await api_keys.revoke_api_key(
                info.context.viewer, key_id=decode_id(input.id, "ApiKey")
            )
        except DomainError as exc:
            return ApiKeyRevokePayload(user_errors=user_errors(exc))
        return ApiKeyRevokePayload(api_key=ApiKey.from_model(key))
