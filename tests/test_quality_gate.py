"""The quality gate: coder scores on gold sets may rise, never fall below their floors.

Our own corpora are always checked: tests/data/sentences.jsonl (the rules were tuned on
it), tests/data/heldout.jsonl (written blind, then studied: a dev set now) and
tests/data/blind.jsonl (written blind, never studied). The shared dev gold sets in
../shared/eval/gold are checked when present (each needs floors pinned in
quality/floors.json; a set without floors fails, so none slips in unpinned).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dyadwatch.evaluate import Report, read_gold, score
from dyadwatch.model import Article
from dyadwatch.pipeline import Pipeline
from dyadwatch.quality_gate import below_floors, read_floors

ROOT = Path(__file__).parents[1]
FLOORS = ROOT / "quality" / "floors.json"
SHARED_GOLD = ROOT.parent / "shared" / "eval" / "gold"


def _evaluate(gold_path: Path) -> Report:
    gold = read_gold(gold_path)
    articles = [Article(doc_id=g.id, origin=g.id, text=g.text, published=g.date) for g in gold]
    coded = Pipeline().code_articles(articles)
    return score(gold, [[e.to_dict() for e in c.events] for c in coded])


OWN_CORPUS = ROOT / "tests" / "data" / "sentences.jsonl"


@pytest.fixture(scope="module")
def own_report() -> Report:
    return _evaluate(OWN_CORPUS)


def test_own_corpus_holds_its_floors(own_report: Report) -> None:
    floors = read_floors(FLOORS, OWN_CORPUS)
    assert floors, "sentences.jsonl must have floors pinned"
    assert below_floors(own_report, floors) == []


@pytest.mark.parametrize("name", ["heldout.jsonl", "blind.jsonl"])
def test_other_own_corpora_hold_their_floors(name: str) -> None:
    # heldout.jsonl was written blind and then studied (a dev set now); blind.jsonl was
    # written blind and has never been studied or tuned on.
    gold = ROOT / "tests" / "data" / name
    floors = read_floors(FLOORS, gold)
    assert floors, f"{name} must have floors pinned"
    assert below_floors(_evaluate(gold), floors) == []


@pytest.mark.parametrize(
    "gold",
    sorted(SHARED_GOLD.glob("*.jsonl")) if SHARED_GOLD.is_dir() else [],
    ids=lambda p: p.name,
)
def test_shared_gold_sets_hold_their_floors(gold: Path) -> None:
    floors = read_floors(FLOORS, gold)
    assert floors, f"pin floors for {gold.name} in quality/floors.json"
    assert below_floors(_evaluate(gold), floors) == []


def test_shared_gold_sets_are_skipped_cleanly_when_absent() -> None:
    if SHARED_GOLD.is_dir():
        pytest.skip("../shared/eval/gold is present; its sets are checked above")
    assert not list(ROOT.parent.glob("shared/eval/gold/*.jsonl"))


def test_a_drop_below_a_floor_is_reported(own_report: Report) -> None:
    raised = {"dyad_root": {"f1": 0.999}, "penta": 0.999}
    drops = below_floors(own_report, raised)
    assert len(drops) == 2 and drops[0].startswith("dyad_root f1")
