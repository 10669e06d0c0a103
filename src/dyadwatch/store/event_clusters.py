"""Event clusters in the store (migration 0004_event_clusters), kept up to date at ingest.

Each stored event belongs to one cluster of reports of the same real-world event (see
:mod:`dyadwatch.cluster`, which holds the rule; this module only reads and writes).
``event_cluster_members`` maps events to clusters and keeps the block key and date
that find candidates for a new report; ``event_clusters`` holds each cluster's
summary as it stood after the last ingest that changed it.

Queries count clusters ("events") by default and reports on request: see
:data:`EVENTS_WITH_CLUSTERS` and :func:`count_sql`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any, Literal

import duckdb
import pyarrow as pa

from dyadwatch.cluster import EventIndex, Matcher, Query, Report, block_key, summarize
from dyadwatch.model import Article
from dyadwatch.store.connection import registered, transaction

__all__ = [
    "COUNTS",
    "EVENTS_WITH_CLUSTERS",
    "MIGRATION",
    "MIGRATION_REPORTS",
    "Count",
    "assign_event_clusters",
    "backfill_event_clusters",
    "cluster_rows",
    "clusters_of_events",
    "count_sql",
    "event_cluster_of",
    "fill_member_reports",
    "refresh_stale",
]

MIGRATION = """
CREATE TABLE event_cluster_members (
    event_id   VARCHAR PRIMARY KEY,
    cluster_id VARCHAR NOT NULL,  -- the smallest event_id among the cluster's reports
    block      VARCHAR NOT NULL,  -- dyad and code family: only reports sharing it can match
    date       VARCHAR            -- the report's date (ISO), for the matching window
);
CREATE INDEX event_cluster_members_block ON event_cluster_members (block, date);
CREATE INDEX event_cluster_members_cluster ON event_cluster_members (cluster_id);

CREATE TABLE event_clusters (
    cluster_id    VARCHAR PRIMARY KEY,
    first_seen    VARCHAR,
    last_seen     VARCHAR,
    reports       INTEGER NOT NULL,
    articles      INTEGER NOT NULL,
    stories       INTEGER NOT NULL,  -- near-duplicate article clusters known at ingest
    outlets       INTEGER NOT NULL,
    best_event_id VARCHAR NOT NULL,
    summary       VARCHAR NOT NULL,  -- "reported by 3 outlets (...); denied by 1 outlet (...)"
    record        JSON NOT NULL      -- EventCluster.to_dict()
);
"""

# Each member's clustering view: the fields of its record that clustering reads
# (Report.to_compact) and the digest of those the matcher compares (Matcher.key), so
# that placing a new report reads one small row per cluster and key, not every record.
#
# ``event_clusters_stale`` lists clusters whose summary row is behind their members: a
# long ingest writes summaries every few seconds rather than at every commit, since a
# summary is rebuilt from all its cluster's reports (see :func:`refresh_stale`).
MIGRATION_REPORTS = """
ALTER TABLE event_cluster_members ADD COLUMN match_key VARCHAR;
ALTER TABLE event_cluster_members ADD COLUMN report JSON;
CREATE TABLE event_clusters_stale (cluster_id VARCHAR PRIMARY KEY);
"""

_MATCHER = Matcher()

Count = Literal["events", "reports"]
COUNTS: tuple[Count, ...] = ("events", "reports")

# The events table with each event's cluster id (its own id when it has none, e.g. in a
# database ingested before clustering): a drop-in for ``events`` in counting queries, so
# the shared filter SQL (bare column names) works unchanged.
EVENTS_WITH_CLUSTERS = (
    "(SELECT e.*, coalesce(m.cluster_id, e.event_id) AS cluster_id FROM events e "
    "LEFT JOIN event_cluster_members m ON m.event_id = e.event_id)"
)


def count_sql(count: Count, condition: str | None = None) -> str:
    """SQL counting events (distinct clusters) or reports (rows), optionally filtered.

    Use over :data:`EVENTS_WITH_CLUSTERS`. ``condition`` is SQL written by the caller,
    never user text.
    """
    if count not in COUNTS:
        raise ValueError(f"count must be one of {COUNTS}, not {count!r}")
    counted = "count(DISTINCT cluster_id)" if count == "events" else "count(*)"
    return f"{counted} FILTER (WHERE {condition})" if condition else counted


def _block(report: Report) -> str:
    return "|".join(block_key(report))


def _reports(con: duckdb.DuckDBPyConnection, where: str, params: Sequence[object]) -> list[Report]:
    """Stored events as reports, with their article's site, origin and story cluster."""
    rows = con.execute(
        "SELECT e.record, a.site, a.origin, c.cluster_id FROM events e "
        "LEFT JOIN articles a ON a.doc_id = e.doc_id "
        "LEFT JOIN article_clusters c ON c.doc_id = e.doc_id "
        f"WHERE {where} ORDER BY e.event_id",
        list(params),
    ).fetchall()
    return [
        Report.from_record(json.loads(r[0]), site=r[1], origin=r[2], article_cluster=r[3])
        for r in rows
    ]


def _member_reports(con: duckdb.DuckDBPyConnection, clusters: str) -> list[tuple[Report, str]]:
    """The clustering views of the members of ``clusters`` (SQL selecting cluster ids),
    with their article's story cluster as it now stands, and their cluster ids."""
    rows = con.execute(
        "SELECT m.report, c.cluster_id, m.cluster_id FROM event_cluster_members m "
        "JOIN events e ON e.event_id = m.event_id "
        "LEFT JOIN article_clusters c ON c.doc_id = e.doc_id "
        f"WHERE m.cluster_id IN ({clusters}) ORDER BY m.event_id"
    ).fetchall()
    return [(Report.from_compact(json.loads(r[0]), article_cluster=r[1]), str(r[2])) for r in rows]


def assign_event_clusters(
    con: duckdb.DuckDBPyConnection,
    coded: Iterable[tuple[Article, Sequence[Mapping[str, Any]]]],
    *,
    removed: bool = False,
    defer_summaries: bool = False,
) -> int:
    """Cluster newly stored events; returns how many clusters changed.

    ``coded`` holds the articles just written with their event records; ``removed``
    says some events were deleted (a corrected article), whose clusters are then
    rebuilt from the reports left, since a removed report may have been the only
    link between two parts. Events already clustered are skipped, so re-ingesting
    changes nothing. With ``defer_summaries`` the changed clusters' summary rows are
    marked stale instead of rewritten (see :func:`refresh_stale`). The caller holds
    the transaction.
    """
    changed: set[str] = set()
    if removed:
        changed |= _drop_removed(con)
    candidates = [
        Report.from_record(record, site=article.site, origin=article.origin)
        for article, records in coded
        for record in records
    ]
    if candidates:
        ids = pa.table({"event_id": sorted({r.event_id for r in candidates})})
        with registered(con, "_dw_ec_ids", ids):
            stored = {
                str(r[0])
                for r in con.execute(
                    "SELECT m.event_id FROM event_cluster_members m "
                    "JOIN _dw_ec_ids i ON i.event_id = m.event_id"
                ).fetchall()
            }
            # Only events that made it into the table (a clashing id is kept as stored).
            present = {
                str(r[0])
                for r in con.execute(
                    "SELECT e.event_id FROM events e JOIN _dw_ec_ids i ON i.event_id = e.event_id"
                ).fetchall()
            }
            stories = dict(
                con.execute(
                    "SELECT c.doc_id, c.cluster_id FROM article_clusters c "
                    "WHERE c.doc_id IN (SELECT DISTINCT doc_id FROM events e "
                    "JOIN _dw_ec_ids i ON i.event_id = e.event_id)"
                ).fetchall()
            )
        new: dict[str, Report] = {}
        for report in candidates:
            if report.event_id in present and report.event_id not in stored:
                if report.doc_id in stories:
                    report = replace(report, article_cluster=str(stories[report.doc_id]))
                new.setdefault(report.event_id, report)
        if new:
            changed |= _add(con, list(new.values()))
    if defer_summaries:
        _mark_stale(con, changed)
    else:
        # Summaries left stale (by a crashed ingest) are caught up with these.
        _refresh(con, changed | _stale(con))
    return len(changed)


def refresh_stale(con: duckdb.DuckDBPyConnection) -> int:
    """Rewrite the summary rows marked stale; returns how many were written. The caller
    holds the transaction."""
    return _refresh(con, _stale(con))


def _stale(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute("SELECT cluster_id FROM event_clusters_stale").fetchall()
    return {str(r[0]) for r in rows}


def _mark_stale(con: duckdb.DuckDBPyConnection, clusters: set[str]) -> None:
    if not clusters:
        return
    with registered(con, "_dw_ec_stale", pa.table({"cluster_id": sorted(clusters)})):
        con.execute(
            "INSERT INTO event_clusters_stale SELECT cluster_id FROM _dw_ec_stale "
            "ON CONFLICT DO NOTHING"
        )


def backfill_event_clusters(con: duckdb.DuckDBPyConnection) -> int:
    """Cluster stored events that have no cluster (a database made before clustering).

    Run once, right after the migration that adds the tables; returns the clusters made.
    """
    with transaction(con):
        left = _reports(con, "e.event_id NOT IN (SELECT event_id FROM event_cluster_members)", [])
        changed = _add(con, left) if left else set()
        _refresh(con, changed)
    return len(changed)


def _lookup(con: duckdb.DuckDBPyConnection, queries: list[Query]) -> list[tuple[Report, str]]:
    """Stored reports the queries find: one per cluster and match key (see ``Lookup``)."""
    if not queries:
        return []
    table = pa.table(
        {
            "block": ["|".join(q.key) for q in queries],
            "first": [q.first.isoformat() for q in queries],
            "last": [q.last.isoformat() for q in queries],
        }
    )
    with registered(con, "_dw_ec_q", table):
        rows = con.execute(
            "SELECT arg_min(m.report, m.event_id), m.cluster_id FROM event_cluster_members m "
            "JOIN _dw_ec_q q ON m.block = q.block AND m.date BETWEEN q.first AND q.last "
            "GROUP BY m.cluster_id, m.match_key"
        ).fetchall()
    found = [(Report.from_compact(json.loads(r[0])), str(r[1])) for r in rows]
    return sorted(found, key=lambda pair: pair[0].event_id)


_MEMBER_COLUMNS = ("event_id", "cluster_id", "block", "date", "match_key", "report")


def _views(reports: Sequence[Report]) -> dict[str, list[str]]:
    """The ``match_key`` and ``report`` columns of members (see MIGRATION_REPORTS)."""
    return {
        "match_key": [_MATCHER.key(r) for r in reports],
        "report": [json.dumps(r.to_compact(), ensure_ascii=False) for r in reports],
    }


def _add(con: duckdb.DuckDBPyConnection, reports: list[Report]) -> set[str]:
    index = EventIndex(lookup=lambda queries: _lookup(con, queries))
    changes = index.add(reports)
    cluster_of = {e: c.cluster for c in changes for e in c.members}
    absorbed = sorted({a for c in changes for a in c.absorbed})
    for change in changes:
        if change.absorbed:
            con.execute(
                "UPDATE event_cluster_members SET cluster_id = ? "
                "WHERE list_contains(?, cluster_id)",
                [change.cluster, list(change.absorbed)],
            )
    if absorbed:
        con.execute("DELETE FROM event_clusters WHERE list_contains(?, cluster_id)", [absorbed])
    rows = sorted(reports, key=lambda r: r.event_id)
    with registered(
        con,
        "_dw_ec_rows",
        pa.table(
            {
                "event_id": [r.event_id for r in rows],
                "cluster_id": [cluster_of[r.event_id] for r in rows],
                "block": [_block(r) for r in rows],
                "date": [r.date.isoformat() if r.date else None for r in rows],
                **_views(rows),
            },
            schema=pa.schema([(n, pa.string()) for n in _MEMBER_COLUMNS]),
        ),
    ):
        columns = ", ".join(_MEMBER_COLUMNS)
        con.execute(
            f"INSERT INTO event_cluster_members ({columns}) SELECT {columns} FROM _dw_ec_rows"
        )
    return {c.cluster for c in changes}


def _drop_removed(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Forget members whose events are gone; re-cluster what is left of their clusters."""
    hit = [
        str(r[0])
        for r in con.execute(
            "SELECT DISTINCT cluster_id FROM event_cluster_members "
            "WHERE event_id NOT IN (SELECT event_id FROM events)"
        ).fetchall()
    ]
    if not hit:
        return set()
    con.execute(
        "DELETE FROM event_cluster_members WHERE event_id NOT IN (SELECT event_id FROM events)"
    )
    left = _reports(
        con,
        "e.event_id IN (SELECT event_id FROM event_cluster_members "
        "WHERE list_contains(?, cluster_id))",
        [hit],
    )
    con.execute("DELETE FROM event_cluster_members WHERE list_contains(?, cluster_id)", [hit])
    con.execute("DELETE FROM event_clusters WHERE list_contains(?, cluster_id)", [hit])
    return _add(con, left) if left else set()


def _refresh(con: duckdb.DuckDBPyConnection, clusters: set[str]) -> int:
    """Rewrite the summary rows of ``clusters`` from their current members; returns
    how many rows were written.

    A cluster absorbed into another since it was named has no members left, and so no
    row; the cluster that absorbed it is among those changed.
    """
    if not clusters:
        return 0
    wanted = sorted(clusters)
    with registered(con, "_dw_ec_want", pa.table({"cluster_id": wanted})):
        members = _member_reports(con, "SELECT cluster_id FROM _dw_ec_want")
        con.execute(
            "DELETE FROM event_clusters_stale "
            "WHERE cluster_id IN (SELECT cluster_id FROM _dw_ec_want)"
        )
    grouped: dict[str, list[Report]] = {}
    for report, cluster in members:
        grouped.setdefault(cluster, []).append(report)
    summaries = [summarize(reports) for _, reports in sorted(grouped.items())]
    con.execute("DELETE FROM event_clusters WHERE list_contains(?, cluster_id)", [wanted])
    if not summaries:
        return 0
    with registered(
        con,
        "_dw_ec_sum",
        pa.table(
            {
                "cluster_id": [s.cluster_id for s in summaries],
                "first_seen": [s.first_seen for s in summaries],
                "last_seen": [s.last_seen for s in summaries],
                "reports": [s.reports for s in summaries],
                "articles": [s.articles for s in summaries],
                "stories": [s.stories for s in summaries],
                "outlets": [s.outlets for s in summaries],
                "best_event_id": [s.best_event_id for s in summaries],
                "summary": [s.summary for s in summaries],
                "record": [json.dumps(s.to_dict(), ensure_ascii=False) for s in summaries],
            }
        ),
    ):
        con.execute("INSERT INTO event_clusters SELECT * FROM _dw_ec_sum")
    return len(summaries)


def fill_member_reports(con: duckdb.DuckDBPyConnection) -> int:
    """Give members clustered before ``0006_cluster_reports`` their clustering view.

    Run once, right after that migration; returns the members filled.
    """
    with transaction(con):
        left = _reports(
            con,
            "e.event_id IN (SELECT event_id FROM event_cluster_members WHERE report IS NULL)",
            [],
        )
        views = pa.table(
            {"event_id": [r.event_id for r in left], **_views(left)},
            schema=pa.schema([(n, pa.string()) for n in ("event_id", "match_key", "report")]),
        )
        with registered(con, "_dw_ec_fill", views):
            con.execute(
                "UPDATE event_cluster_members m SET match_key = f.match_key, "
                "report = f.report FROM _dw_ec_fill f WHERE m.event_id = f.event_id"
            )
    return len(left)


def event_cluster_of(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """event_id -> cluster id of every clustered event."""
    rows = con.execute("SELECT event_id, cluster_id FROM event_cluster_members").fetchall()
    return {str(r[0]): str(r[1]) for r in rows}


def cluster_rows(
    con: duckdb.DuckDBPyConnection, cluster_ids: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """Cluster summaries (``EventCluster.to_dict()``), all or those named, by id."""
    sql = "SELECT record FROM event_clusters"
    params: list[object] = []
    if cluster_ids is not None:
        sql += " WHERE list_contains(?, cluster_id)"
        params.append(list(cluster_ids))
    rows = con.execute(sql + " ORDER BY cluster_id", params).fetchall()
    return [json.loads(r[0]) for r in rows]


def clusters_of_events(
    con: duckdb.DuckDBPyConnection, event_ids: Sequence[str]
) -> dict[str, dict[str, Any]]:
    """event_id -> its cluster's counts (cluster_id, reports, articles, outlets, ...)."""
    if not event_ids:
        return {}
    rows = con.execute(
        "SELECT m.event_id, c.cluster_id, c.reports, c.articles, c.stories, c.outlets, "
        "c.best_event_id FROM event_cluster_members m "
        "JOIN event_clusters c ON c.cluster_id = m.cluster_id "
        "WHERE list_contains(?, m.event_id)",
        [list(event_ids)],
    ).fetchall()
    names = ("cluster_id", "reports", "articles", "stories", "outlets", "best_event_id")
    return {str(r[0]): dict(zip(names, r[1:], strict=True)) for r in rows}
