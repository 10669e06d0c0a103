"""Open the database for one request without ever blocking a writer for long.

DuckDB lets one process hold a file, and a writer (``dyadwatch ingest``) holds it for a
whole run. Each request opens the file read-only and closes it before answering. If a
writer holds it, the request waits ``wait`` seconds, then answers from a snapshot: a
copy of the file taken the last time the server could read it. The page is then a few
seconds stale, but it does not fail. Only when no snapshot exists yet does the request
wait the full ``lock_timeout``.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from dyadwatch.errors import DatabaseLocked
from dyadwatch.store import Store

__all__ = ["Opened", "Reader"]

# Past this size a snapshot copy costs more than a short wait for the writer (~1 s of
# disk time on a laptop SSD); larger databases only wait.
_MAX_SNAPSHOT_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Opened:
    store: Store
    snapshot: bool  # True: answered from the last snapshot, not the live file


class Reader:
    """One per app. ``snapshot_dir`` is None to turn snapshots off."""

    def __init__(
        self, db: Path, *, lock_timeout: float, wait: float, snapshot_dir: Path | None
    ) -> None:
        self.db = db
        self.lock_timeout = lock_timeout
        self.wait = min(wait, lock_timeout)
        self.snapshot = snapshot_dir / "snapshot.duckdb" if snapshot_dir else None
        self._copied: tuple[int, int] | None = None  # (mtime_ns, size) of the copied file
        self._copy_lock = threading.Lock()

    @contextmanager
    def open(self) -> Iterator[Opened]:
        first_wait = self.wait if self._has_snapshot() else self.lock_timeout
        try:
            store = Store(self.db, read_only=True, lock_timeout=first_wait)
        except DatabaseLocked:
            if not self._has_snapshot() or self.snapshot is None:
                raise
            with Store(self.snapshot, read_only=True, lock_timeout=self.lock_timeout) as copy:
                yield Opened(copy, snapshot=True)
            return
        with store:
            self._refresh()
            yield Opened(store, snapshot=False)

    def _has_snapshot(self) -> bool:
        return self.snapshot is not None and self._copied is not None

    def _refresh(self) -> None:
        """Copy the database if it changed since the last copy. Called while this process
        holds the file, so no writer can be changing it."""
        if self.snapshot is None:
            return
        stat = self.db.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        if key == self._copied or stat.st_size > _MAX_SNAPSHOT_BYTES:
            return
        with self._copy_lock:
            if key == self._copied:
                return
            partial = self.snapshot.with_name(f"partial-{time.monotonic_ns()}.duckdb")
            shutil.copyfile(self.db, partial)
            wal = self.db.with_name(self.db.name + ".wal")
            if wal.exists():
                shutil.copyfile(wal, partial.with_name(partial.name + ".wal"))
                partial.with_name(partial.name + ".wal").replace(
                    self.snapshot.with_name(self.snapshot.name + ".wal")
                )
            else:
                self.snapshot.with_name(self.snapshot.name + ".wal").unlink(missing_ok=True)
            partial.replace(self.snapshot)
            self._copied = key
