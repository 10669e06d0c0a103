"""The CAMEO event codebook: labels, Goldstein scores, quad classes and PLOVER types.

The table (``cameo.tsv``, shipped inside the package) holds every CAMEO 1.1b3 code:
the 20 roots and all their 3- and 4-digit codes. Each row carries the CAMEO label,
the Goldstein value of the CAMEO->Goldstein table used by GDELT and PETRARCH, the quad
class, the PLOVER type/mode/context of the CAMEO->PLOVER crosswalk, and whether the
code may stand without a target (``one_sided``). The file's header comments name the
sources and the few places where the crosswalk was brought in line with the PLOVER
manual.

    >>> lookup("051").label
    'Praise or endorse'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from dyadwatch.errors import BadOption, MalformedInput

__all__ = [
    "CameoCode",
    "UnknownCode",
    "codes",
    "lookup",
    "penta_class",
    "root_label",
]

_TABLE = "cameo.tsv"
_COLUMNS = (
    "code",
    "label",
    "goldstein",
    "quad_class",
    "plover_type",
    "plover_mode",
    "plover_context",
    "one_sided",
)
_CODE = re.compile(r"\d{2,4}")
_PLOVER_TYPES = frozenset(
    {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    }
)


class UnknownCode(BadOption, KeyError):
    """A CAMEO code that the codebook does not hold.

    It is a :class:`KeyError` so that mapping-style callers can catch it as one, and a
    :class:`~dyadwatch.errors.BadOption` so that the CLI prints its one-line message.
    """

    default_fix = (
        "Use a CAMEO 1.1b3 code such as 051 or 190 (two to four digits, leading zero kept)"
    )

    def __str__(self) -> str:
        # KeyError would quote the message; the error tree promises a plain line.
        return self.message


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code with its scores and its PLOVER equivalent."""

    code: str
    label: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None
    plover_context: tuple[str, ...]
    one_sided: bool

    @property
    def root(self) -> str:
        """The two-digit root (cue category), e.g. ``"05"`` for ``"051"``."""
        return self.code[:2]


def codes() -> Mapping[str, CameoCode]:
    """Every code in the codebook, keyed by code; read-only, loaded once."""
    return _codes()


def lookup(code: str) -> CameoCode:
    """The entry for ``code`` (e.g. ``"051"``); raises :class:`UnknownCode` if there is none."""
    key = code.strip()
    table = _codes()
    if key not in table:
        raise UnknownCode(
            f"CAMEO code {code!r}",
            "not in the CAMEO 1.1b3 codebook",
        )
    return table[key]


def root_label(root: str) -> str:
    """The label of a root (``"05"`` -> ``"Engage in diplomatic cooperation"``).

    Any longer code is accepted too and stands for its root, so ``root_label("051")``
    gives the same answer.
    """
    entry = lookup(root)
    return lookup(entry.root).label


def penta_class(code: str) -> int:
    """The five-way class of a code.

    0 statements and appeals (roots 01-02), 1 verbal cooperation (03-05), 2 material
    cooperation (06-09), 3 verbal conflict (10-14), 4 material conflict (15-20).
    """
    root = int(lookup(code).root)
    # The quad classes, with statements and appeals split off verbal cooperation.
    return 0 if root <= 2 else _quad_class(root)


def _quad_class(root: int) -> int:
    if root <= 5:
        return 1
    if root <= 9:
        return 2
    if root <= 14:
        return 3
    return 4


@functools.cache
def _codes() -> Mapping[str, CameoCode]:
    text = resources.files("dyadwatch.codebook").joinpath(_TABLE).read_text(encoding="utf-8")
    return MappingProxyType(_parse(text, f"dyadwatch/codebook/{_TABLE}"))


def _parse(text: str, origin: str) -> dict[str, CameoCode]:
    table: dict[str, CameoCode] = {}
    header_seen = False
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = raw.split("\t")
        where = f"{origin}:{number}"
        if not header_seen:
            if tuple(fields) != _COLUMNS:
                raise MalformedInput(where, f"the header must be {' '.join(_COLUMNS)}")
            header_seen = True
            continue
        if len(fields) != len(_COLUMNS):
            raise MalformedInput(where, f"{len(fields)} columns where {len(_COLUMNS)} belong")
        entry = _row(fields, where)
        if entry.code in table:
            raise MalformedInput(where, f"code {entry.code} appears twice")
        table[entry.code] = entry
    if not header_seen:
        raise MalformedInput(origin, "no header line")
    return table


def _row(fields: list[str], where: str) -> CameoCode:
    code, label, goldstein, quad, p_type, p_mode, p_context, one_sided = fields
    if not _CODE.fullmatch(code) or not 1 <= int(code[:2]) <= 20:
        raise MalformedInput(where, f"{code!r} is not a CAMEO code")
    try:
        score = float(goldstein)
    except ValueError:
        raise MalformedInput(where, f"Goldstein value {goldstein!r} is not a number") from None
    if not -10.0 <= score <= 10.0:
        raise MalformedInput(where, f"Goldstein value {score} is outside -10..10")
    if quad != str(_quad_class(int(code[:2]))):
        raise MalformedInput(where, f"quad class {quad!r} does not fit root {code[:2]}")
    if p_type and p_type not in _PLOVER_TYPES:
        raise MalformedInput(where, f"{p_type!r} is not a PLOVER event type")
    if one_sided not in ("0", "1"):
        raise MalformedInput(where, f"one_sided must be 0 or 1, not {one_sided!r}")
    context = tuple(part.strip() for part in p_context.split(",") if part.strip())
    return CameoCode(
        code=code,
        label=label,
        goldstein=score,
        quad_class=int(quad),
        plover_type=p_type or None,
        plover_mode=p_mode or None,
        plover_context=context,
        one_sided=one_sided == "1",
    )
