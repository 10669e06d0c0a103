"""``dyadwatch ingest``: workers, language failures, the runs/failures commands, progress."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dyadwatch.cli.ingest import _Progress, worker_count
from dyadwatch.errors import BadOption
from dyadwatch.ingest import BATCH_DOCUMENTS, Progress, ingest
from dyadwatch.read import read_inputs
from dyadwatch.store import Store
from ingest_corpus import write_corpus

COUNT = BATCH_DOCUMENTS * 3  # several jobs, so both workers get some


def dyadwatch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dyadwatch.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def stored(db: Path) -> tuple[object, ...]:
    with Store(db, read_only=True) as store:
        events = sorted((e["event_id"], repr(e)) for e in store.events())
        failures = sorted((f.origin, f.code, f.message) for f in store.failures())
        return tuple(events), tuple(failures), tuple(sorted(store.clusters().items()))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"), COUNT)


def test_two_workers_store_exactly_what_one_does(corpus: Path, tmp_path: Path) -> None:
    reports = []
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.duckdb") as store:
            reports.append(
                ingest(store, read_inputs([str(corpus)]), inputs=[str(corpus)], workers=workers)
            )
    one, two = reports
    # merged_clusters counts merge steps, which depend on the job size; the clusters
    # themselves are compared below.
    counts = [(r.progress.documents, r.progress.events, r.progress.failures) for r in reports]
    assert counts[0] == counts[1]
    assert one.progress.documents == COUNT and one.progress.failures == 2
    assert len(two.peak_rss) == 2 and all(rss > 50_000_000 for rss in two.peak_rss)
    assert stored(tmp_path / "w1.duckdb") == stored(tmp_path / "w2.duckdb")


def test_workers_results_are_committed_in_full_batches(corpus: Path, tmp_path: Path) -> None:
    # Workers code half batches (a short tail at the end); the writer still commits
    # BATCH_DOCUMENTS at a time, so each commit's fixed cost is shared.
    done: list[int] = []
    with Store(tmp_path / "batches.duckdb") as store:
        ingest(
            store,
            read_inputs([str(corpus)]),
            inputs=[str(corpus)],
            workers=2,
            on_commit=lambda p: done.append(p.documents + p.failures),
        )
    sizes = [b - a for a, b in zip([0, *done], done, strict=False)]
    assert sum(sizes) == COUNT + 2  # the corpus's two failures are committed too
    assert all(size >= BATCH_DOCUMENTS for size in sizes[:-1]), sizes


def test_non_english_is_recorded_as_a_failure_with_its_reason(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "lang.duckdb"
    result = dyadwatch(
        "ingest", str(corpus / "b_french.txt"), str(corpus / "a0001.txt"), "--db", str(db)
    )
    assert result.returncode == 0, result.stderr
    assert "E108" in result.stderr
    listed = dyadwatch("failures", "--db", str(db))
    lines = listed.stdout.splitlines()
    assert len(lines) == 1
    assert "b_french.txt" in lines[0] and "E108" in lines[0] and "'fr', not English" in lines[0]
    with Store(db, read_only=True) as store:
        assert [f.code for f in store.failures()] == ["E108"]
        article = store.article(next(iter(store.clusters())))
        assert article is not None and article["language"] == "en"


def test_bad_worker_count_is_one_line() -> None:
    result = dyadwatch("ingest", "--samples", "--workers", "0", "--db", "/nonexistent/x.duckdb")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "dyadwatch: E202 --workers: 0 is not a number of processes. Pass 1 or more, or auto"
    ]


def test_auto_workers_are_the_usable_cores() -> None:
    assert worker_count("auto") == len(os.sched_getaffinity(0))
    assert worker_count("AUTO") == worker_count("auto") >= 1
    assert worker_count("3") == 3
    for bad in ("0", "-2", "two", ""):
        with pytest.raises(BadOption, match="Pass 1 or more, or auto"):
            worker_count(bad)


def test_progress_overwrites_one_line_on_a_terminal() -> None:
    stream = io.StringIO()
    progress = _Progress(stream, live=True, lines=False)
    progress.show(Progress(documents=3, events=7, failures=1, skipped=2))
    progress.show(Progress(documents=5, events=9, failures=1, skipped=2))
    progress.done()
    text = stream.getvalue()
    assert text.count("\r") == 2 and text.endswith("\n") and text.count("\n") == 1
    assert "5 documents  9 events  1 failures  2 skipped" in text and "docs/s" in text


def test_no_progress_when_not_a_terminal_unless_asked() -> None:
    quiet, lines = io.StringIO(), io.StringIO()
    _Progress(quiet, live=False, lines=False).show(Progress(documents=1))
    _Progress(lines, live=False, lines=True).show(Progress(documents=1))
    assert quiet.getvalue() == ""
    assert lines.getvalue().startswith("progress: 1 documents")
