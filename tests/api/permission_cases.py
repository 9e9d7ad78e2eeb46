"""The callers, the world they act in and the checks shared by the permission tests.

Every test builds the same small world: an owner recruiter with a "Secret Pool"
holding the target candidate, shared with a granted recruiter; another recruiter
who owns nothing of it; a candidate user whose own profile sits in that pool; an
admin; and a recruiter with no access at all who can be granted the pool.
"""

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import httpx
import pytest
from strawberry import relay

from api.permissions import SIGN_IN_MESSAGE
from domain.access import Scope
from domain.api_keys import create_api_key
from domain.models import (
    ApiKey,
    Candidate,
    Pool,
    Role,
    User,
)
from domain.pools import default_pool, grant_pool
from domain.users import DEFAULT_POOL_NAME
from tests.api.snapshots import snapshot
from tests.factories import (
    TEST_PASSWORD,
    make_candidate,
    make_pool,
    make_user,
    viewer_of,
)
from tests.graphql import gql


class Caller(StrEnum):
    ANONYMOUS = "anonymous"
    CANDIDATE = "candidate_user"
    OTHER = "other_recruiter"
    OWNER = "owner_recruiter"
    GRANTED = "granted_recruiter"
    KEY_WITHOUT_SCOPE = "api_key_without_scope"
    KEY_WITH_SCOPE = "api_key_with_scope"
    API_KEY = "api_key_all_scopes"
    ADMIN_KEY_WITHOUT_SCOPE = "admin_api_key_without_scope"
    ADMIN_KEY_WITH_SCOPE = "admin_api_key_with_scope"
    ADMIN = "admin"


OWNER_KEY_NAME = "Olga's CRM"
INTEGRATION_KEY_NAME = "Integration key"
SECRET_POOL = "Secret Pool"
DEFAULT_POOL = DEFAULT_POOL_NAME
OWNER_PASSWORD = TEST_PASSWORD  # only the owner has a password (hashing is slow)


@dataclass(frozen=True)
class Denied:
    """A top-level error; the field (or all of `data`) is null."""

    code: str
    message: str


@dataclass(frozen=True)
class Rejected:
    """A payload with one userError; `message=None` checks the code only."""

    code: str
    message: str | None = None
    field: list[str] | None = None


@dataclass(frozen=True)
class Hidden:
    """Null without an error: the caller may not see that id."""


HIDDEN = Hidden()
SHOWN = "shown"  # an allowed read: the test checks the exact data
DONE = "done"  # an allowed mutation: the test checks its effect
SIGN_IN = Denied("UNAUTHENTICATED", SIGN_IN_MESSAGE)
NOT_RECRUITER = Denied("FORBIDDEN", "Only recruiters and admins can do this.")
NOT_ADMIN = Denied("FORBIDDEN", "Only admins can do this.")
NOT_CANDIDATE = Denied("FORBIDDEN", "Only candidate accounts can do this.")


def lacks(scope: Scope) -> Denied:
    return Denied("FORBIDDEN", f"This API key lacks the `{scope.value}` scope.")


def cases(*rows: tuple[Any, ...]) -> list[Any]:
    """Parameters whose test ids are the caller's (first value's) name."""
    return [pytest.param(*row, id=str(row[0])) for row in rows]


def gid(type_name: str, row_id: Any) -> str:
    return relay.to_base64(type_name, str(row_id))


@dataclass(frozen=True)
class World:
    admin: User
    owner: User
    other: User
    granted: User
    candidate_user: User
    newcomer: User
    pool: Pool
    target: Candidate
    profile: Candidate
    owner_key: ApiKey

    def user(self, caller: Caller) -> User | None:
        """The user a caller acts as (an API key acts as its owner)."""
        return {
            Caller.ANONYMOUS: None,
            Caller.CANDIDATE: self.candidate_user,
            Caller.OTHER: self.other,
            Caller.OWNER: self.owner,
            Caller.GRANTED: self.granted,
            Caller.KEY_WITHOUT_SCOPE: self.owner,
            Caller.KEY_WITH_SCOPE: self.owner,
            Caller.API_KEY: self.owner,
            Caller.ADMIN_KEY_WITHOUT_SCOPE: self.admin,
            Caller.ADMIN_KEY_WITH_SCOPE: self.admin,
            Caller.ADMIN: self.admin,
        }[caller]

    def actor(self, caller: Caller) -> User:
        """The user an allowed caller acted as."""
        user = self.user(caller)
        assert user is not None, caller
        return user

    def secrets(self) -> list[str]:
        """Strings that only the owner's side may see."""
        return [
            self.target.name,
            str(self.target.email),
            str(self.target.id),
            gid("Candidate", self.target.id),
            self.pool.name,
            str(self.pool.id),
            gid("Pool", self.pool.id),
            self.owner.name,
            self.owner.email,
            self.owner_key.name,
            self.owner_key.prefix,
        ]


async def build_world() -> World:
    admin = await make_user(
        Role.ADMIN, name="Ada Admin", email="ada@example.com", password=None
    )
    owner = await make_user(name="Olga Owner", email="olga@example.com")
    other = await make_user(
        name="Oscar Other", email="oscar@example.com", password=None
    )
    granted = await make_user(
        name="Grace Granted", email="grace@example.com", password=None
    )
    newcomer = await make_user(name="Nina New", email="nina@example.com", password=None)
    candidate_user = await make_user(
        Role.CANDIDATE, name="Cara Candidate", email="cara@example.com", password=None
    )
    pool = await make_pool(owner, name=SECRET_POOL)
    target = await make_candidate(
        pool, name="Zed Target", email="zed@example.com", headline="Staff engineer"
    )
    profile = await make_candidate(pool, name="Cara Profile", email="cara@example.com")
    # A candidate who signed up is linked to the profile a recruiter holds.
    await Candidate.filter(id=profile.id).update(user_id=candidate_user.id)
    await make_candidate(
        await default_pool(viewer_of(other)), name="Otto Own", email="otto@example.com"
    )
    await grant_pool(viewer_of(owner), pool_id=pool.id, email=granted.email)
    owner_key, _ = await create_api_key(
        viewer_of(owner), name=OWNER_KEY_NAME, scopes=frozenset({Scope.POOLS_READ})
    )
    return World(
        admin=admin,
        owner=owner,
        other=other,
        granted=granted,
        candidate_user=candidate_user,
        newcomer=newcomer,
        pool=pool,
        target=target,
        profile=profile,
        owner_key=owner_key,
    )


READ_SCOPES = frozenset(scope for scope in Scope if scope.value.endswith(":read"))
WRITE_SCOPES = frozenset(Scope) - READ_SCOPES


def _key_scopes(caller: Caller, scope: Scope | None) -> frozenset[Scope]:
    """A key "with" the scope holds only it; one "without" it holds every scope
    of the other kind: a write-only key trying to read, a read-only one to write."""
    if caller is Caller.API_KEY:
        return frozenset(Scope)
    assert scope is not None, f"{caller} needs the field's scope"
    if caller in (Caller.KEY_WITH_SCOPE, Caller.ADMIN_KEY_WITH_SCOPE):
        return frozenset({scope})
    return WRITE_SCOPES if scope in READ_SCOPES else READ_SCOPES


async def credentials(
    world: World, caller: Caller, scope: Scope | None = None
) -> dict[str, Any]:
    """`gql` keyword arguments that send the caller's credentials; a key
    caller gets a fresh key of its user holding (or lacking) `scope`."""
    user = world.user(caller)
    if user is None:
        return {}
    if "api_key" not in caller.value:
        return {"as_user": user}
    _, secret = await create_api_key(
        viewer_of(user),
        name=INTEGRATION_KEY_NAME,
        scopes=_key_scopes(caller, scope),
    )
    return {"api_key": secret}


async def call(
    client: httpx.AsyncClient,
    world: World,
    caller: Caller,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    scope: Scope | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The response to `query` sent as `caller`, and the rows from before it."""
    auth = await credentials(world, caller, scope)
    before = await snapshot()
    return await gql(client, query, variables, **auth), before


def assert_no_leak(body: dict[str, Any], world: World) -> None:
    text = json.dumps(body)
    leaked = [secret for secret in world.secrets() if secret in text]
    assert leaked == [], text


async def assert_refused(
    body: dict[str, Any],
    field: str,
    expected: Any,
    world: World,
    before: dict[str, Any],
) -> bool:
    """Check a denied, hidden or rejected outcome; False when `expected` is
    an allowed one, left to the test. (Not a test module: asserts say why.)"""
    if isinstance(expected, Denied):
        errors = [
            (e["extensions"]["code"], e["message"], e["path"])
            for e in body.get("errors", [])
        ]
        assert errors == [(expected.code, expected.message, [field])], body
        assert body["data"] in (None, {field: None}), body
    elif isinstance(expected, Hidden):
        assert body == {"data": {field: None}}, body
    elif isinstance(expected, Rejected):
        _assert_rejected(body, field, expected)
    else:
        return False
    assert_no_leak(body, world)
    after = await snapshot()
    changed = [table for table in before if before[table] != after[table]]
    assert changed == [], f"{changed} changed: {body}"
    return True


def _assert_rejected(body: dict[str, Any], field: str, expected: Rejected) -> None:
    assert "errors" not in body, body
    payload = dict(body["data"][field])
    errors = payload.pop("userErrors")
    assert [e["code"] for e in errors] == [expected.code], body
    if expected.message is not None:
        want = {"code": expected.code, "message": expected.message}
        assert errors == [{**want, "field": expected.field}], body
    assert all(value is None for value in payload.values()), body
