"""A small GraphQL-over-HTTP helper for tests."""

from typing import Any

import httpx

from domain.models import User
from tests.conftest import TEST_JWT_SECRET
from tests.factories import token_for


async def gql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    as_user: User | None = None,
    api_key: str | None = None,
) -> dict[str, Any]:
    headers = {}
    if as_user is not None:
        headers["Authorization"] = f"Bearer {token_for(as_user, TEST_JWT_SECRET)}"
    if api_key is not None:
        headers["X-Api-Key"] = api_key
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    assert response.status_code == 200, response.text
    return body_of(response)


def body_of(response: httpx.Response) -> dict[str, Any]:
    """The response's JSON without `extensions`: the cost and budget report
    (tests/api/test_limits.py checks it) would otherwise sit in every
    expected body."""
    body: dict[str, Any] = response.json()
    body.pop("extensions", None)
    return body


def error_codes(body: dict[str, Any]) -> list[str]:
    return [e["extensions"]["code"] for e in body.get("errors", [])]
