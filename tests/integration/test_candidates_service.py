"""Candidate services on real PostgreSQL: validation, dedupe, scope and audit."""

import pytest

from domain.access import Viewer
from domain.candidates.fields import CandidateInput, CandidatePatch
from domain.candidates.service import (
    CandidateFilter,
    create_candidate,
    delete_candidate,
    list_candidates,
    update_candidate,
)
from domain.errors import Conflict, ErrorCode, InvalidInput, NotFound
from domain.models import AuditEntry, Candidate, Role
from domain.pools import default_pool, grant_pool
from tests.factories import make_candidate, make_pool, make_user, viewer_of


async def test_create_normalises_email_phone_and_skills(db):
    owner = await make_user()
    candidate = await create_candidate(
        viewer_of(owner),
        CandidateInput(
            name="  Ada Lovelace ",
            email=" Ada@Example.COM ",
            phone="+44 20 7946 0958",
            skills=["Python", " python ", "Python", "SQL", ""],
        ),
    )
    assert (candidate.name, candidate.email, candidate.phone) == (
        "Ada Lovelace",
        "ada@example.com",
        "+442079460958",
    )
    assert candidate.skills == ["Python", "python", "SQL"]
    assert candidate.pool_id == (await default_pool(viewer_of(owner))).id
    entry = await AuditEntry.get(entity_id=candidate.id)
    assert (entry.action, entry.actor_id) == ("candidate.create", owner.id)


async def test_create_reports_every_invalid_field_at_once(db):
    owner = await make_user()
    with pytest.raises(InvalidInput) as raised:
        await create_candidate(
            viewer_of(owner), CandidateInput(name=" ", email="not-an-email", phone="12")
        )
    assert [(p.field, p.code) for p in raised.value.problems] == [
        ("name", ErrorCode.INVALID_INPUT),
        ("email", ErrorCode.INVALID_INPUT),
        ("phone", ErrorCode.INVALID_INPUT),
    ]
    assert await Candidate.all().count() == 0


async def test_same_email_twice_in_one_pool_is_a_duplicate(db):
    pool = await make_pool()
    await make_candidate(pool, email="ada@example.com")
    with pytest.raises(Conflict) as raised:
        await make_candidate(pool, email="ADA@example.com")
    assert raised.value.code is ErrorCode.DUPLICATE_CANDIDATE
    assert raised.value.message == (
        "A candidate with e-mail ada@example.com is already in this pool."
    )
    await make_candidate(
        await make_pool(), email="ada@example.com"
    )  # another pool: fine
    assert await Candidate.filter(email="ada@example.com").count() == 2


async def test_granted_recruiter_sees_and_edits_the_shared_pool(db):
    owner, colleague = await make_user(), await make_user()
    pool = await make_pool(owner)
    candidate = await make_candidate(pool, name="Grace")
    assert await list_candidates(viewer_of(colleague), CandidateFilter()).count() == 0

    await grant_pool(viewer_of(owner), pool_id=pool.id, email=colleague.email)
    visible = await list_candidates(viewer_of(colleague), CandidateFilter())
    assert [c.name for c in visible] == ["Grace"]
    updated = await update_candidate(
        viewer_of(colleague), candidate.id, CandidatePatch(headline="Admiral")
    )
    assert updated.headline == "Admiral"


async def test_filters_by_search_and_all_given_skills(db):
    pool = await make_pool()
    await make_candidate(pool, name="Ada", skills=["Python", "SQL"])
    await make_candidate(pool, name="Bea", skills=["Python"])
    await make_candidate(pool, name="Cy", headline="SQL wizard", skills=["SQL"])
    viewer = Viewer(role=Role.ADMIN, user_id=pool.owner_id)
    by_skills = list_candidates(viewer, CandidateFilter(skills=("Python", "SQL")))
    assert [c.name for c in await by_skills] == ["Ada"]
    by_search = list_candidates(viewer, CandidateFilter(search="sql"))
    assert [c.name for c in await by_search] == ["Cy"]


async def test_patch_changes_only_given_fields_and_none_clears(db):
    candidate = await make_candidate(phone="+1 212 555 0187", location="NYC")
    owner_viewer = Viewer(user_id=(await candidate.pool).owner_id, role=Role.RECRUITER)
    updated = await update_candidate(
        owner_viewer, candidate.id, CandidatePatch(location=None, skills=["Go"])
    )
    assert (updated.phone, updated.location, updated.skills) == (
        "+12125550187",
        None,
        ["Go"],
    )


async def test_delete_by_a_stranger_is_not_found_and_deletes_nothing(db):
    candidate = await make_candidate()
    stranger = await make_user()
    with pytest.raises(NotFound):
        await delete_candidate(viewer_of(stranger), candidate.id)
    assert await Candidate.filter(id=candidate.id).exists()
