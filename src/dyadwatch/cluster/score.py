"""Pairwise precision and recall of a clustering against hand-labelled gold."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations

__all__ = ["PairScores", "pairwise_scores"]


@dataclass(frozen=True, slots=True)
class PairScores:
    """Over pairs of items: predicted together vs gold together."""

    true_pairs: int
    predicted_pairs: int
    gold_pairs: int

    @property
    def precision(self) -> float:
        return self.true_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.true_pairs / self.gold_pairs if self.gold_pairs else 1.0


def pairwise_scores(predicted: Mapping[str, str], gold: Mapping[str, str]) -> PairScores:
    """Score the items present in both mappings (item id -> cluster label)."""
    items = sorted(set(predicted) & set(gold))
    true = pred = want = 0
    for a, b in combinations(items, 2):
        same_pred = predicted[a] == predicted[b]
        same_gold = gold[a] == gold[b]
        pred += same_pred
        want += same_gold
        true += same_pred and same_gold
    return PairScores(true, pred, want)
