"""A writer in another process holds the database: requests answer from the snapshot."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dyadwatch.serve import Settings, create_app
from serve.dbs import build_db

HOLD = (
    "import sys, time\n"
    "from dyadwatch.store import Store\n"
    "store = Store(sys.argv[1])\n"
    "print('held', flush=True)\n"
    "sys.stdin.read()\n"  # until the test closes our stdin
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build_db(tmp_path / "locked.duckdb")


@pytest.fixture
def writer(db: Path) -> Iterator[subprocess.Popen[str]]:
    """A process that opens the database for writing and holds it until stdin closes."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    yield process
    if process.poll() is None:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=30)


def hold(process: subprocess.Popen[str]) -> None:
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "held"


def release(process: subprocess.Popen[str]) -> None:
    assert process.stdin is not None
    process.stdin.close()
    process.wait(timeout=30)


def test_a_held_database_is_read_from_the_snapshot(db: Path, writer: subprocess.Popen[str]) -> None:
    app = create_app(Settings(db=db, lock_timeout=1.0, snapshot_wait=0.1))
    with TestClient(app) as client:
        live = client.get("/api/events?dyad=PRK-RUS")
        assert live.status_code == 200 and "x-dyadwatch-snapshot" not in live.headers
        hold(writer)
        for route in ("/api/events?dyad=PRK-RUS", "/dyad/PRK-RUS", "/api/dyads", "/"):
            stale = client.get(route)
            assert stale.status_code == 200, stale.text
            assert stale.headers["x-dyadwatch-snapshot"] == "1"
        assert client.get("/api/events?dyad=PRK-RUS").json() == live.json()
        release(writer)
        again = client.get("/api/events?dyad=PRK-RUS")
        assert again.status_code == 200 and "x-dyadwatch-snapshot" not in again.headers


def test_without_a_snapshot_a_held_database_is_a_503(
    db: Path, writer: subprocess.Popen[str]
) -> None:
    hold(writer)
    client = TestClient(create_app(Settings(db=db, lock_timeout=0.3, snapshots=False)))
    response = client.get("/api/dyads")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "E301"
