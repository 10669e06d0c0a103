"""Events as rows with POLECAT's fields (the PLOVER-coded successor of ICEWS).

Columns and their order follow POLECAT's published tab-separated files. Fields
dyadwatch does not code (COW codes, titles, Wikipedia ids, story entities) are empty.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

__all__ = ["PLOVER_COLUMNS", "plover_row"]

PLOVER_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code",
    "Contexts", "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector",
    "Actor Sectors", "Actor Title", "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name",
    "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City",
    "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People",
    "Story Organizations", "Story Locations", "Language", "Version",
)  # fmt: skip

_QUAD = {
    0: "NEUTRAL",
    1: "VERBAL COOPERATION",
    2: "MATERIAL COOPERATION",
    3: "VERBAL CONFLICT",
    4: "MATERIAL CONFLICT",
}


def _side(side: Mapping[str, Any] | None) -> list[str]:
    if not side:
        return [""] * 8
    sector = str(side.get("sector") or "")
    return [
        str(side.get("name") or ""),
        str(side.get("country") or ""),
        "",
        sector,
        sector,
        "",
        str(side.get("text") or ""),
        "",
    ]


def _place(location: Mapping[str, Any] | None) -> list[str]:
    if not location:
        return [""] * 10
    precision = str(location.get("precision") or "")
    feature = location.get("geonames_id")
    return [
        str(location.get("name") or ""),
        str(location.get("name") or "") if precision == "city" else "",
        "",
        str(location.get("admin1") or ""),
        str(location.get("country") or ""),
        "" if location.get("lat") is None else str(location["lat"]),
        "" if location.get("lon") is None else str(location["lon"]),
        "" if feature is None else str(feature),
        str(location.get("text") or ""),
        precision,
    ]


def plover_row(event: Mapping[str, Any]) -> list[str]:
    plover = event.get("plover") or {}
    url = str(event.get("url") or "")
    return [
        str(event["event_id"]),
        str(event.get("date") or ""),
        str(plover.get("type") or ""),
        str(plover.get("mode") or ""),
        # POLECAT's intensity runs from -10 to 10 like Goldstein: the closest coded value.
        str(event["goldstein"]),
        _QUAD.get(int(event["quad_class"]), ""),
        ";".join(plover.get("context") or ()),
        *_side(event.get("source")),
        *_side(event.get("target")),
        *_place(event.get("location")),
        urlsplit(url).hostname or "" if url else "",
        str(event.get("published") or ""),
        "",
        "",
        "",
        "en",
        str(event.get("coder") or ""),
    ]
