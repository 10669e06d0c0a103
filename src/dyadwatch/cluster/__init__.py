"""Event clusters: the reports of one real-world event, with support and disagreement.

One summit reported by forty outlets is forty event records and one cluster. Records
join a cluster when they agree on the dyad, the code family, the date and what was
done (see :mod:`dyadwatch.cluster.match`); reprints of one story (the near-duplicate
article clusters of :mod:`dyadwatch.dedupe`) count as one story. A cluster keeps
every status it was given: "reported by 3, denied by 1", and who said which.

Pure: no I/O. :class:`EventIndex` adds reports incrementally (the store passes a
lookup of known reports); clusters do not depend on the order reports arrive in.

    reports = [Report.from_record(record) for record in records]
    clusters = cluster_reports(reports)
"""

from __future__ import annotations

from collections.abc import Iterable

from dyadwatch.cluster.index import ClusterChange, EventIndex, Lookup, Query
from dyadwatch.cluster.match import LexicalSimilarity, Matcher, Similarity, block_key, family
from dyadwatch.cluster.report import Report, outlet_of
from dyadwatch.cluster.score import PairScores, pairwise_scores
from dyadwatch.cluster.summary import Claim, EventCluster, StatusCount, summarize

__all__ = [
    "Claim",
    "ClusterChange",
    "EventCluster",
    "EventIndex",
    "LexicalSimilarity",
    "Lookup",
    "Matcher",
    "PairScores",
    "Query",
    "Report",
    "Similarity",
    "StatusCount",
    "block_key",
    "cluster_reports",
    "family",
    "outlet_of",
    "pairwise_scores",
    "summarize",
]


def cluster_reports(
    reports: Iterable[Report], matcher: Matcher | None = None
) -> list[EventCluster]:
    """Cluster a batch of reports in memory; clusters ordered by id."""
    index = EventIndex(matcher or Matcher())
    index.add(reports)
    return index.clusters()
