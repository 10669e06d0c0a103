"""Timelines by week and month, and search, over a hand-made database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dyadwatch.errors import BadOption
from dyadwatch.query import TimelineRow, make_filter, search, timeline
from dyadwatch.store import Store
from serve.dbs import build_db


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    db = build_db(tmp_path_factory.mktemp("q") / "q.duckdb")
    with Store(db, read_only=True) as opened:
        yield opened


def test_months_run_from_first_to_last_with_empty_gaps(store: Store) -> None:
    rows = timeline(store, make_filter(dyad="PRK-RUS"), "month")
    assert [r.period for r in rows][:3] == ["2023-09", "2023-10", "2023-11"]
    assert rows[-1].period == "2024-06" and len(rows) == 10
    assert rows[0] == TimelineRow("2023-09", 2, 1, 0, 1, 0, round((1.9 - 2.0) / 2, 3))
    assert rows[1] == TimelineRow("2023-10", 0, 0, 0, 0, 0, None)
    assert rows[-1].events == 4 and rows[-1].material_cooperation == 1


def test_weeks_are_named_by_their_monday(store: Store) -> None:
    rows = timeline(store, make_filter(dyad="PRK-RUS", since="2024-06"), "week")
    # 2024-06-19 (Wed) and 2024-06-21 (Fri) share the week of Monday 2024-06-17.
    assert [(r.period, r.events) for r in rows] == [("2024-06-17", 4)]


def test_timeline_applies_every_filter_and_ignores_paging(store: Store) -> None:
    assert sum(r.events for r in timeline(store, make_filter(dyad="PRK-RUS", limit=1))) == 6
    by_status = timeline(store, make_filter(dyad="PRK-RUS", status="expected"))
    assert [(r.period, r.events) for r in by_status] == [("2024-06", 1)]
    by_outlet = timeline(store, make_filter(dyad="PRK-RUS", outlet="daily.example"))
    assert [(r.period, r.events) for r in by_outlet] == [("2024-06", 1)]
    assert timeline(store, make_filter(dyad="PRK-USA")) == []
    with pytest.raises(BadOption):
        timeline(store, make_filter(), "day")


def test_search_matches_names_codes_and_titles(store: Store) -> None:
    found = search(store, "putin")
    assert [a.code for a in found.actors] == ["RUSGOV"] and found.articles == []
    assert {a.code for a in search(store, "rus").actors} >= {"RUS", "RUSGOV"}
    assert [a.doc_id for a in search(store, "sanctions").articles] == ["d2"]
    assert search(store, "  ").actors == []
    assert search(store, "%").actors == [] and search(store, "_").actors == []
