"""Exports: parquet, csv, jsonl, GDELT 2.0 event rows and POLECAT rows."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dyadwatch.errors import BadOption
from dyadwatch.model import Event
from dyadwatch.query import (
    GDELT_COLUMNS,
    PLOVER_COLUMNS,
    cameo_country,
    export_events,
    fips_country,
    gdelt_row,
    iter_events,
    make_filter,
    plover_row,
)
from dyadwatch.store import EventFilter, Store
from serve.dbs import build_db, events_d1
from store.records import make_event


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    db = build_db(tmp_path_factory.mktemp("x") / "x.duckdb")
    with Store(db, read_only=True) as opened:
        yield opened


def test_jsonl_round_trips_the_event_records(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "e.jsonl"
    assert export_events(store, make_filter(dyad="PRK-RUS"), "jsonl", out) == 6
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines == store.events(make_filter(dyad="PRK-RUS"))


def test_csv_and_parquet_hold_flat_columns(store: Store, tmp_path: Path) -> None:
    assert export_events(store, make_filter(status="expected"), "csv", tmp_path / "e.csv") == 1
    (row,) = csv.DictReader((tmp_path / "e.csv").open())
    assert (row["source_code"], row["cameo"], row["target_country"]) == ("RUSGOV", "057", "PRK")
    assert export_events(store, EventFilter(), "parquet", tmp_path / "e.parquet") == 9
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.num_rows == 9
    assert table.schema.field("goldstein").type == "double"
    records = [json.loads(r) for r in table.column("record").to_pylist()]
    assert {r["event_id"] for r in records} == {e["event_id"] for e in store.events()}
    with pytest.raises(BadOption):
        export_events(store, EventFilter(), "parquet", None)
    with pytest.raises(BadOption):
        export_events(store, EventFilter(), "xml", tmp_path / "e.xml")


def test_iter_events_pages_and_respects_limit(store: Store) -> None:
    assert len(list(iter_events(store, EventFilter(limit=4)))) == 4
    assert len(list(iter_events(store, EventFilter(offset=7)))) == 2


def test_gdelt_rows_have_61_columns_with_cameo_and_fips_codes() -> None:
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[26:31] == (
        "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    )  # fmt: skip
    kharkiv = events_d1()[4].to_dict()
    row = dict(zip(GDELT_COLUMNS, gdelt_row(kharkiv, "20240101000000"), strict=True))
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("20240201", "202402", "2024")
    assert row["FractionDate"] == f"{2024 + (2 * 30 + 1) / 365:.4f}"
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == (
        "RUSGOV", "RUS", "GOV",
    )  # fmt: skip
    assert (row["Actor2Code"], row["Actor2Name"]) == ("UKRMIL", "UKRAINIAN ARMY")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("190", "190", "19")
    assert (row["QuadClass"], row["GoldsteinScale"]) == ("4", "-10.0")
    # Kharkiv: a world city (type 4) in Ukraine, FIPS UP, province 07 -> UP07.
    assert row["ActionGeo_Type"] == "4"
    assert (row["ActionGeo_CountryCode"], row["ActionGeo_ADM1Code"]) == ("UP", "UP07")
    assert (row["ActionGeo_Lat"], row["ActionGeo_Long"]) == ("49.9800", "36.2500")
    assert row["ActionGeo_FeatureID"] == "706483" and row["Actor1Geo_Type"] == "0"
    assert row["GLOBALEVENTID"].isdigit() and row["DATEADDED"] == "20240101000000"


def test_cameo_country_codes_differ_from_iso3_where_cameo_does() -> None:
    assert cameo_country("ROU") == "ROM" and cameo_country("RUS") == "RUS"
    assert cameo_country(None) == ""
    assert (fips_country("PRK"), fips_country("RUS"), fips_country("DEU")) == ("KN", "RS", "GM")
    assert fips_country("XXX") == ""
    romania = make_event("r", source="RUS", target="UKR").to_dict()
    romania["target"] = {**romania["target"], "country": "ROU", "code": "ROUGOV", "sector": "GOV"}
    row = dict(zip(GDELT_COLUMNS, gdelt_row(romania, "x"), strict=True))
    assert (row["Actor2Code"], row["Actor2CountryCode"]) == ("ROMGOV", "ROM")


def test_igo_actors_keep_their_cameo_code() -> None:
    event = make_event("i", source="IGOUNO", target="RUS", cameo="111").to_dict()
    row = dict(zip(GDELT_COLUMNS, gdelt_row(event, "x"), strict=True))
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1KnownGroupCode"]) == (
        "IGOUNO", "", "UNO",
    )  # fmt: skip


def test_plover_rows_follow_polecat_columns() -> None:
    assert len(PLOVER_COLUMNS) == 40
    event: Event = events_d1()[2]
    row = dict(zip(PLOVER_COLUMNS, plover_row(event.to_dict()), strict=True))
    assert (row["Event Type"], row["Quad Code"]) == ("AID", "MATERIAL COOPERATION")
    assert (row["Actor Name"], row["Actor Country"], row["Recipient Country"]) == (
        "Russia", "RUS", "PRK",
    )  # fmt: skip
    assert row["Source"] == "news.example" and row["Event Date"] == "2024-06-21"
    kharkiv = dict(zip(PLOVER_COLUMNS, plover_row(events_d1()[4].to_dict()), strict=True))
    assert (kharkiv["City"], kharkiv["Country"], kharkiv["GeoNames ID"]) == (
        "Kharkiv", "UKR", "706483",
    )  # fmt: skip


def test_tab_separated_exports_keep_one_row_per_event(store: Store, tmp_path: Path) -> None:
    assert export_events(store, EventFilter(), "gdelt", tmp_path / "e.gdelt") == 9
    rows = (tmp_path / "e.gdelt").read_text().splitlines()
    assert len(rows) == 9 and {len(r.split("\t")) for r in rows} == {61}
    assert export_events(store, EventFilter(), "plover", tmp_path / "e.tsv") == 9
    lines = (tmp_path / "e.tsv").read_text().splitlines()
    assert lines[0].split("\t") == list(PLOVER_COLUMNS)
    assert len(lines) == 10 and {len(r.split("\t")) for r in lines} == {40}
