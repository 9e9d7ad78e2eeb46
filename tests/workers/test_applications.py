"""A candidate applies to a job with their own parsed resume (real workers): the
profile lands in the job owner's pool with source APPLICATION, its stated
preferences come along, and the match appears on the job marked APPLIED."""

from strawberry import relay

from domain.jobs import HIGH_QUEUE, MATCHING_QUEUE
from domain.models import Candidate, Resume, Role
from tests.factories import make_user
from tests.graphql import gql
from tests.samples.resumes import ADA, GRACE, text_resume
from tests.workers.test_matching_refresh import CREATE, POSTING
from tests.workers.test_resume_pipeline import SINGLE, _upload

APPLY = """mutation($input: JobApplyInput!) {
  jobApply(input: $input) {
    alreadyApplied
    application { id job { title } }
    userErrors { code field message }
  }
}"""
CLOSE = """mutation($id: ID!) { jobClose(input: {id: $id}) { userErrors { code } } }"""
JOB_MATCHES = """query($id: ID!) { job(id: $id) { matches(first: 10) {
  edges { node { feedback candidate { name sources { kind }
    preferences { locations workModes salaryMin salaryCurrency } } } }
} } }"""
STATED = "\nDesired role: Backend Engineer\nPreferred locations: London, Remote\n"
STATED += "Work mode: remote or hybrid\nExpected salary: GBP 70,000 - 90,000\n"


async def _resume_of(client, worker_factory, user, name, text) -> str:
    body = await _upload(client, user, SINGLE, [(name, text_resume(text))], many=False)
    assert await worker_factory(HIGH_QUEUE).run_check() == 1
    return body["data"]["resumeUpload"]["resume"]["id"]


async def _job(client, recruiter, title="Backend Engineer") -> str:
    variables = {"input": {"title": title, "description": POSTING}}
    body = await gql(client, CREATE, variables, as_user=recruiter)
    return body["data"]["jobCreate"]["job"]["id"]


async def _apply(client, user, job_id, resume_id) -> dict:
    variables = {"input": {"jobId": job_id, "resumeId": resume_id}}
    body = await gql(client, APPLY, variables, as_user=user)
    assert "errors" not in body, body
    return body["data"]["jobApply"]


async def test_application_reaches_the_owner_pool_and_the_job(client, worker_factory):
    recruiter = await make_user()
    ada = await make_user(Role.CANDIDATE, email="ada.lovelace@example.com")
    resume_id = await _resume_of(client, worker_factory, ada, "ada.txt", ADA + STATED)
    job_id = await _job(client, recruiter)
    await worker_factory(MATCHING_QUEUE).run_check()  # parse and job refreshes

    applied = await _apply(client, ada, job_id, resume_id)
    assert applied["userErrors"] == []
    assert applied["alreadyApplied"] is False
    assert applied["application"]["job"] == {"title": "Backend Engineer"}
    assert await worker_factory(MATCHING_QUEUE).run_check() == 1

    body = await gql(client, JOB_MATCHES, {"id": job_id}, as_user=recruiter)
    [edge] = body["data"]["job"]["matches"]["edges"]
    assert edge["node"]["feedback"] == "APPLIED"
    assert edge["node"]["candidate"]["name"] == "Ada Lovelace"
    assert edge["node"]["candidate"]["sources"] == [{"kind": "APPLICATION"}]
    assert edge["node"]["candidate"]["preferences"] == {
        "locations": ["London", "Remote"],
        "workModes": ["HYBRID", "REMOTE"],
        "salaryMin": 70000,
        "salaryCurrency": "GBP",
    }

    again = await _apply(client, ada, job_id, resume_id)
    assert again["alreadyApplied"] is True
    assert again["application"]["id"] == applied["application"]["id"]
    assert await worker_factory(MATCHING_QUEUE).run_check() == 0
    assert (
        await Candidate.filter(user_id__isnull=True, name="Ada Lovelace").count() == 1
    )


async def test_apply_refuses_closed_jobs_other_resumes_and_recruiters(
    client, worker_factory
):
    recruiter = await make_user()
    ada = await make_user(Role.CANDIDATE)
    grace = await make_user(Role.CANDIDATE)
    ada_resume = await _resume_of(client, worker_factory, ada, "ada.txt", ADA)
    grace_resume = await _resume_of(client, worker_factory, grace, "g.txt", GRACE)
    job_id = await _job(client, recruiter)

    not_hers = await _apply(client, ada, job_id, grace_resume)
    assert not_hers["userErrors"] == [
        {
            "code": "NOT_FOUND",
            "field": ["input", "resumeId"],
            "message": "No such resume among the ones you uploaded.",
        }
    ]
    await gql(client, CLOSE, {"id": job_id}, as_user=recruiter)
    closed = await _apply(client, ada, job_id, ada_resume)
    assert closed["userErrors"] == [
        {
            "code": "JOB_CLOSED",
            "field": ["input", "jobId"],
            "message": "This job is closed and takes no more applications.",
        }
    ]
    as_recruiter = await gql(
        client,
        APPLY,
        {"input": {"jobId": job_id, "resumeId": ada_resume}},
        as_user=recruiter,
    )
    assert as_recruiter["data"] is None
    assert as_recruiter["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    pending = await Resume.get(id=relay.GlobalID.from_id(ada_resume).node_id)
    assert pending.candidate_id is not None
    assert await Candidate.filter(pool__owner_id=recruiter.id).count() == 0
