"""Query commands over the database: ``events``, ``dyads``, ``failures``, ``runs``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from dyadwatch.cli.options import add_db_option, iso_date
from dyadwatch.cli.output import FORMATS, write_events
from dyadwatch.errors import InputNotFound
from dyadwatch.store import EventFilter, Store

__all__ = ["register"]


def register(commands: Any) -> None:
    events = commands.add_parser("events", help="list stored events")
    add_db_option(events)
    _add_filters(events)
    events.add_argument("--format", choices=FORMATS, default="table")
    events.set_defaults(run=run_events)

    dyads = commands.add_parser("dyads", help="the most active pairs of countries")
    add_db_option(dyads)
    _add_filters(dyads)
    dyads.add_argument("--format", choices=("table", "json"), default="table")
    dyads.set_defaults(run=run_dyads)

    failures = commands.add_parser("failures", help="inputs that could not be coded")
    add_db_option(failures)
    failures.add_argument("--run", default=None, help="only this run id")
    failures.set_defaults(run=run_failures)


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dyad", nargs=2, metavar=("A", "B"), help="two country codes")
    parser.add_argument("--actor", help="a country or actor code on either side")
    parser.add_argument("--since", type=iso_date, help="first date (YYYY-MM-DD)")
    parser.add_argument("--until", type=iso_date, help="last date (YYYY-MM-DD)")
    parser.add_argument("--cameo", help="CAMEO code or prefix, e.g. 05 or 051")
    parser.add_argument(
        "--status", choices=("reported", "intended", "expected", "denied", "hypothetical")
    )
    parser.add_argument("--limit", type=int, default=None)


def _filter(args: argparse.Namespace) -> EventFilter:
    dyad = (args.dyad[0].upper(), args.dyad[1].upper()) if args.dyad else None
    return EventFilter(
        dyad=dyad,
        actor=args.actor.upper() if args.actor else None,
        since=args.since,
        until=args.until,
        cameo=args.cameo,
        status=args.status,
        limit=args.limit,
    )


def _open(args: argparse.Namespace) -> Store:
    if not Path(args.db).exists():
        raise InputNotFound(
            str(args.db), "no database here", "Run `dyadwatch ingest INPUT...` first, or pass --db"
        )
    return Store(args.db, read_only=True)


def run_events(args: argparse.Namespace) -> int:
    with _open(args) as store:
        rows = store.events(_filter(args))
    write_events(rows, args.format, sys.stdout)
    return 0


def run_dyads(args: argparse.Namespace) -> int:
    with _open(args) as store:
        summaries = store.dyads(_filter(args), limit=args.limit or 50)
    if args.format == "json":
        json.dump([s.as_dict() for s in summaries], sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    header = ("dyad", "events", "coop", "conflict", "goldstein", "first", "last")
    rows = [
        (
            f"{s.a}-{s.b}",
            str(s.events),
            str(s.cooperation),
            str(s.conflict),
            f"{s.goldstein:+.2f}",
            s.first or "",
            s.last or "",
        )
        for s in summaries
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    return 0


def run_failures(args: argparse.Namespace) -> int:
    with _open(args) as store:
        for failure in store.failures(args.run):
            print(f"{failure.at:%Y-%m-%d %H:%M:%S}  {failure.origin}  {failure.message}")
    return 0
