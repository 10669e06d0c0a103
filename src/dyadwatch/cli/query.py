"""Query commands over the database: ``events``, ``dyads``, ``failures``, ``runs``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from dyadwatch.cli.options import add_db_option, dyad_option, iso_date
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
    dyads.add_argument(
        "--count",
        choices=("events", "reports"),
        default="events",
        help="count event clusters (reports of one real-world event count once) or reports",
    )
    dyads.set_defaults(run=run_dyads)

    failures = commands.add_parser("failures", help="inputs that could not be coded")
    add_db_option(failures)
    failures.add_argument("--run", dest="run_id", default=None, help="only this run id")
    failures.set_defaults(run=run_failures)

    runs = commands.add_parser("runs", help="ingest runs: when, what, and how they ended")
    add_db_option(runs)
    runs.set_defaults(run=run_runs)


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dyad",
        type=dyad_option,
        metavar="A-B",
        help="two country or actor codes, either order, e.g. PRK-RUS",
    )
    parser.add_argument("--actor", help="a country or actor code on either side")
    parser.add_argument("--since", type=iso_date, help="first date (YYYY-MM-DD)")
    parser.add_argument("--until", type=iso_date, help="last date (YYYY-MM-DD)")
    parser.add_argument("--cameo", help="CAMEO code or prefix, e.g. 05 or 051")
    parser.add_argument(
        "--status", choices=("reported", "intended", "expected", "denied", "hypothetical")
    )
    parser.add_argument("--location-country", metavar="ISO3", help="events located in this country")
    parser.add_argument(
        "--bbox", type=_bbox, metavar="W,S,E,N", help="events located inside this box (degrees)"
    )
    parser.add_argument("--limit", type=int, default=None)


def _bbox(value: str) -> tuple[float, float, float, float]:
    """W,S,E,N as four numbers; ranges are checked by EventFilter."""
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not W,S,E,N; pass four numbers, e.g. 22,44,41,53"
        ) from None
    return west, south, east, north


def _filter(args: argparse.Namespace) -> EventFilter:
    return EventFilter(
        dyad=args.dyad,
        actor=args.actor.upper() if args.actor else None,
        since=args.since,
        until=args.until,
        cameo=args.cameo,
        status=args.status,
        location_country=args.location_country,
        bbox=args.bbox,
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
        summaries = store.dyads(_filter(args), limit=args.limit or 50, count=args.count)
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
        for failure in store.failures(args.run_id):
            print(f"{failure.at:%Y-%m-%d %H:%M:%S}  {failure.origin}  {failure.message}")
    return 0


def run_runs(args: argparse.Namespace) -> int:
    with _open(args) as store:
        for r in store.runs():
            # A run with no finish time was killed or crashed; `ingest` again resumes it.
            state = f"finished {r.finished:%H:%M:%S}" if r.finished else "unfinished"
            counts = (
                f"{r.documents} documents, {r.events} events, {r.failures} failures"
                if r.finished
                else "counts unknown"
            )
            shown = " ".join(r.inputs[:2])
            if len(r.inputs) > 2:
                shown += f" (+{len(r.inputs) - 2} more)"
            print(f"{r.id}  {r.started:%Y-%m-%d %H:%M:%S}  {state}  {counts}  {shown}")
    return 0
