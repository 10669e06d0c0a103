"""``dyadwatch ingest`` writes to the database while ``dyadwatch serve`` reads it."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import httpx

from serve.dbs import build_db, dyadwatch, running_server


def test_ingest_while_serving_fails_no_request_and_shows_new_events(tmp_path: Path) -> None:
    db = build_db(tmp_path / "live.duckdb")
    with running_server(db) as base:
        before = httpx.get(base + "/api/events?dyad=PRK-RUS&limit=1").json()["total"]
        statuses: list[int] = []
        stop = threading.Event()

        def poll() -> None:
            with httpx.Client(base_url=base, timeout=30) as http:
                while not stop.is_set():
                    for route in ("/api/events?dyad=PRK-RUS&limit=5", "/dyad/PRK-RUS", "/"):
                        statuses.append(http.get(route).status_code)

        poller = threading.Thread(target=poll)
        poller.start()
        try:
            ingest = subprocess.run(
                dyadwatch("ingest", "--samples", "--db", str(db)),
                capture_output=True,
                text=True,
                timeout=300,
            )
        finally:
            stop.set()
            poller.join()
        assert ingest.returncode == 0, ingest.stderr
        after = httpx.get(base + "/api/events?dyad=PRK-RUS&limit=1").json()["total"]
    # The server was asked throughout the ingest and never failed on the lock.
    assert len(statuses) > 3
    assert set(statuses) == {200}
    assert after > before
