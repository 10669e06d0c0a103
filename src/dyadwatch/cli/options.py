"""Options shared by several commands, checked once with the same messages."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dyadwatch.errors import BadOption, InputNotFound

if TYPE_CHECKING:
    from dyadwatch.store import EventFilter, Store

__all__ = [
    "add_date_option",
    "add_db_option",
    "add_filter_options",
    "filter_from_args",
    "inputs_or_samples",
    "iso_date",
    "open_store",
]


def iso_date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2024-06-19"
        ) from None


def add_date_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--date",
        type=iso_date,
        default=None,
        help="date every event gets (YYYY-MM-DD); default: each article's own date",
    )


def inputs_or_samples(inputs: list[str], samples: bool) -> list[str]:
    if samples:
        from dyadwatch.samples import sample_paths

        return [*inputs, *(str(p) for p in sample_paths())]
    if not inputs:
        raise BadOption("INPUT", "no input given", "Pass a file, a directory, or - for stdin")
    return inputs


def add_db_option(parser: argparse.ArgumentParser) -> None:
    from dyadwatch.store import default_db_path

    parser.add_argument(
        "--db",
        default=str(default_db_path()),
        help="database file (default: $DYADWATCH_DB or ./dyadwatch.duckdb)",
    )


def add_filter_options(parser: argparse.ArgumentParser, *, dyad: bool = True) -> None:
    """The event filters every query command shares (``events``, ``dyads``, ``export``...)."""
    if dyad:
        parser.add_argument(
            "--dyad", metavar="A-B", help="two country or actor codes, either order: PRK-RUS"
        )
    parser.add_argument("--actor", help="a country or actor code on either side")
    parser.add_argument("--since", help="first date (YYYY, YYYY-MM or YYYY-MM-DD)")
    parser.add_argument("--until", help="last date, inclusive (YYYY, YYYY-MM or YYYY-MM-DD)")
    parser.add_argument("--cameo", help="CAMEO code or prefix, e.g. 05 or 051")
    parser.add_argument(
        "--status", choices=("reported", "intended", "expected", "denied", "hypothetical")
    )
    parser.add_argument("--outlet", help="only articles from this site")
    parser.add_argument("--location-country", metavar="ISO3", help="events located in this country")
    parser.add_argument("--bbox", metavar="W,S,E,N", help="events located inside this box")


def filter_from_args(args: argparse.Namespace, **extra: Any) -> EventFilter:
    from dyadwatch.query.spec import make_filter

    return make_filter(
        dyad=extra.pop("dyad", getattr(args, "dyad", None)),
        actor=args.actor,
        since=args.since,
        until=args.until,
        cameo=args.cameo,
        status=args.status,
        outlet=args.outlet,
        location_country=args.location_country,
        bbox=args.bbox,
        **extra,
    )


def open_store(args: argparse.Namespace) -> Store:
    """The database named by ``--db``, read-only; a missing file says how to make one."""
    from dyadwatch.store import Store

    if not Path(args.db).exists():
        raise InputNotFound(
            str(args.db), "no database here", "Run `dyadwatch ingest INPUT...` first, or pass --db"
        )
    return Store(args.db, read_only=True)
