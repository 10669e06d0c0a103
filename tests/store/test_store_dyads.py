"""Dyad summaries: unordered country pairs with counts, dates and tone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dyadwatch.store import DyadSummary, EventFilter, Store
from store.records import make_article, make_event


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "d.duckdb")
    run = opened.start_run([], "dyadwatch 0.1.0")
    events = [
        make_event("d1", index=0, source="PRKGOV", target="RUS", cameo="051", date="2024-06-19"),
        make_event("d1", index=1, source="RUSGOV", target="PRK", cameo="057", date="2024-06-19"),
        make_event("d1", index=2, source="RUS", target="PRK", cameo="072", date="2024-06-21"),
        make_event("d1", index=3, source="PRK", target="RUSGOV", cameo="111", date="2023-09-13"),
        make_event("d1", index=4, source="RUSGOV", target="UKRMIL", cameo="190", date="2024-02-01"),
        make_event("d1", index=5, source="UKRMIL", target="RUSMIL", cameo="190", date="2024-03-01"),
        # Not dyads: one side has no country, or both sides are the same country.
        make_event("d1", index=6, source="IGOUNO", target="RUS", cameo="111", date="2024-01-05"),
        make_event("d1", index=7, source="RUSGOV", target=None, cameo="010", date="2024-01-06"),
        make_event("d1", index=8, source="RUSGOV", target="RUSOPP", cameo="111", date="2024-01-07"),
    ]
    opened.add_articles(run, [(make_article("d1"), events)])
    yield opened
    opened.close()


def test_pairs_are_unordered_sorted_and_counted(store: Store) -> None:
    summaries = store.dyads()
    assert summaries == [
        DyadSummary(
            a="PRK",
            b="RUS",
            events=4,
            first="2023-09-13",
            last="2024-06-21",
            cooperation=3,
            conflict=1,
            goldstein=pytest.approx((3.4 + 8.0 + 8.3 - 2.0) / 4),  # type: ignore[arg-type]
        ),
        DyadSummary("RUS", "UKR", 2, "2024-02-01", "2024-03-01", 0, 2, -10.0),
    ]
    assert summaries[0].as_dict()["a"] == "PRK"


def test_the_filter_applies_before_grouping(store: Store) -> None:
    (only,) = store.dyads(EventFilter(since="2024-06-20"))
    assert (only.a, only.b, only.events, only.cooperation) == ("PRK", "RUS", 1, 1)
    assert [(d.a, d.b) for d in store.dyads(EventFilter(cameo="19"))] == [("RUS", "UKR")]
    assert [(d.a, d.b) for d in store.dyads(EventFilter(actor="UKR"))] == [("RUS", "UKR")]


def test_limit_caps_the_pairs_and_ignores_event_paging(store: Store) -> None:
    assert [(d.a, d.b) for d in store.dyads(limit=1)] == [("PRK", "RUS")]
    assert len(store.dyads(EventFilter(limit=1, offset=1))) == 2
    assert store.dyads(limit=0) == []
