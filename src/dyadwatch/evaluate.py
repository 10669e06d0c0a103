"""Score coded events against hand-coded gold sentences.

Gold files are JSONL, one sentence per line (``tests/data/README.md`` has the full
format and the coding conventions)::

    {"id": "s001", "text": "...", "date": "2024-06-19",
     "events": [{"source": "PRK", "target": "RUS", "cameo": "051",
                 "plover": "SUPPORT", "status": "reported"}]}

``read_gold`` also reads gold sets written by other tools. It accepts these keys:

- sentence: ``id`` or ``sentence_id`` (missing: ``FILE:LINE`` is used); ``text`` or
  ``sentence`` (required); ``date`` or ``published``; ``events`` (a list, ``[]`` for a
  sentence with no event).
- event: ``source`` / ``source_country`` / ``actor1``; ``target`` / ``target_country`` /
  ``actor2``; ``cameo`` / ``code`` / ``event_code`` / ``cameo_code`` (required);
  ``plover`` / ``plover_type`` / ``event_type``; ``status``; ``symmetric``. An actor
  may be a code string or an object in the event contract's shape (its ``country``,
  else its ``code``); ``plover`` may be a string or an object with a ``type``.
- a line without ``events`` but with a CAMEO key at the top level is one event (the
  event keys sit beside ``text``); a null or empty code there means no event. Lines
  that repeat an ``id`` with the same text add their events to that sentence, so a
  one-event-per-line gold set reads as it should.
- CAMEO codes are strings of 2-4 digits with a root from 01 to 20. A two-digit string
  ("19") means the root's own code ("190"). An integer is a code whose leading zero was
  lost (51 -> "051", 211 -> "0211").

Matching rules used by ``score``:

- Actors are compared on their country: the first three letters of the code, so
  "RUSGOV", "RUSMIL" and "RUS" all match "RUS". International bodies (codes that start
  with "IGO") match when the shorter code is a prefix of the longer and both are at
  least six letters: "IGOUNO" matches "IGOUNOIAE", "IGOWSTNAT" does not match
  "IGOEUREEC". A predicted actor's country is used, else its code. Two missing targets
  agree (both events are one-sided).
- Within one sentence each predicted event pairs with at most one gold event and the
  reverse. Pairs are chosen greedily, best agreement first: dyad and root, then dyad,
  then root, then full code, then the number of matching sides. Pairs that agree on
  nothing are still made while both sides have unpaired events, so the confusion table
  shows what was coded instead; they count as errors in every field.
- A predicted or gold event marked ``symmetric`` matches in either direction (it is
  turned to whichever direction matches more sides).

Fields (precision = tp / (tp + fp), recall = tp / (tp + fn), F1 their harmonic mean; an
empty denominator gives 0.0):

- ``event``: per sentence; tp = gold has an event and something was predicted, fp =
  gold has none but something was predicted, fn = gold has an event and nothing was.
- ``cameo_root``, ``cameo_code``, ``source``, ``target``, ``dyad_root``, ``plover``:
  per event; tp = paired events that agree on the field, fp = predicted events that
  carry the field minus tp, fn = gold events that carry it minus tp. ``target`` counts
  only events with a target; ``plover`` only those with a PLOVER type; ``dyad_root``
  needs source, target (or both missing) and root to agree.
- ``empty``: no-event sentences left empty; tp = gold and prediction both empty, fn =
  gold empty but something predicted, fp = prediction empty though gold has an event.
  Its recall is the share of no-event sentences the coder left alone.

Beside the fields: a root confusion table (gold root -> predicted root, with "none"
for an unpaired event on either side), the accuracy of ``status`` on pairs that agree
on the root, precision by confidence bucket (a predicted event is right when its pair
agrees on dyad and root), the penta-class accuracy of the most confident predicted
event in each sentence that has gold events (right when its class is the class of one
of the gold events; a sentence with no prediction counts as wrong), and the sentences
with the most errors ("misses"), most confident errors first.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from dyadwatch.errors import BinaryInput, InputNotFound, MalformedInput, UnreadableInput

__all__ = [
    "ConfidenceBucket",
    "FieldScore",
    "GoldEvent",
    "GoldSentence",
    "Miss",
    "Report",
    "read_gold",
    "render_json",
    "render_text",
    "score",
]

STATUSES = frozenset({"reported", "intended", "expected", "denied", "hypothetical"})

_SOURCE_KEYS = ("source", "source_country", "actor1")
_TARGET_KEYS = ("target", "target_country", "actor2")
_CAMEO_KEYS = ("cameo", "code", "event_code", "cameo_code")
_PLOVER_KEYS = ("plover", "plover_type", "event_type")
_ID_KEYS = ("id", "sentence_id")
_TEXT_KEYS = ("text", "sentence")
_DATE_KEYS = ("date", "published")

FIELD_LABELS = {
    "event": "event detected (sentence)",
    "cameo_root": "CAMEO root",
    "cameo_code": "CAMEO full code",
    "source": "source country",
    "target": "target country",
    "dyad_root": "dyad + root",
    "plover": "PLOVER type",
    "empty": "no-event sentences left empty",
}

# Confidence buckets: everything under 0.5 together (the coder rarely emits it), then
# tenths; the last bucket includes 1.0.
_BUCKET_EDGES = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)

NONE = "none"


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class GoldEvent:
    source: str | None
    target: str | None
    cameo: str
    plover: str | None
    status: str | None
    symmetric: bool = False


@dataclass(frozen=True, slots=True)
class GoldSentence:
    id: str
    text: str
    date: str | None
    events: tuple[GoldEvent, ...]


@dataclass(frozen=True, slots=True)
class FieldScore:
    name: str
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float

    @staticmethod
    def of(name: str, tp: int, fp: int, fn: int) -> FieldScore:
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return FieldScore(name, tp, fp, fn, precision, recall, f1)


@dataclass(frozen=True, slots=True)
class Miss:
    """A sentence the coder got wrong: its gold and predicted events and what differs."""

    sentence_id: str
    text: str
    gold: tuple[str, ...]
    predicted: tuple[str, ...]
    why: str
    errors: int
    confidence: float | None  # the highest confidence among its wrong predictions


@dataclass(frozen=True, slots=True)
class ConfidenceBucket:
    label: str
    low: float
    high: float
    n: int
    correct: int
    precision: float | None


@dataclass(frozen=True, slots=True)
class Report:
    fields: list[FieldScore]
    sentences: int
    gold_events: int
    predicted_events: int
    confusion: dict[str, dict[str, int]]
    misses: list[Miss]
    by_confidence: list[ConfidenceBucket]
    status_accuracy: float | None
    status_pairs: int
    penta_accuracy: float | None
    penta_sentences: int
    penta_covered: int
    penta_correct: int

    def field(self, name: str) -> FieldScore:
        for item in self.fields:
            if item.name == name:
                return item
        raise KeyError(name)


# ------------------------------------------------------------------------- read gold


def read_gold(path: Path) -> list[GoldSentence]:
    """Read a gold JSONL file; errors name ``path:line``."""
    if not path.exists():
        raise InputNotFound(str(path), "no such gold file")
    if path.is_dir():
        raise UnreadableInput(str(path), "is a directory, not a gold JSONL file")
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise UnreadableInput(str(path), err.strerror or "cannot be read") from err
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise BinaryInput(str(path), f"not UTF-8 text (byte {err.start})") from err

    sentences: list[GoldSentence] = []
    by_id: dict[str, int] = {}
    for lineno, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise MalformedInput(
                where, f"not valid JSON ({err.msg} at column {err.colno})"
            ) from err
        if not isinstance(row, dict):
            raise MalformedInput(where, "a gold line must be a JSON object")
        sentence = _gold_sentence(row, where, default_id=f"{path.name}:{lineno}")
        if sentence.id in by_id:
            index = by_id[sentence.id]
            earlier = sentences[index]
            if earlier.text != sentence.text:
                raise MalformedInput(where, f"id {sentence.id!r} is used for two different texts")
            sentences[index] = GoldSentence(
                earlier.id, earlier.text, earlier.date, earlier.events + sentence.events
            )
        else:
            by_id[sentence.id] = len(sentences)
            sentences.append(sentence)
    return sentences


def _pick(row: Mapping[str, Any], keys: Sequence[str], where: str) -> Any:
    """The value under the first of ``keys`` present; two aliases that disagree are an error."""
    found = [(key, row[key]) for key in keys if key in row]
    if not found:
        return None
    first_key, value = found[0]
    for key, other in found[1:]:
        if other != value:
            raise MalformedInput(where, f"{first_key!r} and {key!r} disagree; keep one of them")
    return value


def _gold_sentence(row: Mapping[str, Any], where: str, default_id: str) -> GoldSentence:
    ident = _pick(row, _ID_KEYS, where)
    if ident is None:
        ident = default_id
    elif not isinstance(ident, str | int) or isinstance(ident, bool) or str(ident) == "":
        raise MalformedInput(where, "id must be a non-empty string")
    text = _pick(row, _TEXT_KEYS, where)
    if not isinstance(text, str) or not text.strip():
        raise MalformedInput(where, "text is missing or empty")
    date = _pick(row, _DATE_KEYS, where)
    if date is not None and not isinstance(date, str):
        raise MalformedInput(where, "date must be a string (YYYY-MM-DD) or null")

    if "events" in row:
        items = row["events"]
        if not isinstance(items, list):
            raise MalformedInput(where, "events must be a list ([] for no event)")
        events = tuple(_gold_event(item, f"{where} event {n}") for n, item in enumerate(items, 1))
    elif any(key in row for key in _CAMEO_KEYS):
        code = _pick(row, _CAMEO_KEYS, where)
        events = () if code is None or code == "" else (_gold_event(row, where),)
    else:
        raise MalformedInput(
            where, 'no "events" list; write "events": [] for a sentence with no event'
        )
    return GoldSentence(str(ident), text, date or None, events)


def _gold_event(item: Any, where: str) -> GoldEvent:
    if not isinstance(item, dict):
        raise MalformedInput(where, "an event must be a JSON object")
    cameo = _normalize_cameo(_pick(item, _CAMEO_KEYS, where))
    if cameo is None:
        raise MalformedInput(where, "CAMEO code missing or not a code (2-4 digits, root 01-20)")
    status = item.get("status")
    if status is not None and status not in STATUSES:
        allowed = ", ".join(sorted(STATUSES))
        raise MalformedInput(where, f"status {status!r} is not one of {allowed}")
    symmetric = item.get("symmetric", False)
    if not isinstance(symmetric, bool):
        raise MalformedInput(where, "symmetric must be true or false")
    return GoldEvent(
        source=_actor_value(_pick(item, _SOURCE_KEYS, where), where),
        target=_actor_value(_pick(item, _TARGET_KEYS, where), where),
        cameo=cameo,
        plover=_plover_value(_pick(item, _PLOVER_KEYS, where), where),
        status=status,
        symmetric=symmetric,
    )


def _actor_value(value: Any, where: str) -> str | None:
    if isinstance(value, Mapping):
        value = value.get("country") or value.get("code")
    if value is None:
        return None
    if not isinstance(value, str):
        raise MalformedInput(where, f"actor {value!r} must be a code string, an object or null")
    return value.strip().upper() or None


def _plover_value(value: Any, where: str) -> str | None:
    if isinstance(value, Mapping):
        value = value.get("type")
    if value is None:
        return None
    if not isinstance(value, str):
        raise MalformedInput(where, f"PLOVER type {value!r} must be a string or null")
    return value.strip().upper() or None


def _normalize_cameo(value: Any) -> str | None:
    """A CAMEO code as a 3-4 digit string, or None when ``value`` is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        text = str(value)
        if len(text) <= 2:
            text = text.zfill(3)
        elif len(text) == 3 and int(text[:2]) > 20:
            text = "0" + text  # 211 can only be 0211: there is no root 21
    elif isinstance(value, str):
        text = value.strip()
        if len(text) == 2:
            text += "0"
    else:
        return None
    if not text.isdigit() or len(text) not in (3, 4) or not 1 <= int(text[:2]) <= 20:
        return None
    return text


# ---------------------------------------------------------------------------- scoring


@dataclass(frozen=True, slots=True)
class _Event:
    """An event reduced to what scoring compares (gold or predicted)."""

    source: str | None
    target: str | None
    cameo: str
    plover: str | None
    status: str | None
    symmetric: bool
    confidence: float | None

    @property
    def root(self) -> str:
        return self.cameo[:2]

    def describe(self) -> str:
        arrow = "<->" if self.symmetric else "->"
        text = f"{self.cameo or '?'} {self.source or '?'}{arrow}{self.target or '-'}"
        if self.plover:
            text += f" {self.plover}"
        if self.status:
            text += f" {self.status}"
        if self.confidence is not None:
            text += f" ({self.confidence:.2f})"
        return text


@dataclass(frozen=True, slots=True)
class _Pair:
    gold: int
    pred: int
    source_ok: bool
    target_ok: bool
    root_ok: bool
    code_ok: bool
    plover_ok: bool

    @property
    def dyad_ok(self) -> bool:
        return self.source_ok and self.target_ok

    @property
    def dyad_root_ok(self) -> bool:
        return self.dyad_ok and self.root_ok

    def rank(self) -> tuple[bool, bool, bool, bool, int]:
        sides = int(self.source_ok) + int(self.target_ok)
        return (self.dyad_root_ok, self.dyad_ok, self.root_ok, self.code_ok, sides)


def _actor_key(code: str | None) -> str | None:
    if code is None:
        return None
    code = code.strip().upper()
    if not code:
        return None
    return code if code.startswith("IGO") else code[:3]


def _same_actor(a: str | None, b: str | None) -> bool:
    ka, kb = _actor_key(a), _actor_key(b)
    if ka is None or kb is None:
        return ka is None and kb is None
    if ka.startswith("IGO") and kb.startswith("IGO"):
        short, long = sorted((ka, kb), key=len)
        # Six letters is "IGO" plus the body's own code (UNO, WST, EUR...): a bare "IGO"
        # would match every international body.
        return len(short) >= 6 and long.startswith(short)
    return ka == kb


def _from_gold(event: GoldEvent) -> _Event:
    return _Event(
        event.source,
        event.target,
        event.cameo,
        event.plover,
        event.status,
        event.symmetric,
        None,
    )


def _from_prediction(record: Mapping[str, Any]) -> _Event:
    plover = record.get("plover")
    if isinstance(plover, Mapping):
        plover = plover.get("type")
    confidence = record.get("confidence")
    cameo = record.get("cameo")
    status = record.get("status")
    return _Event(
        source=_predicted_actor(record.get("source")),
        target=_predicted_actor(record.get("target")),
        cameo=_normalize_cameo(cameo) or (str(cameo) if cameo is not None else ""),
        plover=str(plover).upper() if plover else None,
        status=str(status) if status else None,
        symmetric=record.get("symmetric") is True,
        confidence=float(confidence) if isinstance(confidence, int | float) else None,
    )


def _predicted_actor(value: Any) -> str | None:
    if isinstance(value, Mapping):
        country, code = value.get("country"), value.get("code")
        value = country or code
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"a predicted actor must be an object, a code or null, not {value!r}")
    return value


def _compare(gi: int, g: _Event, pi: int, p: _Event) -> _Pair:
    source_ok = _same_actor(p.source, g.source)
    target_ok = _same_actor(p.target, g.target)
    if p.symmetric or g.symmetric:
        swapped_source = _same_actor(p.target, g.source)
        swapped_target = _same_actor(p.source, g.target)
        if swapped_source + swapped_target > source_ok + target_ok:
            source_ok, target_ok = swapped_source, swapped_target
    return _Pair(
        gold=gi,
        pred=pi,
        source_ok=source_ok,
        target_ok=target_ok,
        root_ok=bool(p.cameo) and p.root == g.root,
        code_ok=bool(p.cameo) and p.cameo == g.cameo,
        plover_ok=p.plover is not None and p.plover == g.plover,
    )


def _pair(gold: Sequence[_Event], pred: Sequence[_Event]) -> list[_Pair]:
    candidates = [_compare(gi, g, pi, p) for gi, g in enumerate(gold) for pi, p in enumerate(pred)]
    # Stable sort: among equal agreement the earlier gold and predicted events pair first.
    candidates.sort(key=_Pair.rank, reverse=True)
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[_Pair] = []
    for candidate in candidates:
        if candidate.gold in used_gold or candidate.pred in used_pred:
            continue
        used_gold.add(candidate.gold)
        used_pred.add(candidate.pred)
        pairs.append(candidate)
    return pairs


def _penta_class(cameo: str) -> int | None:
    """The penta class of a CAMEO code: 0 statements, 1 verbal cooperation, 2 material
    cooperation, 3 verbal conflict, 4 material conflict."""
    if len(cameo) < 2 or not cameo[:2].isdigit():
        return None
    root = int(cameo[:2])
    for penta, last_root in enumerate((2, 5, 9, 14, 20)):
        if 1 <= root <= last_root:
            return penta
    return None


class _Tally:
    """Counts gathered sentence by sentence; turned into a Report at the end."""

    def __init__(self) -> None:
        self.tp: dict[str, int] = dict.fromkeys(FIELD_LABELS, 0)
        self.n_gold: dict[str, int] = dict.fromkeys(FIELD_LABELS, 0)
        self.n_pred: dict[str, int] = dict.fromkeys(FIELD_LABELS, 0)
        self.confusion: dict[str, dict[str, int]] = {}
        self.bucket_n = [0] * (len(_BUCKET_EDGES) - 1)
        self.bucket_correct = [0] * (len(_BUCKET_EDGES) - 1)
        self.status_pairs = 0
        self.status_correct = 0
        self.penta_sentences = 0
        self.penta_covered = 0
        self.penta_correct = 0
        self.misses: list[Miss] = []

    def confuse(self, gold_root: str, pred_root: str) -> None:
        row = self.confusion.setdefault(gold_root, {})
        row[pred_root] = row.get(pred_root, 0) + 1

    def bucket(self, confidence: float, correct: bool) -> None:
        index = len(self.bucket_n) - 1
        for i, high in enumerate(_BUCKET_EDGES[1:]):
            if confidence < high:
                index = i
                break
        self.bucket_n[index] += 1
        self.bucket_correct[index] += int(correct)


def score(gold: Sequence[GoldSentence], predicted: Sequence[Sequence[Mapping[str, Any]]]) -> Report:
    """Score ``predicted[i]`` (event records coded from ``gold[i].text``) against ``gold``."""
    if len(gold) != len(predicted):
        raise ValueError(
            f"{len(predicted)} prediction lists for {len(gold)} gold sentences; "
            "pass one list (possibly empty) per gold sentence"
        )
    tally = _Tally()
    total_gold = total_pred = 0
    for sentence, records in zip(gold, predicted, strict=True):
        gold_events = [_from_gold(event) for event in sentence.events]
        pred_events = [_from_prediction(record) for record in records]
        total_gold += len(gold_events)
        total_pred += len(pred_events)
        _score_sentence(tally, sentence, gold_events, pred_events)

    fields = [
        FieldScore.of(
            name,
            tally.tp[name],
            tally.n_pred[name] - tally.tp[name],
            tally.n_gold[name] - tally.tp[name],
        )
        for name in FIELD_LABELS
    ]
    buckets = []
    for i, (low, high) in enumerate(pairwise(_BUCKET_EDGES)):
        closing = "]" if i == len(tally.bucket_n) - 1 else ")"
        n, correct = tally.bucket_n[i], tally.bucket_correct[i]
        buckets.append(
            ConfidenceBucket(
                f"[{low:.1f},{high:.1f}{closing}", low, high, n, correct, correct / n if n else None
            )
        )
    misses = sorted(
        tally.misses,
        key=lambda miss: (-miss.errors, -(miss.confidence or 0.0)),
    )
    return Report(
        fields=fields,
        sentences=len(gold),
        gold_events=total_gold,
        predicted_events=total_pred,
        confusion=_sorted_confusion(tally.confusion),
        misses=misses,
        by_confidence=buckets,
        status_accuracy=(tally.status_correct / tally.status_pairs if tally.status_pairs else None),
        status_pairs=tally.status_pairs,
        penta_accuracy=(
            tally.penta_correct / tally.penta_sentences if tally.penta_sentences else None
        ),
        penta_sentences=tally.penta_sentences,
        penta_covered=tally.penta_covered,
        penta_correct=tally.penta_correct,
    )


def _score_sentence(
    tally: _Tally, sentence: GoldSentence, gold: list[_Event], pred: list[_Event]
) -> None:
    has_gold, has_pred = bool(gold), bool(pred)
    tally.n_gold["event"] += has_gold
    tally.n_pred["event"] += has_pred
    tally.tp["event"] += has_gold and has_pred
    tally.n_gold["empty"] += not has_gold
    tally.n_pred["empty"] += not has_pred
    tally.tp["empty"] += not has_gold and not has_pred

    for name, count_gold, count_pred in (
        ("cameo_root", len(gold), sum(1 for p in pred if p.cameo)),
        ("cameo_code", len(gold), sum(1 for p in pred if p.cameo)),
        (
            "source",
            sum(g.source is not None for g in gold),
            sum(p.source is not None for p in pred),
        ),
        (
            "target",
            sum(g.target is not None for g in gold),
            sum(p.target is not None for p in pred),
        ),
        ("dyad_root", len(gold), len(pred)),
        (
            "plover",
            sum(g.plover is not None for g in gold),
            sum(p.plover is not None for p in pred),
        ),
    ):
        tally.n_gold[name] += count_gold
        tally.n_pred[name] += count_pred

    pairs = _pair(gold, pred)
    right: set[int] = set()
    problems: list[str] = []
    wrong_confidence: list[float] = []
    for pair in pairs:
        g, p = gold[pair.gold], pred[pair.pred]
        tally.tp["cameo_root"] += pair.root_ok
        tally.tp["cameo_code"] += pair.code_ok
        tally.tp["source"] += pair.source_ok and g.source is not None
        tally.tp["target"] += pair.target_ok and g.target is not None
        tally.tp["dyad_root"] += pair.dyad_root_ok
        tally.tp["plover"] += pair.plover_ok
        tally.confuse(g.root, p.root or NONE)
        if pair.root_ok and g.status is not None:
            tally.status_pairs += 1
            tally.status_correct += p.status == g.status
        if pair.dyad_root_ok:
            right.add(pair.pred)
            continue
        wrong = [
            f"{what} {gold_value or '-'} vs {pred_value or '-'}"
            for what, ok, gold_value, pred_value in (
                ("root", pair.root_ok, g.root, p.root),
                ("source", pair.source_ok, g.source, p.source),
                ("target", pair.target_ok, g.target, p.target),
            )
            if not ok
        ]
        problems.append(f"{g.cameo}: " + ", ".join(wrong))
        if p.confidence is not None:
            wrong_confidence.append(p.confidence)

    paired_gold = {pair.gold for pair in pairs}
    paired_pred = {pair.pred for pair in pairs}
    for gi, g in enumerate(gold):
        if gi not in paired_gold:
            tally.confuse(g.root, NONE)
            problems.append(f"missed {g.describe()}")
    for pi, p in enumerate(pred):
        if pi not in paired_pred:
            tally.confuse(NONE, p.root or NONE)
            problems.append(f"spurious {p.describe()}")
            if p.confidence is not None:
                wrong_confidence.append(p.confidence)
        if p.confidence is not None:
            tally.bucket(p.confidence, pi in right)

    if has_gold:
        tally.penta_sentences += 1
        if has_pred:
            tally.penta_covered += 1
            top = max(pred, key=lambda p: -1.0 if p.confidence is None else p.confidence)
            gold_classes = {_penta_class(g.cameo) for g in gold}
            top_class = _penta_class(top.cameo)
            tally.penta_correct += top_class is not None and top_class in gold_classes

    if problems:
        tally.misses.append(
            Miss(
                sentence_id=sentence.id,
                text=sentence.text,
                gold=tuple(g.describe() for g in gold),
                predicted=tuple(p.describe() for p in pred),
                why="; ".join(problems),
                errors=len(problems),
                confidence=max(wrong_confidence) if wrong_confidence else None,
            )
        )


def _root_order(root: str) -> tuple[int, str]:
    return (1, root) if root == NONE else (0, root)


def _sorted_confusion(confusion: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    return {
        gold_root: dict(sorted(confusion[gold_root].items(), key=lambda kv: _root_order(kv[0])))
        for gold_root in sorted(confusion, key=_root_order)
    }


# -------------------------------------------------------------------------- rendering


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def render_text(report: Report, misses: int = 10) -> str:
    """A plain-text report: fields, status and penta accuracy, buckets, confusion, misses."""
    lines = [
        f"{report.sentences} sentences, {report.gold_events} gold events, "
        f"{report.predicted_events} predicted events",
        "",
        f"{'field':<32}{'tp':>6}{'fp':>6}{'fn':>6}{'prec':>8}{'recall':>8}{'f1':>8}",
    ]
    for item in report.fields:
        lines.append(
            f"{FIELD_LABELS.get(item.name, item.name):<32}{item.tp:>6}{item.fp:>6}{item.fn:>6}"
            f"{item.precision:>8.3f}{item.recall:>8.3f}{item.f1:>8.3f}"
        )
    lines += [
        "",
        f"status accuracy on root-matched pairs: {_fmt(report.status_accuracy)} "
        f"(n={report.status_pairs})",
        f"penta-class accuracy of the top predicted event: {_fmt(report.penta_accuracy)} "
        f"({report.penta_correct}/{report.penta_sentences} sentences with gold events; "
        f"{report.penta_covered} had a prediction)",
        "",
        "precision by confidence (right = dyad and root agree)",
        f"{'bucket':<12}{'n':>6}{'precision':>11}",
    ]
    lines += [f"{b.label:<12}{b.n:>6}{_fmt(b.precision):>11}" for b in report.by_confidence]

    columns = sorted({pred for row in report.confusion.values() for pred in row}, key=_root_order)
    if columns:
        lines += ["", "CAMEO root confusion (rows: gold, columns: predicted)"]
        lines.append("gold " + "".join(f"{c:>5}" for c in columns))
        for gold_root, row in report.confusion.items():
            cells = "".join(f"{row[c]:>5}" if c in row else f"{'.':>5}" for c in columns)
            lines.append(f"{gold_root:<5}{cells}")

    if report.misses and misses > 0:
        lines += ["", f"worst misses ({min(misses, len(report.misses))} of {len(report.misses)})"]
        for miss in report.misses[:misses]:
            lines.append(f"{miss.sentence_id}: {miss.why}")
            lines.append(f"    {miss.text}")
            lines.append(f"    gold:      {', '.join(miss.gold) or '(none)'}")
            lines.append(f"    predicted: {', '.join(miss.predicted) or '(none)'}")
    return "\n".join(lines) + "\n"


def render_json(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data (field names stable)."""
    return {
        "sentences": report.sentences,
        "gold_events": report.gold_events,
        "predicted_events": report.predicted_events,
        "fields": {
            item.name: {
                "label": FIELD_LABELS.get(item.name, item.name),
                "tp": item.tp,
                "fp": item.fp,
                "fn": item.fn,
                "precision": item.precision,
                "recall": item.recall,
                "f1": item.f1,
            }
            for item in report.fields
        },
        "status_accuracy": report.status_accuracy,
        "status_pairs": report.status_pairs,
        "penta": {
            "accuracy": report.penta_accuracy,
            "sentences": report.penta_sentences,
            "covered": report.penta_covered,
            "correct": report.penta_correct,
        },
        "by_confidence": [
            {
                "bucket": b.label,
                "low": b.low,
                "high": b.high,
                "n": b.n,
                "correct": b.correct,
                "precision": b.precision,
            }
            for b in report.by_confidence
        ],
        "confusion": report.confusion,
        "misses": [
            {
                "id": miss.sentence_id,
                "text": miss.text,
                "gold": list(miss.gold),
                "predicted": list(miss.predicted),
                "why": miss.why,
                "errors": miss.errors,
                "confidence": miss.confidence,
            }
            for miss in report.misses
        ],
    }
