"""Authorization of the privacy fields (erase, export, consents, retention, audit
log), for every kind of caller: denied calls return nothing and change nothing."""

import pytest

from domain.access import Scope
from domain.models import AuditEntry, Candidate, Consent, ConsentPurpose, Pool
from tests.api.permission_cases import (
    DONE,
    HIDDEN,
    NOT_ADMIN,
    NOT_RECRUITER,
    SHOWN,
    SIGN_IN,
    Caller,
    Rejected,
    assert_refused,
    build_world,
    call,
    cases,
    gid,
    lacks,
)

ERRORS = "userErrors { field message code }"
EXPORT = "query($id: ID!) { candidateExport(candidateId: $id) }"
CONSENTS = """
query($id: ID!) { candidateConsents(candidateId: $id) { purpose granted source } }
"""
AUDIT_LOG = """
query($id: ID!) {
  auditLog(filter: {candidateId: $id}) { entries { action entityId } hasNextPage }
}
"""
ERASE = f"""
mutation($input: CandidateEraseInput!) {{
  candidateErase(input: $input) {{ candidate {{ name email erasedAt }} {ERRORS} }}
}}
"""
CONSENT_RECORD = f"""
mutation($input: ConsentRecordInput!) {{
  consentRecord(input: $input) {{ consent {{ purpose granted source }} {ERRORS} }}
}}
"""
RETENTION = f"""
mutation($input: PoolRetentionSetInput!) {{
  poolRetentionSet(input: $input) {{ retentionMonths {ERRORS} }}
}}
"""

READ_CASES = cases(
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, HIDDEN),
    (Caller.OTHER, HIDDEN),
    (Caller.OWNER, SHOWN),
    (Caller.GRANTED, SHOWN),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.CANDIDATES_READ)),
    (Caller.KEY_WITH_SCOPE, SHOWN),
    (Caller.ADMIN, SHOWN),
)
AUDIT_CASES = cases(  # KEY_WITH_SCOPE is the owner's key with candidates:read
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NOT_ADMIN),
    (Caller.OTHER, NOT_ADMIN),
    (Caller.OWNER, NOT_ADMIN),
    (Caller.GRANTED, NOT_ADMIN),
    (Caller.KEY_WITH_SCOPE, NOT_ADMIN),
    (Caller.ADMIN_KEY_WITHOUT_SCOPE, lacks(Scope.CANDIDATES_READ)),
    (Caller.ADMIN_KEY_WITH_SCOPE, SHOWN),
    (Caller.ADMIN, SHOWN),
)
NOT_ERASABLE = Rejected(
    "NOT_FOUND",
    "No such candidate, or you may not erase it.",
    ["input", "candidateId"],
)
ERASE_CASES = cases(  # erasure is for the pool's owner, not those it is shared with
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NOT_RECRUITER),
    (Caller.OTHER, NOT_ERASABLE),
    (Caller.OWNER, DONE),
    (Caller.GRANTED, NOT_ERASABLE),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.CANDIDATES_WRITE)),
    (Caller.KEY_WITH_SCOPE, DONE),
    (Caller.ADMIN, DONE),
)
CONSENT_CASES = cases(
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NOT_RECRUITER),
    (
        Caller.OTHER,
        Rejected(
            "NOT_FOUND",
            "No such candidate, or you may not change it.",
            ["input", "candidateId"],
        ),
    ),
    (Caller.OWNER, DONE),
    (Caller.GRANTED, DONE),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.CANDIDATES_WRITE)),
    (Caller.KEY_WITH_SCOPE, DONE),
    (Caller.ADMIN, DONE),
)
NOT_OWNED_POOL = Rejected(
    "NOT_FOUND", "No such pool, or you may not change it.", ["input", "poolId"]
)
RETENTION_CASES = cases(
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NOT_RECRUITER),
    (Caller.OTHER, NOT_OWNED_POOL),
    (Caller.OWNER, DONE),
    (Caller.GRANTED, NOT_OWNED_POOL),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.POOLS_WRITE)),
    (Caller.KEY_WITH_SCOPE, DONE),
    (Caller.ADMIN, DONE),
)
PRIVACY_QUERY_MATRIX = {
    "candidateExport": READ_CASES,
    "candidateConsents": READ_CASES,
    "auditLog": AUDIT_CASES,
}
PRIVACY_MUTATION_MATRIX = {
    "candidateErase": ERASE_CASES,
    "consentRecord": CONSENT_CASES,
    "poolRetentionSet": RETENTION_CASES,
}


@pytest.mark.parametrize(("caller", "expected"), READ_CASES)
async def test_candidate_export_is_for_those_who_may_read_the_candidate(
    client, caller, expected
):
    world = await build_world()
    variables = {"id": gid("Candidate", world.target.id)}
    body, before = await call(
        client, world, caller, EXPORT, variables, scope=Scope.CANDIDATES_READ
    )
    if await assert_refused(body, "candidateExport", expected, world, before):
        return
    export = body["data"]["candidateExport"]
    assert [p["name"] for p in export["profiles"]] == ["Zed Target"]
    assert export["candidate_id"] == str(world.target.id)
    audited = await AuditEntry.filter(action="candidate.export").values_list(
        "actor_id", "entity_id"
    )
    assert audited == [(world.actor(caller).id, world.target.id)]


@pytest.mark.parametrize(("caller", "expected"), READ_CASES)
async def test_candidate_consents_are_for_those_who_may_read_the_candidate(
    client, caller, expected
):
    world = await build_world()
    await Consent.create(
        candidate=world.target,
        purpose=ConsentPurpose.MATCHING,
        granted=True,
        source="application form",
    )
    variables = {"id": gid("Candidate", world.target.id)}
    body, before = await call(
        client, world, caller, CONSENTS, variables, scope=Scope.CANDIDATES_READ
    )
    if await assert_refused(body, "candidateConsents", expected, world, before):
        return
    consent = {"purpose": "MATCHING", "granted": True, "source": "application form"}
    assert body == {"data": {"candidateConsents": [consent]}}


@pytest.mark.parametrize(("caller", "expected"), AUDIT_CASES)
async def test_audit_log_is_for_admins(client, caller, expected):
    world = await build_world()
    variables = {"id": gid("Candidate", world.target.id)}
    body, before = await call(
        client, world, caller, AUDIT_LOG, variables, scope=Scope.CANDIDATES_READ
    )
    if await assert_refused(body, "auditLog", expected, world, before):
        return
    created = {"action": "candidate.create", "entityId": str(world.target.id)}
    page = {"entries": [created], "hasNextPage": False}
    assert body == {"data": {"auditLog": page}}


@pytest.mark.parametrize(("caller", "expected"), ERASE_CASES)
async def test_candidate_erase_is_for_the_pools_owner_and_admins(
    client, caller, expected
):
    world = await build_world()
    variables = {"input": {"candidateId": gid("Candidate", world.target.id)}}
    body, before = await call(
        client, world, caller, ERASE, variables, scope=Scope.CANDIDATES_WRITE
    )
    if await assert_refused(body, "candidateErase", expected, world, before):
        return
    payload = body["data"]["candidateErase"]
    assert payload["userErrors"] == []
    assert payload["candidate"]["name"] == "Erased candidate"
    assert payload["candidate"]["email"] is None
    target = await Candidate.get(id=world.target.id)
    assert (target.name, target.email, target.headline) == (
        "Erased candidate",
        None,
        None,
    )
    assert target.erased_at is not None


@pytest.mark.parametrize(("caller", "expected"), CONSENT_CASES)
async def test_consent_record_needs_write_access_to_the_candidate(
    client, caller, expected
):
    world = await build_world()
    variables = {
        "input": {
            "candidateId": gid("Candidate", world.target.id),
            "purpose": "SHARING",
            "granted": False,
            "source": "e-mail of 2026-11-01",
        }
    }
    body, before = await call(
        client, world, caller, CONSENT_RECORD, variables, scope=Scope.CANDIDATES_WRITE
    )
    if await assert_refused(body, "consentRecord", expected, world, before):
        return
    consent = {"purpose": "SHARING", "granted": False, "source": "e-mail of 2026-11-01"}
    payload = {"consent": consent, "userErrors": []}
    assert body == {"data": {"consentRecord": payload}}
    rows = await Consent.all().values_list("candidate_id", "recorded_by_id")
    assert rows == [(world.target.id, world.actor(caller).id)]


@pytest.mark.parametrize(("caller", "expected"), RETENTION_CASES)
async def test_pool_retention_is_set_by_the_pools_owner(client, caller, expected):
    world = await build_world()
    variables = {"input": {"poolId": gid("Pool", world.pool.id), "months": 18}}
    body, before = await call(
        client, world, caller, RETENTION, variables, scope=Scope.POOLS_WRITE
    )
    if await assert_refused(body, "poolRetentionSet", expected, world, before):
        return
    payload = {"retentionMonths": 18, "userErrors": []}
    assert body == {"data": {"poolRetentionSet": payload}}
    assert (await Pool.get(id=world.pool.id)).retention_months == 18
