"""DataLoaders keep the number of SQL queries constant, whatever the page size."""

from domain.models import Role
from tests.factories import make_candidate, make_pool, make_user
from tests.graphql import gql

NESTED_PAGE = """
query($first: Int!) {
  allCandidates(first: $first) {
    totalCount
    edges { node { id name skills pool { id name owner { email } } sources { kind } } }
  }
}
"""


async def _queries_for_page(client, count_queries, admin, size: int) -> int:
    count_queries.statements.clear()
    body = await gql(client, NESTED_PAGE, {"first": size}, as_user=admin)
    assert "errors" not in body
    assert len(body["data"]["allCandidates"]["edges"]) == size
    return len(count_queries.statements)


async def test_fifty_row_page_with_nested_fields_uses_a_constant_number_of_queries(
    client, count_queries
):
    admin = await make_user(Role.ADMIN)
    owners = [await make_user() for _ in range(5)]
    for index in range(50):
        pool = await make_pool(owners[index % 5]) if index < 5 else None
        await make_candidate(pool or await _any_pool(owners[index % 5]))

    small = await _queries_for_page(client, count_queries, admin, 5)
    large = await _queries_for_page(client, count_queries, admin, 50)

    # viewer's user + count + page + pools + owners + sources
    assert large == small == 6, count_queries.statements


async def _any_pool(owner):
    from domain.models import Pool

    return await Pool.filter(owner_id=owner.id, is_default=False).first()
