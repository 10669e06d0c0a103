"""Rows the store returns, besides event records (which are plain contract dicts)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

__all__ = ["AddResult", "DyadSummary", "FailureRow", "RunRow"]


@dataclass(frozen=True, slots=True)
class AddResult:
    """What one ``Store.add_articles`` call changed.

    ``replaced_articles`` are known doc_ids whose text changed (their events were
    replaced); ``skipped_events`` are events whose id already belongs to another
    article's event (kept as it was; a sign that event ids do not include the doc_id).
    """

    new_articles: int = 0
    unchanged_articles: int = 0
    replaced_articles: int = 0
    new_events: int = 0
    removed_events: int = 0
    skipped_events: int = 0


@dataclass(frozen=True, slots=True)
class DyadSummary:
    """Events between two countries, either direction; ``a`` < ``b``."""

    a: str
    b: str
    events: int
    first: str | None
    last: str | None
    cooperation: int  # quad classes 1-2
    conflict: int  # quad classes 3-4
    goldstein: float  # mean Goldstein score

    def as_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "events": self.events,
            "first": self.first,
            "last": self.last,
            "cooperation": self.cooperation,
            "conflict": self.conflict,
            "goldstein": self.goldstein,
        }


@dataclass(frozen=True, slots=True)
class FailureRow:
    run_id: str
    origin: str
    code: str
    message: str
    at: datetime  # UTC, timezone-aware

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "origin": self.origin,
            "code": self.code,
            "message": self.message,
            "at": self.at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class RunRow:
    id: str
    started: datetime  # UTC, timezone-aware
    finished: datetime | None  # None while running, or if the run crashed
    inputs: tuple[str, ...]
    coder: str
    documents: int | None
    events: int | None
    failures: int | None
    # Inputs found already stored or unchanged on their server; None for runs recorded
    # before dyadwatch kept it (migration 0008_run_skipped) or by `ingest-parquet`.
    skipped: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "started": self.started.isoformat(),
            "finished": self.finished.isoformat() if self.finished else None,
            "inputs": list(self.inputs),
            "coder": self.coder,
            "documents": self.documents,
            "events": self.events,
            "failures": self.failures,
            "skipped": self.skipped,
        }
