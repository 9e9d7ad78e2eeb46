"""`candidateSearch`: embeddings fused with full text, scoped to the viewer."""

from domain.matching.service import refresh_candidate_matches
from tests.factories import make_candidate, make_pool, make_user
from tests.graphql import gql
from tests.integration.test_matching_service import run_inline

SEARCH = """query($q: String!, $first: Int!, $after: String) {
  candidateSearch(query: $q, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { score matchedBy similarity textRank node { name } }
  }
}"""


async def _embedded(pool, name, **fields):
    row = await make_candidate(pool, name=name, **fields)
    await refresh_candidate_matches(row.id, run_cpu=run_inline)  # embeds it
    return row


async def _team(recruiter):
    pool = await make_pool(recruiter)
    await _embedded(
        pool,
        "Ada",
        headline="Senior Python engineer",
        summary="Runs Kubernetes clusters and Python services.",
        skills=["Python", "Kubernetes"],
    )
    await _embedded(pool, "Bea", headline="Java developer", skills=["Java"])
    await _embedded(pool, "Cleo", headline="Product designer", skills=["Figma"])
    # Typed in and never matched: no vector, found by its words only.
    await make_candidate(pool, name="Dan", headline="Kubernetes administrator")
    outsider = await make_pool(await make_user())
    await _embedded(
        outsider, "Zed", headline="Senior Python engineer", skills=["Kubernetes"]
    )


async def _search(client, user, q, first=10, after=None):
    variables = {"q": q, "first": first, "after": after}
    return await gql(client, SEARCH, variables, as_user=user)


async def test_meaning_and_words_fuse_and_other_pools_never_appear(client):
    recruiter = await make_user()
    await _team(recruiter)

    body = await _search(
        client, recruiter, "senior python engineer who knows kubernetes"
    )
    result = body["data"]["candidateSearch"]
    edges = result["edges"]
    by_name = {e["node"]["name"]: e for e in edges}
    assert sorted(by_name) == ["Ada", "Bea", "Cleo", "Dan"]  # never Zed
    assert result["totalCount"] == 4
    assert edges[0]["node"]["name"] == "Ada"
    assert by_name["Ada"]["matchedBy"] == ["SEMANTIC", "FULL_TEXT"]
    assert by_name["Ada"]["score"] == 2 / 61  # first in both lists
    assert by_name["Dan"]["matchedBy"] == ["FULL_TEXT"]
    assert by_name["Dan"]["similarity"] is None
    assert by_name["Cleo"]["matchedBy"] == ["SEMANTIC"]
    assert by_name["Cleo"]["textRank"] is None
    assert [e["score"] for e in edges] == sorted(
        (e["score"] for e in edges), reverse=True
    )


async def test_pages_follow_on_and_a_blank_query_is_refused(client):
    recruiter = await make_user()
    await _team(recruiter)
    q = "python kubernetes"
    whole = (await _search(client, recruiter, q))["data"]["candidateSearch"]
    first = (await _search(client, recruiter, q, first=2))["data"]["candidateSearch"]
    assert first["pageInfo"]["hasNextPage"] is True
    rest = (
        await _search(
            client, recruiter, q, first=10, after=first["pageInfo"]["endCursor"]
        )
    )["data"]["candidateSearch"]
    assert [e["node"]["name"] for e in first["edges"] + rest["edges"]] == [
        e["node"]["name"] for e in whole["edges"]
    ]
    assert rest["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": True,
        "endCursor": rest["pageInfo"]["endCursor"],
    }

    blank = await _search(client, recruiter, "  ")
    assert blank["data"] is None
    assert blank["errors"][0]["message"] == (
        "Give a query: a few words about who you look for."
    )
