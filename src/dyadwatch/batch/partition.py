"""What one Spark task does, in plain Python: sources in, flat output rows out.

The driver turns the inputs into *sources*, small tuples that Spark ships to the
executors; each partition builds one :class:`~dyadwatch.pipeline.Pipeline` and feeds
it every source of the partition, so the coding is exactly the CLI's:

- ``("file", PATH, "")``: a text or HTML file (or a missing path) read on the executor
  with :func:`dyadwatch.read.read_inputs`, the reader ``dyadwatch code`` uses; the path
  must be visible to the executors (local mode, or a filesystem they share).
- ``("jsonl", ORIGIN, LINE)``: one JSONL line (or one Parquet row serialised to a JSONL
  line by Spark), parsed by :func:`dyadwatch.read.jsonl.parse_jsonl` with the same
  checks as the CLI; ``ORIGIN`` is ``path:LINE`` as the CLI names it.

Nothing here imports pyspark, so it is tested without starting Spark.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from dyadwatch.batch.columns import article_row, event_row, failure_row
from dyadwatch.dedupe import signature
from dyadwatch.errors import BadOption, InputError
from dyadwatch.model import Document
from dyadwatch.pipeline import Coded, Pipeline
from dyadwatch.read import read_inputs
from dyadwatch.read.jsonl import parse_jsonl

__all__ = [
    "InputPlan",
    "OutputKind",
    "OutputRow",
    "Source",
    "code_partition",
    "plan_inputs",
]

Source = tuple[str, str, str]  # (kind, origin, payload): see the module docstring
OutputKind = Literal["event", "article", "failure"]
# (kind, event row, article row, failure row): exactly one of the three rows is set.
OutputRow = tuple[OutputKind, Any, Any, Any]

_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
_PARQUET_SUFFIXES = (".parquet", ".parq")
_WARC_SUFFIXES = (".warc", ".warc.gz")


@dataclass
class InputPlan:
    """The inputs split by who reads them: executors (files) or Spark's own readers."""

    files: list[str] = field(default_factory=list)
    jsonl: list[str] = field(default_factory=list)
    parquet: list[str] = field(default_factory=list)


def plan_inputs(inputs: Iterable[str]) -> InputPlan:
    """Sort INPUT arguments into files, JSONL and Parquet, expanding local directories.

    Directories are walked like ``dyadwatch code`` walks them (sorted, hidden entries
    skipped); WARC, text and HTML files are read by the executors. Paths with a scheme
    (``s3a://``, ``hdfs://``...) go to Spark's readers: JSONL by suffix, anything else
    but WARC as Parquet (a dataset is usually a directory). A
    local path that does not exist stays a file source, so the executor reports it as
    E101 in the failures, as the CLI does.
    """
    plan = InputPlan()
    for given in inputs:
        if given == "-":
            raise BadOption("-", "dyadwatch batch cannot read standard input", "Pass files")
        if "://" in given:
            if given.lower().endswith(_WARC_SUFFIXES):
                # Executors read WARC files with dyadwatch's own reader, from a path.
                raise BadOption(
                    given,
                    "WARC files are read from paths the executors can open, not from URLs",
                    "Copy or mount them on storage every node sees (see docs/spark.md)",
                )
            (plan.jsonl if _is_jsonl(given) else plan.parquet).append(given)
        else:
            _plan_local(given, Path(given), plan)
    return plan


def _plan_local(given: str, path: Path, plan: InputPlan) -> None:
    if path.is_dir() and not path.is_symlink():
        for entry in sorted(path.iterdir(), key=lambda p: p.name):
            # Hidden files and folders are never articles (as in dyadwatch.read).
            if not entry.name.startswith("."):
                _plan_local(str(Path(given) / entry.name), entry, plan)
    elif not path.exists():
        plan.files.append(given)
    elif _is_jsonl(given):
        plan.jsonl.append(given)
    elif given.lower().endswith(_PARQUET_SUFFIXES):
        plan.parquet.append(given)
    else:
        plan.files.append(given)


def _is_jsonl(name: str) -> bool:
    return name.lower().endswith(_JSONL_SUFFIXES)


def code_partition(
    sources: Iterable[Source],
    *,
    date: str | None = None,
    pipeline: Callable[[], Pipeline] = Pipeline,
) -> Iterator[OutputRow]:
    """Code one partition's sources with one pipeline; yield event, article, failure rows.

    Every source leaves a trace: its articles (with their events) or a failure. Each
    article carries the MinHash signature of its text, made here as ``dyadwatch
    ingest`` makes it in its coding workers, so that loading the output only has to
    put the articles in story clusters.
    """
    for outcome in pipeline().code_documents(_documents(sources), date=date):
        if isinstance(outcome, Coded):
            article = outcome.article
            row = article_row(article, len(outcome.events), signature(article.text))
            yield ("article", None, row, None)
            for event in outcome.events:
                yield ("event", event_row(event.to_dict()), None, None)
        else:
            row = failure_row(outcome.origin, outcome.error, outcome.doc_id)
            yield ("failure", None, None, row)


def _documents(sources: Iterable[Source]) -> Iterator[Document | InputError]:
    for kind, origin, payload in sources:
        if kind == "file":
            yield from read_inputs([origin])
        elif kind == "jsonl":
            yield from _jsonl_line(origin, payload)
        else:
            raise ValueError(f"unknown source kind {kind!r} for {origin}")


def _jsonl_line(origin: str, line: str) -> Iterator[Document | InputError]:
    # The CLI drops a byte-order mark before parsing; Spark's line reader keeps it.
    for item in parse_jsonl(origin, line.removeprefix("\ufeff")):
        # parse_jsonl numbers lines itself ("ORIGIN:1"); the origin already says where.
        if isinstance(item, Document):
            yield dataclasses.replace(item, origin=origin)
        else:
            yield type(item)(origin, item.problem, item.fix)
