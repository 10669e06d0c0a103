"""Conditional requests across ingest runs: the fetcher's validators kept in the database.

A page one ``dyadwatch ingest`` fetched in full is asked for by the next with
If-None-Match / If-Modified-Since, and a 304 (unchanged) is counted as skipped, like a
document already ingested, without being downloaded or coded again.
:class:`StoredValidators` is the fetcher's :class:`~dyadwatch.read.fetch.ValidatorMemory`
on one side and is driven by :func:`dyadwatch.ingest.ingest` on the other; the fetcher
itself never sees the database.

When a row may be written decides what a 304 means, so:

- A page's validators are written only once its document is in the database: after the
  commit that marked the document ingested (or when the document turns out to be stored
  already). A 304 then always stands for a page the database has. A page whose document
  was not stored (not English, no article text, a run killed before its commit) gets no
  row, so the next run fetches it in full and tries again.
- They are written with each commit, not at the end of the run: a killed run keeps the
  validators of everything it committed. They go in their own transaction after the
  commit's, so a crash between the two loses validators, never documents: the next run
  downloads those pages again, skips them as already ingested, and writes them then.
- A feed never gets a row, since no document has the feed's URL as its origin: feeds are
  always fetched in full. A 304 on a feed would hide, for as long as the feed does not
  change, the entries whose page could not be fetched or stored last time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime

from dyadwatch.errors import InputError
from dyadwatch.model import Document
from dyadwatch.read.fetch import Validators
from dyadwatch.store import Store, ValidatorRow

__all__ = ["StoredValidators"]

# A way to use the store for a quick read: ingest's hold on it (see ingest._Lease.glance).
Glance = Callable[[], AbstractContextManager[Store]]


@dataclass(frozen=True, slots=True)
class _Page:
    """A page fetched in full in this run, whose validators wait for its document."""

    url: str
    validators: Validators
    fetched: datetime


class StoredValidators:
    """Validators read from and written to the store of an ingest run.

    Give it to the :class:`~dyadwatch.read.fetch.Fetcher` that reads the run's inputs and
    to :func:`~dyadwatch.ingest.ingest` (``validators=``), which binds it to its store.
    Unbound, it remembers what this process fetched, like ``InMemoryValidators``.
    """

    def __init__(self) -> None:
        self._glance: Glance | None = None
        # url -> validators to send: stored by an earlier run, or learned in this one
        # (a page listed twice comes back 304 the second time); None: looked up, none.
        self._known: dict[str, Validators | None] = {}
        # Pages fetched in full whose document has not come through the stream yet (and
        # never will for a feed or a page that is not an article).
        self._fetched: dict[str, _Page] = {}
        # doc_id -> (its page, the document's source hash), until the document is stored.
        # A document that fails stays here for the rest of the run and is looked for at
        # every commit: one indexed join over the run's failures, small next to a commit.
        self._waiting: dict[str, tuple[_Page, str]] = {}
        self._unchanged = 0

    # -- the fetcher's side (ValidatorMemory) ----------------------------------------

    def load(self, urls: Iterable[str]) -> None:
        """Look up the stored validators of those of ``urls`` not known yet, in one query."""
        missing = [url for url in dict.fromkeys(urls) if url not in self._known]
        if not missing or self._glance is None:
            return
        with self._glance() as store:
            rows = store.fetch_validators(missing)
        for url in missing:
            row = rows.get(url)
            self._known[url] = Validators(row.etag, row.last_modified) if row else None

    def get(self, url: str) -> Validators | None:
        if url not in self._known:
            self.load([url])
        return self._known.get(url)

    def learned(self, url: str, validators: Validators) -> None:
        self._known[url] = validators
        self._fetched[url] = _Page(url, validators, datetime.now(UTC))

    def confirmed(self, url: str) -> None:
        self._unchanged += 1

    # -- ingest's side ---------------------------------------------------------------

    def watch(
        self, items: Iterable[Document | InputError], glance: Glance
    ) -> Iterator[Document | InputError]:
        """``items`` unchanged; on the way, pair each fetched page with its document.

        ``glance`` is how lookups reach the store while the run reads its inputs.
        """
        self._glance = glance
        return self._pair(items)

    def _pair(self, items: Iterable[Document | InputError]) -> Iterator[Document | InputError]:
        for item in items:
            if isinstance(item, Document):
                # A fetched page's document has the URL asked for as its origin.
                page = self._fetched.pop(item.origin, None)
                if page is not None:
                    self._waiting[item.doc_id] = (page, item.source_hash)
            yield item

    def settle(self, store: Store) -> int:
        """After a commit: write the validators of the pages whose document is now stored.

        Returns how many pages came back 304 since the last call (ingest counts them as
        skipped).
        """
        if self._waiting:
            done = store.ingested(self._waiting)
            stored = [d for d, (_, source) in self._waiting.items() if done.get(d) == source]
            rows = [
                ValidatorRow(
                    page.url, page.validators.etag, page.validators.last_modified, page.fetched
                )
                for page, _ in (self._waiting.pop(d) for d in stored)
            ]
            store.save_fetch_validators(rows)
        unchanged, self._unchanged = self._unchanged, 0
        return unchanged
