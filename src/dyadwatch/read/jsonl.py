"""JSONL input: one document per line with ``id``, ``text``, ``date``, ``url``, ``title``."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from dyadwatch.errors import EmptyArticle, InputError, MalformedInput
from dyadwatch.model import Document
from dyadwatch.read.dates import find_date
from dyadwatch.read.sniff import looks_like_html

__all__ = ["content_id", "page_id", "parse_jsonl"]

# Long enough that distinct documents in one corpus never collide in practice
# (64 bits), short enough to read in a table.
_ID_HEX_CHARS = 16


def content_id(text: str) -> str:
    """A document id that depends only on the content: stable across runs and paths."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:_ID_HEX_CHARS]


def page_id(url: str) -> str:
    """The document id of a page fetched from ``url``: the hash of the URL without its
    fragment.

    A page is the same document every time it is fetched: a corrected version replaces
    the stored one and its events, and a page whose markup alone changed (a new
    advertisement, a timestamp) is stored once, not once per fetch.
    """
    return content_id(url.split("#", 1)[0])


def parse_jsonl(origin: str, text: str) -> Iterator[Document | InputError]:
    """One Document per non-blank line; a bad line yields an error and the rest go on."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _parse_line(f"{origin}:{number}", line)


def _parse_line(where: str, line: str) -> Document | InputError:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return MalformedInput(where, f"not JSON ({error.msg} at column {error.colno})")
    if not isinstance(record, dict):
        return MalformedInput(where, f"not a JSON object but {_json_type(record)}")
    if "text" not in record:
        return MalformedInput(where, "the required field 'text' is missing")
    text = record["text"]
    if not isinstance(text, str):
        return MalformedInput(where, f"'text' is {_json_type(text)}, not a string")
    if not text.strip():
        return EmptyArticle(where, "'text' is empty", "Remove the line or give it article text")
    fields: dict[str, str | None] = {}
    for name in ("url", "title", "date"):
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return MalformedInput(where, f"'{name}' is {_json_type(value)}, not a string")
        # An empty string says no more than a missing field.
        fields[name] = (value.strip() or None) if isinstance(value, str) else None
    published = None
    if fields["date"] is not None:
        published = find_date(fields["date"])
        if published is None:
            return MalformedInput(
                where,
                f"'date' is not a date: {fields['date']!r}",
                "Write dates as YYYY-MM-DD or an ISO 8601 date-time",
            )
    doc_id = _doc_id(record.get("id"), text)
    if doc_id is None:
        return MalformedInput(
            where, f"'id' is {_json_type(record['id'])}", "Make 'id' a string or an integer"
        )
    return Document(
        doc_id=doc_id,
        origin=where,
        kind="html" if looks_like_html(text) else "text",
        content=text,
        url=fields["url"],
        title=fields["title"],
        published=published,
    )


def _doc_id(value: Any, text: str) -> str | None:
    """The line's own id, stringified; a content hash when it has none; None if unusable."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return content_id(text)
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "a string"
