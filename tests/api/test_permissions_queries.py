"""Authorization of every Query root field, for every kind of caller."""

from typing import Any

import pytest

from domain.access import Scope
from tests.api.permission_cases import (
    DEFAULT_POOL,
    HIDDEN,
    NOT_ADMIN,
    NOT_RECRUITER,
    OWNER_KEY_NAME,
    SECRET_POOL,
    SHOWN,
    SIGN_IN,
    Caller,
    assert_refused,
    build_world,
    call,
    cases,
    gid,
    lacks,
)
from tests.graphql import gql

VIEWER_QUERY = "{ viewer { email name role } }"
API_KEYS_QUERY = "{ apiKeys { name } }"
NODE_QUERY = """
query($id: ID!) {
  node(id: $id) {
    id
    ... on Candidate { name email }
    ... on Pool { name owner { email } }
  }
}
"""
POOLS_QUERY = "{ pools { totalCount edges { node { name owner { name } } } } }"
CANDIDATES_QUERY = "{ candidates { totalCount edges { node { name email } } } }"
ALL_CANDIDATES_QUERY = "{ allCandidates { totalCount edges { node { name email } } } }"
CANDIDATE_QUERY = "query($id: ID!) { candidate(id: $id) { id name email } }"
PROFILE_QUERY = "query($id: ID!) { candidate(id: $id) { name pool { name } } }"

OWNER_POOLS = [(DEFAULT_POOL, "Olga Owner"), (SECRET_POOL, "Olga Owner")]
EVERY_POOL = [
    (DEFAULT_POOL, "Cara Candidate"),
    (DEFAULT_POOL, "Grace Granted"),
    (DEFAULT_POOL, "Nina New"),
    (DEFAULT_POOL, "Olga Owner"),
    (DEFAULT_POOL, "Oscar Other"),
    (SECRET_POOL, "Olga Owner"),
]
POOL_CANDIDATES = ["Cara Profile", "Zed Target"]
EVERY_CANDIDATE = ["Cara Profile", "Otto Own", "Zed Target"]

VIEWER = cases(  # the expected role; the user is the caller's own
    (Caller.ANONYMOUS, None),
    (Caller.CANDIDATE, "CANDIDATE"),
    (Caller.OTHER, "RECRUITER"),
    (Caller.OWNER, "RECRUITER"),
    (Caller.GRANTED, "RECRUITER"),
    (Caller.API_KEY, "RECRUITER"),
    (Caller.ADMIN, "ADMIN"),
)
API_KEYS = cases(  # key names, newest first; personal even to admins; hidden from keys
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NOT_RECRUITER),
    (Caller.OTHER, []),
    (Caller.OWNER, [OWNER_KEY_NAME]),
    (Caller.GRANTED, []),
    (Caller.API_KEY, []),
    (Caller.ADMIN, []),
)
NODE = cases(  # node(id:) of the target candidate; keys need candidates:read
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, HIDDEN),
    (Caller.OTHER, HIDDEN),
    (Caller.OWNER, SHOWN),
    (Caller.GRANTED, SHOWN),
    (Caller.KEY_WITHOUT_SCOPE, HIDDEN),
    (Caller.KEY_WITH_SCOPE, SHOWN),
    (Caller.ADMIN, SHOWN),
)
NODE_POOL = cases(  # node(id:) of the secret pool; keys need pools:read
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, HIDDEN),
    (Caller.OTHER, HIDDEN),
    (Caller.OWNER, SHOWN),
    (Caller.GRANTED, SHOWN),
    (Caller.KEY_WITHOUT_SCOPE, HIDDEN),
    (Caller.KEY_WITH_SCOPE, SHOWN),
    (Caller.ADMIN, SHOWN),
)
POOLS = cases(  # (pool, owner) pairs
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NOT_RECRUITER),
    (Caller.OTHER, [(DEFAULT_POOL, "Oscar Other")]),
    (Caller.OWNER, OWNER_POOLS),
    (Caller.GRANTED, [(DEFAULT_POOL, "Grace Granted"), (SECRET_POOL, "Olga Owner")]),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.POOLS_READ)),
    (Caller.KEY_WITH_SCOPE, OWNER_POOLS),
    (Caller.ADMIN, EVERY_POOL),
)
CANDIDATES = cases(
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NOT_RECRUITER),
    (Caller.OTHER, ["Otto Own"]),
    (Caller.OWNER, POOL_CANDIDATES),
    (Caller.GRANTED, POOL_CANDIDATES),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.CANDIDATES_READ)),
    (Caller.KEY_WITH_SCOPE, POOL_CANDIDATES),
    (Caller.ADMIN, EVERY_CANDIDATE),
)
ALL_CANDIDATES = cases(  # KEY_WITH_SCOPE is the owner's key with candidates:read
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NOT_ADMIN),
    (Caller.OTHER, NOT_ADMIN),
    (Caller.OWNER, NOT_ADMIN),
    (Caller.GRANTED, NOT_ADMIN),
    (Caller.KEY_WITH_SCOPE, NOT_ADMIN),
    (Caller.ADMIN_KEY_WITHOUT_SCOPE, lacks(Scope.CANDIDATES_READ)),
    (Caller.ADMIN_KEY_WITH_SCOPE, EVERY_CANDIDATE),
    (Caller.ADMIN, EVERY_CANDIDATE),
)
CANDIDATE = cases(
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, HIDDEN),
    (Caller.OTHER, HIDDEN),
    (Caller.OWNER, SHOWN),
    (Caller.GRANTED, SHOWN),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.CANDIDATES_READ)),
    (Caller.KEY_WITH_SCOPE, SHOWN),
    (Caller.ADMIN, SHOWN),
)

QUERY_MATRIX = {
    "viewer": VIEWER,
    "apiKeys": API_KEYS,
    "node": NODE + NODE_POOL,
    "pools": POOLS,
    "candidates": CANDIDATES,
    "allCandidates": ALL_CANDIDATES,
    "candidate": CANDIDATE,
}


@pytest.mark.parametrize(("caller", "role"), VIEWER)
async def test_viewer_is_the_caller_and_null_for_anonymous(client, caller, role):
    world = await build_world()
    body, _ = await call(client, world, caller, VIEWER_QUERY)
    user = world.user(caller)
    viewer = user and {"email": user.email, "name": user.name, "role": role}
    assert body == {"data": {"viewer": viewer}}


@pytest.mark.parametrize(("caller", "expected"), API_KEYS)
async def test_api_keys_lists_only_the_callers_own_keys(client, caller, expected):
    world = await build_world()
    body, before = await call(client, world, caller, API_KEYS_QUERY)
    if await assert_refused(body, "apiKeys", expected, world, before):
        return
    assert body == {"data": {"apiKeys": [{"name": name} for name in expected]}}


@pytest.mark.parametrize(("caller", "expected"), NODE)
async def test_node_shows_a_candidate_only_to_who_may_read_it(client, caller, expected):
    world = await build_world()
    target_id = gid("Candidate", world.target.id)
    body, before = await call(
        client,
        world,
        caller,
        NODE_QUERY,
        {"id": target_id},
        scope=Scope.CANDIDATES_READ,
    )
    if await assert_refused(body, "node", expected, world, before):
        return
    node = {"id": target_id, "name": "Zed Target", "email": "zed@example.com"}
    assert body == {"data": {"node": node}}


@pytest.mark.parametrize(("caller", "expected"), NODE_POOL)
async def test_node_shows_a_pool_only_to_who_may_read_it(client, caller, expected):
    world = await build_world()
    pool_id = gid("Pool", world.pool.id)
    body, before = await call(
        client, world, caller, NODE_QUERY, {"id": pool_id}, scope=Scope.POOLS_READ
    )
    if await assert_refused(body, "node", expected, world, before):
        return
    node = {"id": pool_id, "name": SECRET_POOL, "owner": {"email": "olga@example.com"}}
    assert body == {"data": {"node": node}}


@pytest.mark.parametrize(("caller", "expected"), POOLS)
async def test_pools_lists_own_and_granted_pools(client, caller, expected):
    world = await build_world()
    body, before = await call(
        client, world, caller, POOLS_QUERY, scope=Scope.POOLS_READ
    )
    if await assert_refused(body, "pools", expected, world, before):
        return
    page = body["data"]["pools"]
    pools = sorted(
        (e["node"]["name"], e["node"]["owner"]["name"]) for e in page["edges"]
    )
    assert (page["totalCount"], pools) == (len(expected), expected)


def _names(body: dict[str, Any], field: str) -> tuple[int, list[str]]:
    page = body["data"][field]
    return page["totalCount"], sorted(e["node"]["name"] for e in page["edges"])


@pytest.mark.parametrize(("caller", "expected"), CANDIDATES)
async def test_candidates_lists_the_candidates_of_visible_pools(
    client, caller, expected
):
    world = await build_world()
    body, before = await call(
        client, world, caller, CANDIDATES_QUERY, scope=Scope.CANDIDATES_READ
    )
    if await assert_refused(body, "candidates", expected, world, before):
        return
    assert _names(body, "candidates") == (len(expected), expected)


@pytest.mark.parametrize(("caller", "expected"), ALL_CANDIDATES)
async def test_all_candidates_is_for_admins_only(client, caller, expected):
    world = await build_world()
    body, before = await call(
        client, world, caller, ALL_CANDIDATES_QUERY, scope=Scope.CANDIDATES_READ
    )
    if await assert_refused(body, "allCandidates", expected, world, before):
        return
    assert _names(body, "allCandidates") == (len(expected), expected)


@pytest.mark.parametrize(("caller", "expected"), CANDIDATE)
async def test_candidate_is_null_unless_the_caller_may_read_it(
    client, caller, expected
):
    world = await build_world()
    target_id = gid("Candidate", world.target.id)
    body, before = await call(
        client,
        world,
        caller,
        CANDIDATE_QUERY,
        {"id": target_id},
        scope=Scope.CANDIDATES_READ,
    )
    if await assert_refused(body, "candidate", expected, world, before):
        return
    candidate = {
        "id": target_id,
        "name": "Zed Target",
        "email": "zed@example.com",
    }
    assert body == {"data": {"candidate": candidate}}


async def test_candidate_user_reads_own_profile_but_not_its_pool(client):
    world = await build_world()
    own_id = gid("Candidate", world.profile.id)

    body = await gql(
        client, PROFILE_QUERY, {"id": own_id}, as_user=world.candidate_user
    )
    node = await gql(client, NODE_QUERY, {"id": own_id}, as_user=world.candidate_user)

    assert body == {"data": {"candidate": {"name": "Cara Profile", "pool": None}}}
    profile = {"id": own_id, "name": "Cara Profile", "email": "cara@example.com"}
    assert node == {"data": {"node": profile}}
