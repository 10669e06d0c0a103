"""Stage order, batching and the error policy.

    read -> extract -> annotate -> resolve -> classify

Inputs arrive as documents or as the input errors ``read`` met; every item leaves as
either ``Coded`` (an article and its events) or ``Failure`` (where it came from and
the error), in input order. A bad document never stops the batch and is never
dropped without a trace.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from dyadwatch.annotate import Annotator
from dyadwatch.classify import Classifier
from dyadwatch.errors import DyadwatchError, InputError
from dyadwatch.extract import extract
from dyadwatch.locate import Locator
from dyadwatch.model import Article, Document, Event
from dyadwatch.resolve import ActorResolver

__all__ = ["Coded", "Failure", "Outcome", "Pipeline"]

# Articles parsed per spaCy batch. Large enough that nlp.pipe keeps its batches full
# (paragraphs of 32 articles are several hundred texts), small enough that results
# stream out and memory stays flat on big inputs.
_ARTICLES_PER_BATCH = 32


@dataclass(frozen=True, slots=True)
class Coded:
    article: Article
    events: list[Event]


@dataclass(frozen=True, slots=True)
class Failure:
    origin: str
    error: DyadwatchError
    doc_id: str | None = None


Outcome = Coded | Failure


@dataclass
class Pipeline:
    annotator: Annotator = field(default_factory=Annotator)
    resolver: ActorResolver = field(default_factory=ActorResolver)
    classifier: Classifier = field(default_factory=Classifier)
    locator: Locator = field(default_factory=Locator)
    batch_size: int = _ARTICLES_PER_BATCH

    def __post_init__(self) -> None:
        if self.classifier.place_country is None:
            # The classifier takes a city as the target of an attack or a visit through
            # the same gazetteer the locate stage uses (built once, on first use).
            self.classifier = replace(self.classifier, place_country=self.locator.country_of_place)

    def code_documents(
        self, items: Iterable[Document | InputError], *, date: str | None = None
    ) -> Iterator[Outcome]:
        """Code every document; ``date`` overrides each article's own date for its events."""
        pending: list[Article | Failure] = []
        for item in items:
            pending.append(self._extract(item))
            if sum(isinstance(p, Article) for p in pending) >= self.batch_size:
                yield from self._flush(pending, date)
                pending = []
        yield from self._flush(pending, date)

    def code_articles(self, articles: list[Article], *, date: str | None = None) -> list[Coded]:
        annotated = self.annotator.annotate(articles)
        coded: list[Coded] = []
        for item in annotated:
            mentions = self.resolver.resolve(item)
            events = self.classifier.classify(item, mentions, date=date)
            events = self.locator.locate(item, mentions, events)
            coded.append(Coded(item.article, events))
        return coded

    def code_text(
        self, text: str, *, doc_id: str = "text", published: str | None = None
    ) -> list[Event]:
        """Code one cleaned text (no extraction): handy in notebooks and tests."""
        article = Article(doc_id=doc_id, origin=doc_id, text=text, published=published)
        return self.code_articles([article])[0].events

    @staticmethod
    def _extract(item: Document | InputError) -> Article | Failure:
        if isinstance(item, InputError):
            return Failure(item.subject, item)
        try:
            return extract(item)
        except InputError as error:
            return Failure(item.origin, error, item.doc_id)

    def _flush(self, pending: list[Article | Failure], date: str | None) -> Iterator[Outcome]:
        articles = [p for p in pending if isinstance(p, Article)]
        coded = iter(self.code_articles(articles, date=date)) if articles else iter(())
        for item in pending:
            yield next(coded) if isinstance(item, Article) else item
