"""The shipped actor tables: well-formed, dated office holders, token-level phrase keys."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict

import pycountry
import pytest

from dyadwatch.resolve import default_tables
from dyadwatch.resolve.tables import ROLES, fold, split_phrase

G20 = [
    "ARG",
    "AUS",
    "BRA",
    "CAN",
    "CHN",
    "FRA",
    "DEU",
    "IND",
    "IDN",
    "ITA",
    "JPN",
    "MEX",
    "RUS",
    "SAU",
    "ZAF",
    "KOR",
    "TUR",
    "GBR",
    "USA",
]
EXTRA = ["PRK", "UKR", "IRN", "ISR", "SYR"]
DAY = re.compile(r"\d{4}-\d\d-\d\d")


def test_phrases_split_like_spacy() -> None:
    assert split_phrase("Kim Jong-un") == ["Kim", "Jong", "-", "un"]
    assert split_phrase("Democratic People's Republic of Korea") == [
        "Democratic",
        "People",
        "'s",
        "Republic",
        "of",
        "Korea",
    ]
    assert split_phrase("G-7") == ["G-7"]
    assert fold("Erdoğan") == fold("Erdogan") == "erdogan"
    assert fold("Côte d’Ivoire") == "cote d'ivoire"


def test_every_country_code_is_iso3() -> None:
    tables = default_tables()
    for iso3 in tables.countries:
        assert pycountry.countries.get(alpha_3=iso3) is not None, iso3
    for term in tables.terms:
        assert pycountry.countries.get(alpha_3=term.iso3) is not None, term


def test_leader_terms_are_dated_and_never_overlap() -> None:
    by_office = defaultdict(list)
    for term in default_tables().terms:
        assert term.role in ROLES
        assert DAY.fullmatch(term.start), term
        assert term.end is None or (DAY.fullmatch(term.end) and term.start < term.end), term
        by_office[(term.iso3, term.role)].append(term)
    for office, terms in by_office.items():
        terms.sort(key=lambda t: t.start)
        for before, after in itertools.pairwise(terms):
            assert before.end is not None and before.end <= after.start, (office, before, after)


@pytest.mark.parametrize("iso3", G20 + EXTRA)
def test_required_countries_have_a_head_and_ministers_today(iso3: str) -> None:
    tables = default_tables()
    heads = [tables.holder(iso3, r, "2025-08-01") for r in ("head_of_state", "head_of_government")]
    assert any(heads), iso3
    assert tables.holder(iso3, "foreign_minister", "2025-08-01") is not None, iso3
    assert tables.holder(iso3, "defence_minister", "2025-08-01") is not None, iso3


@pytest.mark.parametrize(
    ("iso3", "role", "date", "name"),
    [
        ("JPN", "head_of_government", "2023-05-01", "Fumio Kishida"),
        ("JPN", "head_of_government", "2024-11-15", "Shigeru Ishiba"),
        ("USA", "head_of_state", "2024-06-19", "Joe Biden"),
        ("USA", "head_of_state", "2025-03-01", "Donald Trump"),
        ("USA", "head_of_state", "2005-03-01", "George W. Bush"),
        ("RUS", "head_of_state", "2010-01-01", "Dmitry Medvedev"),
        ("RUS", "head_of_government", "2010-01-01", "Vladimir Putin"),
        ("CHN", "foreign_minister", "2023-05-01", "Qin Gang"),
        ("CHN", "foreign_minister", "2024-05-01", "Wang Yi"),
        ("PRK", "head_of_state", "2011-12-16", "Kim Jong-il"),
        ("PRK", "head_of_state", "2011-12-17", "Kim Jong-un"),
        ("GBR", "head_of_government", "2022-10-01", "Liz Truss"),
        ("KOR", "head_of_state", "2023-01-01", "Yoon Suk Yeol"),
    ],
)
def test_holder_at_date(iso3: str, role: str, date: str, name: str) -> None:
    person = default_tables().holder(iso3, role, date)  # type: ignore[arg-type]
    assert person is not None and person.name == name


def test_holder_without_date_is_the_latest() -> None:
    tables = default_tables()
    person = tables.holder("RUS", "head_of_state", None)
    assert person is not None and person.name == "Vladimir Putin"


def test_person_out_of_office_is_an_elite() -> None:
    obama = default_tables().people["Barack Obama"]
    assert obama.actor_at("2012-01-01").code == "USAGOV"
    assert obama.actor_at("2020-01-01").code == "USAELI"


def test_tables_are_loaded_once() -> None:
    assert default_tables() is default_tables()
