"""Turn INPUT arguments (files, directories, ``-``) into a stream of Documents and errors."""

from __future__ import annotations

import codecs
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from dyadwatch.errors import (
    BinaryInput,
    EmptyArticle,
    InputError,
    InputNotFound,
    InputTooLarge,
    UnreadableInput,
    UnsupportedFormat,
)
from dyadwatch.model import Document
from dyadwatch.read.feeds import fetched_document, is_feed_type, looks_like_feed, read_feed
from dyadwatch.read.fetch import Fetcher, is_url
from dyadwatch.read.jsonl import content_id, parse_jsonl
from dyadwatch.read.sniff import (
    DeclaredKind,
    binary_signature,
    declared_kind,
    looks_like_html,
    looks_like_jsonl,
)
from dyadwatch.read.warc import is_warc_name, read_warc

__all__ = ["DEFAULT_MAX_BYTES", "STDIN_ORIGIN", "read_inputs"]

# 20 MiB: a long news page with inline scripts and styles is 1-3 MB of HTML, and a JSONL
# batch of a few thousand articles fits; past that a file is more likely a dump or a
# mistake, and reading it whole into memory (the extractors need all of it) is a risk.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

STDIN_ORIGIN = "<stdin>"

_FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
_URL_LIST_SUFFIXES = frozenset({".urls"})


class _Net:
    """The fetcher, made on first use (most runs read no URL) and closed at the end."""

    def __init__(self, given: Fetcher | None) -> None:
        self._fetcher = given
        self._own: Fetcher | None = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._own = self._fetcher = Fetcher()
        return self._fetcher

    def close(self) -> None:
        if self._own is not None:
            self._own.close()


def read_inputs(
    inputs: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetcher: Fetcher | None = None,
) -> Iterator[Document | InputError]:
    """Yield a Document for every article in ``inputs``, and an error for every bad input.

    Never raises for a bad input: missing paths (E101), unreadable files (E102), binary
    or non-UTF-8 content (E103), files over ``max_bytes`` (E104), empty files (E105),
    unknown kinds of file (E106) and broken JSONL lines (E107) come out of the stream as
    :class:`~dyadwatch.errors.InputError` instances, in input order, and the rest goes on.

    An input may also be an http(s) URL (a page or a feed), an RSS/Atom file (.rss,
    .atom, .xml), a list of URLs (.urls, or any text file that holds only URLs) or a
    WARC file (.warc, .warc.gz); URLs are fetched through ``fetcher`` (a default
    :class:`~dyadwatch.read.fetch.Fetcher` when None), errors E109/E110 included.
    """
    net = _Net(fetcher)
    try:
        for given in inputs:
            if given == "-":
                stream = stdin if stdin is not None else sys.stdin.buffer
                yield from _read_stdin(stream, max_bytes, net)
            elif is_url(given):
                yield from _read_url(given, net)
            else:
                yield from _read_path(given, max_bytes, net)
    finally:
        net.close()


def _read_url(url: str, net: _Net) -> Iterator[Document | InputError]:
    fetched = net.fetcher.fetch(url)
    if isinstance(fetched, InputError):
        yield fetched
        return
    if fetched.not_modified:
        # 304: the page is the one the fetcher's validators came with, fetched earlier
        # in this run or (with stored validators) stored by an earlier one; the
        # validator memory was told, and ``dyadwatch ingest`` counts it as skipped.
        return
    assert fetched.text is not None
    data = fetched.text.encode("utf-8")
    if is_feed_type(fetched.content_type) or looks_like_feed(data[:4096]):
        yield from read_feed(url, data, net.fetcher)
    else:
        yield fetched_document(fetched)


def _read_stdin(stream: BinaryIO, max_bytes: int, net: _Net) -> Iterator[Document | InputError]:
    data = _read_capped(stream, STDIN_ORIGIN, "cannot read standard input", max_bytes)
    if isinstance(data, InputError):
        yield data
        return
    yield from _documents(STDIN_ORIGIN, data, "any", net)


def _read_capped(stream: BinaryIO, origin: str, cannot: str, max_bytes: int) -> bytes | InputError:
    """At most ``max_bytes`` of ``stream``, or the error to report (``cannot`` begins
    the message for a failed read)."""
    try:
        # One byte over the cap is enough to know the input is too large; this also caps
        # what stat cannot size (pipes, devices) or what grows while being read.
        data = stream.read(max_bytes + 1)
    except OSError as error:
        return UnreadableInput(origin, f"{cannot} ({_reason(error)})")
    if len(data) > max_bytes:
        return InputTooLarge(origin, f"more than {max_bytes} bytes")
    return data


def _read_path(given: str, max_bytes: int, net: _Net) -> Iterator[Document | InputError]:
    path = Path(given)
    try:
        info = path.stat()
    except FileNotFoundError:
        problem = "broken symbolic link" if path.is_symlink() else "no such file or directory"
        yield InputNotFound(given, problem)
        return
    except OSError as error:
        yield UnreadableInput(given, f"cannot look at it ({_reason(error)})")
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _read_directory(given, path, max_bytes, net)
    else:
        yield from _read_file(given, path, info, max_bytes, net)


def _read_directory(
    given: str, root: Path, max_bytes: int, net: _Net
) -> Iterator[Document | InputError]:
    """Every non-hidden file under ``root``, depth first in name order."""
    try:
        entries = sorted(os.scandir(root), key=lambda entry: entry.name)
    except OSError as error:
        yield UnreadableInput(given, f"cannot list the directory ({_reason(error)})")
        return
    for entry in entries:
        # Hidden files and folders (.git, .DS_Store, editor swap files) are never
        # articles; skipping them is the one deliberate silence.
        if entry.name.startswith("."):
            continue
        origin = os.path.join(given, entry.name)
        path = root / entry.name
        if entry.is_symlink() and entry.is_dir():
            yield UnsupportedFormat(
                origin,
                "a symbolic link to a directory is not followed",
                "Pass the linked directory as an input of its own",
            )
        elif entry.is_dir(follow_symlinks=False):
            yield from _read_directory(origin, path, max_bytes, net)
        elif entry.is_file() or not path.exists():
            # Regular files, and broken links (which _read_path reports as E101).
            yield from _read_path(origin, max_bytes, net)
        else:
            # A pipe found while walking could block the batch forever on read.
            yield UnsupportedFormat(origin, "not a regular file (a pipe, socket or device)")


def _read_file(
    origin: str, path: Path, info: os.stat_result, max_bytes: int, net: _Net
) -> Iterator[Document | InputError]:
    if is_warc_name(path.name):
        # Streamed record by record: the cap applies to each record, not the file.
        yield from read_warc(origin, path, max_bytes)
        return
    suffix = path.suffix.lower()
    is_feed = suffix in _FEED_SUFFIXES
    kind = "any" if is_feed or suffix in _URL_LIST_SUFFIXES else declared_kind(suffix)
    if kind is None:
        yield UnsupportedFormat(origin, f"unknown kind of file '{path.suffix}'")
        return
    if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
        yield InputTooLarge(origin, f"{info.st_size} bytes, over the cap of {max_bytes} bytes")
        return
    try:
        with path.open("rb") as handle:
            data = _read_capped(handle, origin, "cannot read it", max_bytes)
    except OSError as error:
        data = UnreadableInput(origin, f"cannot read it ({_reason(error)})")
    if isinstance(data, InputError):
        yield data
        return
    if is_feed:
        # Feeds declare their own encoding in the XML prolog; feedparser reads it.
        yield from read_feed(origin, data, net.fetcher)
        return
    yield from _documents(origin, data, kind, net)


def _documents(
    origin: str, data: bytes, kind: DeclaredKind, net: _Net
) -> Iterator[Document | InputError]:
    text = _decode(origin, data)
    if isinstance(text, InputError):
        yield text
        return
    if not text.strip():
        problem = "empty file" if not data else "the file holds only whitespace"
        if origin == STDIN_ORIGIN:
            problem = "standard input is empty"
        yield EmptyArticle(origin, problem, "Pass a file that holds an article")
        return
    if kind == "jsonl" or (kind == "any" and looks_like_jsonl(text)):
        yield from parse_jsonl(origin, text)
        return
    if kind in ("any", "text") and looks_like_feed(data):
        yield from read_feed(origin, data, net.fetcher)
        return
    urls = _url_list(text) if kind in ("any", "text") else None
    if urls is not None:
        net.fetcher.expect(urls)
        for url in urls:
            yield from _read_url(url, net)
        return
    is_html = kind == "html" or looks_like_html(text)
    yield Document(
        doc_id=content_id(text),
        origin=origin,
        kind="html" if is_html else "text",
        content=text,
    )


def _url_list(text: str) -> list[str] | None:
    """The URLs of a text that holds nothing else (blank lines and # comments aside)."""
    lines = [line.strip() for line in text.splitlines()]
    urls = [line for line in lines if line and not line.startswith("#")]
    if urls and all(is_url(line) and " " not in line for line in urls):
        return urls
    return None


def _decode(origin: str, data: bytes) -> str | InputError:
    """Strict UTF-8 (a leading byte-order mark is dropped); anything else is an error."""
    signature = binary_signature(data)
    if signature is not None:
        return BinaryInput(origin, f"binary content: the file is {signature}")
    offset = 0
    if data.startswith(codecs.BOM_UTF8):
        offset = len(codecs.BOM_UTF8)
    nul = data.find(b"\x00", offset)
    if nul >= 0:
        return BinaryInput(origin, f"binary content (a NUL byte at offset {nul})")
    try:
        return data[offset:].decode("utf-8")
    except UnicodeDecodeError as error:
        at = offset + error.start
        return BinaryInput(origin, f"not UTF-8 (byte 0x{data[at]:02X} at offset {at})")


def _reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    return (error.strerror or type(error).__name__).lower()
