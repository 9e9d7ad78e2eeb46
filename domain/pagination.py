"""Keyset pagination over a scoped query: opaque cursors, stable under inserts."""

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any, Generic, TypeVar
from uuid import UUID

from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from domain.errors import DomainError, InvalidInput

M = TypeVar("M", bound=Model)

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


class SortKind(Enum):
    TEXT = "text"
    TIME = "time"
    NUMBER = "number"


@dataclass(frozen=True)
class Ordering:
    """Order by `field` (then by id, so that ties are stable)."""

    field: str
    descending: bool
    kind: SortKind


@dataclass(frozen=True)
class Page(Generic[M]):
    items: list[M]
    cursors: list[str]
    has_next_page: bool
    has_previous_page: bool
    total_count: int
    # True when total_count is an estimate (full-text search beyond its window).
    total_count_is_estimate: bool = False


def _encode(value: Any, row_id: UUID) -> str:
    raw = value.isoformat() if isinstance(value, datetime) else value
    return base64.urlsafe_b64encode(json.dumps([raw, str(row_id)]).encode()).decode()


def _decode(cursor: str, ordering: Ordering) -> tuple[Any, UUID]:
    try:
        raw, row_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        value = _typed(raw, ordering.kind)
        return value, UUID(row_id)
    except (ValueError, TypeError, binascii.Error) as exc:
        raise InvalidInput(
            [
                DomainError(
                    "The cursor is not valid: start again without `after`.",
                    field="after",
                )
            ]
        ) from exc


def _typed(raw: Any, kind: SortKind) -> Any:
    if kind is SortKind.TIME:
        return datetime.fromisoformat(raw)
    if kind is SortKind.NUMBER:
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise TypeError("not a number")
        return float(raw)
    return str(raw)


def _check_size(first: int) -> None:
    if not 0 <= first <= MAX_PAGE_SIZE:
        raise InvalidInput(
            [
                DomainError(
                    f"`first` must be between 0 and {MAX_PAGE_SIZE}.", field="first"
                )
            ]
        )


def _after(ordering: Ordering, value: Any, row_id: UUID) -> Q:
    op = "lt" if ordering.descending else "gt"
    return Q(**{f"{ordering.field}__{op}": value}) | Q(
        **{ordering.field: value, f"id__{op}": row_id}
    )


async def paginate(
    query: QuerySet[M], *, first: int, after: str | None, ordering: Ordering
) -> Page[M]:
    """One page of `query` plus its total count: two SQL queries."""
    _check_size(first)
    total = await query.count()
    return await paginate_counted(
        query, first=first, after=after, ordering=ordering, total_count=total
    )


async def paginate_counted(
    query: QuerySet[M],
    *,
    first: int,
    after: str | None,
    ordering: Ordering,
    total_count: int,
    total_count_is_estimate: bool = False,
) -> Page[M]:
    """One page of `query` whose total the caller counted (or estimated)."""
    _check_size(first)
    page_query = query
    if after:
        page_query = page_query.filter(_after(ordering, *_decode(after, ordering)))
    sign = "-" if ordering.descending else ""
    rows = await page_query.order_by(f"{sign}{ordering.field}", f"{sign}id").limit(
        first + 1
    )
    items = rows[:first]
    return Page(
        items=items,
        cursors=[_encode(getattr(row, ordering.field), row.pk) for row in items],
        has_next_page=len(rows) > first,
        has_previous_page=after is not None,
        total_count=total_count,
        total_count_is_estimate=total_count_is_estimate,
    )
