"""Export stored events: parquet, csv, jsonl, GDELT 2.0 event rows, POLECAT (PLOVER) rows.

Events are read in pages so an export of a large database never holds it all in memory.
``gdelt`` is tab-separated without a header, as GDELT's own files; ``plover`` is
tab-separated with POLECAT's header line.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from dyadwatch.errors import BadOption, UnreadableInput
from dyadwatch.query.gdelt import gdelt_row
from dyadwatch.query.plover import PLOVER_COLUMNS, plover_row
from dyadwatch.store import EventFilter, Store
from dyadwatch.store.event_clusters import COUNTS, Count

__all__ = [
    "EXPORT_FORMATS",
    "FLAT_COLUMNS",
    "export_events",
    "flat_event",
    "iter_events",
    "write_text",
]

EXPORT_FORMATS = ("parquet", "csv", "jsonl", "gdelt", "plover")

# Events fetched per query: small enough to bound memory, large enough that the
# per-query overhead (~1 ms) is negligible next to parsing the JSON records.
_PAGE = 5000

FLAT_COLUMNS: tuple[str, ...] = (
    "event_id", "doc_id", "url", "title", "published", "date", "sentence_index",
    "source_code", "source_country", "source_sector", "source_name", "source_text",
    "cameo", "cameo_label", "target_code", "target_country", "target_sector", "target_name",
    "target_text", "trigger", "quad_class", "goldstein", "plover_type", "plover_mode",
    "status", "hedged", "attribution", "symmetric", "confidence", "coder", "sentence",
)  # fmt: skip

_INT = {"sentence_index", "quad_class"}
_FLOAT = {"goldstein", "confidence"}
_BOOL = {"hedged", "symmetric"}


def _arrow_type(name: str) -> pa.DataType:
    if name in _INT:
        return pa.int32()
    if name in _FLOAT:
        return pa.float64()
    if name in _BOOL:
        return pa.bool_()
    return pa.string()


_PARQUET_SCHEMA = pa.schema(
    [(name, _arrow_type(name)) for name in FLAT_COLUMNS] + [("record", pa.string())]
)


def flat_event(event: Mapping[str, Any]) -> dict[str, Any]:
    """One event as a flat row of ``FLAT_COLUMNS`` (csv and parquet)."""
    row: dict[str, Any] = {name: event.get(name) for name in FLAT_COLUMNS if name in event}
    for side in ("source", "target"):
        actor = event.get(side) or {}
        for key in ("code", "country", "sector", "name", "text"):
            row[f"{side}_{key}"] = actor.get(key)
    plover = event.get("plover") or {}
    attribution = event.get("attribution") or {}
    row["trigger"] = (event.get("trigger") or {}).get("text")
    row["plover_type"] = plover.get("type")
    row["plover_mode"] = plover.get("mode")
    row["attribution"] = attribution.get("text")
    return {name: row.get(name) for name in FLAT_COLUMNS}


def iter_events(store: Store, flt: EventFilter) -> Iterator[dict[str, Any]]:
    """Every matching event, fetched a page at a time (``flt.limit`` caps the total)."""
    left = flt.limit
    offset = flt.offset
    while left is None or left > 0:
        size = _PAGE if left is None else min(_PAGE, left)
        page = store.events(replace(flt, limit=size, offset=offset))
        yield from page
        if len(page) < size:
            return
        offset += size
        left = None if left is None else left - size


def export_events(
    store: Store, flt: EventFilter, fmt: str, out: Path | None, count: Count = "events"
) -> int:
    """Write matching events to ``out`` (None: standard output); returns how many.

    ``count="events"`` writes one row per event cluster (its earliest matching
    report); ``"reports"`` writes every event record. GDELT rows carry their
    cluster's counts in NumMentions (reports), NumSources (outlets) and NumArticles.
    """
    if count not in COUNTS:
        raise BadOption("count", f"{count!r} is not a count", f"Use {', '.join(COUNTS)}")
    if fmt not in EXPORT_FORMATS:
        raise BadOption(
            "format", f"{fmt!r} is not an export format", f"Use {', '.join(EXPORT_FORMATS)}"
        )
    events = _with_clusters(store, iter_events(store, flt), count, gdelt=fmt == "gdelt")
    if fmt == "parquet":
        if out is None:
            raise BadOption("OUT", "parquet cannot go to standard output", "Pass a file name")
        return _write_parquet(events, out)
    with _text_out(out) as stream:
        return write_text(events, fmt, stream)


def _with_clusters(
    store: Store, events: Iterator[dict[str, Any]], count: Count, *, gdelt: bool
) -> Iterator[dict[str, Any]]:
    """Events, one per cluster when counting events; GDELT rows get cluster counts."""
    seen: set[str] = set()
    for page in _chunked(events):
        clusters = store.event_clusters_for([e["event_id"] for e in page])
        for record in page:
            cluster = clusters.get(record["event_id"])
            if cluster is not None and count == "events":
                if cluster["cluster_id"] in seen:
                    continue
                seen.add(cluster["cluster_id"])
            if gdelt and cluster is not None:
                record = {**record, "cluster": cluster}
            yield record


def _chunked(events: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    page: list[dict[str, Any]] = []
    for event in events:
        page.append(event)
        if len(page) >= _PAGE:
            yield page
            page = []
    if page:
        yield page


@contextmanager
def _text_out(out: Path | None) -> Iterator[TextIO]:
    if out is None:
        yield sys.stdout
        return
    try:
        stream = out.open("w", encoding="utf-8", newline="")
    except OSError as error:
        raise UnreadableInput(
            str(out),
            f"cannot write it ({error.strerror})",
            "Check the folder exists and is writable",
        ) from error
    with stream:
        yield stream


def write_text(events: Iterable[Mapping[str, Any]], fmt: str, stream: TextIO) -> int:
    """Write events as jsonl, csv (``FLAT_COLUMNS``), gdelt or plover; returns the count."""
    count = 0
    if fmt == "jsonl":
        for event in events:
            stream.write(json.dumps(event, ensure_ascii=False) + "\n")
            count += 1
        return count
    if fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=FLAT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for event in events:
            writer.writerow(flat_event(event))
            count += 1
        return count
    # Tab-separated like the originals; tabs and newlines inside a field would break a
    # row, so they become spaces.
    tsv = csv.writer(
        stream, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\"
    )
    if fmt == "plover":
        tsv.writerow(PLOVER_COLUMNS)
    added = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    for event in events:
        row = gdelt_row(event, added) if fmt == "gdelt" else plover_row(event)
        tsv.writerow(
            [" ".join(cell.split()) if ("\t" in cell or "\n" in cell) else cell for cell in row]
        )
        count += 1
    return count


def _write_parquet(events: Iterator[dict[str, Any]], out: Path) -> int:
    count = 0
    try:
        writer = pq.ParquetWriter(str(out), _PARQUET_SCHEMA)
    except OSError as error:
        raise UnreadableInput(
            str(out), f"cannot write it ({error})", "Check the folder exists and is writable"
        ) from error
    with writer:
        batch: list[dict[str, Any]] = []
        for event in events:
            batch.append({**flat_event(event), "record": json.dumps(event, ensure_ascii=False)})
            if len(batch) >= _PAGE:
                writer.write_table(pa.Table.from_pylist(batch, schema=_PARQUET_SCHEMA))
                count += len(batch)
                batch = []
        # An empty export still writes a file with the schema.
        writer.write_table(pa.Table.from_pylist(batch, schema=_PARQUET_SCHEMA))
        count += len(batch)
    return count
