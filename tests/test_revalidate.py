"""Conditional requests across ingest runs, against a mock server that honours them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import nullcontext
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from dyadwatch.errors import StoreError
from dyadwatch.ingest import IngestReport, ingest
from dyadwatch.model import Document
from dyadwatch.pipeline import Pipeline
from dyadwatch.read import read_inputs
from dyadwatch.read.fetch import Fetcher, FetchSettings, Validators
from dyadwatch.revalidate import StoredValidators
from dyadwatch.store import Store, ValidatorRow
from ingest_corpus import FRENCH, article

BASE = "http://news.test"


def page(text: str) -> str:
    return f"<html><body><article><p>{text}</p></article></body></html>"


class Site:
    """Pages with ETags; answers 304 when If-None-Match names the current one."""

    def __init__(self, pages: dict[str, str]) -> None:
        self.pages = dict(pages)
        self.versions = dict.fromkeys(pages, 1)
        self.requests: list[httpx.Request] = []

    def change(self, path: str, text: str) -> None:
        self.pages[path] = text
        self.versions[path] += 1

    def etag(self, path: str) -> str:
        return f'"{path.strip("/")}-v{self.versions[path]}"'

    def handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/robots.txt":
            return httpx.Response(404)
        self.requests.append(request)
        if path not in self.pages:
            return httpx.Response(404)
        if request.headers.get("if-none-match") == self.etag(path):
            return httpx.Response(304, headers={"etag": self.etag(path)})
        return httpx.Response(
            200,
            text=self.pages[path],
            headers={"content-type": "text/html; charset=utf-8", "etag": self.etag(path)},
        )

    def sent(self) -> dict[str, str | None]:
        """Path -> the If-None-Match sent for it, since the last call."""
        got = {r.url.path: r.headers.get("if-none-match") for r in self.requests}
        self.requests.clear()
        return got


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def run(
    site: Site, listing: Path, pipeline: Pipeline, db: Path | Callable[[], Store]
) -> IngestReport:
    """One ingest of ``listing`` through a fetcher on ``site``, as `dyadwatch ingest` wires it."""
    validators = StoredValidators()
    fetcher = Fetcher(
        client=httpx.Client(transport=httpx.MockTransport(site.handle)),
        settings=FetchSettings(per_host_interval=0.0, retries=0),
        sleep=lambda s: None,
        validators=validators,
    )
    with fetcher:
        return ingest(
            db if callable(db) else (lambda: Store(db)),
            read_inputs([str(listing)], fetcher=fetcher),
            inputs=[str(listing)],
            pipeline=pipeline,
            validators=validators,
        )


@pytest.fixture
def listing(tmp_path: Path) -> Path:
    path = tmp_path / "news.urls"
    path.write_text(f"{BASE}/one\n{BASE}/two\n")
    return path


def articles(db: Path) -> list[tuple[str, str]]:
    with Store(db, read_only=True) as store:
        return [(str(r[0]), str(r[1])) for r in store.select("SELECT url, text FROM articles")]


def stored_etags(db: Path) -> dict[str, str | None]:
    with Store(db, read_only=True) as store:
        rows = store.fetch_validators([f"{BASE}/one", f"{BASE}/two", f"{BASE}/french"])
    return {url.removeprefix(BASE): row.etag for url, row in rows.items()}


def test_a_second_run_asks_conditionally_and_counts_304s_as_skipped(
    listing: Path, tmp_path: Path, pipeline: Pipeline
) -> None:
    site = Site({"/one": page(article(1)), "/two": page(article(2))})
    db = tmp_path / "news.duckdb"
    first = run(site, listing, pipeline, db)
    assert site.sent() == {"/one": None, "/two": None}
    assert (first.progress.documents, first.progress.skipped) == (2, 0)
    assert stored_etags(db) == {"/one": '"one-v1"', "/two": '"two-v1"'}
    before = articles(db)

    second = run(site, listing, pipeline, db)
    assert site.sent() == {"/one": '"one-v1"', "/two": '"two-v1"'}
    done = second.progress
    assert (done.documents, done.events, done.failures, done.skipped) == (0, 0, 0, 2)
    assert sorted(articles(db)) == sorted(before) and len(before) == 2
    with Store(db, read_only=True) as store:
        runs = store.runs()
        assert [r.skipped for r in runs] == [0, 2]
        assert store.failures(second.run_id) == []


def test_a_changed_page_is_fetched_in_full_and_replaces_the_stored_one(
    listing: Path, tmp_path: Path, pipeline: Pipeline
) -> None:
    site = Site({"/one": page(article(1)), "/two": page(article(2))})
    db = tmp_path / "news.duckdb"
    run(site, listing, pipeline, db)
    revised = article(1).replace("signed a trade agreement", "signed a revised trade agreement")
    site.change("/one", page(revised))
    site.sent()

    second = run(site, listing, pipeline, db)
    assert site.sent() == {"/one": '"one-v1"', "/two": '"two-v1"'}
    assert (second.progress.documents, second.progress.skipped) == (1, 1)
    # A page is one document whatever its version: the revision replaces the original.
    assert len(articles(db)) == 2
    assert "revised trade agreement" in dict(articles(db))[f"{BASE}/one"]
    assert stored_etags(db) == {"/one": '"one-v2"', "/two": '"two-v1"'}

    third = run(site, listing, pipeline, db)
    assert site.sent() == {"/one": '"one-v2"', "/two": '"two-v1"'}
    assert (third.progress.documents, third.progress.skipped) == (0, 2)


def test_a_page_whose_markup_alone_changed_is_stored_once(
    listing: Path, tmp_path: Path, pipeline: Pipeline
) -> None:
    # A new advertisement or timestamp: a new ETag and new bytes, the same article.
    site = Site({"/one": page(article(1)), "/two": page(article(2))})
    db = tmp_path / "news.duckdb"
    run(site, listing, pipeline, db)
    with Store(db, read_only=True) as store:
        events = sorted(e["event_id"] for e in store.events())
    site.change("/one", page(article(1)).replace("<body>", "<body><aside>Ad 2</aside>"))
    second = run(site, listing, pipeline, db)
    assert second.progress.documents == 1  # fetched and coded again ...
    with Store(db, read_only=True) as store:  # ... and nothing new stored
        assert sorted(e["event_id"] for e in store.events()) == events
    assert len(articles(db)) == 2


def test_a_page_that_was_not_stored_is_fetched_in_full_next_time(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    listing = tmp_path / "mixed.urls"
    listing.write_text(f"{BASE}/french\n{BASE}/one\n")
    site = Site({"/french": page(FRENCH), "/one": page(article(1))})
    db = tmp_path / "news.duckdb"
    first = run(site, listing, pipeline, db)
    assert (first.progress.documents, first.progress.failures) == (1, 1)  # E108: French
    assert stored_etags(db) == {"/one": '"one-v1"'}

    second = run(site, listing, pipeline, db)
    assert site.sent() == {"/french": None, "/one": '"one-v1"'}
    assert (second.progress.failures, second.progress.skipped) == (1, 1)


class BrokenStore(Store):
    """A store whose article writes fail, as on a full disk."""

    def add_articles(self, *args: object, **kwargs: object) -> object:  # type: ignore[override]
        raise StoreError(self._name, "could not store articles (disk full)")


class ValidatorsLost(Store):
    """A store that dies between the commit of the documents and that of the validators."""

    def save_fetch_validators(self, rows: object) -> int:  # type: ignore[override]
        raise StoreError(self._name, "killed before the validators were written")


def test_a_run_whose_commit_failed_leaves_no_validators(
    listing: Path, tmp_path: Path, pipeline: Pipeline
) -> None:
    site = Site({"/one": page(article(1)), "/two": page(article(2))})
    db = tmp_path / "news.duckdb"
    with pytest.raises(StoreError, match="disk full"):
        run(site, listing, pipeline, lambda: BrokenStore(db))
    assert stored_etags(db) == {}
    site.sent()

    again = run(site, listing, pipeline, db)
    assert site.sent() == {"/one": None, "/two": None}
    assert again.progress.documents == 2 and len(articles(db)) == 2


def test_validators_lost_in_a_crash_cost_one_download_not_a_document(
    listing: Path, tmp_path: Path, pipeline: Pipeline
) -> None:
    site = Site({"/one": page(article(1)), "/two": page(article(2))})
    db = tmp_path / "news.duckdb"
    with pytest.raises(StoreError, match="killed"):
        run(site, listing, pipeline, lambda: ValidatorsLost(db))
    assert len(articles(db)) == 2 and stored_etags(db) == {}
    site.sent()

    # Downloaded again, found already ingested, and its validators written this time.
    second = run(site, listing, pipeline, db)
    assert site.sent() == {"/one": None, "/two": None}
    assert (second.progress.documents, second.progress.skipped) == (0, 2)
    assert stored_etags(db) == {"/one": '"one-v1"', "/two": '"two-v1"'}
    third = run(site, listing, pipeline, db)
    assert site.sent() == {"/one": '"one-v1"', "/two": '"two-v1"'}
    assert third.progress.skipped == 2


def test_a_url_listed_twice_in_one_run_is_fetched_once(tmp_path: Path, pipeline: Pipeline) -> None:
    listing = tmp_path / "twice.urls"
    listing.write_text(f"{BASE}/one\n{BASE}/one\n")
    site = Site({"/one": page(article(1))})
    report = run(site, listing, pipeline, tmp_path / "news.duckdb")
    assert [r.headers.get("if-none-match") for r in site.requests] == [None, '"one-v1"']
    assert (report.progress.documents, report.progress.skipped) == (1, 1)


# -- StoredValidators on its own, without coding --------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "v.duckdb") as opened:
        yield opened


def document(url: str, text: str) -> Document:
    return Document(doc_id=f"id-{text}", origin=url, kind="html", content=text, url=url)


def test_only_pages_whose_document_is_stored_get_their_validators_written(
    store: Store,
) -> None:
    memory = StoredValidators()
    for name in ("stored", "failed", "feed", "changed"):
        memory.learned(f"{BASE}/{name}", Validators(f'"{name}"', None))
    stored = document(f"{BASE}/stored", "kept")
    failed = document(f"{BASE}/failed", "not English")
    changed = document(f"{BASE}/changed", "new text")
    # The feed's URL is no document's origin; the file document is no fetched page.
    items = [stored, failed, changed, document("notes.txt", "a file")]
    assert list(memory.watch(items, lambda: nullcontext(store))) == items
    store.mark_ingested(
        {
            stored.doc_id: stored.source_hash,
            changed.doc_id: document(changed.origin, "old text").source_hash,
        }
    )
    assert memory.settle(store) == 0
    assert set(store.fetch_validators([f"{BASE}/{n}" for n in ("stored", "failed", "feed")])) == {
        f"{BASE}/stored"
    }
    # The failed document is still waited for: stored later in the run, it gets its row.
    store.mark_ingested({failed.doc_id: failed.source_hash})
    memory.settle(store)
    assert set(store.fetch_validators([f"{BASE}/failed", f"{BASE}/changed"])) == {f"{BASE}/failed"}


def test_lookups_are_one_query_per_load_and_304s_are_counted_once(store: Store) -> None:
    now = datetime.now(UTC)
    store.save_fetch_validators(
        [ValidatorRow(f"{BASE}/a", '"a"', None, now), ValidatorRow(f"{BASE}/b", None, "x", now)]
    )
    glances = 0

    def glance() -> nullcontext[Store]:
        nonlocal glances
        glances += 1
        return nullcontext(store)

    memory = StoredValidators()
    memory.watch([], glance)
    memory.load([f"{BASE}/a", f"{BASE}/b", f"{BASE}/c", f"{BASE}/a"])
    assert memory.get(f"{BASE}/a") == Validators('"a"', None)
    assert memory.get(f"{BASE}/b") == Validators(None, "x")
    assert memory.get(f"{BASE}/c") is None
    assert glances == 1  # the three were loaded at once; "none stored" is remembered too
    assert memory.get(f"{BASE}/d") is None and glances == 2
    memory.confirmed(f"{BASE}/a")
    memory.confirmed(f"{BASE}/b")
    assert memory.settle(store) == 2
    assert memory.settle(store) == 0
