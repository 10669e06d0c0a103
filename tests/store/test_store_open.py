"""Opening the database: migrations, read-only use, locks and unreadable files."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from dyadwatch.errors import DatabaseLocked, StoreError, UnreadableDatabase
from dyadwatch.store import DEFAULT_DB, MIGRATIONS, Store, default_db_path, migrations
from dyadwatch.store.migrations import apply_migrations
from store.records import make_article, make_event

# Holds a write connection on argv[1] until stdin closes, or for argv[2] seconds.
HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
if len(sys.argv) > 2:
    time.sleep(float(sys.argv[2]))
else:
    sys.stdin.read()
con.close()
"""


def _hold(path: Path, seconds: float | None = None) -> subprocess.Popen[str]:
    args = [sys.executable, "-c", HOLDER, str(path)]
    if seconds is not None:
        args.append(str(seconds))
    holder = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "holding"
    return holder


@pytest.fixture
def held(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "held.duckdb"
    Store(path).close()
    holder = _hold(path)
    yield path
    assert holder.stdin is not None
    holder.stdin.close()
    holder.wait(timeout=30)


def _migration_rows(path: Path) -> list[tuple[str]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()
    finally:
        con.close()


def test_migrations_are_recorded_once_across_reopens(tmp_path: Path) -> None:
    path = tmp_path / "m.duckdb"
    for _ in range(3):
        with Store(path) as store:
            run = store.start_run([], "dyadwatch 0.1.0")
            store.add_articles(run, [(make_article(), [make_event()])])
    assert _migration_rows(path) == [(name,) for name, _ in MIGRATIONS]
    with Store(path, read_only=True) as store:
        assert store.count_events() == 1
        assert len(store.runs()) == 3


def test_applying_migrations_again_applies_nothing(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "a.duckdb"))
    try:
        assert apply_migrations(con) == [name for name, _ in MIGRATIONS]
        assert apply_migrations(con) == []
    finally:
        con.close()


def test_migration_names_are_unique_and_ordered() -> None:
    names = [name for name, _ in MIGRATIONS]
    assert names == sorted(set(names))


def test_a_new_migration_is_applied_once_to_an_existing_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        run = store.start_run([], "dyadwatch 0.1.0")
        store.add_articles(run, [(make_article(), [make_event()])])
    newer = (*MIGRATIONS, ("9999_test_note", "ALTER TABLE articles ADD COLUMN note VARCHAR"))
    monkeypatch.setattr(migrations, "MIGRATIONS", newer)

    with pytest.raises(UnreadableDatabase, match="9999_test_note are pending"):
        Store(path, read_only=True)
    for _ in range(2):
        Store(path).close()
    with Store(path, read_only=True) as store:
        stored = store.article("doc-1")
        assert stored is not None
        assert stored["note"] is None
        assert store.count_events() == 1
    assert _migration_rows(path) == [(name,) for name, _ in newer]


def test_a_read_only_store_refuses_a_duckdb_file_that_is_not_dyadwatch(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE something (x INTEGER)")
    con.close()
    with pytest.raises(UnreadableDatabase, match="not a dyadwatch database"):
        Store(path, read_only=True)


def test_a_missing_database_cannot_be_opened_read_only(tmp_path: Path) -> None:
    path = tmp_path / "missing.duckdb"
    with pytest.raises(UnreadableDatabase, match="no such database") as caught:
        Store(path, read_only=True)
    assert caught.value.code == "E302"
    assert not path.exists()


def test_a_file_that_is_not_a_database_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("These are notes, not a database.\n" * 200, encoding="utf-8")
    for read_only in (False, True):
        with pytest.raises(UnreadableDatabase) as caught:
            Store(path, read_only=read_only)
        assert str(path) in caught.value.message
        assert "not a valid DuckDB database" in caught.value.message


def test_a_directory_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDatabase, match=str(tmp_path)):
        Store(tmp_path)


def test_a_locked_database_raises_database_locked(held: Path) -> None:
    started = time.monotonic()
    for read_only in (False, True):
        with pytest.raises(DatabaseLocked) as caught:
            Store(held, read_only=read_only, lock_timeout=0.3)
        assert caught.value.code == "E301"
        assert str(held) in caught.value.message
        assert isinstance(caught.value, StoreError)
    assert time.monotonic() - started < 10


def test_the_open_waits_for_a_lock_released_in_time(tmp_path: Path) -> None:
    path = tmp_path / "brief.duckdb"
    Store(path).close()
    holder = _hold(path, seconds=0.5)
    try:
        with Store(path, lock_timeout=20) as store:
            assert store.count_events() == 0
    finally:
        holder.wait(timeout=30)


def test_one_process_cannot_mix_writable_and_read_only_opens(tmp_path: Path) -> None:
    path = tmp_path / "mixed.duckdb"
    with Store(path) as writer:
        with pytest.raises(StoreError, match="already has it open") as caught:
            Store(path, read_only=True)
        assert caught.value.code == "E300"
        writer.start_run([], "dyadwatch 0.1.0")
    with Store(path, read_only=True) as reader:
        assert len(reader.runs()) == 1


def test_memory_database(tmp_path: Path) -> None:
    with Store(":memory:") as store:
        run = store.start_run([], "dyadwatch 0.1.0")
        assert store.add_articles(run, [(make_article(), [make_event()])]).new_events == 1


def test_default_db_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DYADWATCH_DB", raising=False)
    assert default_db_path() == Path(DEFAULT_DB)
    monkeypatch.setenv("DYADWATCH_DB", str(tmp_path / "x.duckdb"))
    assert default_db_path() == tmp_path / "x.duckdb"
