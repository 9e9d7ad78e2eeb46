"""Generated match reasons: written in the background from the evidence for the
best matches, numbers the evidence lacks dropped, shown as generated in the API."""

from datetime import UTC, datetime

from strawberry import relay

from domain.llm.explanations import explain_new_matches
from domain.llm.reasons import grounded
from domain.models import Job, LlmCall, Match, MatchExplanation
from tests.conftest import TEST_JWT_SECRET
from tests.factories import make_candidate, make_pool, make_user, token_for

FACTORS = {
    "version": "score-v1",
    "score": 0.8,
    "factors": [
        {
            "name": "skills",
            "assessed": True,
            "weight": 0.5,
            "value": 1.0,
            "contribution": 0.5,
            "evidence": {"matched_required": ["Python", "SQL"], "missing_required": []},
        },
        {
            "name": "experience",
            "assessed": True,
            "weight": 0.5,
            "value": 0.6,
            "contribution": 0.3,
            "evidence": {"years_found": 6},
        },
    ],
}
REASONS = {"strengths": ["Has 2 of 2 required skills: Python, SQL."], "gaps": []}
ANSWER = {
    "strengths": [
        "Knows both required skills, Python and SQL.",
        "Brings 6 years of experience.",
        "Has 12 years of leadership.",  # a number the evidence does not hold
    ],
    "gaps": [],
}
QUERY = """query($id: ID!) { node(id: $id) { ... on Match {
  reasons { strengths }
  generatedReasons { current strengths { text generated model } gaps { text } }
} } }"""


def test_sentences_with_invented_numbers_are_dropped():
    evidence = "years_found: 6, skills 2 of 2"
    assert grounded(["6 years in.", "Led 40 people.", " "], evidence) == (
        "6 years in.",
    )


async def _match(owner, score=0.8):
    candidate = await make_candidate(await make_pool(owner))
    job = await Job.create(owner=owner, title="Data engineer")
    return await Match.create(
        job=job,
        candidate=candidate,
        score=score,
        score_version="score-v1",
        factors=FACTORS,
        reasons=REASONS,
        computed_at=datetime(2026, 11, 1, tzinfo=UTC),
    )


async def test_best_matches_get_generated_reasons_once(db, llm, fake_openai, client):
    owner = await make_user()
    match = await _match(owner)
    await _match(owner, score=0.2)  # too weak to pay for
    fake_openai.state.answer = ANSWER
    assert await explain_new_matches(llm) == 1
    assert await explain_new_matches(llm) == 0  # done, and still current
    (explanation,) = await MatchExplanation.all()
    assert explanation.strengths == [
        "Knows both required skills, Python and SQL.",
        "Brings 6 years of experience.",
    ]
    (request,) = fake_openai.chat_requests()
    assert "Data engineer" in request.body["messages"][1]["content"]
    assert (await LlmCall.get()).user_id == owner.id
    response = await client.post(
        "/graphql",
        json={"query": QUERY, "variables": {"id": _node_id(match)}},
        headers={"Authorization": f"Bearer {token_for(owner, TEST_JWT_SECRET)}"},
    )
    node = response.json()["data"]["node"]
    assert node["reasons"]["strengths"] == REASONS["strengths"]  # template kept
    generated = node["generatedReasons"]
    assert generated["current"] is True
    assert {s["generated"] for s in generated["strengths"]} == {True}
    assert generated["strengths"][0]["model"] == "fake-chat"


async def test_a_rescored_match_is_explained_again(db, llm, fake_openai):
    owner = await make_user()
    match = await _match(owner)
    fake_openai.state.answer = ANSWER
    await explain_new_matches(llm)
    match.computed_at = datetime(2026, 11, 2, tzinfo=UTC)
    await match.save()
    assert await explain_new_matches(llm) == 1


async def test_a_failing_model_leaves_the_template_reasons(db, llm, fake_openai):
    await _match(await make_user())
    fake_openai.malformed()
    assert await explain_new_matches(llm) == 0
    assert await MatchExplanation.all().count() == 0


def _node_id(match):
    return relay.to_base64("Match", str(match.id))
