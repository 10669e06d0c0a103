"""find_date: the date forms news pages and feeds use, and nothing ambiguous."""

from __future__ import annotations

import pytest

from dyadwatch.read.dates import find_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-06-19", "2024-06-19"),
        ("2024-06-19T08:15:00Z", "2024-06-19"),
        ("2024-06-19T23:15:00+09:00", "2024-06-19"),
        ("2024/6/9", "2024-06-09"),
        ("June 19, 2024", "2024-06-19"),
        ("Jun. 19 2024", "2024-06-19"),
        ("Sept. 13, 2023", "2023-09-13"),
        ("19 June 2024", "2024-06-19"),
        ("13th of September, 2023", "2023-09-13"),
        ("Wednesday, 13 September 2023, 16:40 GMT", "2023-09-13"),
        ("Published: 1 Jan 2020 | Updated: 2 Jan 2020", "2020-01-01"),
        ("Updated 2 Jan 2020, first published 2019-12-31", "2020-01-02"),
    ],
)
def test_dates_found(text: str, expected: str) -> None:
    assert find_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "last Tuesday",
        "06/07/2024",  # day and month order differ by country: not guessed
        "2023-02-30",  # no such day
        "February 30, 2023",
        "June 19, 0024",  # outside the plausible range
        "Room 2024-06",
        "May the talks succeed in 2024",
    ],
)
def test_no_date(text: str) -> None:
    assert find_date(text) is None
