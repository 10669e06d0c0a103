"""EventFilter: each field, combinations, paging, validation and injection probes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

import pytest

from dyadwatch.errors import BadOption
from dyadwatch.model import Event, Status
from dyadwatch.store import EventFilter, Store
from store.records import make_article, make_event

# (doc, index, source, target, cameo, date, status)
ROWS = [
    ("d1", 0, "PRKGOV", "RUS", "051", "2024-06-19", "reported"),
    ("d1", 1, "RUSGOV", "PRK", "057", "2024-06-19", "expected"),
    ("d1", 2, "RUSGOV", "UKRMIL", "190", "2024-06-20", "reported"),
    ("d2", 0, "USAGOV", "CHN", "111", "2024-05-31", "reported"),
    ("d2", 1, "USAGOV", "RUS", "163", "2024-07-01", "intended"),
    ("d3", 0, "IGOUNO", None, "010", None, "reported"),
    ("d3", 1, "CHN", "PRK", "072", "2023-12-31", "denied"),
]


def _event(row: tuple[str, int, str, str | None, str, str | None, str]) -> Event:
    doc, index, source, target, cameo, date, status = row
    return make_event(
        doc,
        index=index,
        source=source,
        target=target,
        cameo=cameo,
        date=date,
        status=cast(Status, status),
    )


EVENTS = [_event(row) for row in ROWS]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("filters") / "f.duckdb"
    with Store(path) as writer:
        run = writer.start_run([], "dyadwatch 0.1.0")
        by_doc: dict[str, list[Event]] = {}
        for event in EVENTS:
            by_doc.setdefault(event.doc_id, []).append(event)
        writer.add_articles(
            run, [(make_article(d, f"Text of {d}."), events) for d, events in by_doc.items()]
        )
    with Store(path, read_only=True) as reader:
        yield reader


def _keys(store: Store, flt: EventFilter) -> list[tuple[str, int]]:
    return [(e["doc_id"], e["sentence_index"]) for e in store.events(flt)]


def test_no_filter_returns_everything_ordered_by_date_then_doc_then_sentence(
    store: Store,
) -> None:
    assert _keys(store, EventFilter()) == [
        ("d3", 1),
        ("d2", 0),
        ("d1", 0),
        ("d1", 1),
        ("d1", 2),
        ("d2", 1),
        ("d3", 0),  # no date: last
    ]
    assert store.count_events(EventFilter()) == len(ROWS)


def test_dyad_matches_either_direction_by_country(store: Store) -> None:
    expected = [("d1", 0), ("d1", 1)]
    assert _keys(store, EventFilter(dyad=("PRK", "RUS"))) == expected
    assert _keys(store, EventFilter(dyad=("RUS", "PRK"))) == expected


def test_dyad_matches_actor_codes(store: Store) -> None:
    assert _keys(store, EventFilter(dyad=("UKRMIL", "RUSGOV"))) == [("d1", 2)]
    assert _keys(store, EventFilter(dyad=("RUSGOV", "PRK"))) == [("d1", 1)]
    assert _keys(store, EventFilter(dyad=("RUSMIL", "UKR"))) == []


def test_dyad_and_actor_codes_ignore_case(store: Store) -> None:
    assert _keys(store, EventFilter(dyad=("prk", "rus"))) == [("d1", 0), ("d1", 1)]
    assert _keys(store, EventFilter(actor="chn")) == [("d3", 1), ("d2", 0)]


def test_actor_matches_source_or_target_country_or_code(store: Store) -> None:
    assert _keys(store, EventFilter(actor="USA")) == [("d2", 0), ("d2", 1)]
    assert _keys(store, EventFilter(actor="PRK")) == [("d3", 1), ("d1", 0), ("d1", 1)]
    assert _keys(store, EventFilter(actor="IGOUNO")) == [("d3", 0)]
    assert _keys(store, EventFilter(actor="UKRMIL")) == [("d1", 2)]


def test_since_and_until_are_inclusive(store: Store) -> None:
    assert _keys(store, EventFilter(since="2024-06-20")) == [("d1", 2), ("d2", 1)]
    assert _keys(store, EventFilter(until="2024-05-31")) == [("d3", 1), ("d2", 0)]
    assert _keys(store, EventFilter(since="2024-06-19", until="2024-06-19")) == [
        ("d1", 0),
        ("d1", 1),
    ]


def test_a_short_date_covers_the_whole_month_or_year(store: Store) -> None:
    assert _keys(store, EventFilter(since="2024-06", until="2024-06")) == [
        ("d1", 0),
        ("d1", 1),
        ("d1", 2),
    ]
    assert _keys(store, EventFilter(until="2023")) == [("d3", 1)]
    assert store.count_events(EventFilter(since="2024")) == 5


def test_cameo_is_a_prefix(store: Store) -> None:
    assert _keys(store, EventFilter(cameo="05")) == [("d1", 0), ("d1", 1)]
    assert _keys(store, EventFilter(cameo="057")) == [("d1", 1)]
    assert _keys(store, EventFilter(cameo="0")) == [
        ("d3", 1),
        ("d1", 0),
        ("d1", 1),
        ("d3", 0),
    ]
    assert _keys(store, EventFilter(cameo="5")) == []


def test_status_and_doc_id(store: Store) -> None:
    assert _keys(store, EventFilter(status="expected")) == [("d1", 1)]
    assert _keys(store, EventFilter(status="Denied")) == [("d3", 1)]
    assert _keys(store, EventFilter(doc_id="d2")) == [("d2", 0), ("d2", 1)]
    assert _keys(store, EventFilter(doc_id="D2")) == []


def test_filters_combine(store: Store) -> None:
    flt = EventFilter(actor="RUS", status="reported", since="2024-06-01", cameo="1")
    assert _keys(store, flt) == [("d1", 2)]


def test_limit_and_offset_page_events_but_not_the_count(store: Store) -> None:
    everything = _keys(store, EventFilter())
    assert _keys(store, EventFilter(limit=2)) == everything[:2]
    assert _keys(store, EventFilter(limit=2, offset=2)) == everything[2:4]
    assert _keys(store, EventFilter(offset=5)) == everything[5:]
    assert _keys(store, EventFilter(limit=0)) == []
    assert store.count_events(EventFilter(limit=2, offset=2)) == len(ROWS)


@pytest.mark.parametrize(
    ("fields", "option"),
    [
        ({"since": "yesterday"}, "since"),
        ({"until": "2024-13-01"}, "until"),
        ({"since": "2024-02-30"}, "since"),
        ({"until": "2024-6-1"}, "until"),
        ({"limit": -1}, "limit"),
        ({"offset": -3}, "offset"),
        ({"dyad": ("PRK",)}, "dyad"),
    ],
)
def test_bad_values_are_refused_naming_the_option(fields: dict[str, object], option: str) -> None:
    with pytest.raises(BadOption) as caught:
        EventFilter(**fields)  # type: ignore[arg-type]
    assert caught.value.subject == option
    assert caught.value.code == "E202"


PROBES = [
    "' OR '1'='1",
    "RUS' OR 1=1 --",
    "'; DROP TABLE events; --",
    '" OR ""="',
    "%",
    "_",
    "05%",
    "\\",
    "PRK\x00",
    "1) OR (1=1",
]


@pytest.mark.parametrize("probe", PROBES)
def test_injection_probes_in_every_filter_match_nothing(store: Store, probe: str) -> None:
    filters = [
        EventFilter(dyad=(probe, "RUS")),
        EventFilter(dyad=("PRK", probe)),
        EventFilter(actor=probe),
        EventFilter(cameo=probe),
        EventFilter(status=probe),
        EventFilter(doc_id=probe),
    ]
    for flt in filters:
        assert store.events(flt) == []
        assert store.count_events(flt) == 0
        assert store.dyads(flt) == []
    assert store.count_events(EventFilter()) == len(ROWS)


@pytest.mark.parametrize("probe", ["2024' OR '1'='1", "'; DROP TABLE events; --"])
def test_injection_probes_as_dates_are_refused(probe: str) -> None:
    with pytest.raises(BadOption):
        EventFilter(since=probe)
    with pytest.raises(BadOption):
        EventFilter(until=probe)
