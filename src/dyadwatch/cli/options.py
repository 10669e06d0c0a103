"""Options shared by several commands, checked once with the same messages."""

from __future__ import annotations

import argparse
import datetime as dt

from dyadwatch.errors import BadOption

__all__ = ["add_date_option", "add_db_option", "dyad_option", "inputs_or_samples", "iso_date"]


def iso_date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2024-06-19"
        ) from None


def dyad_option(value: str) -> tuple[str, str]:
    """ "PRK-RUS" (or "PRK,RUS") -> ("PRK", "RUS")."""
    parts = [p.strip().upper() for p in value.replace(",", "-").split("-")]
    if len(parts) != 2 or not all(p.isalnum() and len(p) >= 3 for p in parts):
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a dyad; give two country codes, e.g. PRK-RUS"
        )
    return parts[0], parts[1]


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
