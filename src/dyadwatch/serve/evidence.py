"""Cut a text into pieces so the source, target, trigger and attribution spans of coded
events can be highlighted by a template that escapes every piece."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Mark", "Piece", "article_marks", "highlight", "sentence_pieces"]

_KINDS = ("source", "target", "trigger", "attribution")


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str  # one of _KINDS
    event_id: str


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    kinds: tuple[str, ...] = ()  # empty: plain text
    events: tuple[str, ...] = ()
    selected: bool = False


def _spans(event: Mapping[str, Any]) -> Iterable[tuple[str, Mapping[str, Any]]]:
    for kind in _KINDS:
        span = event.get(kind)
        if isinstance(span, Mapping) and isinstance(span.get("start"), int):
            yield kind, span


def article_marks(text: str, events: Iterable[Mapping[str, Any]]) -> list[Mark]:
    """Marks at the events' offsets into the article text; spans that do not match the
    text there (an event coded from another version of the article) are left out."""
    marks = []
    for event in events:
        for kind, span in _spans(event):
            start, end = span["start"], span["end"]
            if 0 <= start < end <= len(text) and text[start:end] == span.get("text"):
                marks.append(Mark(start, end, kind, str(event["event_id"])))
    return marks


def sentence_pieces(event: Mapping[str, Any]) -> list[Piece]:
    """The event's sentence with its own spans highlighted.

    Offsets are into the article, so the sentence's own start is found as the shift
    that puts every span on its text inside the sentence.
    """
    sentence = str(event.get("sentence") or "")
    spans = list(_spans(event))
    for base in _shifts(sentence, spans):
        marks = [
            Mark(s["start"] - base, s["end"] - base, kind, str(event["event_id"]))
            for kind, s in spans
        ]
        if all(
            m.start >= 0 and m.end <= len(sentence) and sentence[m.start : m.end] == s.get("text")
            for m, (_, s) in zip(marks, spans, strict=True)
        ):
            return highlight(sentence, marks)
    return [Piece(sentence)]


def _shifts(sentence: str, spans: list[tuple[str, Mapping[str, Any]]]) -> Iterable[int]:
    if not spans:
        return
    _, first = spans[0]
    needle = str(first.get("text") or "")
    if not needle:
        return
    at = sentence.find(needle)
    while at >= 0:
        yield int(first["start"]) - at
        at = sentence.find(needle, at + 1)


def highlight(text: str, marks: Iterable[Mark], selected: str | None = None) -> list[Piece]:
    """``text`` as consecutive pieces; each piece knows which marks cover it."""
    marks = list(marks)
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        covering = [m for m in marks if m.start <= start and end <= m.end]
        kinds = tuple(k for k in _KINDS if any(m.kind == k for m in covering))
        events = tuple(dict.fromkeys(m.event_id for m in covering))
        pieces.append(
            Piece(text[start:end], kinds, events, selected is not None and selected in events)
        )
    return pieces
