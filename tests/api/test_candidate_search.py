"""Full-text candidate search through GraphQL: ranking, web-search syntax, the
profile filters, paging by relevance, and scoping to the viewer's pools."""

from datetime import UTC, datetime, timedelta

from strawberry.relay import to_base64

from domain.candidates import search_page
from domain.models import Candidate
from tests.factories import make_candidate, make_pool, make_user
from tests.graphql import gql

SEARCH = """
query($filter: CandidateFilter, $first: Int!, $after: String) {
  candidates(first: $first, after: $after, filter: $filter) {
    totalCount
    totalCountIsEstimate
    pageInfo { hasNextPage endCursor }
    edges { node { name } }
  }
}
"""

UPDATE = """
mutation($input: CandidateUpdateInput!) {
  candidateUpdate(input: $input) { userErrors { code } }
}
"""


async def _names(client, user, first=20, after=None, **filters):
    body = await gql(
        client,
        SEARCH,
        {"filter": filters, "first": first, "after": after},
        as_user=user,
    )
    assert "errors" not in body, body
    page = body["data"]["candidates"]
    return [e["node"]["name"] for e in page["edges"]], page


async def _with_resume(candidate: Candidate, text: str, **profile) -> None:
    candidate.resume_text = text
    candidate.profile = profile
    await candidate.save(update_fields=["resume_text", "profile"])


async def _team(recruiter):
    pool = await make_pool(recruiter, name="Engineering")
    ada = await make_candidate(
        pool, name="Ada", headline="Senior Python engineer", skills=["Python"]
    )
    await _with_resume(ada, "Built machine learning pipelines on Kubernetes.")
    bea = await make_candidate(pool, name="Bea", headline="Java developer")
    await _with_resume(bea, "Some Python scripts; learning to run a machine shop.")
    cleo = await make_candidate(pool, name="Cleo", headline="Designer")
    await _with_resume(cleo, "Figma and user research.")
    return pool, ada, bea, cleo


async def test_query_finds_stemmed_words_best_first_and_never_other_pools(client):
    recruiter = await make_user()
    await _team(recruiter)
    outsider = await make_candidate(name="Zed", headline="Python engineer")
    await _with_resume(outsider, "Python engineers everywhere")

    names, page = await _names(client, recruiter, query="python engineers")
    assert names == ["Ada"]  # Bea has Python but not engineer
    assert page["totalCount"] == 1
    names, page = await _names(client, recruiter, query="python")
    assert names == ["Ada", "Bea"]  # headline and skills outrank resume text
    assert page["totalCountIsEstimate"] is False


async def test_query_understands_phrases_or_and_exclusion(client):
    recruiter = await make_user()
    await _team(recruiter)

    assert (await _names(client, recruiter, query='"machine learning"'))[0] == ["Ada"]
    assert (await _names(client, recruiter, query="machine learning"))[0] == [
        "Ada",
        "Bea",
    ]
    names, _ = await _names(client, recruiter, query="figma or kubernetes")
    assert sorted(names) == ["Ada", "Cleo"]
    assert (await _names(client, recruiter, query="python -java"))[0] == ["Ada"]
    assert (await _names(client, recruiter, query="   "))[1]["totalCount"] == 3


async def test_relevance_pages_follow_on_without_repeats(client):
    recruiter = await make_user()
    pool = await make_pool(recruiter)
    for n in range(5):
        row = await make_candidate(pool, name=f"P{n}")
        await _with_resume(row, "python " * (n + 1) + "filler words here")

    first, page = await _names(client, recruiter, first=2, query="python")
    rest, last = await _names(
        client,
        recruiter,
        first=10,
        after=page["pageInfo"]["endCursor"],
        query="python",
    )
    assert first + rest == ["P4", "P3", "P2", "P1", "P0"]
    assert last["pageInfo"]["hasNextPage"] is False


async def test_an_edit_is_searchable_at_once(client):
    recruiter = await make_user()
    _, _, _, cleo = await _team(recruiter)
    assert (await _names(client, recruiter, query="rust"))[0] == []

    body = await gql(
        client,
        UPDATE,
        {
            "input": {
                "id": to_base64("Candidate", cleo.id),
                "headline": "Rust developer",
            }
        },
        as_user=recruiter,
    )
    assert body["data"]["candidateUpdate"]["userErrors"] == []
    assert (await _names(client, recruiter, query="rust"))[0] == ["Cleo"]


async def test_profile_filters_narrow_the_list(client):
    recruiter = await make_user()
    pool = await make_pool(recruiter)
    ada = await make_candidate(pool, name="Ada", location="London, UK")
    await _with_resume(ada, "", education=[{"level": "master"}])
    ada.years_experience = 8
    await ada.save(update_fields=["years_experience"])
    bea = await make_candidate(pool, name="Bea", location="Leeds")
    await _with_resume(bea, "", education=[{"level": "bachelor"}])
    bea.years_experience = 3
    await bea.save(update_fields=["years_experience"])
    await make_candidate(pool, name="Cleo")

    assert (await _names(client, recruiter, minYearsExperience=5))[0] == ["Ada"]
    assert (await _names(client, recruiter, location="london"))[0] == ["Ada"]
    bachelor_up = (await _names(client, recruiter, educationLevel="BACHELOR"))[0]
    assert sorted(bachelor_up) == ["Ada", "Bea"]
    assert (await _names(client, recruiter, educationLevel="DOCTORATE"))[0] == []
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    assert (await _names(client, recruiter, updatedSince=future))[0] == []
    past = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    assert (await _names(client, recruiter, updatedSince=past))[1]["totalCount"] == 3


async def test_a_long_query_is_refused_with_its_reason(client):
    recruiter = await make_user()
    body = await gql(
        client,
        SEARCH,
        {"filter": {"query": "x" * 501}, "first": 5},
        as_user=recruiter,
    )
    assert body["data"] is None
    assert "at most 500 characters" in body["errors"][0]["message"]


async def test_a_count_beyond_the_window_says_it_is_an_estimate(client, monkeypatch):
    monkeypatch.setattr(search_page, "WINDOW", 1)
    monkeypatch.setattr(search_page, "SORTED_UP_TO", 0)
    recruiter = await make_user()
    await _team(recruiter)

    names, page = await _names(client, recruiter, query="machine")
    assert names == ["Bea"]  # the newest match: the window holds one
    assert page["totalCountIsEstimate"] is True
    assert page["totalCount"] >= 2
    _, page = await _names(client, recruiter, query="figma")
    assert (page["totalCount"], page["totalCountIsEstimate"]) == (1, False)
