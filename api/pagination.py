"""Relay cursor connections built from a domain `Page`."""

from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar
from uuid import UUID

import strawberry
from strawberry import relay
from tortoise.models import Model

from domain.errors import NotFound
from domain.pagination import Page

NodeType = TypeVar("NodeType")
Row = TypeVar("Row", bound=Model)


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[NodeType]):
    node: NodeType
    cursor: str


@strawberry.type
class Connection(Generic[NodeType]):
    edges: list[Edge[NodeType]]
    page_info: PageInfo
    total_count: int
    total_count_is_estimate: bool = strawberry.field(
        default=False,
        description="True when totalCount is PostgreSQL's estimate, not a count."
        " Only a full-text candidate search (filter.query) estimates: it counts"
        " exactly up to 1,000 matches, and whenever it expects at most 10,000.",
    )

    @classmethod
    def from_page(
        cls,
        page: Page[Row],
        to_node: Callable[[Row], NodeType],
    ) -> "Connection[NodeType]":
        edges = [
            Edge(node=to_node(item), cursor=cursor)
            for item, cursor in zip(page.items, page.cursors, strict=True)
        ]
        return cls(
            edges=edges,
            page_info=PageInfo(
                has_next_page=page.has_next_page,
                has_previous_page=page.has_previous_page,
                start_cursor=page.cursors[0] if page.cursors else None,
                end_cursor=page.cursors[-1] if page.cursors else None,
            ),
            total_count=page.total_count,
            total_count_is_estimate=page.total_count_is_estimate,
        )


def parse_uuid(value: str) -> UUID | None:
    try:
        return UUID(value)
    except ValueError:
        return None


async def load_nodes(
    node_ids: list[str],
    fetch: Callable[[list[UUID]], Awaitable[dict[UUID, Row]]],
    to_node: Callable[[Row], NodeType],
) -> list[NodeType | None]:
    """Relay's `resolve_nodes`: the nodes `fetch` finds in scope, None for the rest."""
    ids = [parse_uuid(i) for i in node_ids]
    found = await fetch([i for i in ids if i])
    return [to_node(found[i]) if i in found else None for i in ids]


def decode_id(
    global_id: relay.GlobalID | str, type_name: str, *, field: str = "id"
) -> UUID:
    """The UUID inside an opaque id of `type_name`; any other id is NOT_FOUND."""
    try:
        gid = (
            global_id
            if isinstance(global_id, relay.GlobalID)
            else relay.GlobalID.from_id(global_id)
        )
        if gid.type_name == type_name and (node_id := parse_uuid(gid.node_id)):
            return node_id
    except ValueError:
        pass
    raise NotFound(f"No {type_name.lower()} has this id.", field=field)
