"""``dyadwatch`` entry point: parse arguments, run one command, turn errors into one line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from dyadwatch import __version__
from dyadwatch.cli import batch, code, evaluate, export, ingest, query, serve, timeline
from dyadwatch.errors import DyadwatchError

__all__ = ["main"]

_COMMANDS = (code, ingest, query, timeline, export, serve, evaluate, batch)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dyadwatch",
        description="Turn news about states into evidence-linked CAMEO/PLOVER events.",
    )
    parser.add_argument("--version", action="version", version=f"dyadwatch {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in _COMMANDS:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.run(args)
    except DyadwatchError as error:
        print(f"dyadwatch: {error.message}", file=sys.stderr)
        return 2 if error.code.startswith("E2") else 1
    except KeyboardInterrupt:
        print("dyadwatch: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `dyadwatch code ... | head`: the reader left; that is not an error.
        sys.stderr.close()
        return 0
    return status


if __name__ == "__main__":
    raise SystemExit(main())
