"""Search across stored actors (names and codes) and article titles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dyadwatch.errors import BadOption
from dyadwatch.store import Store

__all__ = ["ActorHit", "ArticleHit", "SearchResult", "search"]

_MAX_QUERY = 200


@dataclass(frozen=True, slots=True)
class ActorHit:
    code: str
    name: str
    country: str | None
    events: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "country": self.country,
            "events": self.events,
        }


@dataclass(frozen=True, slots=True)
class ArticleHit:
    doc_id: str
    title: str | None
    published: str | None
    site: str | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "published": self.published,
            "site": self.site,
        }


@dataclass(frozen=True, slots=True)
class SearchResult:
    actors: list[ActorHit]
    articles: list[ArticleHit]


def search(store: Store, text: str, limit: int = 25) -> SearchResult:
    """Actors whose name or code contains ``text``, and articles whose title does."""
    needle = text.strip()
    if not needle:
        return SearchResult([], [])
    if len(needle) > _MAX_QUERY:
        raise BadOption("q", f"longer than {_MAX_QUERY} characters", "Search for a shorter text")
    # contains() takes the text as data: no LIKE wildcards to escape.
    actors = store.select(
        """
        WITH sides AS (
            SELECT record->>'$.source.code' AS code, record->>'$.source.name' AS name,
                   source_country AS country FROM events
            UNION ALL
            SELECT record->>'$.target.code', record->>'$.target.name', target_country
            FROM events WHERE target_code IS NOT NULL
        )
        SELECT code, any_value(name), any_value(country), count(*) AS n FROM sides
        WHERE contains(lower(name), lower(?)) OR contains(lower(code), lower(?))
        GROUP BY code ORDER BY n DESC, code LIMIT ?
        """,
        [needle, needle, limit],
    )
    articles = store.select(
        "SELECT doc_id, title, published, site FROM articles "
        "WHERE contains(lower(coalesce(title, '')), lower(?)) "
        "ORDER BY published DESC NULLS LAST, doc_id LIMIT ?",
        [needle, limit],
    )
    return SearchResult(
        [ActorHit(r[0], r[1], r[2], r[3]) for r in actors],
        [ArticleHit(r[0], r[1], r[2], r[3]) for r in articles],
    )
