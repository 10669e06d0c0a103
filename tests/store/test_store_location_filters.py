"""EventFilter.location_country and .bbox over stored records (locations in the JSON)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from dyadwatch.errors import BadOption
from dyadwatch.model import Event
from dyadwatch.store import EventFilter, Store
from store.records import make_article, make_event


def _loc(name: str, country: str | None, lat: float, lon: float) -> dict[str, Any]:
    return {
        "text": name, "start": 0, "end": len(name), "name": name, "country": country,
        "admin1": None, "lat": lat, "lon": lon, "geonames_id": None, "precision": "city",
    }  # fmt: skip


# index -> location (None: the text gave no place; "absent": a record from before locations)
LOCATIONS: dict[int, dict[str, Any] | str | None] = {
    0: _loc("Pyongyang", "PRK", 39.03, 125.75),
    1: _loc("Kharkiv", "UKR", 50.0, 36.25),
    2: _loc("Kursk Oblast", "RUS", 51.5, 36.0),
    3: _loc("Suva", "FJI", -18.14, 178.44),
    4: _loc("Apia", "WSM", -13.83, -171.76),
    5: None,
    6: "absent",
}


def _event(index: int) -> Event:
    value = LOCATIONS[index]
    extra = {} if value == "absent" else {"location": value}
    return make_event("d1", index=index, extra=extra)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("locations") / "l.duckdb"
    with Store(path) as writer:
        run = writer.start_run([], "dyadwatch 0.1.0")
        events = [_event(i) for i in LOCATIONS]
        writer.add_articles(run, [(make_article("d1", "Text of d1."), events)])
    with Store(path, read_only=True) as reader:
        yield reader


def _indices(store: Store, flt: EventFilter) -> list[int]:
    return sorted(e["sentence_index"] for e in store.events(flt))


def test_location_country_matches_case_insensitively(store: Store) -> None:
    assert _indices(store, EventFilter(location_country="ukr")) == [1]
    assert _indices(store, EventFilter(location_country="RUS")) == [2]
    assert _indices(store, EventFilter(location_country="USA")) == []


def test_bbox_selects_events_inside(store: Store) -> None:
    # Ukraine and western Russia, but not Korea
    assert _indices(store, EventFilter(bbox=(22.0, 44.0, 41.0, 53.0))) == [1, 2]
    assert _indices(store, EventFilter(bbox=(120.0, 35.0, 130.0, 45.0))) == [0]


def test_bbox_crossing_the_antimeridian(store: Store) -> None:
    # west > east: from 170°E across 180° to 170°W (Fiji and Samoa)
    assert _indices(store, EventFilter(bbox=(170.0, -25.0, -170.0, -10.0))) == [3, 4]


def test_events_without_location_never_match_but_stay_unfiltered(store: Store) -> None:
    assert _indices(store, EventFilter(bbox=(-180.0, -90.0, 180.0, 90.0))) == [0, 1, 2, 3, 4]
    assert _indices(store, EventFilter()) == [0, 1, 2, 3, 4, 5, 6]


def test_location_filters_combine_with_others(store: Store) -> None:
    flt = EventFilter(bbox=(22.0, 44.0, 41.0, 53.0), location_country="RUS", cameo="05")
    assert _indices(store, flt) == [2]


@pytest.mark.parametrize(
    "bbox",
    [(0.0, 10.0, 5.0, 5.0), (0.0, -91.0, 5.0, 5.0), (190.0, 0.0, 5.0, 5.0), (0.0, 0.0, 5.0)],
)
def test_bad_bbox_is_a_bad_option(bbox: Any) -> None:
    with pytest.raises(BadOption, match="bbox"):
        EventFilter(bbox=bbox)
