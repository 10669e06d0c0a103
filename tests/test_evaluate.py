"""Scoring against gold: hand-made cases with numbers worked out by hand."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from dyadwatch.codebook import lookup
from dyadwatch.errors import InputNotFound, MalformedInput
from dyadwatch.evaluate import (
    GoldEvent,
    GoldSentence,
    read_gold,
    render_json,
    render_text,
    score,
)

GOLD_CORPUS = Path(__file__).parent / "data" / "sentences.jsonl"


def gold(ident: str, *events: GoldEvent) -> GoldSentence:
    return GoldSentence(ident, f"sentence {ident}", "2024-06-19", events)


def ev(
    source: str,
    target: str | None,
    cameo: str,
    plover: str | None = None,
    status: str = "reported",
    symmetric: bool = False,
) -> GoldEvent:
    return GoldEvent(source, target, cameo, plover, status, symmetric)


def pred(
    source: str | None,
    target: str | None,
    cameo: str,
    plover: str | None = None,
    *,
    status: str = "reported",
    confidence: float | None = 0.8,
    symmetric: bool = False,
) -> dict[str, Any]:
    """A predicted event in the public contract's shape (only the fields scoring reads)."""

    def actor(code: str | None) -> dict[str, Any] | None:
        if code is None:
            return None
        country = None if code.startswith("IGO") else code[:3]
        return {"text": code, "country": country, "code": code}

    return {
        "source": actor(source),
        "target": actor(target),
        "cameo": cameo,
        "plover": {"type": plover, "mode": None, "context": []},
        "status": status,
        "symmetric": symmetric,
        "confidence": confidence,
    }


# Seven sentences covering each kind of agreement and error once:
#   A right in every field; B right dyad and root, wrong full code and status;
#   C one of two gold events coded (right root, wrong code), the other missed;
#   D a no-event sentence with a spurious event; E a no-event sentence left empty;
#   F an event sentence left empty; G right source and root, wrong target.
MIXED_GOLD = [
    gold("A", ev("PRK", "RUS", "051", "SUPPORT")),
    gold("B", ev("USA", "CHN", "040", "CONSULT")),
    gold("C", ev("RUS", "UKR", "190", "ASSAULT"), ev("UKR", "RUS", "112", "ACCUSE")),
    gold("D"),
    gold("E"),
    gold("F", ev("IRN", "ISR", "138", "THREATEN")),
    gold("G", ev("CHN", "TWN", "150", "MOBILIZE")),
]
MIXED_PRED = [
    [pred("PRKGOV", "RUS", "051", "SUPPORT", confidence=0.9)],
    [pred("USAGOV", "CHNGOV", "042", "CONSULT", status="expected", confidence=0.75)],
    [pred("RUSMIL", "UKR", "195", "ASSAULT", confidence=0.95)],
    [pred("JPN", "KOR", "111", "ACCUSE", confidence=0.55)],
    [],
    [],
    [pred("CHN", "USA", "150", "MOBILIZE", confidence=0.65)],
]


@pytest.fixture
def mixed() -> Any:
    return score(MIXED_GOLD, MIXED_PRED)


@pytest.mark.parametrize(
    ("name", "tp", "fp", "fn"),
    [
        ("event", 4, 1, 1),  # gold events in A B C F G, predictions in A B C D G
        ("cameo_root", 4, 1, 2),  # 6 gold, 5 predicted; A B C G share the root
        ("cameo_code", 2, 3, 4),  # only A and G have the exact code
        ("source", 4, 1, 2),  # PRKGOV/RUSMIL match on their first three letters
        ("target", 3, 2, 3),  # G names the wrong target, D is spurious
        ("dyad_root", 3, 2, 3),
        ("plover", 4, 1, 2),
        ("empty", 1, 1, 1),  # E left empty; D was not; F was left empty wrongly
    ],
)
def test_field_counts(mixed: Any, name: str, tp: int, fp: int, fn: int) -> None:
    field = mixed.field(name)
    assert (field.tp, field.fp, field.fn) == (tp, fp, fn)
    assert field.precision == pytest.approx(tp / (tp + fp))
    assert field.recall == pytest.approx(tp / (tp + fn))
    p, r = field.precision, field.recall
    assert field.f1 == pytest.approx(2 * p * r / (p + r))


def test_totals_status_and_penta(mixed: Any) -> None:
    assert (mixed.sentences, mixed.gold_events, mixed.predicted_events) == (7, 6, 5)
    # Root-matched pairs A B C G; only B has the wrong status.
    assert mixed.status_pairs == 4
    assert mixed.status_accuracy == pytest.approx(0.75)
    # Top events of A B C G fall in a gold penta class (C: 195 is class 4 like 190);
    # F has no prediction and counts as wrong.
    assert (mixed.penta_sentences, mixed.penta_covered, mixed.penta_correct) == (5, 4, 4)
    assert mixed.penta_accuracy == pytest.approx(0.8)


def test_confusion_table(mixed: Any) -> None:
    assert mixed.confusion == {
        "04": {"04": 1},
        "05": {"05": 1},
        "11": {"none": 1},
        "13": {"none": 1},
        "15": {"15": 1},
        "19": {"19": 1},
        "none": {"11": 1},
    }


def test_precision_by_confidence(mixed: Any) -> None:
    buckets = {b.label: (b.n, b.correct, b.precision) for b in mixed.by_confidence}
    assert buckets == {
        "[0.0,0.5)": (0, 0, None),
        "[0.5,0.6)": (1, 0, 0.0),  # D, spurious
        "[0.6,0.7)": (1, 0, 0.0),  # G, wrong target
        "[0.7,0.8)": (1, 1, 1.0),  # B: dyad and root right, code wrong still counts
        "[0.8,0.9)": (0, 0, None),
        "[0.9,1.0]": (2, 2, 1.0),  # A and C
    }


def test_confidence_bucket_edges() -> None:
    sentences = [gold(str(i), ev("USA", "CHN", "040")) for i in range(4)]
    predictions = [[pred("USA", "CHN", "040", confidence=c)] for c in (0.49999, 0.5, 0.9, 1.0)]
    counts = {b.label: b.n for b in score(sentences, predictions).by_confidence}
    assert counts["[0.0,0.5)"] == 1
    assert counts["[0.5,0.6)"] == 1
    assert counts["[0.9,1.0]"] == 2


def test_events_without_confidence_stay_out_of_buckets() -> None:
    report = score(
        [gold("x", ev("USA", "CHN", "040"))], [[pred("USA", "CHN", "040", confidence=None)]]
    )
    assert sum(b.n for b in report.by_confidence) == 0
    assert report.field("dyad_root").tp == 1


def test_misses_worst_first(mixed: Any) -> None:
    assert [m.sentence_id for m in mixed.misses] == ["G", "D", "C", "F"]
    by_id = {m.sentence_id: m for m in mixed.misses}
    assert "target TWN vs USA" in by_id["G"].why
    assert by_id["D"].why.startswith("spurious 111 JPN->KOR")
    assert by_id["C"].why.startswith("missed 112 UKR->RUS")
    assert by_id["F"].predicted == ()
    assert by_id["G"].confidence == pytest.approx(0.65)


def test_greedy_pairing_prefers_dyad_and_root() -> None:
    # Listed first, the wrong-dyad prediction must not take the gold event from the right one.
    sentences = [gold("x", ev("RUS", "UKR", "190"))]
    predictions = [[pred("UKR", "RUS", "190", confidence=0.9), pred("RUS", "UKR", "190")]]
    report = score(sentences, predictions)
    assert report.field("dyad_root").tp == 1
    assert report.field("dyad_root").fp == 1
    assert report.misses[0].why.startswith("spurious 190 UKR->RUS")


def test_pairs_one_to_one() -> None:
    sentences = [gold("x", ev("USA", "RUS", "163"))]
    predictions = [[pred("USA", "RUS", "163"), pred("USA", "RUS", "163")]]
    field = score(sentences, predictions).field("dyad_root")
    assert (field.tp, field.fp, field.fn) == (1, 1, 0)


def test_symmetric_prediction_matches_either_direction() -> None:
    sentences = [gold("x", ev("USA", "CHN", "040"))]
    flagged = score(sentences, [[pred("CHN", "USA", "040", symmetric=True)]])
    assert flagged.field("dyad_root").tp == 1
    assert flagged.field("source").tp == 1
    assert flagged.field("target").tp == 1
    plain = score(sentences, [[pred("CHN", "USA", "040", symmetric=False)]])
    assert plain.field("dyad_root").tp == 0
    assert plain.field("source").tp == 0


def test_symmetric_gold_matches_either_direction() -> None:
    sentences = [gold("x", ev("IND", "CHN", "044", symmetric=True))]
    report = score(sentences, [[pred("CHN", "IND", "044")]])
    assert report.field("dyad_root").tp == 1


def test_igo_codes_match_on_prefix() -> None:
    sentences = [
        gold("un", ev("UKR", "IGOUNO", "0233")),
        gold("nato", ev("IGOWSTNAT", "TUR", "051")),
    ]
    predictions = [
        [pred("UKR", "IGOUNOSEC", "0233")],
        [pred("IGOEUREEC", "TUR", "051")],
    ]
    report = score(sentences, predictions)
    assert report.field("target").tp == 2  # IGOUNO is a prefix of IGOUNOSEC; TUR is TUR
    assert report.field("source").tp == 1  # only UKR: the EU is not NATO
    assert report.field("dyad_root").tp == 1


def test_one_sided_events_agree_on_missing_target() -> None:
    sentences = [gold("x", ev("PRK", None, "150"))]
    report = score(sentences, [[pred("PRK", None, "150")]])
    assert report.field("dyad_root").tp == 1
    target = report.field("target")
    assert (target.tp, target.fp, target.fn) == (0, 0, 0)


def test_mismatched_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match="one list"):
        score([gold("x")], [])


def test_renderers(mixed: Any) -> None:
    text = render_text(mixed, misses=2)
    assert "dyad + root" in text
    assert "worst misses (2 of 4)" in text
    assert "G: 150: target TWN vs USA" in text
    assert "D:" in text and "F:" not in text
    data = render_json(mixed)
    assert json.loads(json.dumps(data)) == data
    assert data["fields"]["event"]["tp"] == 4
    assert data["penta"]["accuracy"] == pytest.approx(0.8)
    assert [m["id"] for m in data["misses"]] == ["G", "D", "C", "F"]


# ------------------------------------------------------------------------ read_gold


def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_read_gold_standard_line(tmp_path: Path) -> None:
    line = {
        "id": "s1",
        "text": "Kim praised Russia.",
        "date": "2023-09-13",
        "events": [
            {
                "source": "PRK",
                "target": "RUS",
                "cameo": "051",
                "plover": "SUPPORT",
                "status": "reported",
            }
        ],
    }
    path = write(
        tmp_path, json.dumps(line), "", json.dumps({"id": "s2", "text": "Rain.", "events": []})
    )
    sentences = read_gold(path)
    assert sentences == [
        GoldSentence(
            "s1",
            "Kim praised Russia.",
            "2023-09-13",
            (GoldEvent("PRK", "RUS", "051", "SUPPORT", "reported"),),
        ),
        GoldSentence("s2", "Rain.", None, ()),
    ]


def test_read_gold_aliases(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        json.dumps(
            {
                "sentence_id": "a",
                "sentence": "One.",
                "published": "2024-01-01",
                "events": [
                    {
                        "source_country": "usa",
                        "actor2": "CHN",
                        "event_code": "042",
                        "plover_type": "consult",
                    }
                ],
            }
        ),
        json.dumps(
            {
                "id": "b",
                "text": "Two.",
                "events": [
                    {
                        "actor1": {"country": None, "code": "IGOUNO"},
                        "target_country": {"country": "RUS", "code": "RUSGOV"},
                        "cameo_code": 1056,
                        "event_type": {"type": "REQUEST"},
                        "symmetric": False,
                    }
                ],
            }
        ),
        # Flat lines: one event per line, merged by id.
        json.dumps({"id": "c", "text": "Three.", "source": "RUS", "target": "UKR", "code": 19}),
        json.dumps({"id": "c", "text": "Three.", "source": "UKR", "target": "RUS", "code": "112"}),
        json.dumps({"id": "d", "text": "Four.", "cameo": None}),
        json.dumps({"text": "Five.", "code": 211, "source": "SEN", "target": "RUS"}),
    )
    sentences = read_gold(path)
    assert [s.id for s in sentences] == ["a", "b", "c", "d", "gold.jsonl:6"]
    assert sentences[0].date == "2024-01-01"
    assert sentences[0].events == (GoldEvent("USA", "CHN", "042", "CONSULT", None),)
    assert sentences[1].events == (GoldEvent("IGOUNO", "RUS", "1056", "REQUEST", None),)
    assert [(e.source, e.cameo) for e in sentences[2].events] == [("RUS", "019"), ("UKR", "112")]
    assert sentences[3].events == ()
    assert sentences[4].events[0].cameo == "0211"


def test_read_gold_two_digit_string_is_the_root_code(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        json.dumps(
            {"id": "x", "text": "T.", "events": [{"source": "RUS", "target": "UKR", "cameo": "19"}]}
        ),
    )
    assert read_gold(path)[0].events[0].cameo == "190"


@pytest.mark.parametrize(
    ("bad_line", "problem"),
    [
        ('{"id": "x", "text": "T.", "events": [', "not valid JSON"),
        ('["not", "an", "object"]', "JSON object"),
        ('{"id": "x", "events": []}', "text is missing"),
        ('{"id": "x", "text": "T."}', 'no "events" list'),
        ('{"id": "x", "text": "T.", "events": {}}', "events must be a list"),
        ('{"id": "x", "text": "T.", "events": [{"source": "RUS", "cameo": "99"}]}', "CAMEO code"),
        ('{"id": "x", "text": "T.", "events": [{"source": "RUS", "cameo": "04x"}]}', "CAMEO code"),
        ('{"id": "x", "text": "T.", "events": [{"source": "RUS"}]}', "CAMEO code"),
        (
            '{"id": "x", "text": "T.", "events": [{"cameo": "042", "status": "rumoured"}]}',
            "status 'rumoured'",
        ),
        ('{"id": "x", "text": "T.", "events": [{"cameo": "042", "source": 5}]}', "actor 5"),
        (
            '{"id": "x", "text": "T.", '
            '"events": [{"cameo": "042", "source": "RUS", "actor1": "UKR"}]}',
            "disagree",
        ),
        ('{"id": "s1", "text": "Another text.", "events": []}', "two different texts"),
    ],
)
def test_read_gold_malformed_names_path_and_line(
    tmp_path: Path, bad_line: str, problem: str
) -> None:
    path = write(tmp_path, '{"id": "s1", "text": "Fine.", "events": []}', bad_line)
    with pytest.raises(MalformedInput) as caught:
        read_gold(path)
    message = caught.value.message
    assert message.startswith(f"E107 {path}:2")
    assert problem in message


def test_read_gold_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputNotFound, match="no such gold file"):
        read_gold(tmp_path / "absent.jsonl")


# ------------------------------------------------------------------ the gold corpus


def test_gold_corpus_shape() -> None:
    sentences = read_gold(GOLD_CORPUS)
    assert len(sentences) >= 250
    assert len({s.id for s in sentences}) == len(sentences)
    empty = sum(1 for s in sentences if not s.events)
    assert 0.15 <= empty / len(sentences) <= 0.3
    roots = Counter(e.cameo[:2] for s in sentences for e in s.events)
    assert sorted(roots) == [f"{r:02d}" for r in range(1, 21)]
    assert min(roots.values()) >= 5
    statuses = {e.status for s in sentences for e in s.events}
    assert statuses == {"reported", "intended", "expected", "denied", "hypothetical"}
    assert any(e.symmetric for s in sentences for e in s.events)
    assert any(e.target is None for s in sentences for e in s.events)


def test_gold_corpus_scores_perfectly_against_itself() -> None:
    sentences = read_gold(GOLD_CORPUS)
    predictions = [
        [
            pred(
                e.source,
                e.target,
                e.cameo,
                e.plover,
                status=e.status or "reported",
                symmetric=e.symmetric,
            )
            for e in s.events
        ]
        for s in sentences
    ]
    report = score(sentences, predictions)
    assert all(f.f1 == 1.0 for f in report.fields if f.tp)
    assert report.misses == []


def test_gold_corpus_codes_and_plover_follow_the_codebook() -> None:
    for sentence in read_gold(GOLD_CORPUS):
        for event in sentence.events:
            entry = lookup(event.cameo)
            assert event.plover == entry.plover_type, (sentence.id, event.cameo)
