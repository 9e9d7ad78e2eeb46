"""Erasure and merges on real PostgreSQL: the same person across merged profiles."""

import pytest

from domain.candidates.merges import merge_candidates, undo_merge
from domain.errors import NotFound
from domain.intake.storage import FileStore
from domain.models import Candidate
from domain.privacy.erase import erase_candidate
from tests.factories import make_candidate, make_pool, make_user, viewer_of


async def _merged_pair():
    """(owner's viewer, kept, twin, the merge, a stranger's viewer)"""
    owner = await make_user()
    pool = await make_pool(owner)
    kept = await make_candidate(pool, name="Ada Lovelace", email="ada@example.com")
    twin = await make_candidate(pool, name="Ada King", phone="+442079460958")
    viewer = viewer_of(owner)
    merge = await merge_candidates(viewer, kept_id=kept.id, merged_id=twin.id)
    return viewer, kept, twin, merge, viewer_of(await make_user())


async def test_erasing_a_merged_profile_erases_the_person_it_was_merged_into(
    db, tmp_path
):
    viewer, kept, twin, _, _ = await _merged_pair()

    erased = await erase_candidate(viewer, twin.id, store=FileStore(tmp_path))

    assert erased.candidate.id == kept.id
    assert set(erased.candidate_ids) == {kept.id, twin.id}
    rows = await Candidate.filter(id__in=[kept.id, twin.id])
    assert {(r.name, r.email, r.phone) for r in rows} == {
        ("Erased candidate", None, None)
    }


async def test_an_erased_profiles_merge_cannot_be_undone(db, tmp_path):
    viewer, kept, _, merge, _ = await _merged_pair()
    await erase_candidate(viewer, kept.id, store=FileStore(tmp_path))

    with pytest.raises(NotFound):
        await undo_merge(viewer, merge.id)


async def test_a_recruiter_without_the_pool_cannot_erase(db, tmp_path):
    _, kept, _, _, stranger = await _merged_pair()

    with pytest.raises(NotFound) as error:
        await erase_candidate(stranger, kept.id, store=FileStore(tmp_path))

    assert error.value.message == "No such candidate, or you may not erase it."
    assert (await Candidate.get(id=kept.id)).name == "Ada Lovelace"
