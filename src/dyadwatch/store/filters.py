"""One filter spec for events, shared by the CLI, the API and exports.

Values are validated when the filter is built (a bad date or a negative limit is a
``BadOption`` naming the option) and always reach SQL as bound parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dyadwatch.errors import BadOption

__all__ = ["EventFilter", "where_clause"]

# YYYY, YYYY-MM or YYYY-MM-DD: a shorter date means the whole year or month.
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to select; every field left as None selects everything.

    - ``dyad``: two country codes (ISO3) or actor codes, in either direction.
    - ``actor``: a country or actor code on either side.
    - ``since``/``until``: ISO dates, inclusive, on the event ``date``; ``2024`` or
      ``2024-06`` mean the whole year or month. Events without a date never match.
    - ``cameo``: a code prefix, ``"05"`` matches 051, 057...
    - ``status``, ``doc_id``: exact match.
    - ``outlet``: the article's site (outlet name), exact match, case-insensitive.
    - ``location_country``: ISO3 country of the event's ``location``.
    - ``bbox``: (west, south, east, north) in degrees; events located inside it (west >
      east crosses the antimeridian). Events without a location never match either.
    - ``limit``/``offset``: paging of ``Store.events`` (``count_events`` and ``dyads``
      ignore them).

    Codes are compared upper-cased and status lower-cased, so ``rus`` finds RUS.
    """

    dyad: tuple[str, str] | None = None
    actor: str | None = None
    since: str | None = None
    until: str | None = None
    cameo: str | None = None
    status: str | None = None
    doc_id: str | None = None
    outlet: str | None = None
    location_country: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    limit: int | None = None
    offset: int = 0

    def __post_init__(self) -> None:
        if self.dyad is not None and (
            len(self.dyad) != 2 or not all(isinstance(code, str) for code in self.dyad)
        ):
            raise BadOption("dyad", f"{self.dyad!r} is not a pair of codes", "Pass two codes: A B")
        for name, value in (("since", self.since), ("until", self.until)):
            if value is not None and not _valid_date(value):
                raise BadOption(name, f"{value!r} is not a date", "Use YYYY-MM-DD, YYYY-MM or YYYY")
        if self.bbox is not None:
            _check_bbox(self.bbox)
        if self.limit is not None and self.limit < 0:
            raise BadOption("limit", f"{self.limit} is negative", "Pass 0 or more")
        if self.offset < 0:
            raise BadOption("offset", f"{self.offset} is negative", "Pass 0 or more")


def _check_bbox(bbox: tuple[float, float, float, float]) -> None:
    fix = "Pass W,S,E,N in degrees, e.g. 22,44,41,53"
    if len(bbox) != 4:
        raise BadOption("bbox", f"{bbox!r} is not four numbers", fix)
    west, south, east, north = bbox
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise BadOption("bbox", f"{bbox!r}: longitudes must lie in [-180, 180]", fix)
    if not (-90 <= south <= north <= 90):
        raise BadOption("bbox", f"{bbox!r}: need -90 <= south <= north <= 90", fix)


def _valid_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    padded = value + "-01-01"[len(value) - 4 :]
    try:
        date.fromisoformat(padded)
    except ValueError:
        return False
    return True


def where_clause(flt: EventFilter) -> tuple[str, list[object]]:
    """SQL condition over the ``events`` table (``TRUE`` when empty) and its parameters."""
    clauses: list[str] = []
    params: list[object] = []
    if flt.dyad is not None:
        a, b = (code.upper() for code in flt.dyad)
        one_way = (
            "((source_country = ? OR source_code = ?) AND (target_country = ? OR target_code = ?))"
        )
        clauses.append(f"({one_way} OR {one_way})")
        params += [a, a, b, b, b, b, a, a]
    if flt.actor is not None:
        code = flt.actor.upper()
        clauses.append(
            "(source_country = ? OR source_code = ? OR target_country = ? OR target_code = ?)"
        )
        params += [code] * 4
    # A prefix comparison makes "2024-06" as `until` include the whole of June.
    if flt.since is not None:
        clauses.append("left(date, ?) >= ?")
        params += [len(flt.since), flt.since]
    if flt.until is not None:
        clauses.append("left(date, ?) <= ?")
        params += [len(flt.until), flt.until]
    if flt.cameo is not None:
        clauses.append("starts_with(cameo, ?)")
        params.append(flt.cameo)
    if flt.status is not None:
        clauses.append("status = ?")
        params.append(flt.status.lower())
    if flt.doc_id is not None:
        clauses.append("doc_id = ?")
        params.append(flt.doc_id)
    # Locations live in the record JSON (no column, no migration); a null location
    # extracts as NULL and never matches.
    if flt.location_country is not None:
        clauses.append("json_extract_string(record, '$.location.country') = ?")
        params.append(flt.location_country.upper())
    if flt.bbox is not None:
        west, south, east, north = flt.bbox
        lat = "TRY_CAST(json_extract_string(record, '$.location.lat') AS DOUBLE)"
        lon = "TRY_CAST(json_extract_string(record, '$.location.lon') AS DOUBLE)"
        joint = "AND" if west <= east else "OR"  # west > east: the box crosses 180°
        clauses.append(f"({lat} BETWEEN ? AND ? AND ({lon} >= ? {joint} {lon} <= ?))")
        params += [south, north, west, east]
    if flt.outlet is not None:
        clauses.append("doc_id IN (SELECT doc_id FROM articles WHERE lower(site) = lower(?))")
        params.append(flt.outlet)
    return (" AND ".join(clauses) or "TRUE"), params
