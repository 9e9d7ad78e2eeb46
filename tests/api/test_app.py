"""The HTTP surface: health, sign-in, API keys, limits and error presentation."""

import jwt

from api.schema import build_schema
from domain.access import Scope
from domain.api_keys import create_api_key
from domain.config import Settings
from domain.models import ApiKey, Role
from tests.conftest import TEST_JWT_SECRET
from tests.factories import TEST_PASSWORD, make_candidate, make_user, viewer_of
from tests.graphql import body_of, error_codes, gql

LOGIN = """
mutation($email: String!, $password: String!) {
  login(input: {email: $email, password: $password}) {
    token user { email role } userErrors { field message code }
  }
}
"""


async def test_liveness_and_readiness_report_ok(client):
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "database": "ok", "redis": "ok"}


async def test_login_returns_a_token_that_signs_in(client):
    user = await make_user(email="ada@example.com")
    body = await gql(
        client, LOGIN, {"email": "ADA@example.com", "password": TEST_PASSWORD}
    )
    payload = body["data"]["login"]
    assert payload["user"] == {"email": "ada@example.com", "role": "RECRUITER"}
    assert payload["userErrors"] == []
    claims = jwt.decode(payload["token"], TEST_JWT_SECRET, algorithms=["HS256"])
    assert claims["sub"] == str(user.id)

    viewer = await client.post(
        "/graphql",
        json={"query": "{ viewer { email } }"},
        headers={"Authorization": f"Bearer {payload['token']}"},
    )
    assert body_of(viewer) == {"data": {"viewer": {"email": "ada@example.com"}}}


async def test_login_with_a_wrong_password_gives_no_token(client):
    await make_user(email="ada@example.com")
    body = await gql(client, LOGIN, {"email": "ada@example.com", "password": "wrong"})
    assert body["data"]["login"] == {
        "token": None,
        "user": None,
        "userErrors": [
            {
                "field": None,
                "message": "The e-mail or password is wrong.",
                "code": "INVALID_CREDENTIALS",
            }
        ],
    }


async def test_expired_token_says_so(client):
    user = await make_user()
    token = jwt.encode(
        {"sub": str(user.id), "role": "recruiter", "exp": 1}, TEST_JWT_SECRET, "HS256"
    )
    response = await client.post(
        "/graphql",
        json={"query": "{ candidates(first: 1) { totalCount } }"},
        headers={"Authorization": f"Bearer {token}"},
    )
    body = response.json()
    assert body["data"] is None
    assert body["errors"][0]["message"] == "The token has expired: sign in again."
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert len(body["errors"][0]["extensions"]["requestId"]) == 32


async def test_api_key_acts_as_its_owner_until_revoked(client):
    owner = await make_user()
    await make_candidate(await _default_pool(owner), name="Ada")
    key, secret = await create_api_key(
        viewer_of(owner), name="ATS sync", scopes=frozenset({Scope.CANDIDATES_READ})
    )
    query = "{ candidates(first: 5) { edges { node { name } } } }"
    listed = await gql(client, query, api_key=secret)
    assert listed["data"]["candidates"]["edges"] == [{"node": {"name": "Ada"}}]
    assert (await ApiKey.get(id=key.id)).last_used_at is not None

    revoke = """mutation($id: ID!) { apiKeyRevoke(input: {id: $id}) {
        apiKey { revokedAt } userErrors { code } } }"""
    key_id = (await gql(client, "{ apiKeys { id } }", as_user=owner))["data"][
        "apiKeys"
    ][0]["id"]
    revoked = await gql(client, revoke, {"id": key_id}, as_user=owner)
    assert revoked["data"]["apiKeyRevoke"]["userErrors"] == []
    denied = await gql(client, query, api_key=secret)
    assert error_codes(denied) == ["UNAUTHENTICATED"]
    assert (
        denied["errors"][0]["message"]
        == "The API key is not valid or has been revoked."
    )


async def test_first_above_one_hundred_is_rejected_with_a_clear_error(client):
    admin = await make_user(Role.ADMIN)
    body = await gql(
        client, "{ allCandidates(first: 101) { totalCount } }", as_user=admin
    )
    assert error_codes(body) == ["INVALID_INPUT"]
    assert body["errors"][0]["message"] == "`first` must be between 0 and 100."


async def test_a_bad_cursor_is_rejected_with_a_clear_error(client):
    admin = await make_user(Role.ADMIN)
    body = await gql(
        client,
        '{ allCandidates(first: 5, after: "bm9wZQ==") { totalCount } }',
        as_user=admin,
    )
    assert error_codes(body) == ["INVALID_INPUT"]
    assert body["errors"][0]["message"] == (
        "The cursor is not valid: start again without `after`."
    )


async def test_deep_queries_are_refused():
    schema = build_schema(Settings(_env_file=None, graphql_max_depth=3))
    deep = "{ allCandidates { edges { node { pool { name } } } } }"
    result = await schema.execute(deep)
    assert result.data is None
    assert [e.message for e in result.errors] == [
        "'anonymous' exceeds maximum operation depth of 3"
    ]


async def test_too_many_aliases_are_refused(client):
    admin = await make_user(Role.ADMIN)
    aliases = " ".join(f"a{i}: viewer {{ id }}" for i in range(31))
    body = await gql(client, "{ " + aliases + " }", as_user=admin)
    assert body["data"] is None
    assert body["errors"][0]["message"] == "31 aliases found. Allowed: 30"


async def test_graphiql_page_uses_only_local_assets(client):
    page = await client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "https://" not in page.text.split("<body", 1)[0].replace(
        "https://github", ""
    )
    asset = await client.get("/static/graphiql/graphiql.min.js")
    assert asset.status_code == 200


async def _default_pool(owner):
    from domain.pools import default_pool

    return await default_pool(viewer_of(owner))
