"""Pipeline throughput: articles/s, words/s, cost over spaCy alone, 1 vs 2 workers, peak RSS.

    .venv/bin/python bench/pipeline.py [--copies N] [--corpus DIR]

Reads ../shared/eval/articles/guardian_dev when it is there, else the bundled sample
briefs repeated N times (each copy made distinct, so nothing is skipped as already
ingested), and says which in the output. Prints a Markdown table for BENCHMARKS.md.
Numbers are wall-clock on whatever else the machine is doing: run it on a quiet box.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from dyadwatch.annotate import paragraphs
from dyadwatch.extract import extract
from dyadwatch.ingest import ingest
from dyadwatch.model import Document
from dyadwatch.pipeline import Coded, Pipeline
from dyadwatch.read import read_inputs
from dyadwatch.samples import sample_paths
from dyadwatch.store import Store

GUARDIAN_DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "articles" / "guardian_dev"


def corpus(args: argparse.Namespace, scratch: Path) -> tuple[str, list[str]]:
    """(description, inputs) of the texts to measure on."""
    given = Path(args.corpus) if args.corpus else GUARDIAN_DEV
    if given.exists():
        return f"{given} (as found)", [str(given)]
    lines = []
    samples = [p.read_text(encoding="utf-8") for p in sample_paths()]
    for copy in range(args.copies):
        for number, text in enumerate(samples):
            # A distinct last line makes each copy a new document with the same cost.
            lines.append(
                json.dumps({"id": f"c{copy}-{number}", "text": f"{text}\n\n(copy {copy})"})
            )
    path = scratch / "samples.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return (
        f"bundled samples x{args.copies} ({len(lines)} articles; "
        f"{GUARDIAN_DEV} is not on this machine)",
        [str(path)],
    )


def timed_pipeline(pipeline: Pipeline, documents: list[Document]) -> tuple[float, int, int]:
    started = time.perf_counter()
    coded = [o for o in pipeline.code_documents(documents) if isinstance(o, Coded)]
    elapsed = time.perf_counter() - started
    return elapsed, len(coded), sum(len(o.events) for o in coded)


def timed_spacy(pipeline: Pipeline, texts: list[str]) -> float:
    chunks = [chunk for text in texts for _, chunk in paragraphs(text)]
    started = time.perf_counter()
    for _ in pipeline.annotator.texts(chunks):
        pass
    return time.perf_counter() - started


def timed_ingest(inputs: list[str], workers: int, scratch: Path) -> tuple[float, list[int]]:
    db = scratch / f"bench-{workers}.duckdb"
    if db.exists():
        db.unlink()
    started = time.perf_counter()
    # As `dyadwatch ingest` does it: the database is opened per commit, so that the
    # dashboard can read it during the run; that cost is part of what is measured.
    report = ingest(lambda: Store(db), read_inputs(inputs), inputs=inputs, workers=workers)
    return time.perf_counter() - started, report.peak_rss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40, help="sample copies when no corpus")
    parser.add_argument("--corpus", default=None, help="a directory or file to read instead")
    parser.add_argument("--rounds", type=int, default=2, help="timed rounds; the best counts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        scratch = Path(name)
        described, inputs = corpus(args, scratch)
        documents = [d for d in read_inputs(inputs) if isinstance(d, Document)]
        texts = []
        for document in documents:
            try:
                texts.append(extract(document).text)
            except Exception:  # noqa: BLE001 - a failed extraction is not coded by either pass
                continue
        words = sum(len(t.split()) for t in texts)
        pipeline = Pipeline()
        started = time.perf_counter()
        pipeline.code_text("Warm-up: France and Germany signed a treaty.")  # loads the model
        load_s = time.perf_counter() - started
        # Interleaved rounds, best of each: both passes see the same machine state.
        spacy_times, pipeline_times = [], []
        coded = events = 0
        for _ in range(args.rounds):
            gc.collect()
            spacy_times.append(timed_spacy(pipeline, texts))
            gc.collect()
            elapsed, coded, events = timed_pipeline(pipeline, documents)
            pipeline_times.append(elapsed)
        spacy_s, pipe_s = min(spacy_times), min(pipeline_times)
        one_s, one_rss = timed_ingest(inputs, 1, scratch)
        two_s, two_rss = timed_ingest(inputs, 2, scratch)

    mib = 1024 * 1024
    rows = [
        ("corpus", described),
        ("machine", f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"),
        ("articles coded / events", f"{coded} / {events} ({words} words)"),
        (
            "spaCy-only pass (same paragraphs)",
            f"{spacy_s:.2f} s, {len(texts) / spacy_s:.1f} articles/s",
        ),
        (
            "whole pipeline, 1 process (extract+annotate+resolve+classify)",
            f"{pipe_s:.2f} s, {coded / pipe_s:.1f} articles/s, {words / pipe_s:,.0f} words/s",
        ),
        ("pipeline / spaCy-only (target <= 1.35)", f"{pipe_s / spacy_s:.2f}x"),
        (
            "ingest --workers 1 (with model load and DuckDB writes)",
            f"{one_s:.2f} s, {coded / one_s:.1f} articles/s",
        ),
        ("ingest --workers 2", f"{two_s:.2f} s, {coded / two_s:.1f} articles/s"),
        ("speed-up 2 vs 1 worker (target >= 1.7)", f"{one_s / two_s:.2f}x"),
        (
            f"speed-up without the model load ({load_s:.1f} s, paid once per process, in parallel)",
            f"{(one_s - load_s) / max(two_s - load_s, 1e-6):.2f}x",
        ),
        (
            "peak RSS per worker (target <= 1.5 GB)",
            f"1 worker: {max(one_rss) / mib:.0f} MiB; 2 workers: "
            + ", ".join(f"{r / mib:.0f}" for r in two_rss)
            + " MiB",
        ),
    ]
    print_table(rows)
    return 0


def print_table(rows: list[tuple[str, str]]) -> None:
    """The rows as the Markdown table BENCHMARKS.md keeps."""
    print("| measure | result |")
    print("| --- | --- |")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    raise SystemExit(main())
