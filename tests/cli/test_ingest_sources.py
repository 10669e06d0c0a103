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
