"""HTTP validators of fetched pages (migration 0007_fetch_validators).

Functions over a DuckDB connection that :class:`~dyadwatch.store.Store` delegates to.
A row says "the page at this URL was fetched in full and its document is stored; the
server identified that version with this ETag / Last-Modified". The next ingest sends
them back as If-None-Match / If-Modified-Since, and a 304 means the page is already in
the database. What decides when a row may be written is in :mod:`dyadwatch.revalidate`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from dyadwatch.store.connection import registered

__all__ = ["MIGRATION", "MIGRATION_RUN_SKIPPED", "ValidatorRow", "load", "save"]

MIGRATION = """
CREATE TABLE fetch_validators (     -- pages whose document is stored: what their server
    url           VARCHAR PRIMARY KEY,  -- said identifies that version; URL as asked for
    etag          VARCHAR,          -- sent back verbatim as If-None-Match
    last_modified VARCHAR,          -- sent back verbatim as If-Modified-Since
    fetched       TIMESTAMP NOT NULL  -- UTC: when the page was fetched in full
);
"""

# Pages a run found unchanged (HTTP 304) or already stored are counted as skipped;
# without this column `dyadwatch runs` could not tell a run that skipped everything from
# one that read nothing.
MIGRATION_RUN_SKIPPED = """
ALTER TABLE runs ADD COLUMN skipped INTEGER;  -- NULL for runs made before it was kept
"""

_URLS = pa.schema([("url", pa.string())])
_ROWS = pa.schema(
    [
        ("url", pa.string()),
        ("etag", pa.string()),
        ("last_modified", pa.string()),
        ("fetched", pa.timestamp("us")),
    ]
)


@dataclass(frozen=True, slots=True)
class ValidatorRow:
    """The validators stored for one page; ``fetched`` is timezone-aware UTC."""

    url: str
    etag: str | None
    last_modified: str | None
    fetched: datetime


def load(con: duckdb.DuckDBPyConnection, urls: Iterable[str]) -> dict[str, ValidatorRow]:
    """url -> stored validators, for those of ``urls`` that have a row; one query."""
    wanted = sorted(set(urls))
    if not wanted:
        return {}
    with registered(con, "_dw_val_urls", pa.table({"url": wanted}, schema=_URLS)) as name:
        rows = con.execute(
            "SELECT v.url, v.etag, v.last_modified, v.fetched FROM fetch_validators v "
            f"JOIN {name} u USING (url)"
        ).fetchall()
    return {str(r[0]): ValidatorRow(str(r[0]), r[1], r[2], r[3].replace(tzinfo=UTC)) for r in rows}


def save(con: duckdb.DuckDBPyConnection, rows: Iterable[ValidatorRow]) -> int:
    """Insert or replace rows, one upsert; a URL given twice keeps its last row.

    Returns the number of URLs written. The caller holds the transaction.
    """
    # One row per URL: DuckDB refuses an upsert that touches a key twice in one statement.
    latest = {row.url: row for row in rows}
    if not latest:
        return 0
    urls = sorted(latest)
    table = pa.table(
        {
            "url": urls,
            "etag": [latest[u].etag for u in urls],
            "last_modified": [latest[u].last_modified for u in urls],
            "fetched": [_naive_utc(latest[u].fetched) for u in urls],
        },
        schema=_ROWS,
    )
    with registered(con, "_dw_val_rows", table) as name:
        con.execute(
            f"INSERT INTO fetch_validators SELECT url, etag, last_modified, fetched FROM {name} "
            "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
            "last_modified = excluded.last_modified, fetched = excluded.fetched"
        )
    return len(urls)


def _naive_utc(value: datetime) -> datetime:
    # Stored as naive UTC like every timestamp here: DuckDB hands TIMESTAMPTZ back in the
    # machine's zone. A naive value is taken to be UTC already.
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
