"""Matches refresh by themselves, with real workers: a new job is matched with the
parsed candidates its owner sees, and a newly parsed candidate joins the job."""

import pytest
from strawberry import relay

from domain.jobs import HIGH_QUEUE, MATCHING_QUEUE
from domain.models import Job
from tests.factories import make_user
from tests.graphql import gql
from tests.samples.resumes import ADA, ALAN, GRACE, text_resume
from tests.workers.test_resume_pipeline import SINGLE, _upload

CREATE = """mutation($input: JobCreateInput!) {
  jobCreate(input: $input) { job { id } userErrors { code message } }
}"""
MATCHES = """query($id: ID!) { job(id: $id) { matches(first: 10) {
  totalCount
  edges { node {
    score
    candidate { name }
    factors { name weight value contribution assessed evidence }
    reasons { strengths gaps }
  } }
} } }"""
POSTING = (
    "We are hiring a backend engineer in London.\n"
    "Requirements:\n- Python and PostgreSQL\n- 3+ years of experience\n"
)


async def _parse(client, worker_factory, user, name: str, text: str) -> None:
    await _upload(client, user, SINGLE, [(name, text_resume(text))], many=False)
    assert await worker_factory(HIGH_QUEUE).run_check() == 1


async def _matches(client, user, job_id: str) -> dict:
    body = await gql(client, MATCHES, {"id": job_id}, as_user=user)
    return body["data"]["job"]["matches"]


async def test_jobs_and_candidates_match_themselves(client, worker_factory):
    recruiter = await make_user()
    stranger = await make_user()
    await _parse(client, worker_factory, recruiter, "ada.txt", ADA)
    await _parse(client, worker_factory, recruiter, "grace.txt", GRACE)
    await _parse(client, worker_factory, stranger, "alan.txt", ALAN)
    # Each parse queued a candidate refresh; no job is open yet.
    assert await worker_factory(MATCHING_QUEUE).run_check() == 3

    variables = {
        "input": {
            "title": "Backend Engineer",
            "description": POSTING,
            "location": "London",
        }
    }
    created = await gql(client, CREATE, variables, as_user=recruiter)
    job_id = created["data"]["jobCreate"]["job"]["id"]
    assert await worker_factory(MATCHING_QUEUE).run_check() == 1

    matches = await _matches(client, recruiter, job_id)
    names = [e["node"]["candidate"]["name"] for e in matches["edges"]]
    assert names == ["Ada Lovelace", "Grace Hopper"]  # never the stranger's Alan
    best = matches["edges"][0]["node"]
    assert best["score"] == pytest.approx(
        sum(f["contribution"] for f in best["factors"]), abs=1e-6
    )
    skills = next(f for f in best["factors"] if f["name"] == "skills")
    assert skills["evidence"]["matched_required"] == ["Python", "PostgreSQL"]
    assert best["reasons"]["strengths"]

    # The stranger's Alan moves into the recruiter's pool by a new upload there.
    await _parse(client, worker_factory, recruiter, "alan.txt", ALAN)
    assert await worker_factory(MATCHING_QUEUE).run_check() == 1
    again = await _matches(client, recruiter, job_id)
    assert again["totalCount"] == 3
    job = await Job.get(id=relay.GlobalID.from_id(job_id).node_id)
    assert job.matched_at is not None
