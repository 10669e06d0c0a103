"""Ingest: read, code and store documents; resumable, idempotent, optionally multi-process.

- Idempotent: articles are keyed by doc_id and the hash of their text (see
  :meth:`Store.add_articles`), so storing a document twice changes nothing.
- Resumable: each stored document is recorded with the hash of its source in
  ``ingested_documents`` after its story cluster and its events are committed. A re-run
  after a crash (even ``kill -9``) skips what was recorded and codes the rest; a
  document whose events were committed but whose record was not is coded again, and
  storing it again is a no-op. Nothing is lost or doubled.
- Multi-process: with ``workers > 1`` documents are coded in worker processes (each
  with its own spaCy model) and this process stays the only writer to DuckDB, taking
  results back in input order, so the database is the same whatever the worker count.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import resource
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from typing import Any

from dyadwatch import CODER
from dyadwatch.dedupe import Signature, signature
from dyadwatch.errors import DyadwatchError, InputError, StoreError
from dyadwatch.model import Article, Document, Event
from dyadwatch.pipeline import Coded, Failure, Outcome, Pipeline
from dyadwatch.revalidate import StoredValidators
from dyadwatch.store import Store

__all__ = ["IngestReport", "Progress", "StoreSource", "ingest"]

# Documents per unit of work (a worker's job, a skip check, a commit): a crash
# re-codes at most this many, and a worker's job is big enough that pickling costs
# little next to coding (an article takes ~10-50 ms to code).
BATCH_DOCUMENTS = 32
# Jobs in flight per worker, counting those coded and waiting to be committed: enough
# that a worker never waits for the parent (one being coded, one queued, one done and
# waiting for a commit to fill), while memory holds only a few batches.
_IN_FLIGHT_PER_WORKER = 3
# How long the parent waits for a result before checking that the workers are alive.
_POLL_SECONDS = 5.0
# Event cluster summaries are rewritten at most this often during a run, and at its
# end: rewriting one reads all its cluster's reports, so doing it at every commit
# costs the writer time that grows with the clusters (on 60 reprints of every
# article, bench/pipeline.py, it doubled the parent's work). A dashboard reading
# during the run sees each event's cluster at once and its counts this late at most.
_SUMMARY_SECONDS = 10.0


@dataclass
class Progress:
    documents: int = 0
    events: int = 0
    failures: int = 0
    skipped: int = 0  # already ingested by an earlier run, or unchanged on its server (304)
    # Merge steps taken; depends on how documents were batched, unlike the clusters.
    merged_clusters: int = 0


@dataclass
class IngestReport:
    run_id: str
    progress: Progress
    # Peak resident memory of each coding process, in bytes (one entry per worker; the
    # parent's when coding in-process).
    peak_rss: list[int] = field(default_factory=list)


# Either a store held for the whole run, or a way to open one. With an opener the
# database is opened when needed and let go every few seconds (see _Lease), so that
# another process (the dashboard) can read it while a long ingest runs: DuckDB lets
# one process at a time open a file, even read-only.
StoreSource = Store | Callable[[], Store]

# Seconds ingest keeps a database it opened across commits before letting it go after
# one, for readers to get their turn while the next batch is coded. Opening and
# closing (a checkpoint) cost ~65 ms per commit on the 840-article bench, a tenth of
# the writer's work, and grow with the file; held 3 s, that is paid every few commits,
# and a reader waits at most this long (the dashboard answers from its snapshot).
_LEASE_SECONDS = 3.0


class _Lease:
    """Ingest's hold on the store.

    A :class:`Store` given by the caller is used as it is. With an opener, the database
    is opened on demand (with ``threads`` DuckDB threads), kept across commits for
    ``_LEASE_SECONDS``, and closed after the commit that ends that time.
    """

    def __init__(self, source: StoreSource, threads: int | None = None) -> None:
        self._source = source
        self._threads = threads
        self._open: Store | None = None
        self._since = 0.0

    def store(self) -> Store:
        if isinstance(self._source, Store):
            return self._source
        if self._open is None:
            opened = self._source()
            if self._threads is not None:
                opened.use_threads(self._threads)
            self._open, self._since = opened, time.monotonic()
        return self._open

    @contextmanager
    def glance(self) -> Iterator[Store]:
        """The store for a quick read: the one held, else one opened just for it."""
        if isinstance(self._source, Store) or self._open is not None:
            yield self.store()
        else:
            with self._source() as store:
                yield store

    def let_go_if_due(self) -> None:
        if self._open is not None and time.monotonic() - self._since >= _LEASE_SECONDS:
            self.close()

    def close(self) -> None:
        if self._open is not None:
            opened, self._open = self._open, None
            opened.close()


def ingest(
    store: StoreSource,
    items: Iterable[Document | InputError],
    *,
    inputs: list[str],
    date: str | None = None,
    workers: int = 1,
    on_commit: Callable[[Progress], None] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    pipeline: Pipeline | None = None,
    validators: StoredValidators | None = None,
) -> IngestReport:
    """Code ``items`` and store them in ``store`` as one run; see the module docstring.

    ``validators``, the memory of the fetcher that reads ``items``, is bound to the store:
    URLs are fetched conditionally on what earlier runs stored, and 304s count as skipped
    (see :mod:`dyadwatch.revalidate`).
    """
    # With workers this process only writes: one DuckDB thread leaves them the cores.
    lease = _Lease(store, threads=1 if workers > 1 else None)
    if validators is not None:
        items = validators.watch(items, lease.glance)
    try:
        return _run(
            lease, items, inputs, date, workers, on_commit, on_failure, pipeline, validators
        )
    finally:
        lease.close()


def _run(
    lease: _Lease,
    items: Iterable[Document | InputError],
    inputs: list[str],
    date: str | None,
    workers: int,
    on_commit: Callable[[Progress], None] | None,
    on_failure: Callable[[Failure], None] | None,
    pipeline: Pipeline | None,
    validators: StoredValidators | None,
) -> IngestReport:
    run_id = lease.store().start_run(inputs, CODER)
    lease.store().refresh_event_clusters()  # left stale by a run that crashed
    summarized = time.monotonic()
    progress = Progress()
    # Smaller jobs with workers: the last jobs of a run leave a worker idle for at most
    # half a job, and 16 articles still fill spaCy's batches (~100 paragraphs).
    size = BATCH_DOCUMENTS if workers <= 1 else BATCH_DOCUMENTS // 2
    batches = _skip_ingested(lease, _batches(items, size), progress)
    peaks = _PeakRss()
    if workers <= 1:
        coder = pipeline or Pipeline()
        results: Iterator[tuple[list[Document | InputError], _CodedBatch]] = (
            (batch, _code_batch(coder, batch, date)) for batch in batches
        )
    else:
        results = _code_in_workers(batches, workers, date, peaks)
    for batch, result in results:
        held = lease.store()
        _commit(held, run_id, batch, result, progress, on_failure)
        if validators is not None:
            progress.skipped += validators.settle(held)
        if time.monotonic() - summarized >= _SUMMARY_SECONDS:
            held.refresh_event_clusters()
            summarized = time.monotonic()
        lease.let_go_if_due()
        if on_commit is not None:
            on_commit(progress)
    if workers <= 1:
        peaks.values = [_own_peak_rss()]
    held = lease.store()
    if validators is not None:
        # Pages skipped after the last commit (or in a run that committed nothing).
        progress.skipped += validators.settle(held)
    held.refresh_event_clusters()
    held.finish_run(
        run_id,
        documents=progress.documents,
        events=progress.events,
        failures=progress.failures,
        skipped=progress.skipped,
    )
    return IngestReport(run_id, progress, peaks.values)


def _batches(
    items: Iterable[Document | InputError], size: int
) -> Iterator[list[Document | InputError]]:
    batch: list[Document | InputError] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _skip_ingested(
    lease: _Lease, batches: Iterator[list[Document | InputError]], progress: Progress
) -> Iterator[list[Document | InputError]]:
    for batch in batches:
        with lease.glance() as held:
            done = held.ingested(d.doc_id for d in batch if isinstance(d, Document))
        kept = [
            item
            for item in batch
            if not (isinstance(item, Document) and done.get(item.doc_id) == item.source_hash)
        ]
        progress.skipped += len(batch) - len(kept)
        if kept:
            yield kept


@dataclass
class _CodedBatch:
    """A batch's outcomes and the MinHash signatures of its coded articles.

    Signatures are made where the coding happens, so that with workers the parent (the
    only writer, on the critical path of every commit) does not make them.
    """

    outcomes: list[Outcome]
    signatures: dict[str, Signature]

    @staticmethod
    def join(parts: Sequence[_CodedBatch]) -> _CodedBatch:
        return _CodedBatch(
            [o for part in parts for o in part.outcomes],
            {d: s for part in parts for d, s in part.signatures.items()},
        )


def _code_batch(
    pipeline: Pipeline, batch: list[Document | InputError], date: str | None
) -> _CodedBatch:
    outcomes = list(pipeline.code_documents(batch, date=date))
    signatures = {
        o.article.doc_id: signature(o.article.text) for o in outcomes if isinstance(o, Coded)
    }
    return _CodedBatch(outcomes, signatures)


def _commit(
    store: Store,
    run_id: str,
    batch: list[Document | InputError],
    result: _CodedBatch,
    progress: Progress,
    on_failure: Callable[[Failure], None] | None,
) -> None:
    coded: list[tuple[Article, list[Event]]] = []
    failures: list[tuple[str, DyadwatchError]] = []
    for outcome in result.outcomes:
        if isinstance(outcome, Coded):
            coded.append((outcome.article, outcome.events))
            progress.documents += 1
            progress.events += len(outcome.events)
        else:
            failures.append((outcome.origin, outcome.error))
            progress.failures += 1
            if on_failure is not None:
                on_failure(outcome)
    # Order matters for resuming: story clusters, events, failures, then the "ingested"
    # mark, so a crash between them only causes harmless re-coding (an article already
    # in a story cluster keeps it). Story clusters come first so that the event
    # clusters made with the events count reprints as one story.
    # Signatures are made for coded articles only: exactly those stored here.
    progress.merged_clusters += store.cluster_articles(result.signatures)
    if coded:
        store.add_articles(run_id, coded, defer_summaries=True)
    if failures:
        store.add_failures(run_id, failures)
    stored = {a.doc_id for a, _ in coded}
    store.mark_ingested(
        {d.doc_id: d.source_hash for d in batch if isinstance(d, Document) and d.doc_id in stored}
    )


@dataclass
class _PeakRss:
    values: list[int] = field(default_factory=list)


def _own_peak_rss() -> int:
    """This process's peak resident memory in bytes."""
    # VmHWM belongs to the address space, so a spawned worker reports its own peak;
    # ru_maxrss is carried over from the parent through fork+exec and would not.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass  # not Linux: fall back to getrusage
    # ru_maxrss is in bytes on macOS and in KiB elsewhere.
    scale = 1 if sys.platform == "darwin" else 1024
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * scale


def _worker(inbox: Any, outbox: Any, date: str | None) -> None:
    """A coding process: jobs in, outcomes out, until it receives None."""
    pipeline = Pipeline()
    while True:
        job = inbox.get()
        if job is None:
            outbox.put(("peak", _own_peak_rss()))
            return
        number, batch = job
        outbox.put((number, _code_batch(pipeline, batch, date)))


def _code_in_workers(
    batches: Iterator[list[Document | InputError]], workers: int, date: str | None, peaks: _PeakRss
) -> Iterator[tuple[list[Document | InputError], _CodedBatch]]:
    # spawn, not fork: the parent holds a DuckDB connection and maybe an HTTP client,
    # which must not be shared with children.
    context = mp.get_context("spawn")
    inbox = context.Queue()
    outbox = context.Queue()
    processes = [
        context.Process(target=_worker, args=(inbox, outbox, date), daemon=True)
        for _ in range(workers)
    ]
    with _one_thread_each():
        for process in processes:
            process.start()
    try:
        pending: dict[int, list[Document | InputError]] = {}
        ready: dict[int, _CodedBatch] = {}
        sent = next_out = 0
        exhausted = False
        while True:
            while not exhausted and sent - next_out < workers * _IN_FLIGHT_PER_WORKER:
                batch = next(batches, None)
                if batch is None:
                    exhausted = True
                    break
                pending[sent] = batch
                inbox.put((sent, batch))
                sent += 1
            if exhausted and next_out == sent:
                break
            # Results that came in while the last commit ran join this one: when the
            # writer falls behind, its commits grow and their fixed cost is shared.
            ready.update([_receive(outbox, processes), *_waiting(outbox)])
            # Commit runs of results in input order of at least BATCH_DOCUMENTS
            # documents, or everything sent when all of it is back: jobs stay small (a
            # short idle tail at the end) while each commit's fixed cost is shared by a
            # full batch.
            run = _ready_run(ready, next_out)
            if not run or (
                sum(len(pending[n]) for n in run) < BATCH_DOCUMENTS and run[-1] != sent - 1
            ):
                continue
            batch = [item for n in run for item in pending.pop(n)]
            merged = _CodedBatch.join([ready.pop(n) for n in run])
            next_out += len(run)
            yield batch, merged
        for _ in processes:
            inbox.put(None)
        for _ in processes:
            tag, value = _receive(outbox, processes)
            if tag == "peak":
                peaks.values.append(int(value))
        for process in processes:
            process.join()
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
                process.join()


# Thread pools of the numeric libraries spaCy/thinc use; read once, when they load.
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@contextmanager
def _one_thread_each() -> Iterator[None]:
    """Start children with one BLAS/OpenMP thread each: N workers on N cores, not N*N threads.

    Spawned children copy the environment when they start; the parent's own settings
    are put back at once (its libraries are loaded already and are not affected).
    """
    saved = {name: os.environ.get(name) for name in _THREAD_VARIABLES}
    os.environ.update(dict.fromkeys(_THREAD_VARIABLES, "1"))
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _ready_run(ready: dict[int, _CodedBatch], first: int) -> list[int]:
    """Numbers of the results ready from ``first`` on, without a gap."""
    run: list[int] = []
    while first + len(run) in ready:
        run.append(first + len(run))
    return run


def _waiting(outbox: Any) -> Iterator[tuple[Any, Any]]:
    """The messages already in ``outbox``, without waiting for more."""
    while True:
        try:
            message: tuple[Any, Any] = outbox.get_nowait()
        except queue.Empty:
            return
        yield message


def _receive(outbox: Any, processes: Sequence[BaseProcess]) -> tuple[Any, Any]:
    while True:
        try:
            message: tuple[Any, Any] = outbox.get(timeout=_POLL_SECONDS)
            return message
        except queue.Empty:
            dead = [p for p in processes if not p.is_alive() and p.exitcode != 0]
            if dead:
                raise StoreError(
                    "ingest",
                    f"a coding worker died (exit code {dead[0].exitcode}); nothing after "
                    "the last commit was stored",
                    "Run the same command again to resume, or use fewer --workers",
                ) from None
