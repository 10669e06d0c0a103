"""The CAMEO codebook table: completeness, consistency and known published values."""

from __future__ import annotations

import pytest

from dyadwatch.codebook import (
    CameoCode,
    UnknownCode,
    codes,
    lookup,
    penta_class,
    root_label,
)
from dyadwatch.codebook import _parse as parse_table
from dyadwatch.errors import BadOption, DyadwatchError, MalformedInput

ROOTS = [f"{n:02d}" for n in range(1, 21)]
PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip


def test_every_root_is_present_with_its_base_code() -> None:
    table = codes()
    for root in ROOTS:
        assert root in table
        assert f"{root}0" in table, f"{root}0 missing"


def test_table_holds_all_cameo_codes() -> None:
    table = codes()
    # CAMEO 1.1b3: 20 roots, 147 three-digit and 144 four-digit codes.
    assert len(table) == 311
    assert sum(1 for code in table if len(code) == 3) == 147
    assert sum(1 for code in table if len(code) == 4) == 144


def test_every_code_has_its_parents() -> None:
    table = codes()
    for code in table:
        if len(code) >= 3:
            assert code[:2] in table
        if len(code) == 4:
            assert code[:3] in table, f"{code} has no 3-digit parent"


@pytest.mark.parametrize("entry", list(codes().values()), ids=lambda e: e.code)
def test_entries_are_consistent(entry: CameoCode) -> None:
    assert entry.code.isdigit() and 2 <= len(entry.code) <= 4
    assert entry.label and entry.label == entry.label.strip()
    assert -10.0 <= entry.goldstein <= 10.0
    root = int(entry.root)
    expected_quad = 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4
    assert entry.quad_class == expected_quad
    assert entry.plover_type is None or entry.plover_type in PLOVER_TYPES
    assert all(part and part == part.strip() for part in entry.plover_context)


@pytest.mark.parametrize(
    ("code", "label", "goldstein"),
    [
        ("010", "Make statement, not specified below", 0.0),
        ("016", "Deny responsibility", -2.0),
        ("036", "Express intent to meet or negotiate", 4.0),
        ("040", "Consult, not specified below", 1.0),
        ("042", "Make a visit", 1.9),
        ("043", "Host a visit", 2.8),
        ("046", "Engage in negotiation", 7.0),
        ("051", "Praise or endorse", 3.4),
        ("057", "Sign formal agreement", 8.0),
        ("072", "Provide military aid", 8.3),
        ("074", "Provide military protection or peacekeeping", 8.5),
        ("0871", "Declare truce, ceasefire", 9.0),
        ("0874", "Retreat or surrender militarily", 10.0),
        ("111", "Criticize or denounce", -2.0),
        ("130", "Threaten, not specified below", -4.4),
        ("163", "Impose embargo, boycott, or sanctions", -8.0),
        ("173", "Arrest, detain, or charge with legal action", -5.0),
        ("1823", "Kill by physical assault", -10.0),
        ("190", "Use conventional military force, not specified below", -10.0),
        ("195", "Employ aerial weapons", -10.0),
    ],
)
def test_known_labels_and_goldstein_values(code: str, label: str, goldstein: float) -> None:
    entry = lookup(code)
    assert entry.label == label
    assert entry.goldstein == goldstein


@pytest.mark.parametrize(
    ("code", "plover_type"),
    [
        ("010", None),
        ("020", "REQUEST"),
        ("036", "AGREE"),
        ("041", "CONSULT"),
        ("051", "SUPPORT"),
        ("062", "COOPERATE"),
        ("073", "AID"),
        ("0831", "CONCEDE"),
        ("0871", "RETREAT"),
        ("092", "ACCUSE"),
        ("1056", "REQUEST"),
        ("112", "ACCUSE"),
        ("125", "REJECT"),
        ("138", "THREATEN"),
        ("141", "PROTEST"),
        ("154", "MOBILIZE"),
        ("163", "SANCTION"),
        ("173", "COERCE"),
        ("186", "ASSAULT"),
        ("190", "ASSAULT"),
        ("2041", "ASSAULT"),
    ],
)
def test_plover_types(code: str, plover_type: str | None) -> None:
    assert lookup(code).plover_type == plover_type


def test_plover_modes_and_contexts() -> None:
    assert lookup("041").plover_mode == "phone"
    assert lookup("042").plover_mode == "visit"
    assert lookup("193").plover_mode == "firearms"
    assert lookup("051").plover_mode is None
    assert lookup("072").plover_context == ("military",)
    assert lookup("073").plover_context == ("humanitarian",)
    assert lookup("094").plover_context == ("military", "legal")
    assert lookup("010").plover_context == ()


@pytest.mark.parametrize(
    ("code", "one_sided"),
    [
        ("010", True),
        ("013", True),
        ("015", True),
        ("141", True),
        ("152", True),
        ("051", False),
        ("042", False),
        ("111", False),
        ("163", False),
        ("190", False),
    ],
)
def test_one_sided(code: str, one_sided: bool) -> None:
    assert lookup(code).one_sided is one_sided


@pytest.mark.parametrize(
    ("code", "penta"),
    [
        ("01", 0), ("010", 0), ("0214", 0), ("036", 1), ("057", 1), ("060", 2),
        ("0874", 2), ("094", 2), ("100", 3), ("145", 3), ("150", 4), ("2042", 4),
    ],
)  # fmt: skip
def test_penta_class(code: str, penta: int) -> None:
    assert penta_class(code) == penta


def test_root_and_root_label() -> None:
    assert lookup("0841").root == "08"
    assert root_label("05") == "Engage in diplomatic cooperation"
    assert root_label("051") == "Engage in diplomatic cooperation"
    assert root_label("19") == "Fight"


def test_lookup_strips_spaces() -> None:
    assert lookup(" 051 ").code == "051"


@pytest.mark.parametrize("bad", ["999", "51", "0", "", "05a", "2043"])
def test_unknown_code_is_a_clear_error(bad: str) -> None:
    with pytest.raises(UnknownCode) as caught:
        lookup(bad)
    error = caught.value
    assert isinstance(error, KeyError)
    assert isinstance(error, BadOption)
    assert isinstance(error, DyadwatchError)
    assert error.code == "E202"
    assert repr(bad) in str(error)
    assert str(error).startswith("E202 ")


def test_unknown_code_in_penta_class_and_root_label() -> None:
    with pytest.raises(UnknownCode):
        penta_class("99")
    with pytest.raises(UnknownCode):
        root_label("21")


def test_codes_is_read_only_and_loaded_once() -> None:
    table = codes()
    assert codes() is table
    with pytest.raises(TypeError):
        table["999"] = lookup("051")  # type: ignore[index]


HEADER = "code\tlabel\tgoldstein\tquad_class\tplover_type\tplover_mode\tplover_context\tone_sided"


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("051\tPraise\t3.4\t1\tSUPPORT\t\tdiplomatic", "columns"),
        ("051\tPraise\tmany\t1\tSUPPORT\t\tdiplomatic\t0", "not a number"),
        ("051\tPraise\t11\t1\tSUPPORT\t\tdiplomatic\t0", "outside"),
        ("051\tPraise\t3.4\t3\tSUPPORT\t\tdiplomatic\t0", "quad class"),
        ("051\tPraise\t3.4\t1\tPRAISE\t\tdiplomatic\t0", "PLOVER"),
        ("051\tPraise\t3.4\t1\tSUPPORT\t\tdiplomatic\tyes", "one_sided"),
        ("51x\tPraise\t3.4\t1\tSUPPORT\t\tdiplomatic\t0", "not a CAMEO code"),
    ],
)
def test_malformed_table_rows_name_the_line(row: str, problem: str) -> None:
    with pytest.raises(MalformedInput) as caught:
        parse_table(f"# comment\n{HEADER}\n{row}\n", "cameo.tsv")
    assert "cameo.tsv:3" in str(caught.value)
    assert problem in str(caught.value)


def test_table_without_header_is_rejected() -> None:
    with pytest.raises(MalformedInput, match="header"):
        parse_table("051\tPraise or endorse\t3.4\t1\tSUPPORT\t\tdiplomatic\t0\n", "cameo.tsv")
