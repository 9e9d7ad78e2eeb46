"""Calendar months back from a moment, for pool retention."""

from datetime import UTC, datetime

import pytest

from domain.privacy.blind import redact_text
from domain.privacy.retention import months_before


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (
            datetime(2026, 11, 23, 3, 0, tzinfo=UTC),
            6,
            datetime(2026, 5, 23, 3, 0, tzinfo=UTC),
        ),
        (datetime(2026, 3, 31, tzinfo=UTC), 1, datetime(2026, 2, 28, tzinfo=UTC)),
        (datetime(2024, 3, 31, tzinfo=UTC), 1, datetime(2024, 2, 29, tzinfo=UTC)),
        (datetime(2026, 1, 15, tzinfo=UTC), 13, datetime(2024, 12, 15, tzinfo=UTC)),
        (datetime(2026, 1, 15, tzinfo=UTC), 120, datetime(2016, 1, 15, tzinfo=UTC)),
    ],
)
def test_months_before_counts_calendar_months(moment, months, expected):
    assert months_before(moment, months) == expected


def test_redact_text_removes_name_words_contacts_and_links():
    text = "Ann-Marie O'Neil, ann@x.io, +1 (212) 555-0187, www.ann.dev and Anne."

    assert redact_text(text, ["Ann-Marie O'Neil"]) == (
        "[redacted] [redacted], [redacted], [redacted], [redacted] and Anne."
    )
