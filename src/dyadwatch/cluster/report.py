"""What clustering needs from one event record, whatever shape the record came in."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from dyadwatch.model import Event

__all__ = ["Report", "content_stems", "outlet_of", "stem"]

# Words that say nothing about *what* was done: function words, reporting and
# time words, and the generic nouns of diplomatic prose. Removing them keeps the
# overlap of two reports about the things that differ between events (objects,
# places, instruments).
_STOP_WORDS = """
    the a an and or but of to in on at for with from by as into onto over under after
    before about than then that this these those there their them they his her its our
    your was were been being are is has have had will would could should may might can
    not no also more most other such own same both each any all some two three four one
    who whom which what when where while said says say told according reported report
    monday tuesday wednesday thursday friday saturday sunday today yesterday week weeks
    month months year years day days january february march april may june july august
    september october november december officials official president leader leaders
    minister government state media agency news first last new
    """
_STOP = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
# Prefix length of the crude stem: five letters give restore/restored/restoring and
# embassy/embassies one stem while sign and signal, supply and support stay apart. The
# briefs corpus scores the same with 3 to 8 letters, so this is a judgement.
_STEM_LENGTH = 5


def stem(word: str) -> str:
    """A crude, language-free stem: the lowercased word's first few letters."""
    return word.lower().strip("'-")[:_STEM_LENGTH]


def content_stems(text: str, skip: frozenset[str] = frozenset()) -> frozenset[str]:
    """Stems of the content words of ``text``, leaving out stop words and ``skip``."""
    words = (w.lower() for w in _WORD.findall(text))
    return frozenset(stem(w) for w in words if len(w) > 2 and w not in _STOP and w not in skip)


def outlet_of(url: str | None, site: str | None, origin: str | None, doc_id: str) -> str:
    """Who published a report: the site name, else the URL's host, else the input."""
    if site:
        return site.strip().lower()
    if url:
        host = urlsplit(url).hostname
        if host:
            return host.removeprefix("www.")
    return origin or doc_id


@dataclass(frozen=True, slots=True)
class Report:
    """One event record reduced to the fields that decide which real event it reports.

    ``source``/``target`` are actor keys (the country, or the actor code for actors
    without one, such as international bodies). ``words`` are content stems of the
    sentence without the actors' own words, so two reports share words only when
    they share what was done or where.
    """

    event_id: str
    doc_id: str
    date: date | None
    published: str | None
    source: str
    target: str | None
    cameo: str
    symmetric: bool
    status: str
    hedged: bool
    trigger: str
    trigger_stem: str
    words: frozenset[str]
    confidence: float
    sentence: str
    outlet: str
    article_cluster: str
    attribution: str | None = None
    attribution_country: str | None = None

    @staticmethod
    def from_record(
        record: Mapping[str, Any] | Event,
        *,
        site: str | None = None,
        origin: str | None = None,
        article_cluster: str | None = None,
    ) -> Report:
        """Build from a contract dict or an :class:`Event`.

        ``site``, ``origin`` and ``article_cluster`` (the near-duplicate cluster of the
        article, so reprints count as one story) may also come in the record itself.
        """
        data: Mapping[str, Any] = record.to_dict() if isinstance(record, Event) else record
        source = data["source"]
        target = data.get("target")
        trigger = data["trigger"]["text"]
        attribution = data.get("attribution")
        actor_words = {
            w.lower()
            for side in (source, target)
            if side
            for w in _WORD.findall(f"{side.get('text') or ''} {side.get('name') or ''}")
        }
        if attribution:
            actor_words.update(w.lower() for w in _WORD.findall(attribution.get("text") or ""))
        when = data.get("date") or data.get("published")
        doc_id = str(data["doc_id"])
        return Report(
            event_id=str(data["event_id"]),
            doc_id=doc_id,
            date=_parse_date(when),
            published=data.get("published"),
            source=_actor_key(source),
            target=_actor_key(target) if target else None,
            cameo=str(data["cameo"]),
            symmetric=bool(data.get("symmetric")),
            status=str(data.get("status") or "reported"),
            hedged=bool(data.get("hedged")),
            trigger=trigger,
            trigger_stem=stem(trigger.split()[-1]) if trigger.split() else "",
            words=content_stems(data.get("sentence") or "", frozenset(actor_words)),
            confidence=float(data.get("confidence") or 0.0),
            sentence=data.get("sentence") or "",
            outlet=outlet_of(
                data.get("url"), site or data.get("site"), origin or data.get("origin"), doc_id
            ),
            article_cluster=article_cluster or data.get("article_cluster") or doc_id,
            attribution=attribution.get("text") if attribution else None,
            attribution_country=attribution.get("country") if attribution else None,
        )

    def to_compact(self) -> dict[str, Any]:
        """The report as plain JSON values; :meth:`from_compact` reads it back.

        The store keeps this beside each clustered event, so that clustering reads a
        few fields instead of re-parsing whole records and re-stemming sentences.
        """
        data = {name: getattr(self, name) for name in self.__slots__}
        data["date"] = self.date.isoformat() if self.date else None
        data["words"] = sorted(self.words)
        return data

    @staticmethod
    def from_compact(data: Mapping[str, Any], *, article_cluster: str | None = None) -> Report:
        """A report from :meth:`to_compact`, with its story cluster as it now stands."""
        fields = dict(data)
        fields["date"] = _parse_date(data.get("date"))
        fields["words"] = frozenset(data.get("words") or ())
        if article_cluster:
            fields["article_cluster"] = article_cluster
        return Report(**fields)


def _actor_key(side: Mapping[str, Any]) -> str:
    return str(side.get("country") or side.get("code") or side.get("name") or "")


def _parse_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        # A record with an unreadable date still clusters, only within its own article.
        return None
