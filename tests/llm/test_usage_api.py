"""A recruiter's LLM use this month in the API: their own (or any for an admin),
with the budget and whether enhancement is paused."""

from decimal import Decimal

import httpx
import pytest
from pydantic import SecretStr
from strawberry import relay

from api.app import create_app
from domain.models import LlmCall, Role
from tests.conftest import TEST_JWT_SECRET
from tests.factories import make_user, token_for

VIEWER = "{ viewer { llmUsage { calls costUsd budgetUsd paused } } }"
NODE = """query($id: ID!) { node(id: $id) { ... on User { llmUsage { calls } } } }"""


@pytest.fixture
async def enhanced_client(settings, db, queue):
    enhanced = settings.model_copy(
        update={"openai_api_key": SecretStr("sk-test"), "llm_monthly_budget_usd": 2.0}
    )
    app = create_app(enhanced)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            yield http


async def _post(client, user, query, variables=None):
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables or {}},
        headers={"Authorization": f"Bearer {token_for(user, TEST_JWT_SECRET)}"},
    )
    return response.json()["data"]


async def test_usage_and_pause_are_shown_to_the_recruiter(enhanced_client):
    recruiter, other = await make_user(), await make_user()
    admin = await make_user(role=Role.ADMIN)
    for cost in ("1.5", "0.75"):
        await LlmCall.create(
            user_id=recruiter.id,
            purpose="resume_structure",
            model="m",
            cost_usd=Decimal(cost),
            outcome="ok",
        )
    usage = (await _post(enhanced_client, recruiter, VIEWER))["viewer"]["llmUsage"]
    assert usage == {"calls": 2, "costUsd": 2.25, "budgetUsd": 2.0, "paused": True}
    node_id = {"id": relay.to_base64("User", recruiter.id)}
    seen_by_other = await _post(enhanced_client, other, NODE, node_id)
    assert (seen_by_other["node"] or {}).get("llmUsage") is None
    seen_by_admin = await _post(enhanced_client, admin, NODE, node_id)
    assert seen_by_admin["node"]["llmUsage"] == {"calls": 2}


async def test_no_usage_without_a_model(client):
    recruiter = await make_user()
    assert (await _post(client, recruiter, VIEWER))["viewer"]["llmUsage"] is None
