"""WARC and WARC.gz files: each response record with an HTML payload is a document.

Records are streamed (a Common Crawl file is ~1 GB compressed), so the size cap applies
per record, not per file. Request, metadata and warcinfo records are bookkeeping and
are skipped; a response that is not HTML (an image, a PDF, a robots.txt) is reported,
and a file that breaks off (truncated gzip, a bad record header) yields one error and
ends that file, since nothing after a broken record can be trusted to line up.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dyadwatch.errors import (
    InputError,
    InputTooLarge,
    MalformedInput,
    UnreadableInput,
    UnsupportedFormat,
)
from dyadwatch.model import Document
from dyadwatch.read.jsonl import content_id

__all__ = ["is_warc_name", "read_warc"]

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_GZIP_MAGIC = b"\x1f\x8b"
_WARC_MAGIC = b"WARC/"
# Enough of the file to hold the first gzip member's header and the record's first line.
_HEAD_BYTES = 64 * 1024


def is_warc_name(name: str) -> bool:
    return name.lower().endswith((".warc", ".warc.gz"))


def read_warc(origin: str, path: Path, max_bytes: int) -> Iterator[Document | InputError]:
    """Yield a Document per HTML response record; ``origin@offset`` names each record."""
    try:
        handle = path.open("rb")
    except OSError as error:
        yield UnreadableInput(origin, f"cannot read it ({error.strerror or type(error).__name__})")
        return
    with handle:
        problem = _bad_start(handle)
        if problem is not None:
            yield MalformedInput(origin, f"not a WARC file ({problem})")
            return
        records = ArchiveIterator(handle, no_record_parse=False)
        seen = 0
        try:
            for record in records:
                if record.format != "warc":
                    # warcio also reads ARC, and takes any text for an ARC header line.
                    yield MalformedInput(origin, "not a WARC file (no WARC/1.x record header)")
                    return
                if record.rec_type != "response":
                    continue
                seen += 1
                # The offset is known only once the record is read (warcio reads to
                # its end to find it), so the record is read first.
                made = _document(record, max_bytes)
                where = f"{origin}@{records.get_record_offset()}"
                yield made(where)
        # AttributeError: warcio trips over a record header cut short (a missing
        # WARC-Target-URI reaches uri.startswith); it is the file, not our code.
        except (
            ArchiveLoadFailed,
            EOFError,
            zlib.error,
            ValueError,
            OSError,
            AttributeError,
        ) as error:
            if isinstance(error, AttributeError):
                detail = "a record header is incomplete"
            else:
                detail = str(error).splitlines()[0] if str(error) else type(error).__name__
            yield MalformedInput(
                origin,
                f"a broken WARC file after {seen} response records ({detail})",
                "The records before the break were read; re-download the file for the rest",
            )


def _document(record: Any, max_bytes: int) -> Callable[[str], Document | InputError]:
    """Read one response record; the result is named by its place once that is known."""
    uri = record.rec_headers.get_header("WARC-Target-URI")
    headers = record.http_headers
    content_type = (headers.get_header("Content-Type") if headers else None) or ""
    mime = content_type.split(";")[0].strip().lower()
    if mime not in _HTML_TYPES:
        return lambda where: UnsupportedFormat(
            f"{where} {uri}",
            f"a '{mime or 'untyped'}' response, not a web page",
            "Only HTML responses are coded; this record is listed and skipped",
        )
    payload: bytes = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return lambda where: InputTooLarge(f"{where} {uri}", f"a record over {max_bytes} bytes")
    charset = _charset(content_type)
    # Crawled pages lie about their encoding often; one odd byte must not cost the page.
    try:
        text = payload.decode(charset, errors="replace")
    except LookupError:
        text = payload.decode("utf-8", errors="replace")
    if not text.strip():
        return lambda where: MalformedInput(f"{where} {uri}", "an empty response")
    return lambda where: Document(
        doc_id=content_id(text), origin=where, kind="html", content=text, url=uri
    )


def _bad_start(handle: BinaryIO) -> str | None:
    """Why the file cannot be a WARC, judged from its first bytes; None if it may be one.

    warcio hunts for a record header through any amount of junk (a file of zeros keeps
    it reading, and holding, the whole file), so junk is turned away up front.
    """
    head = handle.read(_HEAD_BYTES)
    handle.seek(0)
    if head.startswith(_GZIP_MAGIC):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(head)) as member:
                head = member.read(len(_WARC_MAGIC) + 64)
        except (OSError, EOFError, zlib.error):
            # A first gzip block longer than _HEAD_BYTES ends early here; only a
            # header that is already broken is an error.
            try:
                head = gzip.GzipFile(fileobj=handle).read(len(_WARC_MAGIC) + 64)
            except (OSError, EOFError, zlib.error) as error:
                handle.seek(0)
                return f"broken gzip ({error})"
            handle.seek(0)
    if not head.lstrip(b"\r\n").startswith(_WARC_MAGIC):
        return "it does not start with a WARC/1.x record header"
    return None


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return "utf-8"
