"""RSS/Atom feeds: every entry becomes the article it links to, fetched.

The entry's title and date are carried over to the document (they win over what the
page says, as JSONL fields do); an entry without a link is coded from the text the
feed itself carries.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import feedparser

from dyadwatch.errors import InputError, MalformedInput, UnsupportedFormat
from dyadwatch.model import Document
from dyadwatch.model.records import DocumentKind
from dyadwatch.read.fetch import Fetched, Fetcher, is_url
from dyadwatch.read.jsonl import content_id, page_id
from dyadwatch.read.sniff import looks_like_html

__all__ = [
    "FeedEntry",
    "fetched_document",
    "is_feed_type",
    "looks_like_feed",
    "parse_feed",
    "read_feed",
]

# A feed names its root element within the first few hundred bytes, after the XML
# declaration, comments and stylesheet instructions; 2 KiB leaves room for long ones.
_SNIFF_BYTES = 2048
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    link: str | None
    title: str | None
    published: str | None  # ISO date, YYYY-MM-DD
    content: str | None  # the entry's own HTML (content or summary), if any


def looks_like_feed(data: bytes) -> bool:
    """True when ``data`` starts like an RSS, RDF or Atom document."""
    return _FEED_ROOT.search(data[:_SNIFF_BYTES]) is not None


def parse_feed(origin: str, data: bytes) -> list[FeedEntry] | InputError:
    """The entries of a feed, or an error if ``data`` is not a feed (an HTML page, say)."""
    parsed: Any = feedparser.parse(data)
    if not parsed.get("version") or not looks_like_feed(data):
        what = (
            "an HTML page"
            if looks_like_html(data[:_SNIFF_BYTES].decode("utf-8", "replace"))
            else "not XML"
        )
        return UnsupportedFormat(
            origin,
            f"not an RSS or Atom feed ({what})",
            "Pass the feed's own URL (often linked as application/rss+xml from the page)",
        )
    if parsed.get("bozo") and not parsed.entries:
        reason = str(parsed.get("bozo_exception", "")).splitlines()[0:1]
        return MalformedInput(origin, f"a broken feed ({''.join(reason) or 'unparsable XML'})")
    return [_entry(item) for item in parsed.entries]


def _entry(item: Any) -> FeedEntry:
    link = item.get("link")
    stamp = item.get("published_parsed") or item.get("updated_parsed")
    published = time.strftime("%Y-%m-%d", stamp) if stamp else None
    content = None
    if item.get("content"):
        content = "\n".join(str(part.get("value", "")) for part in item["content"])
    elif item.get("summary"):
        content = str(item["summary"])
    title = item.get("title")
    return FeedEntry(
        link=str(link).strip() if link else None,
        title=str(title).strip() or None if title else None,
        published=published,
        content=content if content and content.strip() else None,
    )


def read_feed(origin: str, data: bytes, fetcher: Fetcher) -> Iterator[Document | InputError]:
    """One document per entry: the linked page, fetched; errors per entry, and go on."""
    entries = parse_feed(origin, data)
    if isinstance(entries, InputError):
        yield entries
        return
    fetcher.expect(entry.link for entry in entries if entry.link)
    for number, entry in enumerate(entries, start=1):
        where = f"{origin}#{number}"
        if entry.link and is_url(entry.link):
            fetched = fetcher.fetch(entry.link)
            if isinstance(fetched, InputError):
                yield fetched
            elif not fetched.not_modified:
                # 304: the page is unchanged since it was fetched earlier in this run
                # or stored by an earlier one (see _read_url in read.inputs).
                yield fetched_document(fetched, title=entry.title, published=entry.published)
        elif entry.content:
            yield Document(
                doc_id=content_id(entry.content),
                origin=where,
                kind="html",
                content=entry.content,
                title=entry.title,
                published=entry.published,
            )
        else:
            yield MalformedInput(where, "the entry has neither a link nor any text")


def fetched_document(
    fetched: Fetched, *, title: str | None = None, published: str | None = None
) -> Document | InputError:
    """A fetched page as a document: HTML or plain text; anything else is an error."""
    assert fetched.text is not None
    kind = fetched.content_type
    doc_kind: DocumentKind
    if kind in _HTML_TYPES or (not kind and looks_like_html(fetched.text)):
        doc_kind = "html"
    elif kind == "text/plain":
        doc_kind = "html" if looks_like_html(fetched.text) else "text"
    else:
        return UnsupportedFormat(
            fetched.url, f"the server sent '{kind or 'no content type'}', not a web page"
        )
    if not fetched.text.strip():
        return MalformedInput(fetched.url, "the server sent an empty page")
    return Document(
        doc_id=page_id(fetched.final_url),
        origin=fetched.url,
        kind=doc_kind,
        content=fetched.text,
        url=fetched.final_url,
        title=title,
        published=published,
    )


def is_feed_type(content_type: str) -> bool:
    return content_type in _FEED_TYPES or content_type.endswith(("+xml", "/xml"))
