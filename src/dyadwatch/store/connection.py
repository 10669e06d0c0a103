"""What every store module does with its DuckDB connection.

Bulk reads and writes go through Arrow tables registered under a name for the length
of a statement or two: one round trip, and joins by hash, where a long parameter list
would be tested row by row.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import pyarrow as pa

__all__ = ["registered", "transaction"]


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> Iterator[str]:
    """``table`` queryable as ``name`` inside the block; yields the name."""
    con.register(name, table)
    try:
        yield name
    finally:
        con.unregister(name)


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """One transaction: committed when the block ends, rolled back if it raises."""
    con.begin()
    try:
        yield
    except BaseException:
        con.rollback()
        raise
    con.commit()
