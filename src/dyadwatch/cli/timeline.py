"""``dyadwatch timeline A B [--by week|month] [--plot FILE.png|svg]``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from dyadwatch.cli.options import add_db_option, add_filter_options, filter_from_args, open_store
from dyadwatch.cli.output import write_table
from dyadwatch.errors import BadOption
from dyadwatch.query import PERIODS, TimelineRow, parse_dyad, timeline

__all__ = ["plot_timeline", "register"]

_PLOT_SUFFIXES = (".png", ".svg")


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "timeline",
        help="a dyad's events per week or month, by QuadClass, with mean Goldstein",
    )
    parser.add_argument("a", metavar="A", help="country or actor code, e.g. PRK")
    parser.add_argument("b", metavar="B", help="country or actor code, e.g. RUS")
    parser.add_argument("--by", choices=PERIODS, default="month")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--plot", metavar="FILE", help="also draw the chart (.png or .svg)")
    parser.add_argument(
        "--count",
        choices=("events", "reports"),
        default="events",
        help="count event clusters (reports of one real-world event count once) or reports",
    )
    add_db_option(parser)
    add_filter_options(parser, dyad=False)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    plot = Path(args.plot) if args.plot else None
    if plot is not None and plot.suffix.lower() not in _PLOT_SUFFIXES:
        raise BadOption(
            "--plot", f"{args.plot!r} is not a .png or .svg file", "Pass FILE.png or FILE.svg"
        )
    a, b = parse_dyad((args.a, args.b))
    flt = filter_from_args(args, dyad=(a, b))
    with open_store(args) as store:
        rows = timeline(store, flt, args.by, args.count)
    if args.format == "json":
        json.dump([r.as_dict() for r in rows], sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        _print_table(rows)
    if plot is not None:
        plot_timeline(rows, f"{a}–{b}", args.by, plot)
        print(f"wrote {plot}", file=sys.stderr)
    return 0


def _print_table(rows: list[TimelineRow]) -> None:
    header = ("period", "events", "verb.coop", "mat.coop", "verb.conf", "mat.conf", "goldstein")
    table = [
        (
            r.period,
            str(r.events),
            str(r.verbal_cooperation),
            str(r.material_cooperation),
            str(r.verbal_conflict),
            str(r.material_conflict),
            "" if r.goldstein is None else f"{r.goldstein:+.2f}",
        )
        for r in rows
    ]
    write_table(header, table, sys.stdout)


def plot_timeline(rows: list[TimelineRow], title: str, by: str, out: Path) -> None:
    """Stacked bars per QuadClass and the mean Goldstein line, written as PNG or SVG."""
    import matplotlib

    matplotlib.use("Agg")  # no display needed
    import matplotlib.pyplot as plt

    periods = [r.period for r in rows]
    series = (
        ("verbal cooperation", [r.verbal_cooperation for r in rows], "#74c476"),
        ("material cooperation", [r.material_cooperation for r in rows], "#238b45"),
        ("verbal conflict", [r.verbal_conflict for r in rows], "#fd8d3c"),
        ("material conflict", [r.material_conflict for r in rows], "#d7301f"),
    )
    fig, ax = plt.subplots(figsize=(max(7.0, 0.35 * len(rows) + 3), 4.5))
    try:
        bottom = [0] * len(rows)
        for label, values, color in series:
            ax.bar(periods, values, bottom=bottom, label=label, color=color)
            bottom = [x + y for x, y in zip(bottom, values, strict=True)]
        ax.set_ylabel("events")
        ax.set_xlabel(by)
        ax.set_title(f"{title} by {by}")
        ax.tick_params(axis="x", labelrotation=60)
        tone = ax.twinx()
        tone.plot(
            periods,
            [float("nan") if r.goldstein is None else r.goldstein for r in rows],
            color="#3b4cc0",
            marker="o",
            label="mean Goldstein",
        )
        tone.set_ylim(-10, 10)
        tone.set_ylabel("mean Goldstein")
        handles = ax.get_legend_handles_labels()[0] + tone.get_legend_handles_labels()[0]
        fig.legend(handles=handles, loc="lower center", ncol=3, fontsize="small", frameon=False)
        fig.tight_layout(rect=(0, 0.12, 1, 1))
        fig.savefig(out, format=out.suffix.lower().lstrip("."))
    finally:
        plt.close(fig)
