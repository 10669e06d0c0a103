"""The actors table (migration 0005_actors): every actor the stored events name.

One row per actor code and name ("RUSGOV", "Vladimir Putin"), with its country and
sector and how many stored events name it, first and last. It is derived from the
events and kept in step with them at each write: new articles add their events' counts
(a cost in proportion to the write, not to the table), and a corrected article has the
codes its old events named recounted from scratch (rare, and exact).
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import pyarrow as pa

from dyadwatch.store.connection import registered

__all__ = ["MIGRATION", "add_actor_counts", "codes_of_documents", "refresh_actors"]

MIGRATION = """
CREATE TABLE actors (
    code        VARCHAR NOT NULL,
    name        VARCHAR NOT NULL,
    country     VARCHAR,
    sector      VARCHAR,
    events      INTEGER NOT NULL,
    first_seen  VARCHAR,   -- event date, YYYY-MM-DD
    last_seen   VARCHAR,
    PRIMARY KEY (code, name)
);
INSERT INTO actors
SELECT code, name, any_value(country), any_value(sector), count(*), min(date), max(date)
FROM (
    SELECT source_code AS code, json_extract_string(record, '$.source.name') AS name,
           source_country AS country, json_extract_string(record, '$.source.sector') AS sector,
           date
    FROM events
    UNION ALL
    SELECT target_code, json_extract_string(record, '$.target.name'), target_country,
           json_extract_string(record, '$.target.sector'), date
    FROM events WHERE target_code IS NOT NULL
)
WHERE name IS NOT NULL
GROUP BY code, name;
"""

_SIDES = """
    SELECT source_code AS code, json_extract_string(record, '$.source.name') AS name,
           source_country AS country, json_extract_string(record, '$.source.sector') AS sector,
           date
    FROM events WHERE source_code IN (SELECT code FROM {codes})
    UNION ALL
    SELECT target_code, json_extract_string(record, '$.target.name'), target_country,
           json_extract_string(record, '$.target.sector'), date
    FROM events WHERE target_code IN (SELECT code FROM {codes})
"""


def codes_of_documents(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> set[str]:
    """The actor codes the stored events of these documents name (before they change)."""
    if not doc_ids:
        return set()
    table = pa.table({"doc_id": doc_ids}, schema=pa.schema([("doc_id", pa.string())]))
    with registered(con, "_dw_actor_docs", table):
        rows = con.execute(
            "SELECT source_code FROM events WHERE doc_id IN (SELECT doc_id FROM _dw_actor_docs) "
            "UNION SELECT target_code FROM events "
            "WHERE doc_id IN (SELECT doc_id FROM _dw_actor_docs) AND target_code IS NOT NULL"
        ).fetchall()
    return {row[0] for row in rows}


def refresh_actors(con: duckdb.DuckDBPyConnection, codes: Iterable[str]) -> None:
    """Recount the rows of ``codes`` from the events (inside the caller's transaction)."""
    wanted = sorted(set(codes))
    if not wanted:
        return
    table = pa.table({"code": wanted}, schema=pa.schema([("code", pa.string())]))
    with registered(con, "_dw_actor_codes", table):
        con.execute("DELETE FROM actors WHERE code IN (SELECT code FROM _dw_actor_codes)")
        con.execute(
            "INSERT INTO actors SELECT code, name, any_value(country), any_value(sector), "
            "count(*), min(date), max(date) FROM ("
            + _SIDES.format(codes="_dw_actor_codes")
            + ") WHERE name IS NOT NULL AND code IN (SELECT code FROM _dw_actor_codes) "
            "GROUP BY code, name"
        ).fetchall()


def add_actor_counts(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> None:
    """Add the events of these (newly stored) documents to the actor counts."""
    if not doc_ids:
        return
    table = pa.table({"doc_id": doc_ids}, schema=pa.schema([("doc_id", pa.string())]))
    with registered(con, "_dw_actor_new", table):
        con.execute(
            "INSERT INTO actors SELECT code, name, any_value(country), any_value(sector), "
            "count(*), min(date), max(date) FROM ("
            + _NEW_SIDES
            + ") WHERE name IS NOT NULL GROUP BY code, name "
            "ON CONFLICT (code, name) DO UPDATE SET "
            "events = actors.events + excluded.events, "
            "first_seen = least(actors.first_seen, excluded.first_seen), "
            "last_seen = greatest(actors.last_seen, excluded.last_seen)"
        ).fetchall()


_NEW_SIDES = """
    SELECT source_code AS code, json_extract_string(record, '$.source.name') AS name,
           source_country AS country, json_extract_string(record, '$.source.sector') AS sector,
           date
    FROM events WHERE doc_id IN (SELECT doc_id FROM _dw_actor_new)
    UNION ALL
    SELECT target_code, json_extract_string(record, '$.target.name'), target_country,
           json_extract_string(record, '$.target.sector'), date
    FROM events
    WHERE doc_id IN (SELECT doc_id FROM _dw_actor_new) AND target_code IS NOT NULL
"""
