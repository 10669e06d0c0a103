"""Named schema migrations, applied in order and recorded in ``schema_migrations``.

A migration is never edited once released: change the schema by appending a new
``(name, sql)`` pair. Names sort in the order they apply (``0001_...``, ``0002_...``).

Events keep their whole contract record in ``events.record`` (JSON), so a field added
to the event contract needs no migration; the other ``events`` columns are copies of
record fields that queries filter and aggregate on.
"""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb

from dyadwatch.store.actors import MIGRATION as _ACTORS
from dyadwatch.store.clusters import MIGRATION as _ARTICLE_CLUSTERS
from dyadwatch.store.connection import transaction
from dyadwatch.store.event_clusters import MIGRATION as _EVENT_CLUSTERS
from dyadwatch.store.event_clusters import MIGRATION_REPORTS as _CLUSTER_REPORTS
from dyadwatch.store.validators import MIGRATION as _FETCH_VALIDATORS
from dyadwatch.store.validators import MIGRATION_RUN_SKIPPED as _RUN_SKIPPED

__all__ = ["MIGRATIONS", "applied_migrations", "apply_migrations", "pending_migrations"]

_INITIAL = """
CREATE TABLE runs (
    id        VARCHAR PRIMARY KEY,
    started   TIMESTAMP NOT NULL,   -- UTC
    finished  TIMESTAMP,            -- UTC; NULL while running or after a crash
    inputs    JSON NOT NULL,        -- list of input names as given
    coder     VARCHAR NOT NULL,
    documents INTEGER,
    events    INTEGER,
    failures  INTEGER
);

CREATE TABLE articles (
    doc_id       VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,  -- sha256 of the cleaned text
    origin       VARCHAR NOT NULL,
    url          VARCHAR,
    title        VARCHAR,
    published    VARCHAR,
    author       VARCHAR,
    site         VARCHAR,
    language     VARCHAR,
    text         VARCHAR NOT NULL,
    first_run    VARCHAR NOT NULL,
    last_run     VARCHAR NOT NULL
);

CREATE TABLE events (
    event_id       VARCHAR PRIMARY KEY,
    doc_id         VARCHAR NOT NULL,
    run_id         VARCHAR NOT NULL,
    date           VARCHAR,         -- ISO date as in the record; compared as text
    published      VARCHAR,
    sentence_index INTEGER NOT NULL,
    cameo          VARCHAR NOT NULL,
    root           VARCHAR NOT NULL,
    quad_class     INTEGER NOT NULL,
    goldstein      DOUBLE NOT NULL,
    source_country VARCHAR,
    source_code    VARCHAR,
    target_country VARCHAR,
    target_code    VARCHAR,
    status         VARCHAR NOT NULL,
    hedged         BOOLEAN NOT NULL,
    "symmetric"    BOOLEAN NOT NULL,  -- quoted: SYMMETRIC is an SQL keyword
    confidence     DOUBLE NOT NULL,
    record         JSON NOT NULL    -- the event exactly as Event.to_dict() gave it
);

CREATE TABLE failures (
    run_id  VARCHAR NOT NULL,
    origin  VARCHAR NOT NULL,
    code    VARCHAR NOT NULL,
    message VARCHAR NOT NULL,
    "at"    TIMESTAMP NOT NULL      -- UTC; quoted: AT is an SQL keyword
);
"""

MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("0001_initial", _INITIAL),
    ("0002_article_clusters", _ARTICLE_CLUSTERS),
    ("0004_event_clusters", _EVENT_CLUSTERS),
    ("0005_actors", _ACTORS),
    ("0006_cluster_reports", _CLUSTER_REPORTS),
    ("0007_fetch_validators", _FETCH_VALIDATORS),
    ("0008_run_skipped", _RUN_SKIPPED),
)

_BOOKKEEPING = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    name    VARCHAR PRIMARY KEY,
    applied TIMESTAMP NOT NULL
)
"""


def applied_migrations(con: duckdb.DuckDBPyConnection) -> list[str] | None:
    """Names of the migrations recorded in the database, or None if it has no bookkeeping table."""
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_schema = 'main' AND table_name = 'schema_migrations'"
    ).fetchall()
    if not found[0][0]:
        return None
    return [
        str(row[0])
        for row in con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()
    ]


def pending_migrations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names of this version's migrations not yet applied to the database."""
    done = set(applied_migrations(con) or ())
    return [name for name, _ in MIGRATIONS if name not in done]


def apply_migrations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply every pending migration, each in its own transaction; returns the names applied.

    Idempotent: a migration already recorded is skipped, so calling this on every open
    is cheap and safe. ``con`` must be a writable duckdb connection held by this process
    alone (DuckDB's file lock guarantees that across processes).
    """
    con.execute(_BOOKKEEPING)
    done = set(applied_migrations(con) or ())
    applied: list[str] = []
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        with transaction(con):
            con.execute(sql)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?)",
                [name, datetime.now(UTC).replace(tzinfo=None)],
            )
        applied.append(name)
    return applied
