"""The typed records passed between pipeline stages.

Every stage after ``read`` is pure: it takes these records and returns new ones. The
records carry character offsets into ``Article.text`` (the cleaned text), so any field
can be traced back to the words it came from.

    read        -> Document
    extract     -> Article
    annotate    -> AnnotatedArticle (Sentence, Token, Entity)
    resolve     -> Mention (with an Actor) per sentence
    classify    -> Event
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

DocumentKind = Literal["text", "html"]
Status = Literal["reported", "intended", "expected", "denied", "hypothetical"]


@dataclass(frozen=True, slots=True)
class Document:
    """One input document as read, before any cleaning.

    ``origin`` says where it came from (a path, ``path:LINE`` for JSONL, a URL or
    ``<stdin>``) so that errors and failures can name it.
    """

    doc_id: str
    origin: str
    kind: DocumentKind
    content: str
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD

    @property
    def source_hash(self) -> str:
        """The hash of the document as read: ingest skips a document whose hash it stored."""
        return hashlib.sha256(self.content.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Article:
    """A document reduced to its article text; all offsets point into ``text``."""

    doc_id: str
    origin: str
    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    author: str | None = None
    site: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a parsed sentence.

    ``i`` is the index within the sentence; ``head`` is the sentence index of its
    syntactic head (a root points at itself); ``start`` is the character offset into
    the article text.
    """

    i: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    start: int
    ent_type: str = ""
    ent_iob: str = ""

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity span from the tagger; token indices are sentence-relative, end exclusive."""

    label: str
    token_start: int
    token_end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the article with its tokens, parse and entities."""

    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    entities: tuple[Entity, ...] = ()

    def children(self, head: int) -> list[Token]:
        return [t for t in self.tokens if t.head == head and t.i != head]

    def span_text(self, token_start: int, token_end: int) -> str:
        first, last = self.tokens[token_start], self.tokens[token_end - 1]
        return self.text[first.start - self.start : last.end - self.start]


@dataclass(frozen=True, slots=True)
class AnnotatedArticle:
    article: Article
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor: ISO 3166-1 alpha-3 country (or None for IGOs), CAMEO sector, code."""

    name: str
    country: str | None
    sector: str | None
    code: str

    @staticmethod
    def make(name: str, country: str | None, sector: str | None, code: str | None = None) -> Actor:
        return Actor(name, country, sector, code or f"{country or ''}{sector or ''}")


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a sentence that refers to an actor.

    ``token_start``/``token_end`` are sentence-relative (end exclusive); ``head`` is the
    sentence index of the token that governs the span in the parse (the noun the
    classifier follows). ``via`` records how it was resolved (``country``,
    ``demonym``, ``capital``, ``leader``, ``descriptor``, ``coreference``...), which
    the classifier uses for confidence.
    """

    text: str
    start: int
    end: int
    token_start: int
    token_end: int
    head: int
    actor: Actor
    via: str = "name"


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Plover:
    type: str | None
    mode: str | None = None
    context: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Attribution:
    text: str
    start: int
    end: int
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: the public event record (see ``../shared/event.schema.json``)."""

    event_id: str
    doc_id: str
    url: str | None
    title: str | None
    published: str | None
    date: str | None
    sentence_index: int
    sentence: str
    source: Mention
    target: Mention | None
    trigger: Span
    cameo: str
    cameo_label: str
    quad_class: int
    goldstein: float
    plover: Plover
    status: Status
    hedged: bool
    attribution: Attribution | None
    symmetric: bool
    confidence: float
    coder: str
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The event in the public contract's shape (field order as documented)."""
        record: dict[str, Any] = {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "url": self.url,
            "title": self.title,
            "published": self.published,
            "date": self.date,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "source": _actor_dict(self.source),
            "target": _actor_dict(self.target) if self.target else None,
            "trigger": {
                "text": self.trigger.text,
                "start": self.trigger.start,
                "end": self.trigger.end,
            },
            "cameo": self.cameo,
            "cameo_label": self.cameo_label,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": {
                "type": self.plover.type,
                "mode": self.plover.mode,
                "context": list(self.plover.context),
            },
            "status": self.status,
            "hedged": self.hedged,
            "attribution": None,
            "symmetric": self.symmetric,
            "confidence": self.confidence,
            "coder": self.coder,
        }
        if self.attribution is not None:
            a = self.attribution
            record["attribution"] = {
                "text": a.text,
                "start": a.start,
                "end": a.end,
                "country": a.country,
                "sector": a.sector,
            }
        record.update(self.extra)
        return record


def _actor_dict(mention: Mention) -> dict[str, Any]:
    return {
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "name": mention.actor.name,
        "country": mention.actor.country,
        "sector": mention.actor.sector,
        "code": mention.actor.code,
    }
