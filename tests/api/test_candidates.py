"""Candidates through GraphQL: lists, filters, pagination, create, update, delete."""

from tests.factories import make_candidate, make_pool, make_user
from tests.graphql import gql

LIST = """
query($first: Int!, $after: String, $filter: CandidateFilter, $order: CandidateOrder!) {
  candidates(first: $first, after: $after, filter: $filter, orderBy: $order) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { node { name email skills pool { name } } }
  }
}
"""


async def test_recruiter_pages_through_own_candidates_by_name(client):
    recruiter = await make_user()
    pool = await make_pool(recruiter, name="Backend")
    for name in ["Cleo", "Ada", "Bea"]:
        await make_candidate(pool, name=name)
    await make_candidate()  # someone else's

    first = await gql(
        client, LIST, {"first": 2, "order": "NAME_ASC"}, as_user=recruiter
    )
    page = first["data"]["candidates"]
    assert page["totalCount"] == 3
    assert [e["node"]["name"] for e in page["edges"]] == ["Ada", "Bea"]
    assert page["pageInfo"]["hasNextPage"] is True

    second = await gql(
        client,
        LIST,
        {"first": 2, "after": page["pageInfo"]["endCursor"], "order": "NAME_ASC"},
        as_user=recruiter,
    )
    rest = second["data"]["candidates"]
    assert [e["node"]["name"] for e in rest["edges"]] == ["Cleo"]
    assert rest["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": True,
        "endCursor": rest["pageInfo"]["endCursor"],
    }
    assert rest["edges"][0]["node"]["pool"] == {"name": "Backend"}
