"""DuckDB storage of articles, events, ingest runs and failures.

Usage::

    with Store(default_db_path()) as store:
        run = store.start_run(["news/"], coder="dyadwatch 0.1.0")
        result = store.add_articles(run, [(article, events), ...])
        store.finish_run(run, documents=..., events=..., failures=...)
        store.events(EventFilter(dyad=("PRK", "RUS"), since="2024-06"))
"""

from dyadwatch.store.database import DEFAULT_DB, Store, content_hash, default_db_path
from dyadwatch.store.filters import EventFilter
from dyadwatch.store.migrations import MIGRATIONS
from dyadwatch.store.rows import AddResult, DyadSummary, FailureRow, RunRow
from dyadwatch.store.validators import ValidatorRow

__all__ = [
    "DEFAULT_DB",
    "MIGRATIONS",
    "AddResult",
    "DyadSummary",
    "EventFilter",
    "FailureRow",
    "RunRow",
    "Store",
    "ValidatorRow",
    "content_hash",
    "default_db_path",
]
