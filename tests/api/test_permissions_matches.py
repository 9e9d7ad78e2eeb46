"""Authorization of match feedback and refresh, for every kind of caller."""

import pytest

from domain.access import Scope
from domain.models import Job, Match, MatchFeedback
from tests.api.permission_cases import (
    DONE,
    NOT_RECRUITER,
    SIGN_IN,
    Caller,
    Rejected,
    World,
    assert_refused,
    build_world,
    call,
    cases,
    gid,
    lacks,
)

ERRORS = "userErrors { field message code }"
FEEDBACK = f"""
mutation($input: MatchFeedbackInput!) {{
  matchFeedback(input: $input) {{ match {{ feedback score }} {ERRORS} }}
}}
"""
REFRESH = f"""
mutation($input: MatchesRefreshInput!) {{
  matchesRefresh(input: $input) {{ queued {ERRORS} }}
}}
"""


def _cases(refused: Rejected) -> list:
    # Matches belong to the job's owner: a recruiter the pool is shared with
    # does not see the owner's jobs.
    return cases(
        (Caller.ANONYMOUS, SIGN_IN),
        (Caller.CANDIDATE, NOT_RECRUITER),
        (Caller.OTHER, refused),
        (Caller.OWNER, DONE),
        (Caller.GRANTED, refused),
        (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.JOBS_WRITE)),
        (Caller.KEY_WITH_SCOPE, DONE),
        (Caller.ADMIN, DONE),
    )


FEEDBACK_CASES = _cases(
    Rejected(
        "NOT_FOUND", "No such match, or you may not change it.", ["input", "matchId"]
    )
)
REFRESH_CASES = _cases(
    Rejected("NOT_FOUND", "No such job, or you may not change it.", ["input", "jobId"])
)
MATCH_MUTATION_MATRIX = {
    "matchFeedback": FEEDBACK_CASES,
    "matchesRefresh": REFRESH_CASES,
}


async def _job_and_match(world: World) -> tuple[Job, Match]:
    job = await Job.create(owner=world.owner, title="Staff engineer")
    match = await Match.create(
        job=job, candidate=world.target, score=0.75, score_version="score-v1"
    )
    return job, match


@pytest.mark.parametrize(("caller", "expected"), FEEDBACK_CASES)
async def test_match_feedback_is_for_the_jobs_owner(client, caller, expected):
    world = await build_world()
    _, match = await _job_and_match(world)
    variables = {"input": {"matchId": gid("Match", match.id), "feedback": "INTERESTED"}}
    body, before = await call(
        client, world, caller, FEEDBACK, variables, scope=Scope.JOBS_WRITE
    )
    if await assert_refused(body, "matchFeedback", expected, world, before):
        return
    payload = {"match": {"feedback": "INTERESTED", "score": 0.75}, "userErrors": []}
    assert body == {"data": {"matchFeedback": payload}}
    assert (await Match.get(id=match.id)).feedback is MatchFeedback.INTERESTED


@pytest.mark.parametrize(("caller", "expected"), REFRESH_CASES)
async def test_matches_refresh_is_for_the_jobs_owner(client, queue, caller, expected):
    world = await build_world()
    job, _ = await _job_and_match(world)
    variables = {"input": {"jobId": gid("Job", job.id)}}
    body, before = await call(
        client, world, caller, REFRESH, variables, scope=Scope.JOBS_WRITE
    )
    if await assert_refused(body, "matchesRefresh", expected, world, before):
        return
    assert body == {"data": {"matchesRefresh": {"queued": True, "userErrors": []}}}
    queued = await queue.zrange("hotgigs:queue:matching", 0, -1)
    assert [key.decode().split(":")[:2] for key in queued] == [
        ["refresh_job_matches", str(job.id)]
    ]
