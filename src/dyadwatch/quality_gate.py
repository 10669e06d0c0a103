"""Pinned quality floors: a gold-set score may rise, never fall.

``quality/floors.json`` maps a gold file (its name, e.g. ``sentences.jsonl``) to the
floors of its fields::

    {"sentences.jsonl": {"dyad_root": {"precision": 0.77, "f1": 0.65}, "penta": 0.63}}

A field's floors are checked against the report of ``dyadwatch evaluate``; ``penta``
is the penta-class accuracy of the top event. Raise a floor when the coder improves,
in the same commit: ``dyadwatch evaluate GOLD --floors quality/floors.json`` prints
what the current scores are.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dyadwatch.errors import InputNotFound, MalformedInput
from dyadwatch.evaluate import Report

__all__ = ["below_floors", "read_floors"]


def read_floors(path: Path, gold: Path) -> Mapping[str, Any]:
    """The floors pinned for ``gold`` (by file name); empty when none are pinned."""
    try:
        floors = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputNotFound(str(path), "no floors file here") from None
    except json.JSONDecodeError as error:
        raise MalformedInput(str(path), f"not JSON ({error.msg} at line {error.lineno})") from None
    if not isinstance(floors, dict):
        raise MalformedInput(str(path), "must be a JSON object keyed by gold file name")
    pinned = floors.get(gold.name, {})
    if not isinstance(pinned, dict):
        raise MalformedInput(str(path), f"the entry for {gold.name} must be an object")
    return pinned


def below_floors(report: Report, floors: Mapping[str, Any]) -> list[str]:
    """One line per score under its floor; empty when every floor holds."""
    drops: list[str] = []
    for name, floor in floors.items():
        if name == "penta":
            score = report.penta_accuracy or 0.0
            if score < floor:
                drops.append(f"penta accuracy {score:.3f} < floor {floor:.3f}")
            continue
        field = report.field(name)
        for measure, value in floor.items():
            score = float(getattr(field, measure))
            if score < value:
                drops.append(f"{name} {measure} {score:.3f} < floor {value:.3f}")
    return drops
