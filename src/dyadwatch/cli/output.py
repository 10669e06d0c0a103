"""Render event records as jsonl, json, csv (the export's columns) or a terminal table."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

from dyadwatch.query.export import flat_event, write_text

__all__ = ["FORMATS", "write_events", "write_table"]

FORMATS = ("jsonl", "json", "table", "csv")


def write_events(events: Iterable[Mapping[str, Any]], fmt: str, out: TextIO) -> int:
    """Write events in ``fmt``; returns how many were written. jsonl and csv stream."""
    if fmt in ("jsonl", "csv"):
        # The same writer as `dyadwatch export`, so the two commands' files match.
        return write_text(events, fmt, out)
    if fmt == "json":
        collected = list(events)
        json.dump(collected, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return len(collected)
    return _write_table(events, out)


def _write_table(events: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    rows = []
    for event in events:
        flat = flat_event(event)
        flags = flat["status"] + (" hedged" if flat["hedged"] else "")
        rows.append(
            (
                str(flat["date"] or ""),
                flat["source_code"],
                flat["cameo"],
                flat["target_code"] or "-",
                flags,
                str(flat["attribution"] or "")[:24],
                f"{flat['cameo_label'][:34]} ({flat['trigger']})",
            )
        )
    header = ("date", "source", "cameo", "target", "status", "according to", "event")
    write_table(header, rows, out)
    return len(rows)


def write_table(header: Sequence[str], rows: Sequence[Sequence[str]], out: TextIO) -> None:
    """Columns padded to their widest cell, two spaces apart, no trailing blanks."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        out.write("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() + "\n")
