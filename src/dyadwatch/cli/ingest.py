"""``dyadwatch ingest INPUT...``: code articles and store them; re-ingesting changes nothing."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from dyadwatch import CODER
from dyadwatch.cli.options import add_date_option, add_db_option, inputs_or_samples
from dyadwatch.errors import DyadwatchError
from dyadwatch.model import Article, Event
from dyadwatch.pipeline import Coded, Pipeline
from dyadwatch.read import read_inputs
from dyadwatch.store import Store

__all__ = ["register"]

# Articles written per transaction: a crash loses at most this many coded articles
# (they are coded again on the next run), and each write stays one bulk insert.
_COMMIT_EVERY = 32


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "ingest",
        help="code articles and store their events",
        description="Code articles and store them in the database. Re-ingesting the same "
        "documents changes nothing; failures are recorded (see `dyadwatch failures`).",
    )
    parser.add_argument("inputs", nargs="*", metavar="INPUT")
    parser.add_argument("--samples", action="store_true", help="ingest the bundled sample briefs")
    add_db_option(parser)
    add_date_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    inputs = inputs_or_samples(args.inputs, args.samples)
    progress = _Progress(enabled=sys.stderr.isatty())
    with Store(args.db) as store:
        run_id = store.start_run(inputs, CODER)
        batch: list[tuple[Article, list[Event]]] = []
        failures: list[tuple[str, DyadwatchError]] = []
        documents = events = failed = 0
        for outcome in Pipeline().code_documents(read_inputs(inputs), date=args.date):
            if isinstance(outcome, Coded):
                batch.append((outcome.article, outcome.events))
                documents += 1
                events += len(outcome.events)
            else:
                failures.append((outcome.origin, outcome.error))
                failed += 1
                print(f"dyadwatch: {outcome.error.message}", file=sys.stderr)
            if len(batch) + len(failures) >= _COMMIT_EVERY:
                _write(store, run_id, batch, failures)
                batch, failures = [], []
            progress.show(documents, events, failed)
        _write(store, run_id, batch, failures)
        store.finish_run(run_id, documents=documents, events=events, failures=failed)
    progress.done()
    print(
        f"ingested {documents} documents, {events} events, {failed} failures into {args.db}",
        file=sys.stderr,
    )
    return 1 if failed and not documents else 0


def _write(
    store: Store,
    run_id: str,
    batch: list[tuple[Article, list[Event]]],
    failures: list[tuple[str, DyadwatchError]],
) -> None:
    if batch:
        store.add_articles(run_id, batch)
    if failures:
        store.add_failures(run_id, failures)


class _Progress:
    """One self-overwriting status line, only on a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.monotonic()
        self.shown = False

    def show(self, documents: int, events: int, failures: int) -> None:
        if not self.enabled:
            return
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = (documents + failures) / elapsed
        sys.stderr.write(
            f"\r{documents} documents  {events} events  {failures} failures  {rate:.1f} docs/s"
        )
        sys.stderr.flush()
        self.shown = True

    def done(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
