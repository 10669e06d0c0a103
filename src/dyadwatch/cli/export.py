"""``dyadwatch export --format parquet|csv|jsonl|gdelt|plover OUT``, and the event filter
options that ``export`` and ``timeline`` share (built by ``dyadwatch.query.make_filter``,
the same function the JSON API uses)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from dyadwatch.cli.options import add_db_option
from dyadwatch.errors import InputNotFound
from dyadwatch.query import EXPORT_FORMATS, STATUSES, export_events, make_filter
from dyadwatch.store import EventFilter, Store

__all__ = ["add_filter_options", "filter_from_args", "open_store", "register"]


def add_filter_options(parser: argparse.ArgumentParser, *, dyad: bool = True) -> None:
    if dyad:
        parser.add_argument("--dyad", nargs=2, metavar=("A", "B"), help="two country codes")
    parser.add_argument("--actor", help="a country or actor code on either side")
    parser.add_argument("--since", help="first date (YYYY, YYYY-MM or YYYY-MM-DD)")
    parser.add_argument("--until", help="last date, inclusive (YYYY, YYYY-MM or YYYY-MM-DD)")
    parser.add_argument("--cameo", help="CAMEO code or prefix, e.g. 05 or 051")
    parser.add_argument("--status", choices=STATUSES)
    parser.add_argument("--outlet", help="only articles from this site")


def filter_from_args(args: argparse.Namespace, **extra: Any) -> EventFilter:
    return make_filter(
        dyad=extra.pop("dyad", getattr(args, "dyad", None)),
        actor=args.actor,
        since=args.since,
        until=args.until,
        cameo=args.cameo,
        status=args.status,
        outlet=args.outlet,
        **extra,
    )


def open_store(args: argparse.Namespace) -> Store:
    if not Path(args.db).exists():
        raise InputNotFound(
            str(args.db), "no database here", "Run `dyadwatch ingest INPUT...` first, or pass --db"
        )
    return Store(args.db, read_only=True)


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
