"""Clustering quality on tests/cluster/data/briefs.jsonl, pinned like the coder's.

The briefs are short reports, written for this corpus, of real events told in
different words by different (made-up) outlets: the 2023-09-13 Kim-Putin summit, the
2024-06-19 treaty and visit, the 2023-03-10 Saudi-Iran deal, the 2023-11-15 Biden-Xi
meeting, shell supplies and their denial, the May 2024 drills around Taiwan, the
February 2024 US sanctions on Russia, the downed Azerbaijani airliner; plus near-misses
(the same dyad and type on another date, another act of the same dyad on the same
day, a denial of something else). Each brief names the events it holds by trigger,
with a gold label written by hand.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from dyadwatch.cluster import EventIndex, Report, cluster_reports, pairwise_scores
from dyadwatch.model import Article
from dyadwatch.pipeline import Pipeline

BRIEFS = Path(__file__).parent / "data" / "briefs.jsonl"
# Floors may only rise. Measured when pinned: precision 1.00 (64/64 pairs), recall
# 0.91 (64/70); the misses are reports the coder files under another code family
# ("agreed to resume ties" as 036, "welcomed" as 051).
PRECISION_FLOOR = 0.95
RECALL_FLOOR = 0.88


@pytest.fixture(scope="module")
def coded() -> tuple[list[Report], dict[str, str], int]:
    briefs = [json.loads(line) for line in BRIEFS.read_text(encoding="utf-8").splitlines()]
    by_id: dict[str, dict[str, Any]] = {b["id"]: b for b in briefs}
    articles = [
        Article(
            doc_id=b["id"],
            origin=str(BRIEFS),
            text=b["text"],
            url=b["url"],
            title=b["title"],
            published=b["date"],
        )
        for b in briefs
    ]
    reports: list[Report] = []
    gold: dict[str, str] = {}
    for item in Pipeline().code_articles(articles):
        for event in item.events:
            brief = by_id[event.doc_id]
            report = Report.from_record(event, article_cluster=brief.get("article_cluster"))
            reports.append(report)
            for label in brief["gold"]:
                if label["trigger"] == event.trigger.text:
                    gold[report.event_id] = label["event"]
    labels = sum(len(b["gold"]) for b in briefs)
    return reports, gold, labels


def test_the_coder_finds_the_labelled_events(
    coded: tuple[list[Report], dict[str, str], int],
) -> None:
    _, gold, labels = coded
    assert len(gold) >= 0.9 * labels


def test_pairwise_precision_and_recall_hold_their_floors(
    coded: tuple[list[Report], dict[str, str], int],
) -> None:
    reports, gold, _ = coded
    clusters = cluster_reports(reports)
    predicted = {e: c.cluster_id for c in clusters for e in c.event_ids}
    scores = pairwise_scores(predicted, gold)
    print(
        f"pairwise precision {scores.precision:.3f} ({scores.true_pairs}/"
        f"{scores.predicted_pairs}), recall {scores.recall:.3f} "
        f"({scores.true_pairs}/{scores.gold_pairs}); {len(reports)} reports -> "
        f"{len(clusters)} clusters"
    )
    assert scores.precision >= PRECISION_FLOOR
    assert scores.recall >= RECALL_FLOOR


def test_the_summit_cluster_counts_reprints_and_keeps_the_expectation(
    coded: tuple[list[Report], dict[str, str], int],
) -> None:
    reports, gold, _ = coded
    summit = {e for e, label in gold.items() if label == "kim-putin-2023"}
    [cluster] = [c for c in cluster_reports(reports) if summit & set(c.event_ids)]
    assert set(cluster.event_ids) == summit
    assert (cluster.articles, cluster.stories) == (6, 5)  # kp-5 reprints kp-1
    statuses = {c.status: c.who for c in cluster.status}
    assert statuses["expected"] == ("South Korean officials (KOR)",)
    assert cluster.first_seen == "2023-09-11"


def test_the_shell_claim_keeps_its_denial(
    coded: tuple[list[Report], dict[str, str], int],
) -> None:
    reports, gold, _ = coded
    shells = {e for e, label in gold.items() if label == "shells-2023"}
    [cluster] = [c for c in cluster_reports(reports) if shells & set(c.event_ids)]
    assert {c.status: c.reports for c in cluster.status} == {"reported": 1, "denied": 1}
    assert cluster.best_event_id in shells
    assert cluster.claims[0].status == "reported"


def test_coded_reports_cluster_the_same_in_any_order_and_batches(
    coded: tuple[list[Report], dict[str, str], int],
) -> None:
    reports, _, _ = coded
    expected = [c.to_dict() for c in cluster_reports(reports)]
    rng = random.Random(4)
    for _ in range(5):
        shuffled = list(reports)
        rng.shuffle(shuffled)
        index = EventIndex()
        for i in range(0, len(shuffled), 7):
            index.add(shuffled[i : i + 7])
        assert [c.to_dict() for c in index.clusters()] == expected
