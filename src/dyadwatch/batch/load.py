"""Load a ``dyadwatch batch`` output directory into the DuckDB store (no Spark needed).

Goes through the store's public API in the order ``dyadwatch ingest`` uses: each chunk
of articles is put in story clusters (``cluster_articles``) before its articles and
events are stored (``add_records``), so the event clusters made with the events count
reprints as one story; then the failures. Loading the same output twice changes
nothing (an article already clustered keeps its cluster, a stored article with the
same text is left as it is), and a corrected article replaces its old events, exactly
as with ``dyadwatch ingest``.
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
from dyadwatch.dedupe import SCHEME, Signature, signature, unpack_signature
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
    articles = _read(
        root, "articles", ("doc_id", "record"), optional=("signature", "signature_scheme")
    )
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
    signatures: dict[str, Signature] = {}
    for article, made in _articles(articles):
        chunk.append((article, by_doc.get(article.doc_id, [])))
        # An older output has no signatures: make them here, as ingest would have.
        signatures[article.doc_id] = signature(article.text) if made is None else made
        if len(chunk) >= _ARTICLES_PER_WRITE:
            store.cluster_articles(signatures)
            new_events += store.add_records(run_id, chunk).new_events
            chunk, signatures = [], {}
    if chunk:
        store.cluster_articles(signatures)
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


def _articles(table: pa.Table) -> Iterator[tuple[Article, Signature | None]]:
    """Each article and the signature the executor made for it.

    The signature is None when the output was written before articles carried one, or
    under another MinHash scheme (other settings, by another dyadwatch version), whose
    signatures cannot be compared with the store's: the caller then makes it from the
    text on load, which gives the same clusters, only slower.
    """
    records = table.column("record").to_pylist()
    names = table.column_names
    if "signature" in names and "signature_scheme" in names:
        packed = table.column("signature").to_pylist()
        schemes = table.column("signature_scheme").to_pylist()
    else:
        packed = schemes = [None] * len(records)
    for record, data, scheme in zip(records, packed, schemes, strict=True):
        made = unpack_signature(data) if scheme == SCHEME else None
        yield article_from_row(record), made


def _read(
    root: Path, name: str, columns: tuple[str, ...], optional: tuple[str, ...] = ()
) -> pa.Table:
    """The ``columns`` of dataset ``name``, and those of ``optional`` it has."""
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
        present = [c for c in optional if c in dataset.schema.names]
        return dataset.to_table(columns=[*columns, *present])
    except (pa.ArrowInvalid, OSError) as error:
        detail = str(error).splitlines()[0]
        raise MalformedInput(str(path), f"cannot read it as Parquet ({detail})") from error
