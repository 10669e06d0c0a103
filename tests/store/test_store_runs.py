"""Runs and failures tables."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dyadwatch.errors import EmptyArticle, InputNotFound, StoreError
from dyadwatch.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "r.duckdb") as opened:
        yield opened


def test_a_run_is_recorded_from_start_to_finish(store: Store) -> None:
    before = datetime.now(UTC)
    run = store.start_run(["news/", "extra.jsonl", "ünïcode.txt"], "dyadwatch 0.1.0")
    (open_run,) = store.runs()
    assert open_run.id == run
    assert open_run.finished is None
    assert open_run.inputs == ("news/", "extra.jsonl", "ünïcode.txt")
    assert open_run.coder == "dyadwatch 0.1.0"
    assert before - timedelta(seconds=1) <= open_run.started <= datetime.now(UTC)

    store.finish_run(run, documents=12, events=30, failures=2)
    (done,) = store.runs()
    assert (done.documents, done.events, done.failures) == (12, 30, 2)
    assert done.finished is not None
    assert done.finished >= done.started
    assert done.as_dict()["inputs"] == ["news/", "extra.jsonl", "ünïcode.txt"]


def test_runs_are_listed_in_start_order_with_distinct_ids(store: Store) -> None:
    ids = [store.start_run([f"in-{n}"], "dyadwatch 0.1.0") for n in range(3)]
    assert len(set(ids)) == 3
    assert [r.inputs for r in store.runs()] == [("in-0",), ("in-1",), ("in-2",)]


def test_finishing_an_unknown_run_is_an_error(store: Store) -> None:
    with pytest.raises(StoreError, match="no such run"):
        store.finish_run("nope", documents=0, events=0, failures=0)


def test_failures_keep_code_message_and_run(store: Store) -> None:
    first = store.start_run(["a"], "dyadwatch 0.1.0")
    second = store.start_run(["b"], "dyadwatch 0.1.0")
    missing = InputNotFound("notes.txt", "no such file")
    store.add_failure(first, "notes.txt", missing)
    store.add_failures(
        second,
        [
            ("page.html", EmptyArticle("page.html", "no article text after extraction")),
            ("feed.xml:3", InputNotFound("feed.xml:3", "link is gone")),
        ],
    )
    store.add_failures(second, [])

    (only,) = store.failures(first)
    assert (only.run_id, only.origin, only.code, only.message) == (
        first,
        "notes.txt",
        "E101",
        missing.message,
    )
    assert [f.origin for f in store.failures(second)] == ["page.html", "feed.xml:3"]
    assert [f.code for f in store.failures()] == ["E101", "E105", "E101"]
    assert store.failures("no-such-run") == []
    assert only.as_dict()["message"].startswith("E101 notes.txt: no such file")


def test_failures_need_a_known_run(store: Store) -> None:
    with pytest.raises(StoreError, match="no such run"):
        store.add_failure("nope", "x.txt", InputNotFound("x.txt", "no such file"))
    assert store.failures() == []
