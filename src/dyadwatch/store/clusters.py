"""Story clusters and ingest bookkeeping in the store (migration 0002_article_clusters).

Functions over a DuckDB connection that :class:`~dyadwatch.store.Store` delegates to;
the clustering rule itself lives in :mod:`dyadwatch.dedupe` (pure).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import duckdb
import pyarrow as pa

from dyadwatch.dedupe import (
    Candidates,
    ClusterIndex,
    Signature,
    band_keys,
    pack_signature,
    signature_rows,
)
from dyadwatch.store.connection import registered

__all__ = ["MIGRATION", "assign_clusters", "clusters", "ingested", "mark_ingested"]

MIGRATION = """
CREATE TABLE article_clusters (
    doc_id     VARCHAR PRIMARY KEY,
    cluster_id VARCHAR NOT NULL,   -- the smallest doc_id among the story's versions
    signature  BLOB NOT NULL       -- MinHash signature, little-endian uint32 values
);

CREATE TABLE article_bands (        -- LSH band keys: articles sharing one are compared
    band   VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL
);
CREATE INDEX article_bands_band ON article_bands (band);

CREATE TABLE ingested_documents (   -- documents coded and stored: a re-run skips them
    doc_id      VARCHAR PRIMARY KEY,
    source_hash VARCHAR NOT NULL    -- sha256 of the document as read, before extraction
);
"""

_IDS = pa.schema([("doc_id", pa.string())])


def assign_clusters(con: duckdb.DuckDBPyConnection, signatures: Mapping[str, Signature]) -> int:
    """Give each new article a cluster id, merging clusters it bridges; returns merges made.

    Articles that already have a cluster keep it (a corrected text keeps its story).
    The caller holds the transaction.
    """
    if not signatures:
        return 0
    ids = pa.table({"doc_id": list(signatures)}, schema=_IDS)
    with registered(con, "_dw_cl_ids", ids):
        done = {
            row[0]
            for row in con.execute(
                "SELECT c.doc_id FROM article_clusters c JOIN _dw_cl_ids i USING (doc_id)"
            ).fetchall()
        }
    new = {d: s for d, s in signatures.items() if d not in done}
    if not new:
        return 0

    def lookup(keys: list[str]) -> Candidates:
        table = pa.table({"band": keys}, schema=pa.schema([("band", pa.string())]))
        with registered(con, "_dw_cl_keys", table):
            rows = con.execute(
                "SELECT c.doc_id, c.cluster_id, c.signature FROM article_clusters c "
                "WHERE c.doc_id IN (SELECT b.doc_id FROM article_bands b "
                "JOIN _dw_cl_keys k ON b.band = k.band) ORDER BY c.doc_id"
            ).fetchall()
        return Candidates(
            [str(r[0]) for r in rows],
            [str(r[1]) for r in rows],
            signature_rows([r[2] for r in rows]),
        )

    merges = ClusterIndex(lookup=lookup).add(sorted(new.items()))
    cluster_of = {doc: m.cluster for m in merges for doc in m.members}
    for merge in merges:
        if merge.absorbed:
            con.execute(
                "UPDATE article_clusters SET cluster_id = ? WHERE list_contains(?, cluster_id)",
                [merge.cluster, list(merge.absorbed)],
            )
    docs = sorted(new)
    rows = pa.table(
        {
            "doc_id": docs,
            "cluster_id": [cluster_of[d] for d in docs],
            "signature": [pack_signature(new[d]) for d in docs],
        }
    )
    bands = [(k, d) for d in docs for k in band_keys(new[d])]
    band_rows = pa.table({"band": [b for b, _ in bands], "doc_id": [d for _, d in bands]})
    with registered(con, "_dw_cl_rows", rows), registered(con, "_dw_cl_bands", band_rows):
        con.execute(
            "INSERT INTO article_clusters SELECT doc_id, cluster_id, signature FROM _dw_cl_rows"
        )
        con.execute("INSERT INTO article_bands SELECT band, doc_id FROM _dw_cl_bands")
    return sum(len(m.absorbed) for m in merges)


def clusters(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """doc_id -> cluster id of every clustered article."""
    return {
        str(r[0]): str(r[1])
        for r in con.execute("SELECT doc_id, cluster_id FROM article_clusters").fetchall()
    }


def ingested(con: duckdb.DuckDBPyConnection, doc_ids: Iterable[str]) -> dict[str, str]:
    """doc_id -> source hash of those of ``doc_ids`` already ingested."""
    wanted = sorted(set(doc_ids))
    if not wanted:
        return {}
    with registered(con, "_dw_ing_ids", pa.table({"doc_id": wanted}, schema=_IDS)):
        rows = con.execute(
            "SELECT d.doc_id, d.source_hash FROM ingested_documents d "
            "JOIN _dw_ing_ids i USING (doc_id)"
        ).fetchall()
    return {str(r[0]): str(r[1]) for r in rows}


def mark_ingested(con: duckdb.DuckDBPyConnection, sources: Mapping[str, str]) -> None:
    """Record documents (doc_id -> source hash) as ingested; a later hash replaces one."""
    if not sources:
        return
    docs = sorted(sources)
    with registered(
        con, "_dw_ing_rows", pa.table({"doc_id": docs, "source_hash": [sources[d] for d in docs]})
    ):
        con.execute(
            "INSERT INTO ingested_documents SELECT doc_id, source_hash FROM _dw_ing_rows "
            "ON CONFLICT (doc_id) DO UPDATE SET source_hash = excluded.source_hash"
        )
