"""Build the shared ``EventFilter`` from user-facing values (CLI options, API query strings).

The CLI and the JSON API both call ``make_filter`` so a filter means the same thing
everywhere, and bad values become the same ``BadOption`` error naming the option.
"""

from __future__ import annotations

import re

from dyadwatch.errors import BadOption
from dyadwatch.store import EventFilter

__all__ = [
    "MAX_PAGE",
    "STATUSES",
    "make_filter",
    "parse_bbox",
    "parse_dyad",
]

STATUSES = ("reported", "intended", "expected", "denied", "hypothetical")

# The largest page the API serves: big enough for one dyad-month of a busy pair,
# small enough that one request stays well under a second on a laptop.
MAX_PAGE = 500

# Country (ISO3) or CAMEO actor codes: three letters, then more letters or digits.
_CODE = re.compile(r"[A-Za-z]{3}[A-Za-z0-9]{0,12}")
_CAMEO = re.compile(r"\d{1,4}")
_MAX_TEXT = 200


def parse_dyad(value: str | tuple[str, str] | list[str]) -> tuple[str, str]:
    """``"PRK-RUS"`` or ``("prk", "rus")`` as an upper-cased pair of codes."""
    parts = value.split("-") if isinstance(value, str) else list(value)
    if len(parts) != 2 or not all(_CODE.fullmatch(part) for part in parts):
        raise BadOption(
            "dyad",
            f"{_shown(value)} is not a pair of actor codes",
            "Pass two codes such as PRK-RUS (country ISO3 or CAMEO actor codes)",
        )
    return parts[0].upper(), parts[1].upper()


def make_filter(
    *,
    dyad: str | tuple[str, str] | list[str] | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    cameo: str | None = None,
    status: str | None = None,
    outlet: str | None = None,
    doc_id: str | None = None,
    location_country: str | None = None,
    bbox: str | tuple[float, float, float, float] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> EventFilter:
    """An ``EventFilter``; empty strings count as "not given" (HTML forms send them)."""
    if actor and not _CODE.fullmatch(actor):
        raise BadOption("actor", f"{_shown(actor)} is not an actor code", "Pass e.g. RUS or PRKGOV")
    if cameo and not _CAMEO.fullmatch(cameo):
        raise BadOption(
            "cameo", f"{_shown(cameo)} is not a CAMEO code", "Pass digits, e.g. 05 or 051"
        )
    if status and status.lower() not in STATUSES:
        raise BadOption(
            "status", f"{_shown(status)} is not a status", f"Pass one of {', '.join(STATUSES)}"
        )
    for name, text in (("outlet", outlet), ("doc_id", doc_id)):
        if text and len(text) > _MAX_TEXT:
            raise BadOption(name, f"longer than {_MAX_TEXT} characters", "Pass a shorter value")
    return EventFilter(
        dyad=parse_dyad(dyad) if dyad else None,
        actor=actor.upper() if actor else None,
        since=since or None,
        until=until or None,
        cameo=cameo or None,
        status=status.lower() if status else None,
        outlet=outlet or None,
        doc_id=doc_id or None,
        location_country=location_country.upper() if location_country else None,
        bbox=parse_bbox(bbox) if bbox else None,
        limit=limit,
        offset=offset,
    )


def parse_bbox(value: str | tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """``"W,S,E,N"`` (degrees) as four numbers; their ranges are checked by EventFilter."""
    if not isinstance(value, str):
        return value
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError:
        raise BadOption(
            "bbox", f"{_shown(value)} is not W,S,E,N", "Pass four numbers, e.g. 22,44,41,53"
        ) from None
    return west, south, east, north


def _shown(value: object) -> str:
    """A user value quoted for an error message, cut so a huge probe stays one short line."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
