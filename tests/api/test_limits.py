"""Attacks on the API's limits: deep, aliased, long and costly queries, and callers
who send more requests than their budget; each is refused before anything runs."""

import httpx
import pytest
from graphql import parse

from api.app import create_app
from api.cost import operation_cost
from api.schema import build_schema
from domain.access import Scope
from domain.api_keys import create_api_key
from domain.config import Settings
from domain.models import Pool, Role
from tests.conftest import TEST_JWT_SECRET
from tests.factories import make_user, token_for, viewer_of

PAGE = "{ allCandidates(first: 50) { edges { node { name } } } }"
# 1 + 50 * (edges 1 + node 1 + name 1) = 151
PAGE_COST = 151
NESTED = """
query($n: Int! = 100) {
  allCandidates(first: $n) {
    edges { node { matches(first: 100) { edges { node { score } } } } }
  }
}
"""


def _cost(query: str, variables: dict | None = None) -> int:
    schema = build_schema(Settings(_env_file=None))
    return operation_cost(
        schema._schema,
        parse(query),
        variables=variables,
        operation_name=None,
        page_max=100,
    )


def test_cost_multiplies_what_a_page_holds_by_its_size():
    assert _cost(PAGE) == PAGE_COST
    # Defaults count too: `first` is 20 when left out.
    assert _cost("{ allCandidates { totalCount } }") == 1 + 20 * 1
    # 1 + 100 * (1 + 1 + (1 + 100 * (1 + 1 + 1))) = 30_301
    assert _cost(NESTED) == 30_301
    assert _cost(NESTED, {"n": 2}) == 1 + 2 * (1 + 1 + (1 + 100 * 3))


def test_cost_follows_fragments_and_ignores_typename():
    query = """
    { ...F  __typename }
    fragment F on Query { allCandidates(first: 3) { edges { ...N } } }
    fragment N on CandidateEdge { node { name __typename } }
    """
    assert _cost(query) == 1 + 3 * (1 + 1 + 1)


def _post(client, query, *, user=None, api_key=None, variables=None):
    headers = {}
    if user is not None:
        headers["Authorization"] = f"Bearer {token_for(user, TEST_JWT_SECRET)}"
    if api_key is not None:
        headers["X-Api-Key"] = api_key
    return client.post(
        "/graphql",
        json={"query": query, "variables": variables or {}},
        headers=headers,
    )


async def test_the_cost_is_reported_in_extensions(client):
    admin = await make_user(Role.ADMIN)
    response = await _post(client, PAGE, user=admin)
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"allCandidates": {"edges": []}}
    assert body["extensions"]["cost"] == {"requested": PAGE_COST, "maximum": 25_000}
    assert body["extensions"]["rateLimit"] == {"remaining": 1199}


async def test_a_query_over_the_cost_limit_is_refused_before_it_runs(
    client, count_queries
):
    admin = await make_user(Role.ADMIN)
    count_queries.statements.clear()
    response = await _post(client, NESTED, user=admin)
    body = response.json()
    assert body["data"] is None
    [error] = body["errors"]
    assert error["message"] == (
        "This query would cost 30301, more than the 25000 allowed: ask for "
        "smaller pages (`first`) or fewer nested lists."
    )
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert (error["extensions"]["cost"], error["extensions"]["maxCost"]) == (
        30_301,
        25_000,
    )
    assert body["extensions"]["cost"] == {"requested": 30_301, "maximum": 25_000}
    # Authentication reads the user; nothing else reached the database.
    assert len(count_queries.statements) == 1, count_queries.statements


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "{ " + " ".join(f"a{i}: viewer {{ id }}" for i in range(31)) + " }",
            "31 aliases found. Allowed: 30",
        ),
        (
            "{ viewer { " + "id " * 4000 + "} }",
            "Syntax Error: Document contains more than 4000 tokens. Parsing aborted.",
        ),
        (
            "{ allCandidates(first: 1) { edges { node { matches(first: 1) { edges "
            "{ node { job { matches(first: 1) { edges { node { candidate { pool "
            "{ owner { name } } } } } } } } } } } } } }",
            "'anonymous' exceeds maximum operation depth of 12",
        ),
    ],
    ids=["aliases", "tokens", "depth"],
)
async def test_abusive_documents_are_refused_with_a_reason(client, query, message):
    admin = await make_user(Role.ADMIN)
    body = (await _post(client, query, user=admin)).json()
    assert body["data"] is None
    assert [e["message"] for e in body["errors"]][:1] == [message]
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


async def _throttled_after(client, limit: int, **caller) -> httpx.Response:
    for expected_left in range(limit - 1, -1, -1):
        response = await _post(client, "{ viewer { id } }", **caller)
        assert response.status_code == 200, response.text
        if caller:
            assert response.json()["extensions"]["rateLimit"] == {
                "remaining": expected_left
            }
    return await _post(client, "{ viewer { id } }", **caller)


@pytest.fixture
async def tight(settings, migrated, queue):
    """An app whose budgets are 3 operations a minute."""
    limited = settings.model_copy(
        update={
            "rate_limit_per_user": 3,
            "rate_limit_per_api_key": 3,
            "rate_limit_per_anonymous_client": 3,
        }
    )
    app = create_app(limited)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            yield http


def _assert_throttled(response: httpx.Response, who: str) -> None:
    assert response.status_code == 429
    retry_after = int(response.headers["retry-after"])
    assert 1 <= retry_after <= 60
    body = response.json()
    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"]["code"] == "THROTTLED"
    assert error["extensions"]["retryAfter"] == retry_after
    assert error["message"] == (
        f"Too many requests from {who}: 3 per 60 s. Retry after {retry_after} s."
    )


async def test_a_user_over_the_budget_is_throttled_with_retry_after(db, tight):
    user = await make_user()
    _assert_throttled(await _throttled_after(tight, 3, user=user), "your account")
    # Another user has a budget of their own.
    other = await make_user()
    assert (await _post(tight, "{ viewer { id } }", user=other)).status_code == 200


async def test_an_api_key_has_a_budget_apart_from_its_user(db, tight):
    user = await make_user()
    _, key = await create_api_key(
        viewer_of(user), name="CRM", scopes=frozenset({Scope.POOLS_READ})
    )
    _assert_throttled(await _throttled_after(tight, 3, api_key=key), "this API key")
    assert (await _post(tight, "{ viewer { id } }", user=user)).status_code == 200


async def test_anonymous_callers_are_throttled_per_address(db, tight):
    # A password-guessing loop: anonymous, one address.
    login = 'mutation { login(input: {email: "a@b.c", password: "x"}) { token } }'
    for _ in range(3):
        assert (await _post(tight, login)).status_code == 200
    _assert_throttled(await _post(tight, login), "your address")


async def test_a_throttled_mutation_changes_nothing(db, tight):
    user = await make_user(Role.RECRUITER)
    await _throttled_after(tight, 3, user=user)
    create = 'mutation { poolCreate(input: {name: "Late"}) { pool { id } } }'
    _assert_throttled(await _post(tight, create, user=user), "your account")
    assert await Pool.filter(name="Late").count() == 0
