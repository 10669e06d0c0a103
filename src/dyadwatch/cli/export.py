"""``dyadwatch export --format parquet|csv|jsonl|gdelt|plover OUT`` with the shared filters."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from dyadwatch.cli.options import add_db_option, add_filter_options, filter_from_args, open_store
from dyadwatch.query import EXPORT_FORMATS, export_events

__all__ = ["register"]


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "export",
        help="export stored events (parquet, csv, jsonl, GDELT 2.0, POLECAT/PLOVER)",
        description="Write stored events to OUT (- for standard output, except parquet). "
        "gdelt: the GDELT 2.0 event table's 61 tab-separated columns, no header. "
        "plover: POLECAT's tab-separated columns with a header.",
    )
    parser.add_argument("out", metavar="OUT")
    parser.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    add_db_option(parser)
    add_filter_options(parser)
    parser.add_argument("--limit", type=int, default=None, help="at most this many events")
    parser.add_argument(
        "--count",
        choices=("events", "reports"),
        default="events",
        help="one row per event cluster (its earliest report), or every report",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    flt = filter_from_args(args, limit=args.limit)
    out = None if args.out == "-" else Path(args.out)
    with open_store(args) as store:
        count = export_events(store, flt, args.format, out, args.count)
    print(f"exported {count} events to {args.out} ({args.format})", file=sys.stderr)
    return 0
