"""``dyadwatch ingest`` of a feed served on 127.0.0.1 by the test: real HTTP, no network."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from dyadwatch.store import Store
from ingest_corpus import article

PAGES: dict[str, tuple[str, str]] = {
    "/robots.txt": ("text/plain", "User-agent: *\nDisallow: /private/\n"),
    "/one": ("text/html", f"<html><body><article><p>{article(1)}</p></article></body></html>"),
    "/two": ("text/html", f"<html><body><article><p>{article(2)}</p></article></body></html>"),
    "/private/three": ("text/html", "<html><body><p>never fetched</p></body></html>"),
}


def feed(base: str) -> str:
    items = "".join(
        f"<item><title>Story {name}</title><link>{base}/{path}</link>"
        f"<pubDate>Mon, 0{n} Jul 2024 10:00:00 GMT</pubDate></item>"
        for n, (name, path) in enumerate(
            [("one", "one"), ("two", "two"), ("three", "private/three"), ("four", "missing")], 1
        )
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
    )


class Handler(BaseHTTPRequestHandler):
    seen: ClassVar[list[tuple[str, str]]] = []

    def do_GET(self) -> None:
        self.seen.append((self.path, self.headers.get("User-Agent", "")))
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/feed.xml":
            kind, body = "application/rss+xml", feed(base)
        elif self.path in PAGES:
            kind, body = PAGES[self.path]
        else:
            self.send_error(404)
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_ingest_a_feed_over_http(server: str, tmp_path: Path) -> None:
    db = tmp_path / "feed.duckdb"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "dyadwatch.cli.main",
            "ingest",
            f"{server}/feed.xml",
            "--db",
            str(db),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "ingested 2 documents" in result.stderr
    with Store(db, read_only=True) as store:
        failures = {f.code: f.origin for f in store.failures()}
        docs = [store.article(d) for d in store.clusters()]
    assert failures == {"E110": f"{server}/private/three", "E109": f"{server}/missing"}
    got = sorted((d["title"], d["published"], d["url"]) for d in docs if d is not None)
    assert got == [
        ("Story one", "2024-07-01", f"{server}/one"),
        ("Story two", "2024-07-02", f"{server}/two"),
    ]
    paths = [path for path, _ in Handler.seen]
    assert "/private/three" not in paths and paths.count("/robots.txt") == 1
    assert all(agent.startswith("dyadwatch/") for _, agent in Handler.seen)


class ConditionalHandler(BaseHTTPRequestHandler):
    """/one and /two with ETags; 304 when If-None-Match names the page's ETag."""

    seen: ClassVar[list[tuple[str, str | None]]] = []

    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            self.send_error(404)
            return
        self.seen.append((self.path, self.headers.get("If-None-Match")))
        if self.path not in ("/one", "/two"):
            self.send_error(404)
            return
        etag = f'"{self.path[1:]}-v1"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        data = PAGES[self.path][1].encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dyadwatch.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_second_ingest_of_a_url_list_asks_conditionally(tmp_path: Path) -> None:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), ConditionalHandler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        listing = tmp_path / "news.urls"
        listing.write_text(f"{base}/one\n{base}/two\n")
        db = str(tmp_path / "urls.duckdb")
        first = cli("ingest", str(listing), "--db", db)
        assert first.returncode == 0, first.stderr
        assert "ingested 2 documents" in first.stderr
        assert ConditionalHandler.seen == [("/one", None), ("/two", None)]
        ConditionalHandler.seen.clear()
        second = cli("ingest", str(listing), "--db", db)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert second.returncode == 0, second.stderr
    assert "ingested 0 documents, 0 events, 0 failures" in second.stderr
    assert "2 already ingested" in second.stderr
    assert ConditionalHandler.seen == [("/one", '"one-v1"'), ("/two", '"two-v1"')]
    runs = cli("runs", "--db", db).stdout.splitlines()
    assert len(runs) == 2 and runs[1].count("2 already ingested") == 1
    with Store(db, read_only=True) as store:
        assert len(store.clusters()) == 2
