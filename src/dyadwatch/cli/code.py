"""``dyadwatch code INPUT...``: code articles and print their events, storing nothing."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from dyadwatch.cli.options import add_date_option, inputs_or_samples
from dyadwatch.cli.output import FORMATS, write_events
from dyadwatch.errors import InputError
from dyadwatch.pipeline import Coded, Pipeline
from dyadwatch.read import read_inputs

__all__ = ["register"]


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "code",
        help="code articles and print their events (nothing is stored)",
        description="Code articles and print one event per line. INPUT is a file, a directory, "
        "an http(s) URL of a page or feed, or - for standard input. Read: .txt, .html, .jsonl "
        "(id/text/date/url/title per line), RSS/Atom feeds, URL lists (.urls) and WARC "
        "(.warc, .warc.gz); the kind is detected from the content as well as the name.",
    )
    parser.add_argument("inputs", nargs="*", metavar="INPUT")
    parser.add_argument("--format", choices=FORMATS, default="jsonl")
    parser.add_argument(
        "--samples", action="store_true", help="code the sample briefs bundled with dyadwatch"
    )
    add_date_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    inputs = inputs_or_samples(args.inputs, args.samples)
    failures = 0
    documents = 0

    def events() -> Any:
        nonlocal failures, documents
        for outcome in Pipeline().code_documents(read_inputs(inputs), date=args.date):
            if isinstance(outcome, Coded):
                documents += 1
                for event in outcome.events:
                    yield event.to_dict()
            else:
                failures += 1
                print(f"dyadwatch: {outcome.error.message}", file=sys.stderr)

    write_events(events(), args.format, sys.stdout)
    sys.stdout.flush()
    if documents == 0 and failures == 0:
        raise InputError(" ".join(inputs), "holds no documents", "Pass .txt, .html or .jsonl files")
    return 1 if failures else 0
