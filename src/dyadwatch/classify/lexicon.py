"""The trigger lexicon: which words, in which syntactic company, express which CAMEO code.

``lexicon.tsv`` (shipped in this package) has one rule a line::

    lemma <TAB> pos <TAB> constraint <TAB> code

``constraint`` is ``-`` or ``;``-separated conditions ``key:v1,v2`` that must all hold;
any listed value satisfies its condition. The keys are

- ``obj``: a lemma in the trigger's object phrase (object head or its compound/amod
  modifiers; for a noun, the noun of an of/for/on phrase after it),
- ``mod``: a compound/amod modifier of a noun trigger,
- ``prep``: a preposition child, ``prt``: a particle child,
- ``xcomp``: the lemma of the trigger's open clausal complement.

:func:`load_lexicon` returns the rules for each ``(lemma, pos)`` most specific first (most
conditions), and in file order among equally specific rules, so the first rule whose
conditions hold is the one to use.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from dyadwatch.codebook import codes
from dyadwatch.errors import InputNotFound, MalformedInput, UnreadableInput

__all__ = ["CONDITION_KEYS", "POS_TAGS", "TriggerRule", "load_lexicon"]

CONDITION_KEYS = frozenset({"obj", "mod", "prep", "prt", "xcomp"})
POS_TAGS = frozenset({"VERB", "NOUN", "ADJ"})

_HEADER = ("lemma", "pos", "constraint", "code")
# spaCy splits hyphenated words, so a trigger lemma is one run of letters.
_LEMMA = re.compile(r"[a-z]+")
# Condition values are lemmas too; "$" is the lemma spaCy gives the dollar sign.
_VALUE = re.compile(r"[a-z]+|\$")

Conditions = tuple[tuple[str, frozenset[str]], ...]


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One lexicon rule; ``line`` is its line number in the file, for messages."""

    lemma: str
    pos: str
    conditions: Conditions
    code: str
    line: int

    @property
    def specificity(self) -> int:
        return len(self.conditions)


def load_lexicon(path: Path | None = None) -> Mapping[tuple[str, str], tuple[TriggerRule, ...]]:
    """The rules keyed by ``(lemma, pos)``, most specific first; read-only.

    Without ``path`` the shipped lexicon is read once and cached. A malformed row raises
    :class:`~dyadwatch.errors.MalformedInput` naming ``path:line``.
    """
    if path is None:
        return _default_lexicon()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputNotFound(str(path), "no such lexicon file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise UnreadableInput(str(path), f"cannot read the lexicon ({error})") from None
    return _build(text, str(path))


@functools.cache
def _default_lexicon() -> Mapping[tuple[str, str], tuple[TriggerRule, ...]]:
    text = resources.files("dyadwatch.classify").joinpath("lexicon.tsv").read_text("utf-8")
    return _build(text, "dyadwatch/classify/lexicon.tsv")


def _build(text: str, origin: str) -> Mapping[tuple[str, str], tuple[TriggerRule, ...]]:
    known_codes = codes()
    grouped: dict[tuple[str, str], list[TriggerRule]] = {}
    seen: dict[tuple[str, str, Conditions], int] = {}
    header_seen = False
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        where = f"{origin}:{number}"
        fields = raw.split("\t")
        if not header_seen:
            if tuple(fields) != _HEADER:
                raise MalformedInput(
                    where, "the first row must be the header lemma pos constraint code"
                )
            header_seen = True
            continue
        if len(fields) != len(_HEADER):
            raise MalformedInput(where, f"{len(fields)} tab-separated columns where 4 belong")
        lemma, pos, constraint, code = (field.strip() for field in fields)
        if not _LEMMA.fullmatch(lemma):
            raise MalformedInput(where, f"lemma {lemma!r} is not one lower-case word")
        if pos not in POS_TAGS:
            raise MalformedInput(where, f"pos {pos!r} is not one of {', '.join(sorted(POS_TAGS))}")
        if code not in known_codes:
            raise MalformedInput(where, f"code {code!r} is not in the CAMEO codebook")
        conditions = _conditions(constraint, where)
        key = (lemma, pos, conditions)
        if key in seen:
            raise MalformedInput(where, f"repeats the rule on line {seen[key]}")
        seen[key] = number
        grouped.setdefault((lemma, pos), []).append(
            TriggerRule(lemma, pos, conditions, code, number)
        )
    if not header_seen:
        raise MalformedInput(origin, "no header row")
    return MappingProxyType(
        {
            key: tuple(sorted(rules, key=lambda rule: (-rule.specificity, rule.line)))
            for key, rules in grouped.items()
        }
    )


def _conditions(constraint: str, where: str) -> Conditions:
    if constraint == "-":
        return ()
    parsed: dict[str, frozenset[str]] = {}
    for part in constraint.split(";"):
        key, colon, values = part.partition(":")
        if not colon or key not in CONDITION_KEYS:
            raise MalformedInput(
                where,
                f"condition {part!r} is not key:values with key one of "
                f"{', '.join(sorted(CONDITION_KEYS))}",
            )
        if key in parsed:
            raise MalformedInput(where, f"condition key {key!r} appears twice")
        items = values.split(",")
        bad = [item for item in items if not _VALUE.fullmatch(item)]
        if bad:
            raise MalformedInput(where, f"condition {key} has bad values {bad}")
        if len(set(items)) != len(items):
            raise MalformedInput(where, f"condition {key} lists a value twice")
        parsed[key] = frozenset(items)
    # Sorted by key so that the same conditions in another order count as the same rule.
    return tuple(sorted(parsed.items()))
