"""One cluster's summary: its support, its best evidence and its disagreements."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dyadwatch.cluster.report import Report

__all__ = ["Claim", "EventCluster", "StatusCount", "summarize"]

# Statuses in the order a summary lists them.
_STATUSES = ("reported", "denied", "expected", "intended", "hypothetical")


@dataclass(frozen=True, slots=True)
class Claim:
    """Who said what: one report's status, its outlet and whom it attributes it to."""

    status: str
    event_id: str
    outlet: str
    attribution: str | None
    attribution_country: str | None
    hedged: bool

    @property
    def who(self) -> str:
        """The asserting party when the report names one, else the outlet."""
        if self.attribution:
            country = f" ({self.attribution_country})" if self.attribution_country else ""
            return f"{self.attribution}{country}"
        return self.outlet


@dataclass(frozen=True, slots=True)
class StatusCount:
    """How many reports, outlets and distinct asserting parties give one status."""

    status: str
    reports: int
    outlets: int
    who: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EventCluster:
    """The reports of one real-world event.

    ``articles`` counts distinct documents; ``stories`` counts near-duplicate article
    clusters, so a wire story reprinted on five sites is five articles and one story.
    ``status`` keeps every status given, so "reported by 3, denied by 1" survives.
    """

    cluster_id: str
    first_seen: str | None
    last_seen: str | None
    dyad: tuple[str, str | None]
    cameo: str
    reports: int
    articles: int
    stories: int
    outlets: int
    best_event_id: str
    best_sentence: str
    status: tuple[StatusCount, ...]
    claims: tuple[Claim, ...]
    event_ids: tuple[str, ...]

    @property
    def summary(self) -> str:
        """One line such as ``reported by 3 outlets (...); denied by 1 outlet (Kremlin (RUS))``."""
        parts = []
        for count in self.status:
            who = f" ({', '.join(count.who)})" if count.who else ""
            noun = "outlet" if count.outlets == 1 else "outlets"
            parts.append(f"{count.status} by {count.outlets} {noun}{who}")
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "cluster_id": self.cluster_id,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "source": self.dyad[0],
            "target": self.dyad[1],
            "cameo": self.cameo,
            "reports": self.reports,
            "articles": self.articles,
            "stories": self.stories,
            "outlets": self.outlets,
            "best_event_id": self.best_event_id,
            "best_sentence": self.best_sentence,
            "status": {
                c.status: {"reports": c.reports, "outlets": c.outlets, "who": list(c.who)}
                for c in self.status
            },
            "summary": self.summary,
            "event_ids": list(self.event_ids),
        }


def summarize(reports: Iterable[Report]) -> EventCluster:
    """Summarize one cluster's reports (any order; the result does not depend on it)."""
    members = sorted(reports, key=lambda r: r.event_id)
    if not members:
        raise ValueError("a cluster has at least one report")
    dated = sorted(r.date.isoformat() for r in members if r.date is not None)
    # Best evidence: the most confident report that says the act happened, the earliest
    # of equals; a denial is evidence only when nothing else is.
    best = min(
        members,
        key=lambda r: (
            r.status != "reported",
            -r.confidence,
            r.date.isoformat() if r.date else "9999",
            r.event_id,
        ),
    )
    # The cluster's dyad and code: those of its commonest done-act report.
    votes: dict[tuple[tuple[str, str | None], str], int] = {}
    for r in members:
        key = ((r.source, r.target), r.cameo)
        votes[key] = votes.get(key, 0) + (2 if r.status == "reported" else 1)
    (dyad, cameo), _ = min(votes.items(), key=lambda kv: (-kv[1], kv[0][1], str(kv[0][0])))
    claims = tuple(
        sorted(
            {
                Claim(
                    r.status, r.event_id, r.outlet, r.attribution, r.attribution_country, r.hedged
                )
                for r in members
            },
            key=lambda c: (_STATUSES.index(c.status) if c.status in _STATUSES else 9, c.event_id),
        )
    )
    counts = []
    for status in [*_STATUSES, *sorted({r.status for r in members} - set(_STATUSES))]:
        given = [c for c in claims if c.status == status]
        if given:
            counts.append(
                StatusCount(
                    status,
                    reports=len(given),
                    outlets=len({c.outlet for c in given}),
                    who=tuple(sorted({c.who for c in given})),
                )
            )
    return EventCluster(
        cluster_id=members[0].event_id,
        first_seen=dated[0] if dated else None,
        last_seen=dated[-1] if dated else None,
        dyad=dyad,
        cameo=cameo,
        reports=len(members),
        articles=len({r.doc_id for r in members}),
        stories=len({r.article_cluster for r in members}),
        outlets=len({r.outlet for r in members}),
        best_event_id=best.event_id,
        best_sentence=best.sentence,
        status=tuple(counts),
        claims=claims,
        event_ids=tuple(r.event_id for r in members),
    )
