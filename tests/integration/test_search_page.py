"""Full-text search pages on real PostgreSQL (domain.candidates.search_page):
the phrase word pairs, the ranked window of the newest matches, the capped
count, and the pool-first scope, each with the exact rows expected."""

from datetime import UTC, datetime, timedelta

import pytest
from tortoise import connections

from domain.candidates import search_page
from domain.candidates.service import CandidateFilter, CandidateOrder, page_candidates
from domain.models import Candidate, Role
from domain.pools import grant_pool
from tests.factories import make_candidate, make_pool, make_user, viewer_of

DAY_ONE = datetime(2026, 1, 1, tzinfo=UTC)


async def _pool_with(owner, texts: list[str]) -> list[Candidate]:
    """Candidates C0, C1, ... with these resume texts, C0 the oldest."""
    pool = await make_pool(owner)
    found = []
    for i, text in enumerate(texts):
        candidate = await make_candidate(pool, name=f"C{i}", headline="Person")
        await Candidate.filter(id=candidate.id).update(
            resume_text=text, created_at=DAY_ONE + timedelta(days=i)
        )
        found.append(candidate)
    return found


async def _search(viewer, text, *, first=20, after=None, order=None):
    page = await page_candidates(
        viewer, CandidateFilter(query=text), order, first=first, after=after
    )
    return [c.name for c in page.items], page


async def test_phrase_pairs_are_stored_and_narrow_without_changing_matches(db):
    owner = await make_user()
    rows = await _pool_with(
        owner,
        [
            "Python developer for ten years.",
            "Developer of Python tools.",
            "Python and developer skills.",  # a stop word between: no phrase
            "Senior Python developers wanted.",
            "Java developer.",
        ],
    )
    stored = await connections.get("default").execute_query_dict(
        "SELECT search_bigrams::text AS pairs FROM candidates WHERE id = $1",
        [str(rows[0].id)],
    )
    assert "'python develop'" in stored[0]["pairs"]
    viewer = viewer_of(owner)

    names, page = await _search(viewer, '"python developer"')
    assert sorted(names) == ["C0", "C3"]
    assert (page.total_count, page.total_count_is_estimate) == (2, False)
    assert (await _search(viewer, '"python developer" -senior'))[0] == ["C0"]
    names, _ = await _search(viewer, '"python developer" or java')
    assert sorted(names) == ["C0", "C3", "C4"]
    names, _ = await _search(viewer, "python developer")
    assert sorted(names) == ["C0", "C1", "C2", "C3"]


async def test_relevance_ranks_the_newest_window_and_pages_through_it(db, monkeypatch):
    monkeypatch.setattr(search_page, "WINDOW", 2)
    owner = await make_user()
    await _pool_with(
        owner,
        [
            "rust rust rust rust",  # the best match, but the oldest
            "rust",
            "rust rust",
            "rust rust rust",
            "go",
        ],
    )
    viewer = viewer_of(owner)

    names, page = await _search(viewer, "rust")
    assert names == ["C3", "C2"]  # the newest two matches, best first
    # Four matches: more than the window, but few enough to count exactly.
    assert (page.total_count, page.total_count_is_estimate) == (4, False)
    first, page = await _search(viewer, "rust", first=1)
    assert (first, page.has_next_page) == (["C3"], True)
    second, page = await _search(viewer, "rust", first=1, after=page.cursors[-1])
    assert (second, page.has_next_page) == (["C2"], False)
    # Other orders are not windowed: every match, in that order.
    names, _ = await _search(viewer, "rust", order=CandidateOrder.NAME_ASC)
    assert names == ["C0", "C1", "C2", "C3"]


async def test_beyond_what_is_read_whole_the_count_is_an_estimate(db, monkeypatch):
    monkeypatch.setattr(search_page, "WINDOW", 2)
    monkeypatch.setattr(search_page, "SORTED_UP_TO", 0)
    owner = await make_user()
    await _pool_with(owner, ["rust rust rust rust", "rust", "rust rust", "go"])

    names, page = await _search(viewer_of(owner), "rust")
    # The same window, reached by walking the created_at index this time.
    assert names == ["C2", "C1"]
    assert page.total_count_is_estimate
    assert page.total_count >= 3  # never below what was counted


async def test_few_matches_are_all_ranked_whichever_way_they_are_found(db, monkeypatch):
    owner = await make_user()
    await _pool_with(owner, ["rust rust rust", "rust", "rust rust", "go"])
    viewer = viewer_of(owner)
    expected = (["C0", "C2", "C1"], 3, False)

    names, page = await _search(viewer, "rust")  # counted and sorted at once
    assert (names, page.total_count, page.total_count_is_estimate) == expected
    monkeypatch.setattr(search_page, "SORTED_UP_TO", 0)  # first 1,001 fetched
    names, page = await _search(viewer, "rust")
    assert (names, page.total_count, page.total_count_is_estimate) == expected


@pytest.mark.parametrize("role", [Role.RECRUITER, Role.ADMIN])
async def test_the_scope_is_the_viewers_pools_own_and_granted(db, role):
    owner = await make_user()
    colleague = await make_user(role)
    [shared] = await _pool_with(owner, ["kotlin engineer"])
    [own] = await _pool_with(colleague, ["kotlin engineer"])
    stranger = await make_user()
    await _pool_with(stranger, ["kotlin engineer"])
    viewer = viewer_of(colleague)

    names, page = await _search(viewer, "kotlin")
    if role is Role.ADMIN:
        assert (sorted(names), page.total_count) == (["C0", "C0", "C0"], 3)
        return
    assert [c.id for c in page.items] == [own.id]
    await grant_pool(viewer_of(owner), pool_id=shared.pool_id, email=colleague.email)
    _, page = await _search(viewer, "kotlin")
    assert {c.id for c in page.items} == {own.id, shared.id}
    assert page.total_count == 2
