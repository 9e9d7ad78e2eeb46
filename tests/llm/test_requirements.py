"""Job-description refinement: the model's required vs preferred, as a suggestion
beside the local analysis, with skills the posting does not name refused."""

from strawberry import relay

from domain.llm.requirements import LlmRequirements, refine, refine_new_jobs
from domain.matching.posting_rules import JobInput, analyse
from domain.matching.postings import create_job
from domain.models import JobRefinement, LlmCall
from domain.parsing.taxonomy import load_taxonomy
from tests.conftest import TEST_JWT_SECRET
from tests.factories import make_user, token_for, viewer_of

POSTING = """We build payment systems.
You will write Python services on PostgreSQL. Docker and Terraform experience
is a plus. Kafka would be required for the streaming team.
"""
ANSWER = {
    "required": ["Python", "PostgreSQL", "Kafka"],
    "preferred": ["Docker", "Terraform", "Rust"],  # Rust is not in the posting
}
QUERY = """query($id: ID!) { node(id: $id) { ... on Job {
  analysis { requiredSkills { name } }
  generatedRequirements { required preferred added rejected generated current }
} } }"""


def test_refine_sorts_grounded_skills_and_refuses_invented_ones():
    taxonomy = load_taxonomy()
    local = analyse("Backend engineer", POSTING, [])
    result = refine(local, LlmRequirements.model_validate(ANSWER), POSTING, taxonomy)
    # the local rules miss "is a plus" across a line break; the model does not
    assert {s.name for s in local.preferred_skills} == set()
    assert result.required == ("Python", "PostgreSQL", "Apache Kafka")
    assert result.preferred == ("Docker", "Terraform")
    assert result.moved == ("Docker", "Terraform")
    assert result.rejected == ("Rust",)
    # nothing the local analysis found is lost
    for skill in (*local.required_skills, *local.preferred_skills):
        assert skill.name in result.required + result.preferred


async def test_open_jobs_get_a_suggestion_once(db, queue, llm, fake_openai, client):
    owner = await make_user()
    job = await create_job(
        viewer_of(owner),
        JobInput(title="Backend engineer", description=POSTING),
        queue=queue,
    )
    fake_openai.state.answer = ANSWER
    assert await refine_new_jobs(llm, load_taxonomy()) == 1
    assert await refine_new_jobs(llm, load_taxonomy()) == 0
    assert (await LlmCall.get()).user_id == owner.id
    row = await JobRefinement.get(job_id=job.id)
    assert row.rejected == ["Rust"]
    response = await client.post(
        "/graphql",
        json={"query": QUERY, "variables": {"id": relay.to_base64("Job", job.id)}},
        headers={"Authorization": f"Bearer {token_for(owner, TEST_JWT_SECRET)}"},
    )
    generated = response.json()["data"]["node"]["generatedRequirements"]
    assert generated["generated"] is True
    assert generated["current"] is True
    assert "Apache Kafka" in generated["required"]  # under its taxonomy name
    assert generated["rejected"] == ["Rust"]


async def test_a_failing_model_stores_no_suggestion(db, queue, llm, fake_openai):
    owner = await make_user()
    await create_job(
        viewer_of(owner),
        JobInput(title="Backend engineer", description=POSTING),
        queue=queue,
    )
    fake_openai.violation()
    assert await refine_new_jobs(llm, load_taxonomy()) == 0
    assert await JobRefinement.all().count() == 0
