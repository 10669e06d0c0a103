"""Query commands over the database: ``events``, ``dyads``, ``failures``, ``runs``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from dyadwatch.cli.options import add_db_option, add_filter_options, filter_from_args, open_store
from dyadwatch.cli.output import FORMATS, write_events, write_table

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

    actors = commands.add_parser(
        "actors", help="the actors stored events name, most frequent first"
    )
    add_db_option(actors)
    actors.add_argument("--limit", type=int, default=50)
    actors.set_defaults(run=run_actors)

    runs = commands.add_parser("runs", help="ingest runs: when, what, and how they ended")
    add_db_option(runs)
    runs.set_defaults(run=run_runs)


def _add_filters(parser: argparse.ArgumentParser) -> None:
    add_filter_options(parser)
    parser.add_argument("--limit", type=int, default=None, help="at most this many")


def run_events(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        rows = store.events(filter_from_args(args, limit=args.limit))
    write_events(rows, args.format, sys.stdout)
    return 0


def run_dyads(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        summaries = store.dyads(filter_from_args(args), limit=args.limit or 50, count=args.count)
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
    write_table(header, rows, sys.stdout)
    return 0


def run_failures(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        for failure in store.failures(args.run_id):
            print(f"{failure.at:%Y-%m-%d %H:%M:%S}  {failure.origin}  {failure.message}")
    return 0


def run_runs(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        for r in store.runs():
            # A run with no finish time was killed or crashed; `ingest` again resumes it.
            state = f"finished {r.finished:%H:%M:%S}" if r.finished else "unfinished"
            counts = (
                f"{r.documents} documents, {r.events} events, {r.failures} failures"
                if r.finished
                else "counts unknown"
            )
            if r.finished and r.skipped is not None:
                # Unknown (None) for runs from before it was kept and for ingest-parquet.
                counts += f", {r.skipped} already ingested"
            shown = " ".join(r.inputs[:2])
            if len(r.inputs) > 2:
                shown += f" (+{len(r.inputs) - 2} more)"
            print(f"{r.id}  {r.started:%Y-%m-%d %H:%M:%S}  {state}  {counts}  {shown}")
    return 0


def run_actors(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        rows = store.actors(limit=args.limit)
    header = ("code", "name", "events", "first", "last")
    table = [
        (r["code"], r["name"], str(r["events"]), r["first_seen"] or "", r["last_seen"] or "")
        for r in rows
    ]
    write_table(header, table, sys.stdout)
    return 0
