"""Feeds, URL inputs, URL lists and WARC files through read_inputs, with no network."""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable, Iterable
from pathlib import Path

import httpx
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dyadwatch.errors import InputError, MalformedInput, UnsupportedFormat
from dyadwatch.model import Document
from dyadwatch.read import read_inputs
from dyadwatch.read.feeds import parse_feed
from dyadwatch.read.fetch import Fetcher, FetchSettings, InMemoryValidators

STORY_A = (
    "<html><head><title>Border talks</title></head><body><article>"
    "<p>Ministers from the two neighbouring states met on Tuesday and agreed to reopen "
    "the mountain crossing that has been shut since the spring floods.</p></article>"
    "</body></html>"
)
STORY_B = (
    "<html><body><article><p>The coastal republic recalled its ambassador after a dispute "
    "over fishing rights in the shared bay grew sharper this week.</p></article></body></html>"
)

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example wire</title><link>http://wire.test/</link>
<item><title>Crossing to reopen</title><link>http://wire.test/a</link>
<pubDate>Tue, 04 Jun 2024 09:30:00 GMT</pubDate></item>
<item><title>Envoy recalled</title><link>http://wire.test/b</link>
<pubDate>Wed, 05 Jun 2024 12:00:00 GMT</pubDate></item>
<item><title>Gone</title><link>http://wire.test/missing</link></item>
<item><title>Inline only</title><description>&lt;p&gt;A short note carried in the feed
itself about a trade accord signed by two island states.&lt;/p&gt;</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title><id>urn:x</id>
<updated>2024-06-06T00:00:00Z</updated>
<entry><title>Crossing to reopen</title><id>urn:a</id><link href="http://wire.test/a"/>
<updated>2024-06-06T08:00:00Z</updated></entry>
</feed>
"""


def site(pages: dict[str, tuple[int, str, str]]) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        status, kind, body = pages.get(request.url.path, (404, "text/plain", "not here"))
        return httpx.Response(status, text=body, headers={"content-type": kind})

    return handler


PAGES = {
    "/a": (200, "text/html; charset=utf-8", STORY_A),
    "/b": (200, "text/html", STORY_B),
    "/feed": (200, "application/rss+xml", RSS),
    "/atom": (200, "application/atom+xml", ATOM),
    "/not-a-feed.rss": (200, "text/html", STORY_A),
    "/logo.png": (200, "image/png", "PNG"),
}


def fetcher() -> Fetcher:
    return Fetcher(
        client=httpx.Client(transport=httpx.MockTransport(site(PAGES))),
        settings=FetchSettings(per_host_interval=0.0, retries=0),
        sleep=lambda s: None,
    )


def read(*inputs: str) -> list[Document | InputError]:
    return list(read_inputs(list(inputs), fetcher=fetcher()))


def test_rss_feed_url_yields_linked_articles_with_entry_title_and_date() -> None:
    items = read("http://wire.test/feed")
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [d.url for d in docs[:2]] == ["http://wire.test/a", "http://wire.test/b"]
    assert [d.title for d in docs] == ["Crossing to reopen", "Envoy recalled", "Inline only"]
    assert [d.published for d in docs] == ["2024-06-04", "2024-06-05", None]
    assert docs[0].content == STORY_A and docs[0].kind == "html"
    assert "trade accord" in docs[2].content
    assert [e.code for e in errors] == ["E109"]
    assert "HTTP 404" in errors[0].message


def test_feed_files_rss_and_atom(tmp_path: Path) -> None:
    (tmp_path / "wire.rss").write_text(RSS)
    (tmp_path / "wire.atom").write_text(ATOM)
    items = read(str(tmp_path / "wire.atom"), str(tmp_path / "wire.rss"))
    docs = [i for i in items if isinstance(i, Document)]
    assert docs[0].published == "2024-06-06" and docs[0].url == "http://wire.test/a"
    assert len(docs) == 4


def test_a_feed_that_is_html_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "page.rss").write_text(STORY_A)
    items = read(str(tmp_path / "page.rss"))
    assert len(items) == 1 and isinstance(items[0], UnsupportedFormat)
    assert "not an RSS or Atom feed (an HTML page)" in items[0].message
    assert isinstance(parse_feed("x", b"\x00\x01 junk"), UnsupportedFormat)


def test_url_inputs_and_url_lists(tmp_path: Path) -> None:
    (tmp_path / "list.urls").write_text(
        "# today's reading\nhttp://wire.test/a\n\nhttp://wire.test/logo.png\n"
    )
    (tmp_path / "more.txt").write_text("http://wire.test/b\n")
    items = read("http://wire.test/b", str(tmp_path / "list.urls"), str(tmp_path / "more.txt"))
    assert isinstance(items[0], Document) and items[0].content == STORY_B
    assert isinstance(items[1], Document) and items[1].url == "http://wire.test/a"
    assert isinstance(items[2], UnsupportedFormat) and "image/png" in items[2].message
    assert isinstance(items[3], Document) and items[3].content == STORY_B


class LoggedLookups(InMemoryValidators):
    """Validators in memory that log bulk loads and the lookup before each fetch."""

    def __init__(self) -> None:
        super().__init__()
        self.log: list[tuple[str, object]] = []

    def load(self, urls: Iterable[str]) -> None:
        self.log.append(("load", list(urls)))

    def get(self, url: str) -> None:
        self.log.append(("get", url))


def test_a_url_list_and_a_feed_look_up_their_validators_at_once(tmp_path: Path) -> None:
    (tmp_path / "list.urls").write_text("http://wire.test/a\nhttp://wire.test/b\n")
    memory = LoggedLookups()
    source = fetcher()
    source.validators = memory
    inputs = [str(tmp_path / "list.urls"), "http://wire.test/feed"]
    items = list(read_inputs(inputs, fetcher=source))
    assert sum(isinstance(i, Document) for i in items) == 5
    wire = "http://wire.test"
    assert memory.log == [
        ("load", [f"{wire}/a", f"{wire}/b"]),
        ("get", f"{wire}/a"),
        ("get", f"{wire}/b"),
        ("get", f"{wire}/feed"),  # a URL input alone: its own lookup
        ("load", [f"{wire}/a", f"{wire}/b", f"{wire}/missing"]),
        ("get", f"{wire}/a"),
        ("get", f"{wire}/b"),
        ("get", f"{wire}/missing"),
    ]


def test_a_text_file_with_prose_and_a_url_is_still_an_article(tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text("The envoy said more at http://wire.test/b today.\n")
    items = read(str(tmp_path / "note.txt"))
    assert len(items) == 1 and isinstance(items[0], Document) and items[0].kind == "text"


def write_warc(path: Path, gz: bool) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for url, kind, body in (
            ("http://wire.test/a", "text/html; charset=utf-8", STORY_A),
            ("http://wire.test/logo.png", "image/png", "PNG"),
            ("http://wire.test/b", "text/html", STORY_B),
        ):
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body.encode()), http_headers=headers
                )
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
                )
            )


def test_warc_html_responses_become_documents(tmp_path: Path) -> None:
    for name, gz in (("crawl.warc", False), ("crawl.warc.gz", True)):
        write_warc(tmp_path / name, gz)
        items = read(str(tmp_path / name))
        assert [type(i).__name__ for i in items] == ["Document", "UnsupportedFormat", "Document"]
        first, skipped, second = items
        assert isinstance(first, Document) and first.url == "http://wire.test/a"
        assert first.content == STORY_A and first.origin.startswith(str(tmp_path / name) + "@")
        assert isinstance(skipped, UnsupportedFormat) and "image/png" in skipped.message
        assert isinstance(second, Document) and second.content == STORY_B


def test_truncated_warc_gz_keeps_what_came_before_and_reports_one_line(tmp_path: Path) -> None:
    write_warc(tmp_path / "whole.warc.gz", True)
    data = (tmp_path / "whole.warc.gz").read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) - 200])
    items = read(str(tmp_path / "cut.warc.gz"), "http://wire.test/b")
    assert isinstance(items[0], Document)
    errors = [i for i in items if isinstance(i, MalformedInput)]
    assert len(errors) == 1 and "\n" not in errors[0].message
    assert "broken WARC" in errors[0].message
    assert isinstance(items[-1], Document) and items[-1].content == STORY_B  # the run goes on


def test_a_gzip_that_is_not_a_warc(tmp_path: Path) -> None:
    (tmp_path / "odd.warc.gz").write_bytes(gzip.compress(b"just some text, not WARC at all\n"))
    items = read(str(tmp_path / "odd.warc.gz"))
    assert len(items) == 1 and isinstance(items[0], MalformedInput)


def test_a_2_gb_file_of_zeros_is_turned_away_at_once(tmp_path: Path) -> None:
    # Sparse files: 2 GB on paper, nothing on disk.
    names = ["zeros.warc", "zeros.warc.gz", "zeros.txt"]
    for name in names:
        with (tmp_path / name).open("wb") as handle:
            handle.truncate(2 * 1024**3)
    items = read(*(str(tmp_path / n) for n in names))
    assert [i.code for i in items if isinstance(i, InputError)] == ["E107", "E107", "E104"]
    assert len(items) == 3
