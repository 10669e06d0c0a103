"""The Spark job: the same pipeline per partition, Parquet events out.

The only module of dyadwatch that imports pyspark. The driver plans the inputs
(:func:`~dyadwatch.batch.partition.plan_inputs`), turns them into one RDD of sources,
and runs :func:`~dyadwatch.batch.partition.code_partition` on every partition with
``mapPartitions`` (one :class:`~dyadwatch.pipeline.Pipeline`, so one spaCy model load,
per task). The output is cached once and written as three Parquet datasets:
``OUT/events``, ``OUT/articles`` and ``OUT/failures``.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyspark import StorageLevel
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from dyadwatch.batch.columns import ARTICLE_COLUMNS, EVENT_COLUMNS, FAILURE_COLUMNS, ColumnType
from dyadwatch.batch.partition import InputPlan, Source, code_partition, plan_inputs
from dyadwatch.errors import BadOption, MissingDependency

__all__ = ["BatchResult", "run_batch", "spark_session"]

_TYPES: dict[ColumnType, T.DataType] = {
    "string": T.StringType(),
    "int": T.IntegerType(),
    "double": T.DoubleType(),
    "bool": T.BooleanType(),
    "strings": T.ArrayType(T.StringType()),
    "binary": T.BinaryType(),
}
_PARQUET_FIELDS = ("id", "text", "date", "url", "title")


@dataclass(frozen=True, slots=True)
class BatchResult:
    out: str
    articles: int
    events: int
    failures: int


def _struct(columns: tuple[tuple[str, ColumnType], ...]) -> T.StructType:
    return T.StructType([T.StructField(name, _TYPES[kind], True) for name, kind in columns])


_OUTPUT = T.StructType(
    [
        T.StructField("kind", T.StringType(), False),
        T.StructField("event", _struct(EVENT_COLUMNS), True),
        T.StructField("article", _struct(ARTICLE_COLUMNS), True),
        T.StructField("failure", _struct(FAILURE_COLUMNS), True),
    ]
)


def spark_session(master: str | None, app_name: str = "dyadwatch batch") -> SparkSession:
    """A session whose Python workers run this interpreter (so they see dyadwatch and spaCy).

    ``master`` None leaves it to spark-submit (``--master``); ``local[2]`` runs here on
    two cores.
    """
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise MissingDependency(
            "java",
            "Spark needs a Java runtime and none was found",
            "Install Java 17 (apt-get install openjdk-17-jre-headless) or set JAVA_HOME",
        )
    # Executors in local mode start Python workers from PYSPARK_PYTHON; without it they
    # would use the first python3 on PATH, which may lack dyadwatch.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name).config(
        # The console progress bar is for people watching; in logs it is noise.
        "spark.ui.showConsoleProgress",
        "true" if sys.stderr.isatty() else "false",
    )
    # One numeric-library thread per Python worker: Spark runs a worker per task slot
    # (core), so more threads each would oversubscribe the cores, as in ingest --workers.
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        builder = builder.config(f"spark.executorEnv.{variable}", "1")
    if master is not None:
        builder = builder.master(master).config("spark.ui.enabled", "false")
    if master is not None and master.startswith("local"):
        # Local mode talks only to itself: keep the driver on the loopback address rather
        # than whatever interface the host name resolves to.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = builder.config("spark.driver.bindAddress", "127.0.0.1").config(
            "spark.driver.host", "127.0.0.1"
        )
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def run_batch(
    spark: SparkSession,
    inputs: list[str],
    out: str,
    *,
    partitions: int | None = None,
    date: str | None = None,
    overwrite: bool = False,
) -> BatchResult:
    """Code ``inputs`` on ``spark`` and write the Parquet datasets under ``out``."""
    if partitions is not None and partitions < 1:
        raise BadOption("--partitions", f"{partitions} is not a positive number")
    _check_out(out, overwrite)
    plan = plan_inputs(inputs)
    sources = _sources(spark, plan)
    count = partitions or spark.sparkContext.defaultParallelism
    coded = sources.repartition(count).mapPartitions(_coder(date))
    # Cached so the pipeline runs once for the three writes; spilled to disk if large.
    rows = spark.createDataFrame(coded, _OUTPUT).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        mode = "overwrite" if overwrite else "errorifexists"
        counts = {}
        for kind in ("event", "article", "failure"):
            part = rows.where(F.col("kind") == kind).select(f"{kind}.*")
            part.write.mode(mode).parquet(f"{out.rstrip('/')}/{kind}s")
            counts[kind] = spark.read.parquet(f"{out.rstrip('/')}/{kind}s").count()
    finally:
        rows.unpersist()
    return BatchResult(out, counts["article"], counts["event"], counts["failure"])


def _check_out(out: str, overwrite: bool) -> None:
    if "://" in out or overwrite:
        return
    path = Path(out)
    if path.exists() and any(path.iterdir()):
        raise BadOption(
            out, "the output directory is not empty", "Pick a new directory or pass --overwrite"
        )


def _coder(date: str | None) -> Any:
    # A plain function over the partition: Spark pickles it with its closure (the date).
    def code(sources: Iterator[Source]) -> Iterator[tuple[Any, ...]]:
        return code_partition(sources, date=date)

    return code


def _sources(spark: SparkSession, plan: InputPlan) -> Any:
    """One RDD of (kind, origin, payload) sources for every planned input."""
    sc = spark.sparkContext
    parts = [sc.parallelize([("file", path, "") for path in plan.files], 1)]
    for path in plan.jsonl:
        lines = sc.textFile(path).zipWithIndex()
        parts.append(lines.map(_numbered(path)))
    if plan.parquet:
        parts.append(_parquet_sources(spark.read.parquet(*plan.parquet), plan.parquet))
    return sc.union(parts)


def _numbered(path: str) -> Callable[[tuple[str, int]], Source]:
    # zipWithIndex counts from 0 across the file's splits, in order: line i + 1.
    def source(pair: tuple[str, int]) -> Source:
        return ("jsonl", f"{path}:{pair[1] + 1}", pair[0])

    return source


def _parquet_sources(frame: DataFrame, paths: list[str]) -> Any:
    """Parquet rows (id/text/date/url/title) as JSONL-line sources, checked like JSONL."""
    present = set(frame.columns)
    if "text" not in present:
        raise BadOption(
            ", ".join(paths),
            "Parquet input has no 'text' column",
            "Give it columns id, text and optionally date, url, title",
        )
    fields = [
        F.col(name).cast("string").alias(name) if name in present else F.lit(None).alias(name)
        for name in _PARQUET_FIELDS
    ]
    # to_json drops null fields, which the JSONL reader treats as missing: the same.
    line = F.to_json(F.struct(*fields))
    origin = F.input_file_name()
    if "id" in present:
        row_id = F.coalesce(F.col("id").cast("string"), F.lit("?"))
        origin = F.concat(origin, F.lit("#id="), row_id)
    return frame.select(F.lit("jsonl"), origin.cast("string"), line).rdd.map(tuple)
