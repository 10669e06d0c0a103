"""Tell what kind of input some bytes or text are, from the file name and the content."""

from __future__ import annotations

import json
import re
from typing import Literal

__all__ = [
    "DeclaredKind",
    "binary_signature",
    "declared_kind",
    "looks_like_html",
    "looks_like_jsonl",
]

# "any": no extension (or stdin), so the content decides among text, HTML and JSONL.
# "text": a .txt file, which is still read as HTML when it holds HTML.
DeclaredKind = Literal["any", "text", "html", "jsonl"]

_EXTENSIONS: dict[str, DeclaredKind] = {
    "": "any",
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}

# Magic numbers of the binary files most often dropped into a folder of articles, so
# the error can say what the file is rather than only where the first bad byte is.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xff\xfe", "UTF-16 text"),
    (b"\xfe\xff", "UTF-16 text"),
)

# How much of the start of a file the HTML sniffer looks at: pages put <html>/<body>
# within the first few hundred bytes even after long <head> comments; 4 KiB is ample
# and keeps sniffing cheap on large files.
_SNIFF_CHARS = 4096
_DOCUMENT_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html\b)", re.I | re.S
)
_STRUCTURE_TAG = re.compile(r"<(?:html|head|body)\b[^<>]*>", re.I)
_PARAGRAPH = re.compile(r"<p\b[^<>]*>.*?</p\s*>", re.I | re.S)
_LEADING_TAG = re.compile(r"\s*<([a-z][a-z0-9]*)\b[^<>]*>", re.I)


def declared_kind(suffix: str) -> DeclaredKind | None:
    """The kind a file extension promises (``suffix`` as from ``Path.suffix``), or None."""
    return _EXTENSIONS.get(suffix.lower())


def binary_signature(data: bytes) -> str | None:
    """What binary format ``data`` starts like, if it is a well-known one."""
    for magic, name in _SIGNATURES:
        if data.startswith(magic):
            return name
    return None


def looks_like_html(text: str) -> bool:
    """True when ``text`` is markup: a document, or a fragment that opens and closes tags."""
    head = text[:_SNIFF_CHARS]
    if _DOCUMENT_START.match(head) or _STRUCTURE_TAG.search(head):
        return True
    leading = _LEADING_TAG.match(head)
    if leading and re.search(rf"</{re.escape(leading.group(1))}\s*>", text, re.I):
        return True
    return _PARAGRAPH.search(head) is not None


def looks_like_jsonl(text: str) -> bool:
    """True when the first non-blank line of ``text`` is a JSON object."""
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("{"):
            return False
        try:
            return isinstance(json.loads(stripped), dict)
        except ValueError:
            return False
    return False
