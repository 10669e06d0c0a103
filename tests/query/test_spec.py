"""``make_filter``: one validation for the CLI and the API."""

from __future__ import annotations

import pytest

from dyadwatch.errors import BadOption
from dyadwatch.query import make_filter, parse_dyad
from dyadwatch.store import EventFilter


def test_values_are_normalised() -> None:
    flt = make_filter(dyad="prk-rus", actor="usagov", status="Reported", cameo="05")
    assert flt == EventFilter(dyad=("PRK", "RUS"), actor="USAGOV", status="reported", cameo="05")
    assert parse_dyad(("igouno", "RUS")) == ("IGOUNO", "RUS")


def test_empty_strings_mean_no_filter() -> None:
    assert make_filter(dyad="", since="", until="", cameo="", status="", outlet="") == EventFilter()


@pytest.mark.parametrize(
    ("option", "kwargs"),
    [
        ("dyad", {"dyad": "PRK"}),
        ("dyad", {"dyad": "PRK-RUS-USA"}),
        ("dyad", {"dyad": "PRK-R'S"}),
        ("actor", {"actor": "R"}),
        ("cameo", {"cameo": "05a"}),
        ("cameo", {"cameo": "12345"}),
        ("status", {"status": "done"}),
        ("since", {"since": "2024-02-30"}),
        ("until", {"until": "yesterday"}),
        ("outlet", {"outlet": "x" * 201}),
        ("limit", {"limit": -1}),
    ],
)
def test_bad_values_name_the_option(option: str, kwargs: dict[str, object]) -> None:
    with pytest.raises(BadOption) as caught:
        make_filter(**kwargs)  # type: ignore[arg-type]
    assert caught.value.subject == option
    assert caught.value.code == "E202"


def test_a_long_probe_stays_a_short_message() -> None:
    with pytest.raises(BadOption) as caught:
        make_filter(dyad="A" * 5000)
    assert len(caught.value.message) < 200
