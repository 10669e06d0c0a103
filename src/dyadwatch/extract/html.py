"""HTML to article text and metadata with trafilatura (the only module that imports it)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura
from trafilatura.utils import load_html

from dyadwatch.errors import MalformedInput
from dyadwatch.read.dates import find_date

__all__ = ["HtmlArticle", "extract_html"]

# trafilatura rejects markup that does not announce itself as HTML near its start and
# parses to a single block (a bare "<p>...</p>" fragment, as JSONL often carries).
# Such fragments are wrapped in a document; this many leading characters are searched
# for an <html> tag or a doctype first.
_HEAD_CHARS = 1024
_HAS_DOCUMENT = re.compile(r"<(?:!doctype\s+html|html\b)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    """What trafilatura found in a page; any field may be missing."""

    text: str
    title: str | None = None
    published: str | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None


def extract_html(origin: str, html: str, url: str | None = None) -> HtmlArticle:
    """The main text and metadata of a page; raises MalformedInput if it is not HTML at all.

    The text is empty when the page holds no article (only navigation, say): the caller
    decides what that means.
    """
    if not _HAS_DOCUMENT.search(html[:_HEAD_CHARS]):
        html = f"<html><body><div>{html}</div></body></html>"
    tree = load_html(html)
    if tree is None:
        raise MalformedInput(
            origin, "the HTML cannot be parsed", "Check that the file is a web page"
        )
    result = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        favor_precision=True,
        fast=True,
    )
    if result is None:
        return HtmlArticle(text="")
    fields = result if isinstance(result, dict) else result.as_dict()
    date = _text(fields.get("date"))
    return HtmlArticle(
        text=_text(fields.get("text")) or "",
        title=_text(fields.get("title")),
        published=find_date(date) if date else None,
        author=_text(fields.get("author")),
        site=_text(fields.get("sitename")),
        url=_text(fields.get("url")),
    )


def _text(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
