"""Privacy through the API: export, consent records, blind profiles and the audit
log of reads and changes (who, when, with which key)."""

from datetime import UTC, datetime, timedelta

from domain.access import Scope
from domain.api_keys import create_api_key
from domain.models import (
    AuditEntry,
    Candidate,
    Consent,
    ConsentPurpose,
    Job,
    Match,
    Role,
)
from domain.pools import default_pool
from tests.api.permission_cases import gid
from tests.factories import make_candidate, make_user, viewer_of
from tests.graphql import gql

EXPORT = "query($id: ID!) { candidateExport(candidateId: $id) }"
CONSENT_RECORD = """
mutation($input: ConsentRecordInput!) {
  consentRecord(input: $input) {
    consent { purpose granted source validUntil inForce }
    userErrors { field message code }
  }
}
"""
CONSENTS = """
query($id: ID!) { candidateConsents(candidateId: $id) { purpose granted inForce } }
"""
BLIND = """
query($id: ID!) { candidate(id: $id) { blind {
  headline summary skills yearsExperience roles { title months }
  education { level field } certifications languages
} } }
"""
AUDIT = """
query($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    entries { action entityId actorId apiKeyId details }
    endCursor hasNextPage
  }
}
"""
CANDIDATE = "query($id: ID!) { candidate(id: $id) { name } }"
CANDIDATES = "{ candidates { totalCount } }"

PROFILE = {
    "name": {"value": "Zed Target"},
    "experience": [
        {
            "title": {"value": "Staff engineer"},
            "company": {"value": "Secret Corp"},
            "start": {"value": "2019-01"},
            "end": {"value": "2020-12"},
        },
        {"title": {"value": "Principal engineer"}, "start": {"value": "2021-01"}},
    ],
    "education": [
        {
            "level": "master",
            "field": {"value": "Computer science"},
            "institution": {"value": "Zed University"},
        }
    ],
    "certifications": [{"value": "AWS Solutions Architect"}],
    "languages": [{"name": "English"}, {"name": "German"}],
}


async def _owner_and_target():
    owner = await make_user()
    pool = await default_pool(viewer_of(owner))
    target = await make_candidate(
        pool,
        name="Zed Target",
        email="zed@example.com",
        phone="+442079460958",
        headline="Staff engineer",
        summary="Zed Target (zed@example.com, +44 20 7946 0958) builds compilers;"
        " see https://zed.example/cv.",
        skills=["Python", "Rust"],
    )
    await Candidate.filter(id=target.id).update(profile=PROFILE, years_experience=5.5)
    return owner, target


async def test_export_holds_profile_resumes_matches_consents_and_audit(client):
    owner, target = await _owner_and_target()
    job = await Job.create(owner=owner, title="Compiler engineer")
    await Match.create(job=job, candidate=target, score=0.7, score_version="v1")
    await Consent.create(
        candidate=target,
        purpose=ConsentPurpose.PROCESSING,
        granted=True,
        source="application form",
    )

    body = await gql(client, EXPORT, {"id": gid("Candidate", target.id)}, as_user=owner)

    export = body["data"]["candidateExport"]
    assert sorted(export) == [
        "audit",
        "candidate_id",
        "consents",
        "export_version",
        "matches",
        "merges",
        "possible_duplicates",
        "profiles",
        "resumes",
        "sources",
    ]
    profile = export["profiles"][0]
    assert (profile["name"], profile["email"], profile["phone"]) == (
        "Zed Target",
        "zed@example.com",
        "+442079460958",
    )
    assert profile["profile"]["experience"][0]["company"] == {"value": "Secret Corp"}
    assert [(m["job_id"], m["score"]) for m in export["matches"]] == [
        (str(job.id), 0.7)
    ]
    assert [(c["purpose"], c["granted"]) for c in export["consents"]] == [
        ("processing", True)
    ]
    assert [s["kind"] for s in export["sources"]] == ["manual"]
    assert [a["action"] for a in export["audit"]] == ["candidate.create"]
    assert await AuditEntry.filter(action="candidate.export").count() == 1


async def test_consents_are_appended_and_the_latest_counts(client):
    owner, target = await _owner_and_target()
    later = (datetime.now(UTC) + timedelta(days=365)).isoformat()
    candidate_id = gid("Candidate", target.id)

    def record(granted: bool, **extra):
        values = {
            "candidateId": candidate_id,
            "purpose": "MARKETING",
            "granted": granted,
            "source": "newsletter sign-up",
            **extra,
        }
        return gql(client, CONSENT_RECORD, {"input": values}, as_user=owner)

    granted = await record(True, validUntil=later)
    withdrawn = await record(False)
    listed = await gql(client, CONSENTS, {"id": candidate_id}, as_user=owner)

    assert granted["data"]["consentRecord"]["consent"]["inForce"] is True
    assert withdrawn["data"]["consentRecord"]["consent"]["inForce"] is False
    assert listed == {
        "data": {
            "candidateConsents": [
                {"purpose": "MARKETING", "granted": False, "inForce": False},
                {"purpose": "MARKETING", "granted": True, "inForce": True},
            ]
        }
    }
    actions = await AuditEntry.filter(entity_id=target.id).values_list("action")
    assert sorted(a for (a,) in actions) == [
        "candidate.create",
        "consent.grant",
        "consent.withdraw",
    ]


async def test_a_consent_without_source_or_with_a_past_validity_is_refused(client):
    owner, target = await _owner_and_target()
    past = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    values = {
        "candidateId": gid("Candidate", target.id),
        "purpose": "MATCHING",
        "granted": True,
        "source": "  ",
        "validUntil": past,
    }

    body = await gql(client, CONSENT_RECORD, {"input": values}, as_user=owner)

    assert body["data"]["consentRecord"] == {
        "consent": None,
        "userErrors": [
            {
                "field": ["input", "source"],
                "message": "Say where the consent came from in 1 to 300 characters"
                " (e.g. 'signed application form 2024-05').",
                "code": "INVALID_INPUT",
            },
            {
                "field": ["input", "validUntil"],
                "message": "validUntil must be in the future.",
                "code": "INVALID_INPUT",
            },
        ],
    }
    assert await Consent.all().count() == 0


async def test_blind_profile_holds_nothing_that_identifies_the_person(client):
    owner, target = await _owner_and_target()

    body = await gql(client, BLIND, {"id": gid("Candidate", target.id)}, as_user=owner)

    blind = body["data"]["candidate"]["blind"]
    assert blind == {
        "headline": "Staff engineer",
        "summary": "[redacted] [redacted] ([redacted], [redacted]) builds compilers;"
        " see [redacted]",
        "skills": ["Python", "Rust"],
        "yearsExperience": 5.5,
        "roles": [
            {"title": "Staff engineer", "months": 24},
            {"title": "Principal engineer", "months": None},
        ],
        "education": [{"level": "master", "field": "Computer science"}],
        "certifications": ["AWS Solutions Architect"],
        "languages": ["English", "German"],
    }
    text = str(blind)
    for secret in ("Zed", "zed@", "7946", "Secret Corp", "University", "2019"):
        assert secret not in text


async def test_audit_log_shows_who_read_a_candidate_and_with_which_key(client):
    owner, target = await _owner_and_target()
    admin = await make_user(Role.ADMIN)
    key, secret = await create_api_key(
        viewer_of(owner), name="CRM", scopes=frozenset({Scope.CANDIDATES_READ})
    )
    candidate_id = gid("Candidate", target.id)

    await gql(client, CANDIDATE, {"id": candidate_id}, as_user=owner)
    await gql(client, CANDIDATE, {"id": candidate_id}, api_key=secret)
    await gql(client, CANDIDATES, as_user=owner)  # lists are not audited per row
    page = await gql(
        client,
        AUDIT,
        {"filter": {"candidateId": candidate_id, "action": "candidate.read"}},
        as_user=admin,
    )

    entries = page["data"]["auditLog"]["entries"]
    assert [(e["actorId"], e["apiKeyId"]) for e in entries] == [
        (gid("User", owner.id), gid("ApiKey", key.id)),
        (gid("User", owner.id), None),
    ]
    assert {e["entityId"] for e in entries} == {str(target.id)}
    assert await AuditEntry.filter(action="candidate.read").count() == 2


async def test_audit_log_pages_and_filters_by_actor_and_time(client):
    owner, target = await _owner_and_target()
    admin = await make_user(Role.ADMIN)
    candidate_id = gid("Candidate", target.id)
    for _ in range(3):
        await gql(client, CANDIDATE, {"id": candidate_id}, as_user=owner)
    actor = {"actorId": gid("User", owner.id), "candidateId": candidate_id}
    soon = (datetime.now(UTC) + timedelta(minutes=5)).isoformat()

    first = await gql(client, AUDIT, {"filter": actor, "first": 3}, as_user=admin)
    cursor = first["data"]["auditLog"]["endCursor"]
    rest = await gql(
        client, AUDIT, {"filter": actor, "first": 3, "after": cursor}, as_user=admin
    )
    future = await gql(
        client, AUDIT, {"filter": {**actor, "from": soon}}, as_user=admin
    )

    assert [e["action"] for e in first["data"]["auditLog"]["entries"]] == [
        "candidate.read"
    ] * 3
    assert first["data"]["auditLog"]["hasNextPage"] is True
    assert [e["action"] for e in rest["data"]["auditLog"]["entries"]] == [
        "candidate.create"
    ]
    assert rest["data"]["auditLog"]["hasNextPage"] is False
    assert future["data"]["auditLog"]["entries"] == []


async def test_a_candidate_user_exports_their_own_profile(client):
    _, target = await _owner_and_target()
    person = await make_user(Role.CANDIDATE, email="zed@example.com")
    await Candidate.filter(id=target.id).update(user_id=person.id)

    body = await gql(
        client, EXPORT, {"id": gid("Candidate", target.id)}, as_user=person
    )

    export = body["data"]["candidateExport"]
    assert [p["email"] for p in export["profiles"]] == ["zed@example.com"]
    assert export["matches"] == []  # scores are for recruiters
