"""Event location cost as a share of coding time.

    .venv/bin/python bench/locate_cost.py [--corpus DIR] [--repeat N]

Codes the bundled samples plus the locator's gold texts (tests/locate/gold*.jsonl), or
../shared/eval/articles/guardian_dev when it is there, N times with a pipeline whose
locator is timed, and prints the coding time, the time spent locating (best of N, after
a warm-up run) and its share (target: at most 5%). The gazetteer is built once per
process; its build time is printed apart. Wall-clock: run on a quiet box.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from dyadwatch.locate import Gazetteer, Locator
from dyadwatch.model import AnnotatedArticle, Document, Event, Mention
from dyadwatch.pipeline import Pipeline
from dyadwatch.read import read_inputs
from dyadwatch.samples import sample_paths

ROOT = Path(__file__).resolve().parents[1]
GUARDIAN_DEV = ROOT.parent / "shared" / "eval" / "articles" / "guardian_dev"
GOLD = [ROOT / "tests" / "locate" / "gold.jsonl", ROOT / "tests" / "locate" / "gold_heldout.jsonl"]


@dataclass
class TimedLocator(Locator):
    seconds: float = 0.0

    def locate(
        self, item: AnnotatedArticle, mentions: list[list[Mention]], events: list[Event]
    ) -> list[Event]:
        started = time.perf_counter()
        try:
            return super().locate(item, mentions, events)
        finally:
            self.seconds += time.perf_counter() - started


def documents(corpus: Path | None) -> tuple[str, list[Document]]:
    given = corpus or GUARDIAN_DEV
    if given.exists():
        return f"{given} (as found)", [
            d for d in read_inputs([str(given)]) if isinstance(d, Document)
        ]
    docs = [d for d in read_inputs([str(p) for p in sample_paths()]) if isinstance(d, Document)]
    for path in GOLD:
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            text = json.loads(line)["text"]
            docs.append(Document(f"{path.stem}-{i}", f"{path.name}:{i + 1}", "text", text))
    return f"bundled samples + locator gold texts ({given} is not on this machine)", docs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    described, docs = documents(args.corpus)

    started = time.perf_counter()
    gazetteer = Gazetteer()
    build = time.perf_counter() - started
    locator = TimedLocator(gazetteer)
    pipeline = Pipeline(locator=locator)
    list(pipeline.code_documents(docs))  # warm-up: model loaded, caches filled

    best: tuple[float, float, int] | None = None
    for _ in range(args.repeat):
        locator.seconds = 0.0
        started = time.perf_counter()
        outcomes = list(pipeline.code_documents(docs))
        total = time.perf_counter() - started
        events = sum(len(getattr(o, "events", [])) for o in outcomes)
        if best is None or total < best[0]:
            best = (total, locator.seconds, events)
    assert best is not None
    total, located, events = best
    print(f"corpus: {described}")
    print(f"documents: {len(docs)}, events: {events}")
    print(f"coding time (best of {args.repeat}): {total:.3f} s")
    print(f"locating time in that run: {located:.4f} s = {100 * located / total:.2f}% of coding")
    print(f"gazetteer build (once per process): {build:.3f} s")
    return 0 if located / total <= 0.05 else 1


if __name__ == "__main__":
    sys.exit(main())
