"""``dyadwatch serve [--db FILE] [--host 127.0.0.1] [--port 8000]``: dashboard and JSON API."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from dyadwatch.cli.options import add_db_option
from dyadwatch.errors import BadOption

__all__ = ["register"]


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "serve",
        help="dashboard and JSON API on 127.0.0.1",
        description="Serve the dashboard and the read-only JSON API (OpenAPI at /docs). "
        "`dyadwatch ingest` can write to the same database while this runs.",
    )
    add_db_option(parser)
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from dyadwatch.serve import Settings, create_app
    from dyadwatch.store import Store

    if not 0 < args.port < 65536:
        raise BadOption("--port", f"{args.port} is not a port", "Pass 1-65535")
    db = Path(args.db)
    if not db.exists():
        # An empty database, so the dashboard can start before the first ingest.
        Store(db).close()
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"dyadwatch: warning: serving on {args.host}, reachable from other machines",
            file=sys.stderr,
        )
    print(
        f"dyadwatch: serving {db} at http://{args.host}:{args.port}/ (API docs at /docs)",
        file=sys.stderr,
    )
    uvicorn.run(create_app(Settings(db=db)), host=args.host, port=args.port, log_level="warning")
    return 0
