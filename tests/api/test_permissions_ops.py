"""Authorization of the operations fields, for every kind of caller."""

import pytest

from domain.access import Scope
from tests.api.permission_cases import (
    NOT_ADMIN,
    NOT_RECRUITER,
    SHOWN,
    SIGN_IN,
    Caller,
    Denied,
    assert_refused,
    build_world,
    call,
    cases,
    gid,
    lacks,
)

STATS = """query($poolId: ID) {
  processingStats(from: "2020-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z",
                  poolId: $poolId) { received parsed failed successRate }
}"""
NOT_THEIRS = Denied("NOT_FOUND", "No such pool, or its figures are not yours to read.")
# The figures of a pool are its owner's (and admins'): a recruiter it is
# shared with does not get them.
STATS_CASES = cases(
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NOT_RECRUITER),
    (Caller.OTHER, NOT_THEIRS),
    (Caller.GRANTED, NOT_THEIRS),
    (Caller.OWNER, SHOWN),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.RESUMES_READ)),
    (Caller.KEY_WITH_SCOPE, SHOWN),
    (Caller.ADMIN, SHOWN),
)
USAGE = """{ usageStats(from: "2020-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z") {
  user { email } uploads bulkImports driveImports candidatesCreated matchesViewed
} }"""
USAGE_CASES = cases(
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NOT_ADMIN),
    (Caller.OTHER, NOT_ADMIN),
    (Caller.OWNER, NOT_ADMIN),
    (Caller.API_KEY, NOT_ADMIN),
    (Caller.ADMIN, SHOWN),
)
OPS_QUERY_MATRIX = {"processingStats": STATS_CASES, "usageStats": USAGE_CASES}


@pytest.mark.parametrize(("caller", "expected"), STATS_CASES)
async def test_processing_stats_of_a_pool_are_for_its_owner(client, caller, expected):
    world = await build_world()
    variables = {"poolId": gid("Pool", world.pool.id)}
    body, before = await call(
        client, world, caller, STATS, variables, scope=Scope.RESUMES_READ
    )
    if await assert_refused(body, "processingStats", expected, world, before):
        return
    figures = {"received": 0, "parsed": 0, "failed": 0, "successRate": None}
    assert body == {"data": {"processingStats": figures}}


@pytest.mark.parametrize(("caller", "expected"), USAGE_CASES)
async def test_usage_stats_are_for_admins(client, caller, expected):
    world = await build_world()
    body, before = await call(client, world, caller, USAGE)
    if await assert_refused(body, "usageStats", expected, world, before):
        return
    quiet = {"uploads": 0, "bulkImports": 0, "driveImports": 0, "matchesViewed": 0}
    assert body == {
        "data": {
            "usageStats": [
                {
                    "user": {"email": "olga@example.com"},
                    **quiet,
                    "candidatesCreated": 2,
                },
                {
                    "user": {"email": "oscar@example.com"},
                    **quiet,
                    "candidatesCreated": 1,
                },
            ]
        }
    }
