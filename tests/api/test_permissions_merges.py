"""Authorization of duplicate merging and notifications, for every kind of caller."""

from typing import Any

import pytest

from domain.access import Scope
from domain.candidates.merges import merge_candidates
from domain.models import (
    Candidate,
    CandidateDuplicate,
    CandidateMerge,
    DuplicateStatus,
    Notification,
    NotificationKind,
)
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
from tests.factories import make_candidate, viewer_of

ERRORS = "userErrors { field message code }"
MERGE = f"""
mutation($input: CandidateMergeInput!) {{
  candidateMerge(input: $input) {{
    merge {{ filledFields kept {{ name phone }} merged {{ name }} }}
    {ERRORS}
  }}
}}
"""
MERGE_UNDO = f"""
mutation($input: CandidateMergeUndoInput!) {{
  candidateMergeUndo(input: $input) {{
    merge {{ kept {{ phone }} merged {{ name phone }} }}
    {ERRORS}
  }}
}}
"""
DISMISS = f"""
mutation($input: CandidateDuplicateDismissInput!) {{
  candidateDuplicateDismiss(input: $input) {{
    candidate {{ name possibleDuplicates {{ reason }} }}
    {ERRORS}
  }}
}}
"""
NOTIFICATIONS = """
{ notifications { totalCount edges { node { kind message readAt } } } }
"""
MARK_READ = f"""
mutation($input: NotificationsMarkReadInput!) {{
  notificationsMarkRead(input: $input) {{ markedCount {ERRORS} }}
}}
"""


def _no_candidate(field: str) -> Rejected:
    return Rejected(
        "NOT_FOUND", "No such candidate, or you may not change it.", ["input", field]
    )


NO_SUCH_MERGE = Rejected(
    "NOT_FOUND",
    "No such merge, or you may not change it. If the kept candidate was merged"
    " again since, undo that merge first.",
    ["input", "mergeId"],
)
MERGE_WRITE_CASES = cases(  # on the target and its duplicate in the secret pool
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NOT_RECRUITER),
    (Caller.OTHER, _no_candidate("candidateId")),
    (Caller.OWNER, DONE),
    (Caller.GRANTED, DONE),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.CANDIDATES_WRITE)),
    (Caller.KEY_WITH_SCOPE, DONE),
    (Caller.ADMIN, DONE),
)
UNDO_CASES = cases(
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, NOT_RECRUITER),
    (Caller.OTHER, NO_SUCH_MERGE),
    (Caller.OWNER, DONE),
    (Caller.GRANTED, DONE),
    (Caller.KEY_WITHOUT_SCOPE, lacks(Scope.CANDIDATES_WRITE)),
    (Caller.KEY_WITH_SCOPE, DONE),
    (Caller.ADMIN, DONE),
)
# Notifications are personal: everyone signed in reads and marks only their own
# (a key acts as its owner); the number is how many of the owner's they reach.
NOTIFICATION_CASES = cases(
    (Caller.ANONYMOUS, SIGN_IN),
    (Caller.CANDIDATE, 0),
    (Caller.OTHER, 0),
    (Caller.OWNER, 1),
    (Caller.GRANTED, 0),
    (Caller.API_KEY, 1),
    (Caller.ADMIN, 0),
)

MERGE_MUTATION_MATRIX = {
    "candidateMerge": MERGE_WRITE_CASES,
    "candidateMergeUndo": UNDO_CASES,
    "candidateDuplicateDismiss": MERGE_WRITE_CASES,
    "notificationsMarkRead": NOTIFICATION_CASES,
}
MERGE_QUERY_MATRIX = {"notifications": NOTIFICATION_CASES}


async def _duplicate(world: World) -> tuple[Candidate, CandidateDuplicate]:
    twin = await make_candidate(
        world.pool, name="Zed Targett", email="zed.t@example.com", phone="+14155550100"
    )
    flag = await CandidateDuplicate.create(
        candidate_id=twin.id,
        duplicate_of_id=world.target.id,
        reason="similar name and the same employer (acme)",
        similarity=0.95,
    )
    return twin, flag


def _readable(caller: Caller, candidate: dict[str, Any]) -> dict[str, Any] | None:
    """A write-only key may change candidates but not read them back."""
    return None if caller is Caller.KEY_WITH_SCOPE else candidate


def _pair(world: World, twin: Candidate) -> dict[str, Any]:
    return {
        "input": {
            "candidateId": gid("Candidate", world.target.id),
            "duplicateId": gid("Candidate", twin.id),
        }
    }


@pytest.mark.parametrize(("caller", "expected"), MERGE_WRITE_CASES)
async def test_candidate_merge_needs_write_access_to_both(client, caller, expected):
    world = await build_world()
    twin, flag = await _duplicate(world)
    body, before = await call(
        client, world, caller, MERGE, _pair(world, twin), scope=Scope.CANDIDATES_WRITE
    )
    if await assert_refused(body, "candidateMerge", expected, world, before):
        return
    kept = {"name": "Zed Target", "phone": "+14155550100"}
    merge = {
        "filledFields": ["phone"],
        "kept": _readable(caller, kept),
        "merged": None,  # hidden while merged
    }
    assert body == {"data": {"candidateMerge": {"merge": merge, "userErrors": []}}}
    saved = await Candidate.get(id=twin.id)
    assert saved.merged_into_id == world.target.id
    assert (await CandidateDuplicate.get(id=flag.id)).status is DuplicateStatus.MERGED


@pytest.mark.parametrize(("caller", "expected"), UNDO_CASES)
async def test_candidate_merge_undo_needs_write_access(client, caller, expected):
    world = await build_world()
    twin, _ = await _duplicate(world)
    merge = await merge_candidates(
        viewer_of(world.owner), kept_id=world.target.id, merged_id=twin.id
    )
    variables = {"input": {"mergeId": gid("CandidateMerge", merge.id)}}
    body, before = await call(
        client, world, caller, MERGE_UNDO, variables, scope=Scope.CANDIDATES_WRITE
    )
    if await assert_refused(body, "candidateMergeUndo", expected, world, before):
        return
    undone = {
        "kept": _readable(caller, {"phone": None}),
        "merged": _readable(caller, {"name": "Zed Targett", "phone": "+14155550100"}),
    }
    assert body == {"data": {"candidateMergeUndo": {"merge": undone, "userErrors": []}}}
    assert (await CandidateMerge.get(id=merge.id)).undone_at is not None


@pytest.mark.parametrize(("caller", "expected"), MERGE_WRITE_CASES)
async def test_candidate_duplicate_dismiss_needs_write_access(client, caller, expected):
    world = await build_world()
    twin, flag = await _duplicate(world)
    body, before = await call(
        client, world, caller, DISMISS, _pair(world, twin), scope=Scope.CANDIDATES_WRITE
    )
    if await assert_refused(body, "candidateDuplicateDismiss", expected, world, before):
        return
    candidate = {"name": "Zed Target", "possibleDuplicates": []}
    assert body == {
        "data": {
            "candidateDuplicateDismiss": {"candidate": candidate, "userErrors": []}
        }
    }
    dismissed = await CandidateDuplicate.get(id=flag.id)
    assert dismissed.status is DuplicateStatus.DISMISSED


async def _notice(world: World) -> Notification:
    return await Notification.create(
        user_id=world.owner.id,
        kind=NotificationKind.BATCH_FINISHED,
        subject_id=world.pool.id,
        message="Import finished: 3 of 3 resumes parsed.",
    )


@pytest.mark.parametrize(("caller", "expected"), NOTIFICATION_CASES)
async def test_notifications_are_only_your_own(client, caller, expected):
    world = await build_world()
    await _notice(world)
    body, before = await call(client, world, caller, NOTIFICATIONS)
    if await assert_refused(body, "notifications", expected, world, before):
        return
    node = {
        "kind": "BATCH_FINISHED",
        "message": "Import finished: 3 of 3 resumes parsed.",
        "readAt": None,
    }
    edges = [{"node": node}] * expected
    assert body == {"data": {"notifications": {"totalCount": expected, "edges": edges}}}


@pytest.mark.parametrize(("caller", "expected"), NOTIFICATION_CASES)
async def test_notifications_mark_read_marks_only_your_own(client, caller, expected):
    world = await build_world()
    notice = await _notice(world)
    body, before = await call(client, world, caller, MARK_READ, {"input": {}})
    if await assert_refused(body, "notificationsMarkRead", expected, world, before):
        return
    assert body == {
        "data": {"notificationsMarkRead": {"markedCount": expected, "userErrors": []}}
    }
    read_at = (await Notification.get(id=notice.id)).read_at
    assert (read_at is not None) == (expected == 1)
