"""The Parquet layout of a batch run: events, articles and failures as flat rows.

Pure Python (no pyspark): the Spark job builds its schemas from these column lists,
and ``dyadwatch ingest-parquet`` reads the files back with pyarrow alone.

- ``events``: the event contract flattened (``source.country`` -> ``source_country``,
  ``plover.context`` -> a list column) plus ``record``, the JSON of the whole event
  dict, so fields added to the contract later are never lost.
- ``articles``: what the store keeps of each coded article, its MinHash ``signature``
  (packed by :func:`dyadwatch.dedupe.pack_signature`; made on the executor, so loading
  does not redo it), plus ``record``, the JSON of every field of
  :class:`~dyadwatch.model.Article`.
- ``failures``: one row per input that could not be coded, with the error's parts so
  the same error can be rebuilt when it is loaded.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from typing import Any, Literal

from dyadwatch import errors
from dyadwatch.dedupe import SCHEME, Signature, pack_signature
from dyadwatch.errors import DyadwatchError
from dyadwatch.model import Article

__all__ = [
    "ARTICLE_COLUMNS",
    "EVENT_COLUMNS",
    "FAILURE_COLUMNS",
    "ColumnType",
    "article_from_row",
    "article_row",
    "error_from_row",
    "event_row",
    "failure_row",
]

ColumnType = Literal["string", "int", "double", "bool", "strings", "binary"]

_ACTOR = ("text", "start", "end", "name", "country", "sector", "code")
_ACTOR_TYPES: dict[str, ColumnType] = {"start": "int", "end": "int"}

EVENT_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("event_id", "string"),
    ("doc_id", "string"),
    ("url", "string"),
    ("title", "string"),
    ("published", "string"),
    ("date", "string"),
    ("sentence_index", "int"),
    ("sentence", "string"),
    *((f"source_{k}", _ACTOR_TYPES.get(k, "string")) for k in _ACTOR),
    *((f"target_{k}", _ACTOR_TYPES.get(k, "string")) for k in _ACTOR),
    ("trigger_text", "string"),
    ("trigger_start", "int"),
    ("trigger_end", "int"),
    ("cameo", "string"),
    ("cameo_label", "string"),
    ("quad_class", "int"),
    ("goldstein", "double"),
    ("plover_type", "string"),
    ("plover_mode", "string"),
    ("plover_context", "strings"),
    ("status", "string"),
    ("hedged", "bool"),
    ("attribution_text", "string"),
    ("attribution_start", "int"),
    ("attribution_end", "int"),
    ("attribution_country", "string"),
    ("attribution_sector", "string"),
    ("symmetric", "bool"),
    ("confidence", "double"),
    ("coder", "string"),
    ("record", "string"),
)

ARTICLE_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("doc_id", "string"),
    ("origin", "string"),
    ("url", "string"),
    ("title", "string"),
    ("published", "string"),
    ("site", "string"),
    ("language", "string"),
    ("events", "int"),
    ("signature", "binary"),
    ("signature_scheme", "string"),  # dedupe.SCHEME: signatures of another can't be used
    ("record", "string"),
)

FAILURE_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("origin", "string"),
    ("doc_id", "string"),
    ("code", "string"),
    ("error_class", "string"),
    ("subject", "string"),
    ("problem", "string"),
    ("fix", "string"),
    ("message", "string"),
)


def event_row(record: Mapping[str, Any]) -> tuple[Any, ...]:
    """One event contract dict as a row in ``EVENT_COLUMNS`` order."""
    flat: dict[str, Any] = {name: record.get(name) for name, _ in EVENT_COLUMNS}
    for side in ("source", "target"):
        actor = record.get(side) or {}
        for key in _ACTOR:
            flat[f"{side}_{key}"] = actor.get(key)
    trigger = record.get("trigger") or {}
    for key in ("text", "start", "end"):
        flat[f"trigger_{key}"] = trigger.get(key)
    plover = record.get("plover") or {}
    flat["plover_type"] = plover.get("type")
    flat["plover_mode"] = plover.get("mode")
    flat["plover_context"] = list(plover.get("context") or ())
    attribution = record.get("attribution") or {}
    for key in ("text", "start", "end", "country", "sector"):
        flat[f"attribution_{key}"] = attribution.get(key)
    flat["record"] = json.dumps(dict(record), ensure_ascii=False)
    return tuple(flat[name] for name, _ in EVENT_COLUMNS)


def article_row(article: Article, events: int, signature: Signature) -> tuple[Any, ...]:
    """A coded article (without its events) and the MinHash signature of its text as a
    row in ``ARTICLE_COLUMNS`` order."""
    record = dataclasses.asdict(article)
    flat = {name: record.get(name) for name, _ in ARTICLE_COLUMNS}
    flat["events"] = events
    flat["signature"] = pack_signature(signature)
    flat["signature_scheme"] = SCHEME
    flat["record"] = json.dumps(record, ensure_ascii=False, default=str)
    return tuple(flat[name] for name, _ in ARTICLE_COLUMNS)


def article_from_row(record_json: str) -> Article:
    """The Article an ``articles`` row's ``record`` holds (unknown keys are ignored)."""
    record = json.loads(record_json)
    known = {f.name for f in dataclasses.fields(Article)}
    return Article(**{k: v for k, v in record.items() if k in known})


def failure_row(origin: str, error: DyadwatchError, doc_id: str | None) -> tuple[Any, ...]:
    """A failure as a row in ``FAILURE_COLUMNS`` order."""
    return (
        origin,
        doc_id,
        error.code,
        type(error).__name__,
        error.subject,
        error.problem,
        error.fix,
        error.message,
    )


def error_from_row(error_class: str, subject: str, problem: str, fix: str) -> DyadwatchError:
    """Rebuild the error a ``failures`` row recorded (its class, so its code, too)."""
    found = getattr(errors, error_class, None)
    if (
        error_class in errors.__all__
        and isinstance(found, type)
        and issubclass(found, DyadwatchError)
    ):
        return found(subject, problem, fix)
    # A class this version does not know (written by a newer dyadwatch): keep the words.
    return DyadwatchError(subject, problem, fix)
