"""Ingest's hold on the database: opened on demand, let go between commits for readers."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyadwatch import ingest as ingest_module
from dyadwatch.ingest import BATCH_DOCUMENTS, ingest
from dyadwatch.read import read_inputs
from dyadwatch.store import Store
from ingest_corpus import write_corpus


def run_counting_opens(corpus: Path, db: Path) -> tuple[int, int]:
    """(times the database was opened, commits) for one ingest of ``corpus``."""
    opens = 0
    commits = 0

    def opener() -> Store:
        nonlocal opens
        opens += 1
        return Store(db)

    def counted(_: object) -> None:
        nonlocal commits
        commits += 1

    ingest(opener, read_inputs([str(corpus)]), inputs=[str(corpus)], on_commit=counted)
    return opens, commits


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"), BATCH_DOCUMENTS * 3)


def test_the_database_is_let_go_after_each_commit_once_the_lease_ends(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_module, "_LEASE_SECONDS", 0.0)
    opens, commits = run_counting_opens(corpus, tmp_path / "short.duckdb")
    assert commits >= 3
    assert opens > commits  # every commit reopens, and so do the checks between
    with Store(tmp_path / "short.duckdb", read_only=True) as store:
        assert len(store.clusters()) == BATCH_DOCUMENTS * 3


def test_within_a_lease_commits_share_one_opening(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_module, "_LEASE_SECONDS", 3600.0)
    opens, commits = run_counting_opens(corpus, tmp_path / "long.duckdb")
    assert commits >= 3
    assert opens == 1
    # Let go at the end: another process (here, this one read-only) can open it.
    with Store(tmp_path / "long.duckdb", read_only=True) as store:
        assert len(store.clusters()) == BATCH_DOCUMENTS * 3
