"""The shipped trigger lexicon: its format, its codes, and the distinctions it draws."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

import pytest

from dyadwatch.classify.lexicon import CONDITION_KEYS, TriggerRule, load_lexicon
from dyadwatch.codebook import codes
from dyadwatch.errors import InputNotFound, MalformedInput

HEADER = "lemma\tpos\tconstraint\tcode"


def _rows() -> list[tuple[int, list[str]]]:
    """The data rows of the shipped file, read without the loader."""
    text = resources.files("dyadwatch.classify").joinpath("lexicon.tsv").read_text("utf-8")
    rows: list[tuple[int, list[str]]] = []
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            assert line == HEADER, f"line {number}: expected the header"
            header_seen = True
            continue
        rows.append((number, line.split("\t")))
    return rows


def test_rows_have_four_columns_and_known_keys() -> None:
    rows = _rows()
    assert len(rows) >= 600
    for number, fields in rows:
        assert len(fields) == 4, f"line {number}: {fields}"
        lemma, pos, constraint, code = fields
        assert lemma == lemma.lower() and lemma.isalpha(), f"line {number}: {lemma!r}"
        assert pos in {"VERB", "NOUN", "ADJ"}, f"line {number}: {pos!r}"
        assert code.isdigit(), f"line {number}: {code!r}"
        if constraint != "-":
            for condition in constraint.split(";"):
                key, _, values = condition.partition(":")
                assert key in CONDITION_KEYS, f"line {number}: unknown key {key!r}"
                assert values and all(values.split(",")), f"line {number}: {condition!r}"


def test_every_code_exists_in_the_codebook() -> None:
    known = codes()
    missing = [(number, fields[3]) for number, fields in _rows() if fields[3] not in known]
    assert missing == []


def test_no_rule_is_given_two_codes() -> None:
    codes_by_rule: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for _, (lemma, pos, constraint, code) in _rows():
        codes_by_rule[(lemma, pos, constraint)].add(code)
    clashes = {rule: found for rule, found in codes_by_rule.items() if len(found) > 1}
    assert clashes == {}


def test_every_root_has_rules() -> None:
    roots = {fields[3][:2] for _, fields in _rows()}
    assert roots == {f"{n:02d}" for n in range(1, 21)}


def test_loader_reads_every_row_most_specific_first() -> None:
    lexicon = load_lexicon()
    assert sum(len(rules) for rules in lexicon.values()) == len(_rows())
    assert load_lexicon() is lexicon
    for (lemma, pos), rules in lexicon.items():
        assert all(rule.lemma == lemma and rule.pos == pos for rule in rules)
        order = [(-rule.specificity, rule.line) for rule in rules]
        assert order == sorted(order)


def _code_for(
    lexicon: Mapping[tuple[str, str], tuple[TriggerRule, ...]],
    lemma: str,
    pos: str,
    **present: str,
) -> str | None:
    """The code of the first rule whose conditions all hold, given what the parse offers.

    ``present`` maps a condition key to the space-separated lemmas found there.
    """
    offered = {key: set(words.split()) for key, words in present.items()}
    for rule in lexicon.get((lemma, pos), ()):
        if all(values & offered.get(key, set()) for key, values in rule.conditions):
            return rule.code
    return None


@pytest.mark.parametrize(
    ("lemma", "pos", "present", "code"),
    [
        # "Kim praised Putin"; "support for the war"; "voiced support"
        ("praise", "VERB", {}, "051"),
        ("support", "NOUN", {"obj": "war"}, "051"),
        ("voice", "VERB", {"obj": "support"}, "051"),
        # consult family
        ("meet", "VERB", {}, "040"),
        ("visit", "VERB", {}, "042"),
        ("host", "VERB", {}, "043"),
        ("call", "VERB", {}, "041"),
        ("call", "VERB", {"prep": "for"}, "020"),
        ("call", "VERB", {"prep": "on", "xcomp": "withdraw"}, "0256"),
        ("negotiate", "VERB", {}, "046"),
        ("talk", "NOUN", {"mod": "peace"}, "046"),
        ("mediate", "VERB", {}, "045"),
        # aid by kind
        ("provide", "VERB", {"obj": "aid military"}, "072"),
        ("provide", "VERB", {"obj": "shell artillery"}, "072"),
        ("provide", "VERB", {"obj": "aid humanitarian"}, "073"),
        ("provide", "VERB", {"obj": "loan"}, "071"),
        ("provide", "VERB", {"obj": "help"}, "070"),
        ("aid", "NOUN", {"mod": "military"}, "072"),
        ("aid", "NOUN", {"mod": "humanitarian"}, "073"),
        ("aid", "NOUN", {}, "070"),
        ("send", "VERB", {"obj": "peacekeeper"}, "074"),
        ("grant", "VERB", {"obj": "asylum"}, "075"),
        # intent versus act
        ("agree", "VERB", {"xcomp": "meet"}, "036"),
        ("pledge", "VERB", {"obj": "support"}, "032"),
        ("pledge", "VERB", {"obj": "aid military"}, "0332"),
        ("sign", "VERB", {"obj": "agreement"}, "057"),
        ("strike", "VERB", {"obj": "deal"}, "057"),
        ("strike", "VERB", {}, "190"),
        # conflict talk
        ("criticize", "VERB", {}, "111"),
        ("accuse", "VERB", {}, "112"),
        ("accusation", "NOUN", {"obj": "espionage"}, "1125"),
        ("demand", "VERB", {"obj": "release"}, "1053"),
        ("threaten", "VERB", {"xcomp": "invade"}, "138"),
        ("threaten", "VERB", {"obj": "sanction"}, "1312"),
        ("refuse", "VERB", {"xcomp": "negotiate"}, "125"),
        ("veto", "VERB", {}, "129"),
        # material conflict
        ("impose", "VERB", {"obj": "sanction"}, "163"),
        ("impose", "VERB", {"obj": "curfew"}, "1723"),
        ("cut", "VERB", {"obj": "tie diplomatic"}, "161"),
        ("cut", "VERB", {"obj": "aid military"}, "1622"),
        ("recall", "VERB", {"obj": "ambassador"}, "161"),
        ("expel", "VERB", {"obj": "diplomat"}, "161"),
        ("expel", "VERB", {"obj": "journalist"}, "174"),
        ("seize", "VERB", {"obj": "tanker"}, "171"),
        ("seize", "VERB", {"obj": "town"}, "192"),
        ("arrest", "VERB", {}, "173"),
        ("deploy", "VERB", {"obj": "troop"}, "154"),
        ("exercise", "NOUN", {"mod": "joint"}, "062"),
        ("exercise", "NOUN", {"mod": "military"}, "150"),
        ("launch", "VERB", {"obj": "strike missile"}, "195"),
        ("launch", "VERB", {"obj": "missile ballistic"}, "150"),
        ("launch", "VERB", {"obj": "offensive"}, "190"),
        ("fire", "VERB", {"prep": "at", "obj": "missile"}, "195"),
        ("fire", "VERB", {"obj": "minister"}, None),
        ("shell", "VERB", {}, "194"),
        ("ceasefire", "NOUN", {}, "0871"),
        ("violate", "VERB", {"obj": "ceasefire"}, "196"),
        ("release", "VERB", {"obj": "prisoner"}, "0841"),
        ("release", "VERB", {"obj": "statement"}, "010"),
        ("lift", "VERB", {"obj": "sanction"}, "085"),
        ("withdraw", "VERB", {"obj": "troop"}, "0874"),
        ("assassinate", "VERB", {}, "186"),
        ("massacre", "NOUN", {}, "202"),
        ("use", "VERB", {"obj": "weapon chemical"}, "2041"),
    ],
)
def test_distinctions(lemma: str, pos: str, present: dict[str, str], code: str | None) -> None:
    assert _code_for(load_lexicon(), lemma, pos, **present) == code


# -- the loader on files of one's own ------------------------------------------------------


def _write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "lexicon.tsv"
    path.write_text("# test lexicon\n" + HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_loader_parses_conditions(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "aid\tNOUN\t-\t070",
        "aid\tNOUN\tmod:military,defense\t072",
        "call\tVERB\tprep:on;xcomp:release,free\t0253",
    )
    lexicon = load_lexicon(path)
    first, second = lexicon[("aid", "NOUN")]
    assert (first.code, first.conditions, first.line) == (
        "072",
        (("mod", frozenset({"military", "defense"})),),
        4,
    )
    assert second.conditions == ()
    (call,) = lexicon[("call", "VERB")]
    assert call.conditions == (
        ("prep", frozenset({"on"})),
        ("xcomp", frozenset({"release", "free"})),
    )


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("meet\tVERB\t040", "columns"),
        ("meet\tVERB\t-\t040\textra", "columns"),
        ("Meet\tVERB\t-\t040", "lemma"),
        ("test-fire\tVERB\t-\t150", "lemma"),
        ("meet\tADV\t-\t040", "pos"),
        ("meet\tVERB\t-\t999", "codebook"),
        ("meet\tVERB\tsubj:russia\t040", "condition"),
        ("meet\tVERB\tobj\t040", "condition"),
        ("meet\tVERB\tobj:a,,b\t040", "bad values"),
        ("meet\tVERB\tobj:a;obj:b\t040", "twice"),
    ],
)
def test_loader_rejects_bad_rows_naming_path_and_line(
    tmp_path: Path, row: str, problem: str
) -> None:
    path = _write(tmp_path, "talk\tNOUN\t-\t040", row)
    with pytest.raises(MalformedInput) as caught:
        load_lexicon(path)
    assert f"{path}:4" in str(caught.value)
    assert problem in str(caught.value)


def test_loader_rejects_repeated_rules(tmp_path: Path) -> None:
    path = _write(tmp_path, "aid\tNOUN\tmod:b,a\t072", "aid\tNOUN\tmod:a,b\t071")
    with pytest.raises(MalformedInput, match="repeats the rule on line 3"):
        load_lexicon(path)


def test_loader_needs_the_header(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.tsv"
    path.write_text("meet\tVERB\t-\t040\n", encoding="utf-8")
    with pytest.raises(MalformedInput, match="header"):
        load_lexicon(path)


def test_missing_lexicon_file(tmp_path: Path) -> None:
    with pytest.raises(InputNotFound):
        load_lexicon(tmp_path / "nowhere.tsv")
