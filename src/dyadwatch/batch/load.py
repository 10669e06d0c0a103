"""Load a ``dyadwatch batch`` output directory into the DuckDB store (no Spark needed).

Goes through the store's public API (``add_records``, ``add_failures``), so loading the
same output twice changes nothing, and a corrected article replaces its old events,
exactly as with ``dyadwatch ingest``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds

from dyadwatch import CODER
from dyadwatch.batch.columns import article_from_row, error_from_row
from dyadwatch.errors import DyadwatchError, InputNotFound, MalformedInput
from dyadwatch.model import Article
from dyadwatch.store import Store

__all__ = ["LoadResult", "load_batch"]

# Articles per store transaction: one bulk insert each, and a crash part-way loses at
# most this many (loading again picks them up, as the store is idempotent).
_ARTICLES_PER_WRITE = 500


@dataclass(frozen=True, slots=True)
class LoadResult:
    run_id: str
    articles: int
    events: int
    new_events: int
    failures: int


def load_batch(store: Store, out: str | Path) -> LoadResult:
    """Store the articles, events and failures that ``dyadwatch batch`` wrote to ``out``."""
    root = Path(out)
    if not root.is_dir():
        raise InputNotFound(str(root), "no such batch output directory")
    events = _read(root, "events", ("doc_id", "record"))
    articles = _read(root, "articles", ("doc_id", "record"))
    failures = _read(root, "failures", ("origin", "error_class", "subject", "problem", "fix"))
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    coders: set[str] = set()
    for doc_id, record in zip(
        events.column("doc_id").to_pylist(), events.column("record").to_pylist(), strict=True
    ):
        event = json.loads(record)
        coders.add(str(event.get("coder") or CODER))
        by_doc[doc_id].append(event)
    run_id = store.start_run([str(root)], " ".join(sorted(coders)) or CODER)
    new_events = 0
    chunk: list[tuple[Article, list[dict[str, Any]]]] = []
    for article in _articles(articles):
        chunk.append((article, by_doc.get(article.doc_id, [])))
        if len(chunk) >= _ARTICLES_PER_WRITE:
            new_events += store.add_records(run_id, chunk).new_events
            chunk = []
    if chunk:
        new_events += store.add_records(run_id, chunk).new_events
    errors: list[tuple[str, DyadwatchError]] = [
        (
            row["origin"],
            error_from_row(row["error_class"], row["subject"], row["problem"], row["fix"]),
        )
        for row in failures.to_pylist()
    ]
    store.add_failures(run_id, errors)
    store.finish_run(
        run_id, documents=articles.num_rows, events=events.num_rows, failures=len(errors)
    )
    return LoadResult(run_id, articles.num_rows, events.num_rows, new_events, len(errors))


def _articles(table: pa.Table) -> Iterator[Article]:
    for record in table.column("record").to_pylist():
        yield article_from_row(record)


def _read(root: Path, name: str, columns: tuple[str, ...]) -> pa.Table:
    path = root / name
    if not path.is_dir():
        raise MalformedInput(
            str(root),
            f"not a dyadwatch batch output (no '{name}' folder)",
            "Pass the --out directory of dyadwatch batch",
        )
    try:
        dataset = ds.dataset(path, format="parquet")
        if not dataset.files:
            # Spark may leave only _SUCCESS for an empty result: no rows, not an error.
            return pa.table({name: pa.array([], pa.string()) for name in columns})
        return dataset.to_table(columns=list(columns))
    except (pa.ArrowInvalid, OSError) as error:
        detail = str(error).splitlines()[0]
        raise MalformedInput(str(path), f"cannot read it as Parquet ({detail})") from error
