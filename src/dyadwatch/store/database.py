"""The DuckDB store: articles, events, runs and failures in one file.

One writer process at a time: DuckDB locks the file, and while a process holds it no
other process can open it, not even read-only. ``Store`` waits up to ``lock_timeout``
seconds (default 5, with backoff from 50 ms doubling to 1 s: long enough to outlast a
short ``dyadwatch events`` query in another shell, short enough that a user waiting on
a long ingest hears about it) before raising ``DatabaseLocked``.

Writes are bulk: rows are gathered into Arrow tables and inserted with one
``INSERT ... SELECT`` per table (row-by-row ``executemany`` runs at ~600 rows/s).
Each ``add_articles`` call is one transaction, so a crash leaves no half-written
article. A ``Store`` holds one connection and is not meant to be shared between threads.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self
from uuid import uuid4

import duckdb
import pyarrow as pa

from dyadwatch.dedupe import Signature
from dyadwatch.errors import DatabaseLocked, DyadwatchError, StoreError, UnreadableDatabase
from dyadwatch.model import Article
from dyadwatch.store import actors as _actors
from dyadwatch.store import clusters as _clusters
from dyadwatch.store import event_clusters as _event_clusters
from dyadwatch.store import validators as _validators
from dyadwatch.store.connection import registered, transaction
from dyadwatch.store.event_clusters import EVENTS_WITH_CLUSTERS, Count, count_sql
from dyadwatch.store.filters import EventFilter, where_clause
from dyadwatch.store.migrations import applied_migrations, apply_migrations, pending_migrations
from dyadwatch.store.rows import AddResult, DyadSummary, FailureRow, RunRow
from dyadwatch.store.validators import ValidatorRow

__all__ = ["DEFAULT_DB", "Store", "content_hash", "default_db_path"]

DEFAULT_DB = "dyadwatch.duckdb"
MEMORY = ":memory:"

_ALL = EventFilter()  # immutable: selects every event
_LOCK_MESSAGE = "Could not set lock on file"
_OTHER_CONFIG = "different configuration"
_FIRST_DELAY = 0.05
_MAX_DELAY = 1.0

_ARTICLE_SCHEMA = pa.schema(
    [(name, pa.string()) for name in (
        "doc_id", "content_hash", "origin", "url", "title", "published", "author", "site",
        "language", "text", "first_run", "last_run",
    )]
)  # fmt: skip

_EVENT_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("doc_id", pa.string()),
        ("run_id", pa.string()),
        ("date", pa.string()),
        ("published", pa.string()),
        ("sentence_index", pa.int32()),
        ("cameo", pa.string()),
        ("root", pa.string()),
        ("quad_class", pa.int32()),
        ("goldstein", pa.float64()),
        ("source_country", pa.string()),
        ("source_code", pa.string()),
        ("target_country", pa.string()),
        ("target_code", pa.string()),
        ("status", pa.string()),
        ("hedged", pa.bool_()),
        ("symmetric", pa.bool_()),
        ("confidence", pa.float64()),
        ("record", pa.string()),
    ]
)

_FAILURE_SCHEMA = pa.schema(
    [
        ("run_id", pa.string()),
        ("origin", pa.string()),
        ("code", pa.string()),
        ("message", pa.string()),
        ("at", pa.timestamp("us")),
    ]
)


class _EventLike(Protocol):
    """What the store needs of an event: an Event, or a contract dict coded elsewhere."""

    @property
    def event_id(self) -> str: ...

    @property
    def doc_id(self) -> str: ...

    def to_dict(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class _Record:
    """An event already in the contract's shape (e.g. read back from ``dyadwatch batch``)."""

    record: Mapping[str, Any]

    @property
    def event_id(self) -> str:
        return str(self.record["event_id"])

    @property
    def doc_id(self) -> str:
        return str(self.record["doc_id"])

    def to_dict(self) -> dict[str, Any]:
        return dict(self.record)


def default_db_path() -> Path:
    """``$DYADWATCH_DB`` if set, else ``dyadwatch.duckdb`` in the working directory."""
    return Path(os.environ.get("DYADWATCH_DB") or DEFAULT_DB)


def content_hash(text: str) -> str:
    """The key that decides whether an article changed: sha256 of its cleaned text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _now() -> datetime:
    # Stored as naive UTC: DuckDB hands TIMESTAMPTZ back in the machine's zone.
    return datetime.now(UTC).replace(tzinfo=None)


def _utc(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None else None


def _reason(error: duckdb.Error) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    for prefix in ("IO Error: ", "Catalog Error: ", "Permission Error: "):
        text = text.removeprefix(prefix)
    return text


class Store:
    """A dyadwatch database; use as a context manager or call ``close()``.

    Opening creates the file if needed and applies pending migrations (a read-only
    store refuses a database that still needs them). ``path`` may be ``":memory:"``.
    """

    def __init__(
        self, path: Path | str, *, read_only: bool = False, lock_timeout: float = 5.0
    ) -> None:
        self.path = path if str(path) == MEMORY else Path(path)
        self.read_only = read_only
        self._name = str(self.path)
        if read_only and self._name != MEMORY and not Path(self.path).exists():
            raise UnreadableDatabase(
                self._name, "no such database", "Create it with dyadwatch ingest --db FILE"
            )
        self._con = self._connect(lock_timeout)
        try:
            self._prepare()
        except BaseException:
            self._con.close()
            raise

    def _connect(self, lock_timeout: float) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + lock_timeout
        delay = _FIRST_DELAY
        while True:
            try:
                return duckdb.connect(self._name, read_only=self.read_only)
            except duckdb.Error as error:
                if _OTHER_CONFIG in str(error):
                    raise StoreError(
                        self._name,
                        "this process already has it open with a different read_only setting",
                        "Use the Store that is already open, or close it first",
                    ) from error
                if _LOCK_MESSAGE not in str(error):
                    raise UnreadableDatabase(
                        self._name, f"cannot open it as a DuckDB database ({_reason(error)})"
                    ) from error
                left = deadline - time.monotonic()
                if left <= 0:
                    raise DatabaseLocked(
                        self._name,
                        f"another process holds the database (waited {lock_timeout:g} s)",
                    ) from error
                time.sleep(min(delay, left))
                delay = min(delay * 2, _MAX_DELAY)

    def _prepare(self) -> None:
        try:
            if not self.read_only:
                applied = apply_migrations(self._con)
                if "0004_event_clusters" in applied:
                    # Events stored before clustering existed get their clusters once.
                    _event_clusters.backfill_event_clusters(self._con)
                if "0006_cluster_reports" in applied:
                    _event_clusters.fill_member_reports(self._con)
                return
            if applied_migrations(self._con) is None:
                raise UnreadableDatabase(
                    self._name, "not a dyadwatch database (it has no schema_migrations table)"
                )
            pending = pending_migrations(self._con)
        except duckdb.Error as error:
            raise UnreadableDatabase(
                self._name, f"cannot set up the schema ({_reason(error)})"
            ) from error
        if pending:
            raise UnreadableDatabase(
                self._name,
                f"made by an older dyadwatch; migrations {', '.join(pending)} are pending",
                "Open it once for writing (dyadwatch ingest --db FILE) to upgrade it",
            )

    # -- lifecycle -------------------------------------------------------------------

    def close(self) -> None:
        self._con.close()

    def use_threads(self, threads: int) -> None:
        """Let DuckDB use at most ``threads`` threads for this store's queries.

        Ingest with coding workers sets 1: the writer's queries are small, and threads
        of its own would take the cores from the workers.
        """
        if threads < 1:
            raise ValueError(f"threads must be at least 1, not {threads}")
        self._con.execute(f"SET threads = {int(threads)}")

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        try:
            yield
        except duckdb.Error as error:
            raise StoreError(
                self._name,
                f"could not {action} ({_reason(error)})",
                "Check free disk space and that the file is writable",
            ) from error

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(
                self._name, "opened read-only", "Open the store without read_only to write"
            )

    def _require_run(self, run_id: str) -> None:
        if not self._con.execute("SELECT 1 FROM runs WHERE id = ?", [run_id]).fetchall():
            raise StoreError(run_id, "no such run", "Call start_run first and pass its id")

    # -- runs and failures -----------------------------------------------------------

    def start_run(self, inputs: Sequence[str], coder: str) -> str:
        """Record the start of an ingest run; returns its id (sortable by start time)."""
        self._writable()
        started = _now()
        run_id = f"{started:%Y%m%dT%H%M%S}-{uuid4().hex[:8]}"
        with self._guard("start a run"):
            self._con.execute(
                "INSERT INTO runs (id, started, inputs, coder) VALUES (?, ?, ?, ?)",
                [run_id, started, json.dumps(list(inputs), ensure_ascii=False), coder],
            )
        return run_id

    def finish_run(
        self,
        run_id: str,
        *,
        documents: int,
        events: int,
        failures: int,
        skipped: int | None = None,
    ) -> None:
        """Record the end of a run and its counts; ``skipped`` counts inputs found already
        stored (or unchanged on their server), None when the caller does not check."""
        self._writable()
        with self._guard("finish a run"):
            rows = self._con.execute(
                "UPDATE runs SET finished = ?, documents = ?, events = ?, failures = ?, "
                "skipped = ? WHERE id = ?",
                [_now(), documents, events, failures, skipped, run_id],
            ).fetchall()
        if not rows[0][0]:
            raise StoreError(run_id, "no such run", "Pass the id start_run returned")

    def add_failure(self, run_id: str, origin: str, error: DyadwatchError) -> None:
        self.add_failures(run_id, [(origin, error)])

    def add_failures(self, run_id: str, failures: Iterable[tuple[str, DyadwatchError]]) -> None:
        """Record inputs that could not be coded, with the error's code and one-line message."""
        self._writable()
        rows = list(failures)
        if not rows:
            return
        at = _now()
        table = pa.table(
            {
                "run_id": [run_id] * len(rows),
                "origin": [origin for origin, _ in rows],
                "code": [error.code for _, error in rows],
                "message": [error.message for _, error in rows],
                "at": [at] * len(rows),
            },
            schema=_FAILURE_SCHEMA,
        )
        with self._guard("record failures"):
            self._require_run(run_id)
            with registered(self._con, "_dw_failures", table) as name:
                self._con.execute(
                    'INSERT INTO failures (run_id, origin, code, message, "at") '
                    f'SELECT run_id, origin, code, message, "at" FROM {name}'
                )

    def failures(self, run_id: str | None = None) -> list[FailureRow]:
        """Failures of one run, or of all runs, in the order they were recorded."""
        sql = 'SELECT run_id, origin, code, message, "at" FROM failures'
        params: list[object] = []
        if run_id is not None:
            sql += " WHERE run_id = ?"
            params.append(run_id)
        rows = self._con.execute(sql + ' ORDER BY "at", rowid', params).fetchall()
        return [FailureRow(r[0], r[1], r[2], r[3], r[4].replace(tzinfo=UTC)) for r in rows]

    def actors(self, limit: int = 100) -> list[dict[str, Any]]:
        """The actors stored events name, the most frequent first."""
        rows = self._con.execute(
            "SELECT code, name, country, sector, events, first_seen, last_seen FROM actors "
            "ORDER BY events DESC, code, name LIMIT ?",
            [limit],
        ).fetchall()
        keys = ("code", "name", "country", "sector", "events", "first_seen", "last_seen")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def runs(self) -> list[RunRow]:
        rows = self._con.execute(
            "SELECT id, started, finished, inputs, coder, documents, events, failures, skipped "
            "FROM runs ORDER BY started, id"
        ).fetchall()
        return [
            RunRow(
                id=r[0],
                started=r[1].replace(tzinfo=UTC),
                finished=_utc(r[2]),
                inputs=tuple(json.loads(r[3])),
                coder=r[4],
                documents=r[5],
                events=r[6],
                failures=r[7],
                skipped=r[8],
            )
            for r in rows
        ]

    # -- articles and events ---------------------------------------------------------

    def add_articles(
        self,
        run_id: str,
        coded: Iterable[tuple[Article, Sequence[_EventLike]]],
        *,
        defer_summaries: bool = False,
    ) -> AddResult:
        """Store coded articles, keyed by doc_id and the hash of their text, in one transaction.

        - a new doc_id: the article and its events are inserted;
        - a known doc_id with the same text: nothing changes but ``last_run``;
        - a known doc_id with changed text (a corrected article): the article row is
          replaced (``first_run`` kept) and its old events are replaced by the new ones.

        Within one call, a doc_id given twice counts once and its last occurrence wins.
        An event whose id already belongs to another article is kept as stored and
        counted in ``skipped_events``.

        New events join their event clusters at once. Each changed cluster's summary row
        is rewritten too, unless ``defer_summaries``: then it is marked stale until
        :meth:`refresh_event_clusters`, which a long ingest calls every few seconds,
        since rewriting a summary reads all its cluster's reports.
        """
        self._writable()
        batch: dict[str, tuple[Article, Sequence[_EventLike], str]] = {}
        for article, events in coded:
            for event in events:
                if event.doc_id != article.doc_id:
                    raise ValueError(
                        f"event {event.event_id} has doc_id {event.doc_id!r}, "
                        f"but is stored with article {article.doc_id!r}"
                    )
            batch[article.doc_id] = (article, events, content_hash(article.text))
        if not batch:
            return AddResult()
        ids = pa.table({"doc_id": list(batch)}, schema=pa.schema([("doc_id", pa.string())]))
        with self._guard("store articles"), transaction(self._con):
            self._require_run(run_id)
            with registered(self._con, "_dw_ids", ids) as name:
                known = {
                    row[0]: (row[1], row[2])
                    for row in self._con.execute(
                        "SELECT a.doc_id, a.content_hash, a.first_run FROM articles a "
                        f"JOIN {name} i ON a.doc_id = i.doc_id"
                    ).fetchall()
                }
            unchanged = [d for d, (_, _, h) in batch.items() if d in known and known[d][0] == h]
            replaced = [d for d, (_, _, h) in batch.items() if d in known and known[d][0] != h]
            touched = _actors.codes_of_documents(self._con, replaced)
            same = set(unchanged)
            written = [d for d in batch if d not in same]
            removed = self._touch_and_clear(run_id, unchanged, replaced)
            first_runs = {d: known[d][1] if d in known else run_id for d in written}
            self._insert_articles(run_id, [batch[d][0] for d in written], batch, first_runs)
            events = [e for d in written for e in batch[d][1]]
            inserted = self._insert_events(run_id, events)
            _actors.add_actor_counts(self._con, written)
            # Codes the replaced articles' old events named: recounted, new events included.
            _actors.refresh_actors(self._con, touched)
            _event_clusters.assign_event_clusters(
                self._con,
                [(batch[d][0], [e.to_dict() for e in batch[d][1]]) for d in written],
                removed=bool(replaced),
                defer_summaries=defer_summaries,
            )
        return AddResult(
            new_articles=len(written) - len(replaced),
            unchanged_articles=len(unchanged),
            replaced_articles=len(replaced),
            new_events=inserted,
            removed_events=removed,
            skipped_events=len({e.event_id for e in events}) - inserted,
        )

    def add_records(
        self, run_id: str, coded: Iterable[tuple[Article, Sequence[Mapping[str, Any]]]]
    ) -> AddResult:
        """``add_articles`` for events coded elsewhere and given as contract dicts.

        ``dyadwatch batch`` codes on Spark executors and writes Parquet; loading it back
        goes through here, so the same keys, replacement rules and counts apply.
        """
        return self.add_articles(
            run_id, ((article, [_Record(r) for r in records]) for article, records in coded)
        )

    def _touch_and_clear(self, run_id: str, unchanged: list[str], replaced: list[str]) -> int:
        """Mark unchanged articles as seen in this run; delete replaced articles and events."""
        schema = pa.schema([("doc_id", pa.string())])
        if unchanged:
            with registered(
                self._con, "_dw_same", pa.table({"doc_id": unchanged}, schema=schema)
            ) as n:
                self._con.execute(
                    f"UPDATE articles SET last_run = ? WHERE doc_id IN (SELECT doc_id FROM {n})",
                    [run_id],
                )
        if not replaced:
            return 0
        with registered(self._con, "_dw_gone", pa.table({"doc_id": replaced}, schema=schema)) as n:
            deleted = self._con.execute(
                f"DELETE FROM events WHERE doc_id IN (SELECT doc_id FROM {n})"
            ).fetchall()
            self._con.execute(f"DELETE FROM articles WHERE doc_id IN (SELECT doc_id FROM {n})")
        return int(deleted[0][0])

    def _insert_articles(
        self,
        run_id: str,
        articles: list[Article],
        batch: dict[str, tuple[Article, Sequence[_EventLike], str]],
        first_runs: dict[str, str],
    ) -> None:
        if not articles:
            return
        table = pa.table(
            {
                "doc_id": [a.doc_id for a in articles],
                "content_hash": [batch[a.doc_id][2] for a in articles],
                "origin": [a.origin for a in articles],
                "url": [a.url for a in articles],
                "title": [a.title for a in articles],
                "published": [a.published for a in articles],
                "author": [a.author for a in articles],
                "site": [a.site for a in articles],
                "language": [a.language for a in articles],
                "text": [a.text for a in articles],
                "first_run": [first_runs[a.doc_id] for a in articles],
                "last_run": [run_id] * len(articles),
            },
            schema=_ARTICLE_SCHEMA,
        )
        columns = ", ".join(f'"{n}"' for n in _ARTICLE_SCHEMA.names)
        with registered(self._con, "_dw_articles", table) as name:
            self._con.execute(f"INSERT INTO articles ({columns}) SELECT {columns} FROM {name}")

    def _insert_events(self, run_id: str, events: list[_EventLike]) -> int:
        records: dict[str, dict[str, Any]] = {}
        for event in events:
            # The first of two events with one id wins; they are the same event.
            records.setdefault(event.event_id, event.to_dict())
        if not records:
            return 0
        rows = list(records.values())
        columns: dict[str, list[Any]] = {name: [] for name in _EVENT_SCHEMA.names}
        for r in rows:
            source, target = r["source"], r["target"]
            columns["event_id"].append(r["event_id"])
            columns["doc_id"].append(r["doc_id"])
            columns["run_id"].append(run_id)
            columns["date"].append(r["date"])
            columns["published"].append(r["published"])
            columns["sentence_index"].append(r["sentence_index"])
            columns["cameo"].append(r["cameo"])
            columns["root"].append(r["cameo"][:2])
            columns["quad_class"].append(r["quad_class"])
            columns["goldstein"].append(r["goldstein"])
            columns["source_country"].append(source["country"])
            columns["source_code"].append(source["code"])
            columns["target_country"].append(target["country"] if target else None)
            columns["target_code"].append(target["code"] if target else None)
            columns["status"].append(r["status"])
            columns["hedged"].append(r["hedged"])
            columns["symmetric"].append(r["symmetric"])
            columns["confidence"].append(r["confidence"])
            columns["record"].append(json.dumps(r, ensure_ascii=False))
        table = pa.table(columns, schema=_EVENT_SCHEMA)
        names = ", ".join(f'"{n}"' for n in _EVENT_SCHEMA.names)
        with registered(self._con, "_dw_events", table) as name:
            inserted = self._con.execute(
                f"INSERT INTO events ({names}) SELECT {names} FROM {name} "
                "ON CONFLICT (event_id) DO NOTHING"
            ).fetchall()
        return int(inserted[0][0])

    def article(self, doc_id: str) -> dict[str, Any] | None:
        """The stored article (metadata, cleaned text, hash, first and last run), or None."""
        cursor = self._con.execute("SELECT * FROM articles WHERE doc_id = ?", [doc_id])
        rows = cursor.fetchall()
        if not rows:
            return None
        names = [column[0] for column in cursor.description]
        return dict(zip(names, rows[0], strict=True))

    def select(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Rows of one read-only query with bound parameters (for ``dyadwatch.query``)."""
        with self._guard("query the database"):
            return self._con.execute(sql, list(params)).fetchall()

    def events(self, flt: EventFilter = _ALL) -> list[dict[str, Any]]:
        """Matching events in the contract's shape, ordered by date, doc_id, sentence_index."""
        where, params = where_clause(flt)
        sql = (
            f"SELECT record FROM events WHERE {where} "
            "ORDER BY date NULLS LAST, doc_id, sentence_index, event_id"
        )
        if flt.limit is not None:
            sql += " LIMIT ?"
            params.append(flt.limit)
        if flt.offset:
            sql += " OFFSET ?"
            params.append(flt.offset)
        return [json.loads(row[0]) for row in self._con.execute(sql, params).fetchall()]

    def count_events(self, flt: EventFilter = _ALL) -> int:
        """How many events match, ignoring ``limit`` and ``offset``."""
        where, params = where_clause(flt)
        rows = self._con.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchall()
        return int(rows[0][0])

    def dyads(
        self, flt: EventFilter = _ALL, limit: int = 50, count: Count = "events"
    ) -> list[DyadSummary]:
        """Country pairs by number of matching events, most first.

        ``count="events"`` counts event clusters (reports of one real-world event
        count once); ``"reports"`` counts event records.

        Only events with a country on both sides, and two different countries, count
        (a government acting on its own citizens is not a dyad). ``flt.limit`` and
        ``flt.offset`` are ignored; ``limit`` caps the number of pairs.
        """
        where, params = where_clause(flt)
        sql = f"""
            WITH pairs AS (
                SELECT least(source_country, target_country) AS a,
                       greatest(source_country, target_country) AS b,
                       date, quad_class, goldstein, cluster_id
                FROM {EVENTS_WITH_CLUSTERS}
                WHERE {where} AND source_country IS NOT NULL AND target_country IS NOT NULL
                  AND source_country <> target_country
            )
            SELECT a, b, {count_sql(count)} AS n, min(date), max(date),
                   {count_sql(count, "quad_class IN (1, 2)")},
                   {count_sql(count, "quad_class IN (3, 4)")},
                   avg(goldstein)
            FROM pairs GROUP BY a, b ORDER BY n DESC, a, b LIMIT ?
        """
        rows = self._con.execute(sql, [*params, max(limit, 0)]).fetchall()
        return [DyadSummary(r[0], r[1], r[2], r[3], r[4], r[5], r[6], float(r[7])) for r in rows]

    # -- story clusters and resumable ingest (store/clusters.py) ----------------------

    def cluster_articles(self, signatures: Mapping[str, Signature]) -> int:
        """Put new articles in story clusters, in one transaction; returns merges made.

        ``signatures`` maps doc_id to MinHash signature (see :mod:`dyadwatch.dedupe`).
        Articles already clustered keep their cluster. Ingest calls this before storing
        the articles' events, so their event clusters count stories right away.
        """
        self._writable()
        with self._guard("record clusters"), transaction(self._con):
            return _clusters.assign_clusters(self._con, signatures)

    def mark_ingested(self, sources: Mapping[str, str]) -> None:
        """Record documents (doc_id -> hash of the document as read) as stored: a re-run
        of ingest skips them. Call it last, once everything of theirs is committed."""
        self._writable()
        with self._guard("record ingested documents"), transaction(self._con):
            _clusters.mark_ingested(self._con, sources)

    def ingested(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """doc_id -> source hash for those of ``doc_ids`` a run already stored."""
        return _clusters.ingested(self._con, doc_ids)

    # -- fetch validators across runs (store/validators.py) ---------------------------

    def fetch_validators(self, urls: Iterable[str]) -> dict[str, ValidatorRow]:
        """url -> the ETag/Last-Modified stored for it, for those of ``urls`` that have
        some; one query however many URLs."""
        with self._guard("read fetch validators"):
            return _validators.load(self._con, urls)

    def save_fetch_validators(self, rows: Iterable[ValidatorRow]) -> int:
        """Record or replace the validators of fetched pages in one transaction; returns
        the number of URLs written. Only for pages whose document is stored: the next
        ingest takes a 304 for them as "already stored" (see :mod:`dyadwatch.revalidate`)."""
        self._writable()
        with self._guard("record fetch validators"), transaction(self._con):
            return _validators.save(self._con, rows)

    def refresh_event_clusters(self) -> int:
        """Rewrite the event cluster summaries left stale by deferred writes; returns how
        many (see :meth:`add_articles`)."""
        self._writable()
        with self._guard("summarize event clusters"), transaction(self._con):
            return _event_clusters.refresh_stale(self._con)

    def event_cluster_of(self) -> dict[str, str]:
        """event_id -> event cluster id (the smallest event_id among its reports)."""
        return _event_clusters.event_cluster_of(self._con)

    def event_clusters(self, cluster_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Event cluster summaries (see ``dyadwatch.cluster.EventCluster.to_dict``)."""
        return _event_clusters.cluster_rows(self._con, cluster_ids)

    def event_clusters_for(self, event_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """event_id -> counts of its event cluster, for the events that have one."""
        return _event_clusters.clusters_of_events(self._con, event_ids)

    def clusters(self) -> dict[str, str]:
        """doc_id -> story cluster id (the smallest doc_id among the story's versions)."""
        return _clusters.clusters(self._con)
