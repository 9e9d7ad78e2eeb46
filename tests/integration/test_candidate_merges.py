"""Merging duplicate candidates and undoing it, on real PostgreSQL."""

import pytest

from domain.access import Viewer
from domain.candidates.fields import CandidatePatch
from domain.candidates.merges import (
    dismiss_duplicate,
    flag_possible_duplicates,
    merge_candidates,
    undo_merge,
)
from domain.candidates.service import (
    delete_candidate,
    get_candidate,
    update_candidate,
)
from domain.errors import Conflict, ErrorCode, InvalidInput, NotFound
from domain.models import (
    AuditEntry,
    Candidate,
    CandidateDuplicate,
    CandidateSource,
    DuplicateStatus,
)
from tests.factories import make_candidate, make_pool, make_user, viewer_of


def _worked_at(*companies: str) -> dict:
    return {"experience": [{"company": {"value": c}} for c in companies]}


async def _pair(**kept_values):
    owner = await make_user()
    pool = await make_pool(owner)
    kept = await make_candidate(
        pool, name="Ada Lovelace", email="ada@example.com", **kept_values
    )
    twin = await make_candidate(
        pool,
        name="Ada Lovelace",
        email="ada@work.example",
        phone="+442079460958",
        headline="Engine programmer",
        skills=["Python", "Analysis"],
    )
    return viewer_of(owner), kept, twin


async def test_a_new_profile_like_an_older_one_is_flagged_once(db):
    pool = await make_pool()
    older = await make_candidate(pool, name="Grace Hopper")
    other = await make_candidate(pool, name="Grace Hopper")
    await Candidate.filter(id=older.id).update(profile=_worked_at("Compilers Inc"))
    await Candidate.filter(id=other.id).update(profile=_worked_at("Navy"))
    newer = await make_candidate(pool, name="Hopper, Grace")
    await Candidate.filter(id=newer.id).update(profile=_worked_at("Compilers, Inc."))
    newer = await Candidate.get(id=newer.id)

    flags = await flag_possible_duplicates(newer)
    again = await flag_possible_duplicates(newer)

    assert [(f.duplicate_of_id, f.reason) for f in flags] == [
        (older.id, "similar name and the same employer (compilers)")
    ]
    assert [f.id for f in again] == [flags[0].id]
    assert await CandidateDuplicate.all().count() == 1


async def test_merge_fills_empty_fields_moves_sources_and_hides_the_other(db):
    viewer, kept, twin = await _pair(skills=["Python"])
    flag = await CandidateDuplicate.create(
        candidate_id=twin.id, duplicate_of_id=kept.id, reason="r", similarity=1.0
    )

    merge = await merge_candidates(viewer, kept_id=kept.id, merged_id=twin.id)

    kept = await Candidate.get(id=kept.id)
    assert (kept.email, kept.phone, kept.headline, kept.skills) == (
        "ada@example.com",
        "+442079460958",
        "Engine programmer",
        ["Python", "Analysis"],
    )
    sources = await CandidateSource.filter(candidate_id=kept.id).count()
    assert sources == 2
    hidden = await Candidate.get(id=twin.id)
    assert (hidden.merged_into_id, hidden.email) == (kept.id, "ada@work.example")
    with pytest.raises(NotFound):
        await get_candidate(viewer, twin.id)
    assert (await CandidateDuplicate.get(id=flag.id)).status is DuplicateStatus.MERGED
    assert sorted(merge.kept_before) == ["headline", "phone", "skills"]
    actions = await AuditEntry.filter(entity_id=kept.id).values_list(
        "action", flat=True
    )
    assert "candidate.merge" in actions


async def test_an_email_moves_to_a_kept_profile_without_one_and_back_on_undo(db):
    owner = await make_user()
    pool = await make_pool(owner)
    kept = await make_candidate(pool, name="Ada Lovelace", email=None)
    twin = await make_candidate(pool, name="Ada Lovelace", email="ada@example.com")
    viewer = viewer_of(owner)

    merge = await merge_candidates(viewer, kept_id=kept.id, merged_id=twin.id)
    assert (await Candidate.get(id=kept.id)).email == "ada@example.com"
    assert (await Candidate.get(id=twin.id)).email is None

    await undo_merge(viewer, merge.id)
    assert (await Candidate.get(id=kept.id)).email is None
    assert (await Candidate.get(id=twin.id)).email == "ada@example.com"


async def test_undo_restores_both_profiles_but_keeps_later_hand_edits(db):
    viewer, kept, twin = await _pair()
    await CandidateDuplicate.create(
        candidate_id=twin.id, duplicate_of_id=kept.id, reason="r", similarity=1.0
    )
    merge = await merge_candidates(viewer, kept_id=kept.id, merged_id=twin.id)
    await update_candidate(viewer, kept.id, CandidatePatch(headline="Countess"))

    undone = await undo_merge(viewer, merge.id)

    kept = await Candidate.get(id=kept.id)
    assert (kept.phone, kept.headline, kept.skills) == (None, "Countess", [])
    back = await get_candidate(viewer, twin.id)
    assert (back.merged_into_id, back.phone) == (None, "+442079460958")
    assert await CandidateSource.filter(candidate_id=twin.id).count() == 1
    assert await CandidateSource.filter(candidate_id=kept.id).count() == 1
    flag = await CandidateDuplicate.get(candidate_id=twin.id)
    assert flag.status is DuplicateStatus.OPEN
    assert undone.undone_at is not None
    with pytest.raises(Conflict) as raised:
        await undo_merge(viewer, merge.id)
    assert raised.value.message == "This merge was already undone."


async def test_merging_a_profile_with_itself_is_refused(db):
    viewer, kept, _ = await _pair()
    with pytest.raises(InvalidInput) as raised:
        await merge_candidates(viewer, kept_id=kept.id, merged_id=kept.id)
    assert [p.message for p in raised.value.problems] == [
        "Choose two different candidates to merge."
    ]


async def test_a_merged_profile_cannot_be_merged_again(db):
    viewer, kept, twin = await _pair()
    await merge_candidates(viewer, kept_id=kept.id, merged_id=twin.id)
    with pytest.raises(NotFound) as raised:
        await merge_candidates(viewer, kept_id=kept.id, merged_id=twin.id)
    assert raised.value.field == "duplicateId"


async def test_candidates_of_two_pools_of_one_recruiter_cannot_be_merged(db):
    owner = await make_user()
    first = await make_candidate(await make_pool(owner), name="Ada Lovelace")
    second = await make_candidate(await make_pool(owner), name="Ada Lovelace")
    with pytest.raises(Conflict) as raised:
        await merge_candidates(viewer_of(owner), kept_id=first.id, merged_id=second.id)
    assert raised.value.code is ErrorCode.CONFLICT
    assert raised.value.field == "duplicateId"


async def test_deleting_the_kept_profile_deletes_the_merged_one_too(db):
    viewer, kept, twin = await _pair()
    await merge_candidates(viewer, kept_id=kept.id, merged_id=twin.id)
    await delete_candidate(viewer, kept.id)
    assert await Candidate.filter(id__in=[kept.id, twin.id]).count() == 0


async def test_a_dismissed_pair_is_no_longer_open(db):
    viewer, kept, twin = await _pair()
    flag = await CandidateDuplicate.create(
        candidate_id=twin.id, duplicate_of_id=kept.id, reason="r", similarity=1.0
    )
    await dismiss_duplicate(viewer, candidate_id=kept.id, duplicate_id=twin.id)
    dismissed = await CandidateDuplicate.get(id=flag.id)
    assert (dismissed.status, dismissed.resolved_by_id) == (
        DuplicateStatus.DISMISSED,
        viewer.user_id,
    )


async def test_another_recruiter_can_neither_merge_nor_undo(db):
    viewer, kept, twin = await _pair()
    stranger = viewer_of(await make_user())
    with pytest.raises(NotFound):
        await merge_candidates(stranger, kept_id=kept.id, merged_id=twin.id)
    merge = await merge_candidates(viewer, kept_id=kept.id, merged_id=twin.id)
    with pytest.raises(NotFound):
        await undo_merge(stranger, merge.id)
    with pytest.raises(NotFound):
        await undo_merge(Viewer.anonymous(), merge.id)
