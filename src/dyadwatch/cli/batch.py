"""``dyadwatch batch`` (code on Spark, write Parquet) and ``dyadwatch ingest-parquet``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from dyadwatch.cli.options import add_date_option, add_db_option
from dyadwatch.errors import BadOption, InputNotFound, MissingDependency, UnreadableInput

__all__ = ["register"]


def register(commands: Any) -> None:
    batch: argparse.ArgumentParser = commands.add_parser(
        "batch",
        help="code inputs on Spark and write Parquet events (needs dyadwatch[spark])",
        description="Run the coding pipeline on Spark, one pipeline per partition, over "
        "JSONL, Parquet (columns id, text, date, url, title), WARC, text and HTML inputs. "
        "Writes OUT/events, OUT/articles and OUT/failures as Parquet; load them with "
        "`dyadwatch ingest-parquet OUT`. See docs/spark.md for clusters.",
    )
    batch.add_argument("inputs", nargs="*", metavar="INPUT")
    batch.add_argument(
        "--inputs-from",
        metavar="FILE",
        help="also code the inputs listed in FILE, one per line (e.g. WARC paths)",
    )
    batch.add_argument("--out", required=True, metavar="DIR", help="output directory")
    batch.add_argument(
        "--master",
        default=None,
        help="Spark master, e.g. local[2] (default: local[*], or spark-submit's --master)",
    )
    batch.add_argument(
        "--partitions", type=int, default=None, help="Spark tasks (default: the cores)"
    )
    batch.add_argument("--overwrite", action="store_true", help="replace an existing --out")
    add_date_option(batch)
    batch.set_defaults(run=run_batch)

    load = commands.add_parser(
        "ingest-parquet",
        help="load the Parquet output of dyadwatch batch into the database",
        description="Store the events, articles and failures that `dyadwatch batch` wrote, "
        "so `dyadwatch events` and `dyadwatch dyads` query them, and put the articles in "
        "story clusters as `dyadwatch ingest` does. Loading twice changes nothing.",
    )
    load.add_argument("directory", metavar="DIR", help="the --out directory of dyadwatch batch")
    add_db_option(load)
    load.set_defaults(run=run_ingest_parquet)


def run_batch(args: argparse.Namespace) -> int:
    try:
        from dyadwatch.batch.job import run_batch as run_job
        from dyadwatch.batch.job import spark_session
    except ModuleNotFoundError as error:
        if error.name is None or not error.name.startswith(("pyspark", "py4j")):
            raise
        raise MissingDependency("pyspark", "dyadwatch batch needs pyspark") from error

    inputs = [*args.inputs, *_listed(args.inputs_from)]
    if not inputs:
        raise BadOption("INPUT", "no input given", "Pass files or directories, or --inputs-from")
    master = args.master
    if master is None and "PYSPARK_GATEWAY_PORT" not in os.environ:
        # Not started by spark-submit (which sets that variable and passes --master):
        # run here on every core.
        master = "local[*]"
    spark = spark_session(master)
    try:
        result = run_job(
            spark,
            inputs,
            args.out,
            partitions=args.partitions,
            date=args.date,
            overwrite=args.overwrite,
        )
    finally:
        spark.stop()
    print(
        f"coded {result.articles} articles, {result.events} events, "
        f"{result.failures} failures into {result.out}",
        file=sys.stderr,
    )
    return 1 if result.failures and not result.articles else 0


def _listed(path: str | None) -> list[str]:
    """The non-blank, non-comment lines of an inputs list."""
    if path is None:
        return []
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputNotFound(
            path, "no such inputs list", "Check the path given to --inputs-from"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise UnreadableInput(path, f"cannot read the inputs list ({error})") from None
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def run_ingest_parquet(args: argparse.Namespace) -> int:
    from dyadwatch.batch import load_batch
    from dyadwatch.store import Store

    with Store(args.db) as store:
        result = load_batch(store, args.directory)
    print(
        f"loaded {result.articles} articles, {result.events} events "
        f"({result.new_events} new), {result.failures} failures into {args.db}",
        file=sys.stderr,
    )
    return 0
