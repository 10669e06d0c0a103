"""kill -9 in the middle of a real ingest, then run again: the same database as a clean run."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb

from ingest_corpus import write_corpus

# Enough articles that the run is still coding when the first commit is reported.
COUNT = 256


def ingest(db: Path, corpus: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "dyadwatch.cli.main",
            "ingest",
            str(corpus),
            "--db",
            str(db),
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def snapshot(db: Path) -> dict[str, Any]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        runs = con.execute("SELECT id FROM runs ORDER BY started, id").fetchall()
        last = runs[-1][0]
        return {
            "articles": con.execute(
                "SELECT doc_id, content_hash, origin, language FROM articles ORDER BY doc_id"
            ).fetchall(),
            "events": con.execute(
                "SELECT event_id, doc_id, record FROM events ORDER BY event_id"
            ).fetchall(),
            "event_count": con.execute(
                "SELECT count(*), count(DISTINCT event_id) FROM events"
            ).fetchall(),
            "clusters": con.execute(
                "SELECT doc_id, cluster_id FROM article_clusters ORDER BY doc_id"
            ).fetchall(),
            "ingested": con.execute(
                "SELECT doc_id, source_hash FROM ingested_documents ORDER BY doc_id"
            ).fetchall(),
            "last_failures": con.execute(
                "SELECT origin, code FROM failures WHERE run_id = ? ORDER BY origin", [last]
            ).fetchall(),
        }
    finally:
        con.close()


def test_a_killed_ingest_resumes_to_the_same_database_as_a_clean_run(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", COUNT)
    killed_db = tmp_path / "killed.duckdb"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "dyadwatch.cli.main",
            "ingest",
            str(corpus),
            "--db",
            str(killed_db),
            "--progress",
        ],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    assert process.stderr is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stderr, selectors.EVENT_READ)
    deadline = time.monotonic() + 300
    progress_lines = 0
    # Wait for the second commit: some documents are stored, the run is not done.
    while progress_lines < 2 and time.monotonic() < deadline:
        if selector.select(timeout=1.0):
            line = process.stderr.readline()
            if not line:
                break
            progress_lines += line.startswith("progress:")
    assert progress_lines == 2, "the ingest never reported a second commit"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    partial = snapshot(killed_db)
    assert 0 < len(partial["articles"]) < COUNT, "the kill did not land mid-run"

    resumed = ingest(killed_db, corpus)
    assert resumed.returncode == 0, resumed.stderr
    assert "already ingested" in resumed.stderr

    clean_db = tmp_path / "clean.duckdb"
    clean = ingest(clean_db, corpus)
    assert clean.returncode == 0, clean.stderr

    after, expected = snapshot(killed_db), snapshot(clean_db)
    assert len(expected["articles"]) == COUNT
    assert after == expected
    count, distinct = after["event_count"][0]
    assert count == distinct > COUNT  # every article has events and none is doubled
    # The killed run is listed as unfinished.
    runs = subprocess.run(
        [sys.executable, "-m", "dyadwatch.cli.main", "runs", "--db", str(killed_db)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert len(runs) == 2 and "unfinished" in runs[0] and "finished" in runs[1]
