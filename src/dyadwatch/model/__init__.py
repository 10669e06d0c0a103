"""Typed records shared by every pipeline stage."""

from dyadwatch.model.records import (
    Actor,
    AnnotatedArticle,
    Article,
    Attribution,
    Document,
    DocumentKind,
    Entity,
    Event,
    Mention,
    Plover,
    Sentence,
    Span,
    Status,
    Token,
)

__all__ = [
    "Actor",
    "AnnotatedArticle",
    "Article",
    "Attribution",
    "Document",
    "DocumentKind",
    "Entity",
    "Event",
    "Mention",
    "Plover",
    "Sentence",
    "Span",
    "Status",
    "Token",
]
