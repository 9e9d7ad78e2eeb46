"""Cursor encoding (pure parts of keyset pagination)."""

from datetime import UTC, datetime
from uuid import UUID

import pytest

from domain.errors import InvalidInput
from domain.pagination import Ordering, SortKind, _decode, _encode

BY_TIME = Ordering("created_at", True, SortKind.TIME)
BY_NAME = Ordering("name", False, SortKind.TEXT)
ROW = UUID("12345678-1234-5678-1234-567812345678")


def test_time_cursor_round_trips():
    moment = datetime(2026, 11, 23, 9, 30, 15, 123456, tzinfo=UTC)
    assert _decode(_encode(moment, ROW), BY_TIME) == (moment, ROW)


def test_text_cursor_round_trips_unicode():
    assert _decode(_encode("Zoë", ROW), BY_NAME) == ("Zoë", ROW)


@pytest.mark.parametrize("cursor", ["", "!!!", "bm9wZQ==", _encode("x", ROW)[:-4]])
def test_garbage_cursors_are_invalid_input(cursor):
    with pytest.raises(InvalidInput) as raised:
        _decode(cursor, BY_TIME)
    assert raised.value.problems[0].field == "after"
