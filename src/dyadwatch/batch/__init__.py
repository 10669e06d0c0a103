"""Batch coding on Spark: the same pipeline per partition, Parquet events out.

``dyadwatch.batch.job`` is the only module of dyadwatch that imports pyspark (install
it with ``pip install 'dyadwatch[spark]'``); the rest of this package is plain Python:

- ``columns``: the Parquet layout of events, articles and failures;
- ``partition``: what one Spark task does (sources in, rows out), testable without Spark;
- ``load``: read a batch output back into the DuckDB store (``dyadwatch ingest-parquet``).

See docs/spark.md for running it on a cluster.
"""

from dyadwatch.batch.load import LoadResult, load_batch

__all__ = ["LoadResult", "load_batch"]
