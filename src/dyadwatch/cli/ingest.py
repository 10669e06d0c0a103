"""``dyadwatch ingest INPUT...``: code articles and store them; re-ingesting changes nothing."""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any, TextIO

from dyadwatch.cli.options import add_date_option, add_db_option, inputs_or_samples
from dyadwatch.errors import BadOption
from dyadwatch.ingest import Progress, ingest
from dyadwatch.pipeline import Failure
from dyadwatch.read import read_inputs
from dyadwatch.read.fetch import Fetcher
from dyadwatch.revalidate import StoredValidators
from dyadwatch.store import Store

__all__ = ["register"]


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "ingest",
        help="code articles and store their events",
        description="Code articles and store them in the database. INPUT is a file, a "
        "directory, - for stdin, an http(s) URL (a page or an RSS/Atom feed), a feed file "
        "(.rss/.atom/.xml), a list of URLs (.urls) or a WARC file (.warc/.warc.gz). "
        "Re-ingesting the same documents changes nothing, and a run that was killed "
        "resumes where it stopped; failures are recorded (see `dyadwatch failures`). "
        "A page stored by an earlier run is asked for conditionally (ETag, "
        "Last-Modified); if unchanged it is counted as already ingested.",
    )
    parser.add_argument("inputs", nargs="*", metavar="INPUT")
    parser.add_argument("--samples", action="store_true", help="ingest the bundled sample briefs")
    parser.add_argument(
        "--workers",
        default="1",
        metavar="N",
        help="coding processes, or 'auto' for one per usable core (default 1); this "
        "process stays the only database writer",
    )
    parser.add_argument(
        "--progress",
        action="store_true",
        help="print a progress line after every commit even when stderr is not a terminal",
    )
    add_db_option(parser)
    add_date_option(parser)
    parser.set_defaults(run=run)


def worker_count(value: str) -> int:
    """``--workers``: a positive number, or ``auto`` for one per core this process may use."""
    if value.strip().lower() == "auto":
        # The cores this process may run on (a container or taskset may allow fewer
        # than the machine has); cpu_count where the platform cannot say.
        usable = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
        return len(usable) if usable else (os.cpu_count() or 1)
    try:
        count = int(value)
    except ValueError:
        count = 0
    if count < 1:
        raise BadOption(
            "--workers", f"{value} is not a number of processes", "Pass 1 or more, or auto"
        )
    return count


def run(args: argparse.Namespace) -> int:
    workers = worker_count(str(args.workers))
    inputs = inputs_or_samples(args.inputs, args.samples)
    progress = _Progress(sys.stderr, live=sys.stderr.isatty(), lines=args.progress)

    def failed(failure: Failure) -> None:
        progress.clear()
        print(f"dyadwatch: {failure.error.message}", file=sys.stderr)

    # Pages an earlier run stored are fetched conditionally: ingest binds the
    # fetcher's validators to the database.
    validators = StoredValidators()
    # Opened by ingest and let go every few seconds, so `dyadwatch serve` keeps reading it.
    with Fetcher(validators=validators) as fetcher:
        report = ingest(
            lambda: Store(args.db),
            read_inputs(inputs, fetcher=fetcher),
            inputs=inputs,
            date=args.date,
            workers=workers,
            on_commit=progress.show,
            on_failure=failed,
            validators=validators,
        )
    progress.done()
    done = report.progress
    print(
        f"ingested {done.documents} documents, {done.events} events, {done.failures} failures "
        f"into {args.db} (run {report.run_id}; {done.skipped} already ingested)",
        file=sys.stderr,
    )
    return 1 if done.failures and not (done.documents or done.skipped) else 0


class _Progress:
    """A self-overwriting status line on a terminal, or one line per commit if asked."""

    def __init__(self, stream: TextIO, *, live: bool, lines: bool) -> None:
        self.stream = stream
        self.live = live
        self.lines = lines and not live
        self.started = time.monotonic()
        self.shown = False

    def show(self, now: Progress) -> None:
        if not (self.live or self.lines):
            return
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = (now.documents + now.failures) / elapsed
        text = (
            f"{now.documents} documents  {now.events} events  {now.failures} failures  "
            f"{now.skipped} skipped  {rate:.1f} docs/s"
        )
        if self.live:
            self.stream.write(f"\r\x1b[K{text}")
            self.shown = True
        else:
            self.stream.write(f"progress: {text}\n")
        self.stream.flush()

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")

    def done(self) -> None:
        if self.shown:
            self.stream.write("\n")
