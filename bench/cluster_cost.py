"""Event clustering cost as a share of coding time, and the reduction from reports to events.

    .venv/bin/python bench/cluster_cost.py [--corpus DIR] [--repeat N]

Codes the bundled samples plus the clustering briefs (tests/cluster/data/briefs.jsonl),
or ../shared/eval/articles/guardian_dev when it is there, then clusters the events
twice: all at once, and one article at a time as ingest does. Prints the coding time,
both clustering times (best of N), their share of coding time (target: at most 10%),
and the count of reports, clusters and the reduction. Then stores the articles in a
scratch database in batches of 32 (as ingest does; clusters are kept up to date on
each batch) and times that, and the store's own re-clustering of every event at once.
Wall-clock: run on a quiet box.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from dyadwatch.cluster import EventIndex, Report, cluster_reports
from dyadwatch.model import Document, Event
from dyadwatch.pipeline import Coded, Pipeline
from dyadwatch.read import read_inputs
from dyadwatch.samples import sample_paths
from dyadwatch.store import Store
from dyadwatch.store.event_clusters import backfill_event_clusters

ROOT = Path(__file__).resolve().parents[1]
GUARDIAN_DEV = ROOT.parent / "shared" / "eval" / "articles" / "guardian_dev"
BRIEFS = ROOT / "tests" / "cluster" / "data" / "briefs.jsonl"


def documents(corpus: Path | None) -> tuple[str, list[Document]]:
    given = corpus or GUARDIAN_DEV
    if given.exists():
        inputs = [str(given)]
        described = f"{given} (as found)"
    else:
        inputs = [*(str(p) for p in sample_paths()), str(BRIEFS)]
        described = f"bundled samples + {BRIEFS.name} ({given} is not on this machine)"
    return described, [d for d in read_inputs(inputs) if isinstance(d, Document)]


def best_of(repeat: int, run: Callable[[], None]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def timed_store(coded: list[Coded]) -> tuple[float, float]:
    """(seconds to store everything in batches of 32, seconds to re-cluster it all)."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "bench.duckdb"
        with Store(path) as store:
            run = store.start_run(["bench"], coder="bench")
            started = time.perf_counter()
            for i in range(0, len(coded), 32):
                store.add_articles(run, [(o.article, o.events) for o in coded[i : i + 32]])
            adding = time.perf_counter() - started
        con = duckdb.connect(str(path))
        try:
            con.execute("DELETE FROM event_cluster_members")
            con.execute("DELETE FROM event_clusters")
            started = time.perf_counter()
            backfill_event_clusters(con)
            clustering = time.perf_counter() - started
        finally:
            con.close()
    return adding, clustering


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="a directory or file of articles")
    parser.add_argument("--repeat", type=int, default=5, help="clustering runs (best of)")
    args = parser.parse_args()
    described, docs = documents(args.corpus)
    pipeline = Pipeline()
    pipeline.code_text("Warm-up: Russia met China.")  # load the model outside the timing
    started = time.perf_counter()
    coded = [o for o in pipeline.code_documents(docs) if isinstance(o, Coded)]
    coding = time.perf_counter() - started
    per_article: list[list[Event]] = [o.events for o in coded if o.events]
    events = [e for group in per_article for e in group]

    def batch() -> None:
        cluster_reports([Report.from_record(e) for e in events])

    def incremental() -> None:
        index = EventIndex()
        for group in per_article:
            index.add([Report.from_record(e) for e in group])
        index.clusters()

    at_once = best_of(args.repeat, batch)
    one_by_one = best_of(args.repeat, incremental)
    clusters = cluster_reports([Report.from_record(e) for e in events])
    store_add, store_cluster = timed_store(coded)
    result = {
        "corpus": described,
        "articles": len(coded),
        "reports": len(events),
        "clusters": len(clusters),
        "reduction": round(1 - len(clusters) / len(events), 3) if events else 0.0,
        "coding_s": round(coding, 3),
        "cluster_batch_s": round(at_once, 4),
        "cluster_incremental_s": round(one_by_one, 4),
        "share_batch": round(at_once / coding, 4),
        "share_incremental": round(one_by_one / coding, 4),
        "store_add_s": round(store_add, 3),
        "store_recluster_s": round(store_cluster, 3),
        "share_store_recluster": round(store_cluster / coding, 4),
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
