"""Spark local against the CLI: `dyadwatch batch` + `ingest-parquet` vs `dyadwatch ingest`.

    .venv/bin/python bench/spark.py [--copies N] [--corpus DIR] [--master local[2]]

Reads the same corpus as bench/pipeline.py (../shared/eval/articles/guardian_dev when
it is there, else the bundled sample briefs repeated N times, each copy made distinct;
its ``corpus()`` is reused) and, in one run, times:

- ``dyadwatch ingest --workers 2`` into a fresh database;
- ``dyadwatch batch CORPUS --out DIR --master local[2]`` then ``dyadwatch
  ingest-parquet DIR`` into another fresh database.

Both go through the library functions the commands wrap, in this process, with the
commands' arguments: :func:`dyadwatch.ingest.ingest` with a ``Store`` opener;
:func:`dyadwatch.batch.job.spark_session`, :func:`dyadwatch.batch.job.run_batch` and
:func:`dyadwatch.batch.load_batch`. Not as subprocesses, so that the JVM start-up
(creating the SparkSession: starting the JVM and the SparkContext) is timed on its
own; what neither includes is the interpreter start and imports a command pays.
Then it checks that the two databases hold the same event ids and story clusters.

Prints a Markdown table for BENCHMARKS.md. Wall-clock: run it on a quiet box; needs
pyspark and Java 17 (``pip install 'dyadwatch[spark]'``).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from pipeline import corpus, print_table  # bench/pipeline.py: this script's folder is on sys.path

from dyadwatch.batch import load_batch
from dyadwatch.batch.job import run_batch, spark_session
from dyadwatch.ingest import ingest
from dyadwatch.read import read_inputs
from dyadwatch.store import Store

# The CLI's run as the issue asks for it: two coding processes against Spark local[2].
WORKERS = 2


def timed_ingest(inputs: list[str], db: Path) -> tuple[float, int, int]:
    """``dyadwatch ingest --workers 2``: (seconds, articles, events)."""
    started = time.perf_counter()
    # As the command does it: the database is opened by the writer when it needs it.
    report = ingest(lambda: Store(db), read_inputs(inputs), inputs=inputs, workers=WORKERS)
    elapsed = time.perf_counter() - started
    return elapsed, report.progress.documents, report.progress.events


def timed_spark(
    inputs: list[str], out: Path, db: Path, master: str
) -> tuple[dict[str, float], int, int]:
    """``dyadwatch batch`` + ``dyadwatch ingest-parquet``: (seconds by step, articles,
    events)."""
    times: dict[str, float] = {}
    started = time.perf_counter()
    spark = spark_session(master)
    times["jvm"] = time.perf_counter() - started
    try:
        step = time.perf_counter()
        result = run_batch(spark, inputs, str(out))
        times["batch"] = time.perf_counter() - step
    finally:
        step = time.perf_counter()
        spark.stop()
        times["stop"] = time.perf_counter() - step
    step = time.perf_counter()
    with Store(db) as store:
        load_batch(store, out)
    times["load"] = time.perf_counter() - step
    times["total"] = time.perf_counter() - started
    return times, result.articles, result.events


def stored(db: Path) -> tuple[set[str], dict[str, str]]:
    """The event ids and the story clusters (doc_id -> cluster) of a database."""
    with Store(db, read_only=True) as store:
        return {e["event_id"] for e in store.events()}, store.clusters()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40, help="sample copies when no corpus")
    parser.add_argument("--corpus", default=None, help="a directory or file to read instead")
    parser.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        scratch = Path(name)
        described, inputs = corpus(args, scratch)
        # The CLI first: the JVM Spark leaves behind (idle until exit) is not there yet.
        cli_s, cli_articles, cli_events = timed_ingest(inputs, scratch / "cli.duckdb")
        spark, spark_articles, spark_events = timed_spark(
            inputs, scratch / "out", scratch / "spark.duckdb", args.master
        )
        cli_ids, cli_stories = stored(scratch / "cli.duckdb")
        spark_ids, spark_stories = stored(scratch / "spark.duckdb")

    total = spark["total"]
    if cli_ids == spark_ids:
        same_ids = f"yes ({len(cli_ids)} events)"
    else:
        same_ids = (
            f"no: {len(cli_ids - spark_ids)} only from ingest, "
            f"{len(spark_ids - cli_ids)} only from Spark"
        )
    groups = len(set(cli_stories.values()))
    same_stories = (
        f"yes ({len(cli_stories)} articles in {groups} stories)"
        if cli_stories == spark_stories
        else "no"
    )
    rows = [
        ("corpus", described),
        ("machine", f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"),
        (
            "articles / events (ingest; Spark)",
            f"{cli_articles} / {cli_events}; {spark_articles} / {spark_events}",
        ),
        (
            f"`dyadwatch ingest --workers {WORKERS}`",
            f"{cli_s:.1f} s, {cli_articles / cli_s:.1f} articles/s",
        ),
        (
            f"`dyadwatch batch --master {args.master}` + `ingest-parquet`",
            f"{total:.1f} s, {spark_articles / total:.1f} articles/s",
        ),
        (
            "of which JVM start-up (SparkSession)",
            f"{spark['jvm']:.1f} s ({spark['jvm'] / total:.0%})",
        ),
        ("of which the batch job (coding, Parquet)", f"{spark['batch']:.1f} s"),
        ("of which stopping Spark", f"{spark['stop']:.1f} s"),
        ("of which `ingest-parquet` (story clusters, events)", f"{spark['load']:.1f} s"),
        (
            "Spark without JVM start-up",
            f"{total - spark['jvm']:.1f} s, "
            f"{spark_articles / (total - spark['jvm']):.1f} articles/s",
        ),
        ("Spark / ingest wall time", f"{total / cli_s:.2f}x"),
        ("same event ids in both stores", same_ids),
        ("same story clusters in both stores", same_stories),
    ]
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
