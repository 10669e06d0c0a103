"""Fetch validators in the store (migration 0007_fetch_validators) and runs' skipped count."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pytest

from dyadwatch.errors import StoreError, UnreadableDatabase
from dyadwatch.store import MIGRATIONS, Store, ValidatorRow

AT = datetime(2024, 6, 3, 10, 0, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "v.duckdb") as opened:
        yield opened


def row(url: str, etag: str | None, modified: str | None = None, at: datetime = AT) -> ValidatorRow:
    return ValidatorRow(url, etag, modified, at)


def test_validators_are_saved_and_loaded_in_bulk(store: Store) -> None:
    saved = [
        row("http://a.test/1", '"v1"', "Mon, 03 Jun 2024 10:00:00 GMT"),
        row("http://a.test/2", None, "Tue, 04 Jun 2024 10:00:00 GMT"),
        row("http://b.test/ü", 'W/"x"'),
    ]
    assert store.save_fetch_validators(saved) == 3
    wanted = ["http://a.test/1", "http://b.test/ü", "http://a.test/2", "http://never.test/"]
    got = store.fetch_validators(wanted)
    assert got == {r.url: r for r in saved}
    assert store.fetch_validators(["http://never.test/"]) == {}
    assert store.fetch_validators([]) == {}


def test_a_later_save_replaces_a_url_and_the_last_of_one_call_wins(store: Store) -> None:
    store.save_fetch_validators([row("http://a.test/1", '"v1"'), row("http://a.test/2", '"k"')])
    later = AT + timedelta(hours=1)
    written = store.save_fetch_validators(
        [row("http://a.test/1", '"v2"', at=later), row("http://a.test/1", '"v3"', at=later)]
    )
    assert written == 1
    got = store.fetch_validators(["http://a.test/1", "http://a.test/2"])
    assert got["http://a.test/1"] == row("http://a.test/1", '"v3"', at=later)
    assert got["http://a.test/2"].etag == '"k"'  # untouched
    assert store.save_fetch_validators([]) == 0


def test_fetch_times_are_kept_in_utc_whatever_zone_they_come_in(store: Store) -> None:
    eastern = datetime(2024, 6, 3, 6, 0, 0, tzinfo=timezone(timedelta(hours=-4)))
    store.save_fetch_validators([row("http://a.test/1", '"v1"', at=eastern)])
    (got,) = store.fetch_validators(["http://a.test/1"]).values()
    assert got.fetched == AT and got.fetched.tzinfo == UTC


def test_a_read_only_store_reads_validators_but_does_not_write_them(tmp_path: Path) -> None:
    path = tmp_path / "ro.duckdb"
    with Store(path) as writable:
        writable.save_fetch_validators([row("http://a.test/1", '"v1"')])
    with Store(path, read_only=True) as store:
        assert store.fetch_validators(["http://a.test/1"])["http://a.test/1"].etag == '"v1"'
        with pytest.raises(StoreError, match="read-only"):
            store.save_fetch_validators([row("http://a.test/2", '"v2"')])


def test_a_run_keeps_its_skipped_count(store: Store) -> None:
    counted = store.start_run(["list.urls"], "test")
    store.finish_run(counted, documents=1, events=2, failures=0, skipped=7)
    unknown = store.start_run(["parquet/"], "test")
    store.finish_run(unknown, documents=1, events=2, failures=0)
    runs = {r.id: r for r in store.runs()}
    assert runs[counted].skipped == 7 and runs[counted].as_dict()["skipped"] == 7
    assert runs[unknown].skipped is None


def test_a_database_from_before_0007_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        run = store.start_run(["old/"], "dyadwatch 0.1.0")
        store.finish_run(run, documents=3, events=4, failures=1)
    # Back to the schema of a file made before 0007 and 0008. DuckDB cannot drop a
    # column of a table with a primary key: rebuild runs as 0001 made it.
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE fetch_validators")
    con.execute(
        "CREATE TEMP TABLE old_runs AS SELECT id, started, finished, inputs, coder, "
        "documents, events, failures FROM runs"
    )
    con.execute("DROP TABLE runs")
    con.execute(
        "CREATE TABLE runs (id VARCHAR PRIMARY KEY, started TIMESTAMP NOT NULL, "
        "finished TIMESTAMP, inputs JSON NOT NULL, coder VARCHAR NOT NULL, "
        "documents INTEGER, events INTEGER, failures INTEGER)"
    )
    con.execute("INSERT INTO runs SELECT * FROM old_runs")
    con.execute(
        "DELETE FROM schema_migrations WHERE name IN ('0007_fetch_validators', '0008_run_skipped')"
    )
    con.close()

    with pytest.raises(UnreadableDatabase, match="0007_fetch_validators, 0008_run_skipped"):
        Store(path, read_only=True)
    with Store(path) as store:
        (old,) = store.runs()
        assert (old.documents, old.events, old.failures, old.skipped) == (3, 4, 1, None)
        store.save_fetch_validators([row("http://a.test/1", '"v1"')])
        assert set(store.fetch_validators(["http://a.test/1"])) == {"http://a.test/1"}
        names = [r[0] for r in store.select("SELECT name FROM schema_migrations ORDER BY name")]
    assert names == [name for name, _ in MIGRATIONS]
