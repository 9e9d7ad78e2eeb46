"""Authorization of every Mutation root field, for every kind of caller."""

import pytest

from domain.access import Scope
from domain.models import (
    ApiKey,
    Candidate,
    CandidateSource,
    Pool,
    PoolGrant,
    SourceKind,
)
from tests.api.permission_cases import (
    DONE,
    NOT_RECRUITER,
    OWNER_KEY_NAME,
    OWNER_PASSWORD,
    SECRET_POOL,
    SIGN_IN,
    Caller,
    Rejected,
    assert_refused,
    build_world,
    call,
    cases,
    gid,
    lacks,
    snapshot,
)
from tests.graphql import body_of, gql

ERRORS = "userErrors { field message code }"
LOGIN = f"""
mutation($input: LoginInput!) {{
  login(input: $input) {{ token user {{ email name role }} {ERRORS} }}
}}
"""
POOL_CREATE = f"""
mutation($input: PoolCreateInput!) {{
  poolCreate(input: $input) {{ pool {{ name owner {{ email }} }} {ERRORS} }}
}}
"""
POOL_GRANT = f"""
mutation($input: PoolGrantInput!) {{
  poolGrant(input: $input) {{ pool {{ name }} {ERRORS} }}
}}
"""
CANDIDATE_CREATE = f"""
mutation($input: CandidateCreateInput!) {{
  candidateCreate(input: $input) {{
    candidate {{ name email }}
    {ERRORS}
  }}
}}
"""
CANDIDATE_UPDATE = f"""
mutation($input: CandidateUpdateInput!) {{
  candidateUpdate(input: $input) {{ candidate {{ name headline }} {ERRORS} }}
}}
"""
CANDIDATE_DELETE = f"""
mutation($input: CandidateDeleteInput!) {{
  candidateDelete(input: $input) {{ deletedId {ERRORS} }}
}}
"""
API_KEY_CREATE = f"""
mutation($input: ApiKeyCreateInput!) {{
  apiKeyCreate(input: $input) {{ apiKey {{ name scopes }} secret {ERRORS} }}
}}
"""
API_KEY_REVOKE = f"""
mutation($input: ApiKeyRevokeInput!) {{
  apiKeyRevoke(input: $input) {{ apiKey {{ name revokedAt }} {ERRORS} }}
}}
"""

BAD_LOGIN = Rejected("INVALID_CREDENTIALS", "The e-mail or password is wrong.")
NO_SUCH_POOL = Rejected("NOT_FOUND", "No such pool.", ["input", "poolId"])
NO_SUCH_CANDIDATE = Rejected("NOT_FOUND", "No such candidate.", ["input", "id"])
NO_SUCH_KEY = Rejected("NOT_FOUND", "No such API key.", ["input", "id"])

LOGIN_CASES = cases(  # (attempt, e-mail, password, expected), sent anonymously
    ("right_password", "olga@example.com", OWNER_PASSWORD, DONE),
    ("email_in_other_case", " Olga@Example.COM ", OWNER_PASSWORD, DONE),
    ("wrong_password", "olga@example.com", "not the password", BAD_LOGIN),
    ("unknown_email", "nobody@example.com", OWNER_PASSWORD, BAD_LOGIN),
    ("user_without_password", "oscar@example.com", OWNER_PASSWORD, BAD_LOGIN),
)
POOL_CREATE_CASES = cases(
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NOT_RECRUITER),
    (Caller.OTHER, DONE),
    (Caller.OWNER, DONE),
    (Caller.GRANTED, DONE),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.POOLS_WRITE)),
    (Caller.KEY_WITH_SCOPE, DONE),
    (Caller.ADMIN, DONE),
)
POOL_GRANT_CASES = cases(  # share the secret pool with Nina
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NOT_RECRUITER),
    (Caller.OTHER, NO_SUCH_POOL),
    (Caller.OWNER, DONE),
    (
        Caller.GRANTED,
        Rejected(
            "FORBIDDEN", "Only the pool's owner can share it.", ["input", "poolId"]
        ),
    ),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.POOLS_WRITE)),
    (Caller.KEY_WITH_SCOPE, DONE),
    (Caller.ADMIN, DONE),
)
CANDIDATE_CREATE_CASES = cases(  # into the secret pool
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NOT_RECRUITER),
    (Caller.OTHER, NO_SUCH_POOL),
    (Caller.OWNER, DONE),
    (Caller.GRANTED, DONE),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.CANDIDATES_WRITE)),
    (Caller.KEY_WITH_SCOPE, DONE),
    (Caller.ADMIN, DONE),
)
CANDIDATE_WRITE_CASES = cases(  # update or delete the target candidate
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NOT_RECRUITER),
    (Caller.OTHER, NO_SUCH_CANDIDATE),
    (Caller.OWNER, DONE),
    (Caller.GRANTED, DONE),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.CANDIDATES_WRITE)),
    (Caller.KEY_WITH_SCOPE, DONE),
    (Caller.ADMIN, DONE),
)
API_KEY_CREATE_CASES = cases(
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NOT_RECRUITER),
    (Caller.OTHER, DONE),
    (Caller.OWNER, DONE),
    (Caller.GRANTED, DONE),
    (
        Caller.API_KEY,
        Rejected("FORBIDDEN", "Sign in with your password to create API keys."),
    ),
    (Caller.ADMIN, DONE),
)
API_KEY_REVOKE_CASES = cases(  # revoke the owner's key; keys are personal
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NOT_RECRUITER),
    (Caller.OTHER, NO_SUCH_KEY),
    (Caller.OWNER, DONE),
    (Caller.GRANTED, NO_SUCH_KEY),
    # A key (whatever its scopes) manages no keys, as with apiKeyCreate.
    (Caller.API_KEY, Rejected("FORBIDDEN")),
    (Caller.ADMIN, NO_SUCH_KEY),
)

MUTATION_MATRIX = {
    "login": LOGIN_CASES,
    "poolCreate": POOL_CREATE_CASES,
    "poolGrant": POOL_GRANT_CASES,
    "candidateCreate": CANDIDATE_CREATE_CASES,
    "candidateUpdate": CANDIDATE_WRITE_CASES,
    "candidateDelete": CANDIDATE_WRITE_CASES,
    "apiKeyCreate": API_KEY_CREATE_CASES,
    "apiKeyRevoke": API_KEY_REVOKE_CASES,
}


@pytest.mark.parametrize(("attempt", "email", "password", "expected"), LOGIN_CASES)
async def test_login_gives_a_token_only_for_the_right_password(
    client, attempt, email, password, expected
):
    world = await build_world()
    before = await snapshot()
    variables = {"input": {"email": email, "password": password}}
    body = await gql(client, LOGIN, variables)
    if await assert_refused(body, "login", expected, world, before):
        return
    payload = body["data"]["login"]
    token = payload.pop("token")
    user = {"email": "olga@example.com", "name": "Olga Owner", "role": "RECRUITER"}
    assert payload == {"user": user, "userErrors": []}
    response = await client.post(
        "/graphql",
        json={"query": "{ viewer { email } }"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert body_of(response) == {"data": {"viewer": {"email": "olga@example.com"}}}


@pytest.mark.parametrize(("caller", "expected"), POOL_CREATE_CASES)
async def test_pool_create_makes_a_pool_owned_by_the_caller(client, caller, expected):
    world = await build_world()
    variables = {"input": {"name": "Fresh Pool"}}
    body, before = await call(
        client, world, caller, POOL_CREATE, variables, scope=Scope.POOLS_WRITE
    )
    if await assert_refused(body, "poolCreate", expected, world, before):
        return
    actor = world.actor(caller)
    pool = {"name": "Fresh Pool", "owner": {"email": actor.email}}
    assert body == {"data": {"poolCreate": {"pool": pool, "userErrors": []}}}
    owners = await Pool.filter(name="Fresh Pool").values_list("owner_id", flat=True)
    assert owners == [actor.id]


@pytest.mark.parametrize(("caller", "expected"), POOL_GRANT_CASES)
async def test_pool_grant_is_for_the_pool_owner_and_admins(client, caller, expected):
    world = await build_world()
    pool_id = gid("Pool", world.pool.id)
    variables = {"input": {"poolId": pool_id, "email": world.newcomer.email}}
    body, before = await call(
        client, world, caller, POOL_GRANT, variables, scope=Scope.POOLS_WRITE
    )
    if await assert_refused(body, "poolGrant", expected, world, before):
        return
    pool = {"name": SECRET_POOL}
    assert body == {"data": {"poolGrant": {"pool": pool, "userErrors": []}}}
    grants = await PoolGrant.filter(user_id=world.newcomer.id).values_list(
        "pool_id", "granted_by_id"
    )
    assert grants == [(world.pool.id, world.actor(caller).id)]


@pytest.mark.parametrize(("caller", "expected"), CANDIDATE_CREATE_CASES)
async def test_candidate_create_needs_write_access_to_the_pool(
    client, caller, expected
):
    world = await build_world()
    pool_id = gid("Pool", world.pool.id)
    variables = {
        "input": {"poolId": pool_id, "name": "Nora New", "email": "nora@example.com"}
    }
    body, before = await call(
        client, world, caller, CANDIDATE_CREATE, variables, scope=Scope.CANDIDATES_WRITE
    )
    if await assert_refused(body, "candidateCreate", expected, world, before):
        return
    candidate = {"name": "Nora New", "email": "nora@example.com"}
    assert body == {
        "data": {"candidateCreate": {"candidate": candidate, "userErrors": []}}
    }
    saved = await Candidate.get(email="nora@example.com")
    sources = await CandidateSource.filter(candidate_id=saved.id)
    kind = SourceKind.API if "api_key" in caller else SourceKind.MANUAL
    assert (saved.pool_id, [s.kind for s in sources]) == (world.pool.id, [kind])


@pytest.mark.parametrize(("caller", "expected"), CANDIDATE_WRITE_CASES)
async def test_candidate_update_needs_write_access_to_the_candidate(
    client, caller, expected
):
    world = await build_world()
    target_id = gid("Candidate", world.target.id)
    variables = {"input": {"id": target_id, "headline": "Principal engineer"}}
    body, before = await call(
        client, world, caller, CANDIDATE_UPDATE, variables, scope=Scope.CANDIDATES_WRITE
    )
    if await assert_refused(body, "candidateUpdate", expected, world, before):
        return
    candidate = {"name": "Zed Target", "headline": "Principal engineer"}
    assert body == {
        "data": {"candidateUpdate": {"candidate": candidate, "userErrors": []}}
    }
    saved = await Candidate.get(id=world.target.id)
    assert (saved.name, saved.headline) == ("Zed Target", "Principal engineer")


@pytest.mark.parametrize(("caller", "expected"), CANDIDATE_WRITE_CASES)
async def test_candidate_delete_needs_write_access_to_the_candidate(
    client, caller, expected
):
    world = await build_world()
    target_id = gid("Candidate", world.target.id)
    body, before = await call(
        client,
        world,
        caller,
        CANDIDATE_DELETE,
        {"input": {"id": target_id}},
        scope=Scope.CANDIDATES_WRITE,
    )
    if await assert_refused(body, "candidateDelete", expected, world, before):
        return
    payload = {"deletedId": target_id, "userErrors": []}
    assert body == {"data": {"candidateDelete": payload}}
    assert await Candidate.filter(id=world.target.id).exists() is False
    assert await Candidate.all().count() == 2


@pytest.mark.parametrize(
    ("field", "query"),
    cases(("candidateUpdate", CANDIDATE_UPDATE), ("candidateDelete", CANDIDATE_DELETE)),
)
async def test_candidate_user_cannot_change_even_own_profile(client, field, query):
    world = await build_world()
    before = await snapshot()
    own_id = gid("Candidate", world.profile.id)
    body = await gql(
        client, query, {"input": {"id": own_id}}, as_user=world.candidate_user
    )
    assert await assert_refused(body, field, NOT_RECRUITER, world, before)


@pytest.mark.parametrize(("caller", "expected"), API_KEY_CREATE_CASES)
async def test_api_key_create_is_for_signed_in_recruiters_not_keys(
    client, caller, expected
):
    world = await build_world()
    variables = {"input": {"name": "New key", "scopes": ["CANDIDATES_READ"]}}
    body, before = await call(client, world, caller, API_KEY_CREATE, variables)
    if await assert_refused(body, "apiKeyCreate", expected, world, before):
        return
    actor = world.actor(caller)
    payload = body["data"]["apiKeyCreate"]
    secret = payload.pop("secret")
    api_key = {"name": "New key", "scopes": ["CANDIDATES_READ"]}
    assert payload == {"apiKey": api_key, "userErrors": []}
    owners = await ApiKey.filter(name="New key").values_list("user_id", flat=True)
    assert owners == [actor.id]
    as_key = await gql(client, "{ viewer { email } }", api_key=secret)
    assert as_key == {"data": {"viewer": {"email": actor.email}}}


@pytest.mark.parametrize(("caller", "expected"), API_KEY_REVOKE_CASES)
async def test_api_key_revoke_is_for_the_keys_owner_only(client, caller, expected):
    world = await build_world()
    key_id = gid("ApiKey", world.owner_key.id)
    body, before = await call(
        client, world, caller, API_KEY_REVOKE, {"input": {"id": key_id}}
    )
    if await assert_refused(body, "apiKeyRevoke", expected, world, before):
        return
    payload = body["data"]["apiKeyRevoke"]
    assert payload["apiKey"]["name"] == OWNER_KEY_NAME
    assert payload["userErrors"] == []
    revoked = await ApiKey.get(id=world.owner_key.id)
    assert revoked.revoked_at is not None
    assert payload["apiKey"]["revokedAt"] == revoked.revoked_at.isoformat()
