"""Attacks on the HTTP surface: schema discovery and GraphiQL in production,
oversized bodies (declared or streamed), cross-site uploads riding on cookies."""

import json

import httpx
import pytest

from api.app import create_app
from domain.models import Resume, Role
from tests.conftest import TEST_JWT_SECRET
from tests.factories import make_user, token_for
from tests.samples.resumes import ADA, text_resume

INTROSPECTION = "{ __schema { queryType { name } } }"
NO_INTROSPECTION = [
    "GraphQL introspection has been disabled, but the requested query contained "
    f"the field '{field}'."
    for field in ("__schema", "queryType")
]
UPLOAD = """
mutation($input: ResumeUploadInput!) {
  resumeUpload(input: $input) { resume { id } userErrors { code message } }
}
"""


@pytest.fixture
async def production(settings, migrated, queue, db, tmp_path):
    """The app as ENVIRONMENT=production runs it (small caps to attack cheaply)."""
    prod = settings.model_copy(
        update={
            "environment": "production",
            "storage_dir": tmp_path / "files",
            "graphql_max_body_kb": 64,
            "upload_max_request_mb": 1,
        }
    )
    app = create_app(prod)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            yield http


def _auth(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(user, TEST_JWT_SECRET)}"}


@pytest.mark.parametrize("role", [None, Role.CANDIDATE, Role.RECRUITER])
async def test_production_hides_the_schema_from_everyone_but_admins(production, role):
    headers = _auth(await make_user(role)) if role else {}
    response = await production.post(
        "/graphql", json={"query": INTROSPECTION}, headers=headers
    )
    body = response.json()
    assert body["data"] is None
    assert [e["message"] for e in body["errors"]] == NO_INTROSPECTION
    assert {e["extensions"]["code"] for e in body["errors"]} == {"INVALID_INPUT"}
    assert "Query" not in response.text
    # `__typename` is not schema discovery: clients rely on it.
    typename = await production.post(
        "/graphql", json={"query": "{ __typename }"}, headers=headers
    )
    assert typename.json()["data"] == {"__typename": "Query"}


async def test_production_shows_the_schema_to_admins(production):
    admin = await make_user(Role.ADMIN)
    response = await production.post(
        "/graphql", json={"query": INTROSPECTION}, headers=_auth(admin)
    )
    assert response.json()["data"] == {"__schema": {"queryType": {"name": "Query"}}}


async def test_development_keeps_introspection_open(client):
    response = await client.post("/graphql", json={"query": INTROSPECTION})
    assert response.json()["data"] == {"__schema": {"queryType": {"name": "Query"}}}


@pytest.mark.parametrize("role", [None, Role.CANDIDATE, Role.RECRUITER])
async def test_production_serves_graphiql_only_to_admins(production, role):
    headers = {"Accept": "text/html", **(_auth(await make_user(role)) if role else {})}
    page = await production.get("/graphql", headers=headers)
    assert (page.status_code, page.text) == (404, "Not Found")


async def test_production_serves_graphiql_to_an_admin(production):
    admin = await make_user(Role.ADMIN)
    page = await production.get(
        "/graphql", headers={"Accept": "text/html", **_auth(admin)}
    )
    assert page.status_code == 200
    assert "graphiql.min.js" in page.text


def _too_large(response: httpx.Response, limit: str, advice: str) -> None:
    assert response.status_code == 413
    assert response.json() == {
        "data": None,
        "errors": [
            {
                "message": f"The request body is larger than the {limit} limit: "
                f"{advice}.",
                "extensions": {"code": "REQUEST_TOO_LARGE"},
            }
        ],
    }


async def test_a_declared_oversized_json_body_is_refused_unread(production):
    query = "{ __typename }" + " " * 70_000
    response = await production.post("/graphql", json={"query": query})
    _too_large(response, "0.1 MB", "send a shorter query or fewer variables")


async def test_a_streamed_oversized_body_is_refused_while_it_arrives(production):
    chunks_sent = 0

    async def endless():
        nonlocal chunks_sent
        yield b'{"query": "{ __typename }", "variables": {"x": "'
        while chunks_sent < 10_000:  # 160 MB if nobody stopped reading
            chunks_sent += 1
            yield b"A" * 16_384

    response = await production.post(
        "/graphql", content=endless(), headers={"Content-Type": "application/json"}
    )
    _too_large(response, "0.1 MB", "send a shorter query or fewer variables")
    assert chunks_sent <= 6  # 64 KB read, then the request was dropped


async def test_an_oversized_upload_is_refused_and_nothing_is_stored(
    production, tmp_path
):
    owner = await make_user(Role.RECRUITER)
    operations = {"query": UPLOAD, "variables": {"input": {"file": None}}}
    response = await production.post(
        "/graphql",
        data={
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.input.file"]}),
        },
        files={"0": ("big.txt", b"x" * (3 * 2**20))},
        headers=_auth(owner),
    )
    _too_large(response, "2 MB", "send fewer or smaller files at a time")
    assert await Resume.all().count() == 0
    assert not (tmp_path / "files").exists() or not any(
        p.is_file() for p in (tmp_path / "files").rglob("*")
    )


async def test_uploads_ignore_cookies_so_a_cross_site_form_is_anonymous(
    production, tmp_path
):
    # A page on another site can make the browser POST a multipart form with
    # the user's cookies, but never with an Authorization header: the API reads
    # credentials from headers only (bearer tokens and API keys; no cookie auth).
    owner = await make_user(Role.RECRUITER)
    token = token_for(owner, TEST_JWT_SECRET)
    operations = {"query": UPLOAD, "variables": {"input": {"file": None}}}
    response = await production.post(
        "/graphql",
        data={
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.input.file"]}),
        },
        files={"0": ("ada.txt", text_resume(ADA))},
        headers={
            "Cookie": f"Authorization=Bearer {token}; token={token}; session={token}",
            "Origin": "https://evil.example",
        },
    )
    body = response.json()
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]
    assert await Resume.all().count() == 0
    # And the browser is not told it may read the answer.
    assert "access-control-allow-origin" not in response.headers
