"""Incremental event clusters: the connected components of the "same event" relation.

A cluster's id is the smallest event_id among its reports, so it depends only on the
members: adding reports in any order, all at once or batch by batch, gives the same
clusters. A new report can only join or merge clusters, never split one, which is
what lets the store keep clusters up to date at ingest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from dyadwatch.cluster.match import Matcher, block_key
from dyadwatch.cluster.report import Report
from dyadwatch.cluster.summary import EventCluster, summarize
from dyadwatch.dedupe.components import Components

__all__ = ["ClusterChange", "EventIndex", "Lookup", "Query"]


@dataclass(frozen=True, slots=True)
class Query:
    """Known reports with this block key dated ``first``..``last`` (inclusive)."""

    key: tuple[str, str, str]
    first: date
    last: date


# Known reports matching any of the queries, each with its cluster id. A lookup may
# return only one report per cluster and match key (:meth:`Matcher.key`): the others
# would match the same new reports, so the index compares one of them anyway.
Lookup = Callable[[list[Query]], Iterable[tuple[Report, str]]]


@dataclass(frozen=True, slots=True)
class ClusterChange:
    """Clusters ``absorbed`` now belong to ``cluster``; ``members`` are the new reports."""

    cluster: str
    absorbed: tuple[str, ...]
    members: tuple[str, ...]


@dataclass
class EventIndex:
    """Assigns cluster ids to reports as they come.

    By default the index remembers every report it was given; the store passes a
    ``lookup`` that reads known reports from the database instead, and then the index
    holds nothing between batches.
    """

    matcher: Matcher = field(default_factory=Matcher)
    lookup: Lookup | None = None
    _blocks: dict[tuple[str, str, str], list[Report]] = field(default_factory=dict, init=False)
    _reports: dict[str, Report] = field(default_factory=dict, init=False)
    _cluster: dict[str, str] = field(default_factory=dict, init=False)

    def add(self, batch: Iterable[Report]) -> list[ClusterChange]:
        """Add reports; returns one change per cluster that gained reports."""
        new: dict[str, Report] = {}
        for report in batch:
            if self.lookup is not None or report.event_id not in self._cluster:
                new.setdefault(report.event_id, report)
        if not new:
            return []
        known = self._representatives(
            (report, cluster)
            for report, cluster in self._known(self._queries(new.values()))
            if report.event_id not in new
        )
        groups = Components([*new, *known])

        blocks: dict[tuple[str, str, str], list[Report]] = {}
        for report in [*new.values(), *(r for r, _ in known.values())]:
            blocks.setdefault(block_key(report), []).append(report)
        # Known reports of one cluster are one component already.
        first_known: dict[str, str] = {}
        for event_id, (_, cluster) in sorted(known.items()):
            groups.union(event_id, first_known.setdefault(cluster, event_id))
        # Each new report against its block: known reports, and new ones once per pair.
        for a in new.values():
            for b in blocks[block_key(a)]:
                if b.event_id in new and b.event_id <= a.event_id:
                    continue
                # Joined already (through another report of b's cluster): no test needed.
                if groups.find(a.event_id) == groups.find(b.event_id):
                    continue
                if self.matcher.same_event(a, b):
                    groups.union(a.event_id, b.event_id)
        changes = []
        for members in groups.groups().values():
            joined = sorted(e for e in members if e in new)
            if not joined:
                continue
            old = sorted({known[e][1] for e in members if e in known})
            cluster = min([*joined, *old])
            changes.append(
                ClusterChange(cluster, tuple(c for c in old if c != cluster), tuple(joined))
            )
        self._remember(new, changes)
        return sorted(changes, key=lambda c: c.cluster)

    def cluster_of(self, event_id: str) -> str | None:
        return self._cluster.get(event_id)

    def clusters(self) -> list[EventCluster]:
        """Every cluster the index holds, summarized, ordered by id."""
        members: dict[str, list[Report]] = {}
        for event_id, cluster in self._cluster.items():
            members.setdefault(cluster, []).append(self._reports[event_id])
        return [summarize(reports) for _, reports in sorted(members.items())]

    def _representatives(
        self, found: Iterable[tuple[Report, str]]
    ) -> dict[str, tuple[Report, str]]:
        """One known report per cluster and match key (the smallest id): the rest of a
        cluster's reports with that key would match exactly the same new reports."""
        chosen: dict[tuple[str, str], tuple[Report, str]] = {}
        for report, cluster in found:
            slot = (cluster, self.matcher.key(report))
            held = chosen.get(slot)
            if held is None or report.event_id < held[0].event_id:
                chosen[slot] = (report, cluster)
        return {report.event_id: (report, cluster) for report, cluster in chosen.values()}

    def _queries(self, reports: Iterable[Report]) -> list[Query]:
        widest = timedelta(days=max(self.matcher.window_days, self.matcher.ahead_window_days))
        queries = {
            Query(block_key(r), r.date - widest, r.date + widest)
            for r in reports
            if r.date is not None
        }
        return sorted(queries, key=lambda q: (q.key, q.first, q.last))

    def _known(self, queries: list[Query]) -> Iterable[tuple[Report, str]]:
        if self.lookup is not None:
            return self.lookup(queries)
        found: dict[str, tuple[Report, str]] = {}
        for query in queries:
            for report in self._blocks.get(query.key, ()):
                if report.date is not None and query.first <= report.date <= query.last:
                    found[report.event_id] = (report, self._cluster[report.event_id])
        return [found[e] for e in sorted(found)]

    def _remember(self, new: dict[str, Report], changes: list[ClusterChange]) -> None:
        if self.lookup is not None:
            return
        for event_id, report in new.items():
            self._reports[event_id] = report
            self._blocks.setdefault(block_key(report), []).append(report)
        for change in changes:
            absorbed = set(change.absorbed)
            if absorbed:
                for event_id, cluster in self._cluster.items():
                    if cluster in absorbed:
                        self._cluster[event_id] = change.cluster
            for event_id in change.members:
                self._cluster[event_id] = change.cluster
