"""Through the real pipeline: a tier-2 duplicate is flagged, merged and unmerged
over GraphQL; a later resume follows the merge; a finished batch notifies."""

from strawberry import relay

from domain.jobs import BULK_QUEUE, HIGH_QUEUE
from domain.models import Candidate, CandidateDuplicate, Notification
from tests.factories import make_user
from tests.graphql import gql
from tests.samples.resumes import ADA, GRACE, text_resume
from tests.workers.test_resume_pipeline import BULK, SINGLE, _upload

# The same person with a work address and phone: no tier-1 key in common.
ADA_AT_WORK = ADA.replace("ada.lovelace@example.com", "a.lovelace@engines.example")
ADA_AT_WORK = ADA_AT_WORK.replace("+44 20 7946 0958", "+44 161 496 0000")

DUPLICATES = """query($id: ID!) { candidate(id: $id) {
  name possibleDuplicates { reason similarity candidate { id email } }
} }"""
MERGE = """mutation($kept: ID!, $other: ID!) {
  candidateMerge(input: {candidateId: $kept, duplicateId: $other}) {
    merge { id filledFields kept { email phone } } userErrors { code message }
  }
}"""
UNDO = """mutation($id: ID!) { candidateMergeUndo(input: {mergeId: $id}) {
  merge { undoneAt merged { email } } userErrors { code message } } }"""
NOTICES = """{ notifications(unreadOnly: true) {
  totalCount edges { node { kind message batch { total processed failed } } }
} }"""


async def _gql(client, user, query, variables):
    return await gql(client, query, variables, as_user=user)


async def test_a_look_alike_is_flagged_merged_and_unmerged(client, worker_factory):
    recruiter = await make_user()
    for name, text in (("ada.txt", ADA), ("ada-work.txt", ADA_AT_WORK)):
        await _upload(
            client, recruiter, SINGLE, [(name, text_resume(text))], many=False
        )
        assert await worker_factory(HIGH_QUEUE).run_check() == 1

    first, second = await Candidate.all().order_by("created_at")
    flag = await CandidateDuplicate.get()
    assert (flag.candidate_id, flag.duplicate_of_id) == (second.id, first.id)
    first_gid = relay.to_base64("Candidate", first.id)
    second_gid = relay.to_base64("Candidate", second.id)
    seen = await _gql(client, recruiter, DUPLICATES, {"id": first_gid})
    assert seen["data"]["candidate"] == {
        "name": "Ada Lovelace",
        "possibleDuplicates": [
            {
                "reason": "similar name and the same employer (analytical engines)",
                "similarity": 1.0,
                "candidate": {"id": second_gid, "email": "a.lovelace@engines.example"},
            }
        ],
    }

    merged = await _gql(
        client, recruiter, MERGE, {"kept": first_gid, "other": second_gid}
    )
    payload = merged["data"]["candidateMerge"]
    assert payload["userErrors"] == []
    assert payload["merge"]["filledFields"] == []  # Ada's profile had it all
    assert payload["merge"]["kept"] == {
        "email": "ada.lovelace@example.com",
        "phone": "+442079460958",
    }

    # A later resume with the work address reaches the kept profile.
    newer = ADA_AT_WORK.replace("London, United Kingdom", "Cambridge, UK")
    await _upload(
        client, recruiter, SINGLE, [("ada-2.txt", text_resume(newer))], many=False
    )
    assert await worker_factory(HIGH_QUEUE).run_check() == 1
    assert await Candidate.all().count() == 2
    kept = await Candidate.get(id=first.id)
    assert (kept.location, kept.email) == ("Cambridge, UK", "ada.lovelace@example.com")

    undone = await _gql(client, recruiter, UNDO, {"id": payload["merge"]["id"]})
    assert undone["data"]["candidateMergeUndo"]["userErrors"] == []
    assert undone["data"]["candidateMergeUndo"]["merge"]["merged"] == {
        "email": "a.lovelace@engines.example"
    }


async def test_a_finished_batch_notifies_the_uploader_once(client, worker_factory):
    recruiter = await make_user()
    files = [("ada.txt", text_resume()), ("grace.txt", text_resume(GRACE))]
    await _upload(client, recruiter, BULK, files, many=True)
    assert await Notification.all().count() == 0
    assert await worker_factory(BULK_QUEUE).run_check() == 2

    body = await _gql(client, recruiter, NOTICES, {})
    assert body["data"]["notifications"] == {
        "totalCount": 1,
        "edges": [
            {
                "node": {
                    "kind": "BATCH_FINISHED",
                    "message": "Import finished: 2 of 2 resumes parsed.",
                    "batch": {"total": 2, "processed": 2, "failed": 0},
                }
            }
        ],
    }
    other = await make_user()
    assert (await _gql(client, other, NOTICES, {}))["data"]["notifications"][
        "totalCount"
    ] == 0
