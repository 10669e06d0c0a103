"""Event clusters on hand-built records: dyads, windows, statuses, counts, increments."""

from __future__ import annotations

import random
from typing import Any

import pytest

from dyadwatch.cluster import (
    EventIndex,
    Matcher,
    Query,
    Report,
    block_key,
    cluster_reports,
    pairwise_scores,
)


def record(
    event_id: str,
    *,
    source: str = "PRK",
    target: str | None = "RUS",
    cameo: str = "040",
    date: str = "2023-09-13",
    status: str = "reported",
    symmetric: bool = False,
    trigger: str = "met",
    sentence: str = "The leaders met at the cosmodrome.",
    doc_id: str | None = None,
    url: str | None = None,
    confidence: float = 0.9,
    attribution: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A contract-shaped event record with only the fields clustering reads."""
    return {
        "event_id": event_id,
        "doc_id": doc_id or f"doc-{event_id}",
        "url": url,
        "published": date,
        "date": date,
        "sentence": sentence,
        "source": {"text": source, "country": source, "code": source},
        "target": {"text": target, "country": target, "code": target} if target else None,
        "trigger": {"text": trigger, "start": 0, "end": len(trigger)},
        "cameo": cameo,
        "status": status,
        "hedged": False,
        "attribution": attribution,
        "symmetric": symmetric,
        "confidence": confidence,
    }


def groups(reports: list[Report]) -> set[frozenset[str]]:
    return {frozenset(c.event_ids) for c in cluster_reports(reports)}


def reports(*records: dict[str, Any]) -> list[Report]:
    return [Report.from_record(r) for r in records]


def test_reversed_dyad_joins_for_symmetric_and_cooperative_acts_only() -> None:
    meet = reports(
        record("a", symmetric=True),
        record("b", source="RUS", target="PRK", trigger="hosted", cameo="043"),
    )
    assert groups(meet) == {frozenset({"a", "b"})}
    sanctions = reports(
        record("c", source="USA", target="RUS", cameo="163", trigger="sanctioned"),
        record("d", source="RUS", target="USA", cameo="163", trigger="sanctioned"),
    )
    assert groups(sanctions) == {frozenset({"c"}), frozenset({"d"})}


def test_date_window_is_wider_for_expected_acts() -> None:
    found = reports(
        record("done", date="2023-09-13"),
        record("next-day", date="2023-09-15"),
        record("ahead", date="2023-09-08", status="expected", trigger="meet"),
        record("other-summit", date="2023-10-20"),
    )
    assert groups(found) == {
        frozenset({"done", "next-day", "ahead"}),
        frozenset({"other-summit"}),
    }


def test_intent_codes_meet_the_act_they_announce_when_the_words_agree() -> None:
    found = reports(
        record(
            "intent",
            source="SAU",
            target="IRN",
            cameo="032",
            status="intended",
            trigger="restore",
            sentence="The kingdom agreed to restore relations.",
        ),
        record(
            "done",
            source="IRN",
            target="SAU",
            cameo="050",
            trigger="restored",
            sentence="The two restored ties.",
        ),
        record(
            "other",
            source="SAU",
            target="IRN",
            cameo="057",
            trigger="signed",
            sentence="The kingdom signed a fisheries memorandum.",
        ),
    )
    assert groups(found) == {frozenset({"intent", "done"}), frozenset({"other"})}


def test_different_acts_of_one_family_stay_apart_on_one_shared_word() -> None:
    found = reports(
        record("praise", cameo="051", trigger="praised", sentence="He praised the treaty."),
        record("sign", cameo="057", trigger="signed", sentence="He signed the treaty."),
    )
    assert groups(found) == {frozenset({"praise"}), frozenset({"sign"})}


def test_different_codes_and_triggers_join_on_mostly_shared_words() -> None:
    found = reports(
        record(
            "a",
            cameo="032",
            status="intended",
            trigger="reopen",
            sentence="They agreed to reopen embassies and restore relations.",
        ),
        record(
            "b",
            cameo="050",
            trigger="restored",
            sentence="They restored relations and will reopen embassies.",
        ),
    )
    assert groups(found) == {frozenset({"a", "b"})}


def test_summary_keeps_denials_expectations_and_who_said_them() -> None:
    [cluster] = cluster_reports(
        reports(
            record(
                "r1",
                url="https://www.northwire.example/a",
                attribution={"text": "Tass", "country": "RUS", "sector": "MED"},
            ),
            record("r2", url="https://eastdesk.example/b", confidence=0.95),
            record("r3", url="https://northwire.example/c"),
            record("d1", url="https://gulfdaily.example/d", status="denied", trigger="meet"),
            record("e1", date="2023-09-11", status="expected", url="https://seoul.example/e"),
        )
    )
    assert cluster.cluster_id == "d1"  # the smallest event id
    assert (cluster.reports, cluster.articles, cluster.outlets) == (5, 5, 4)
    assert (cluster.first_seen, cluster.last_seen) == ("2023-09-11", "2023-09-13")
    assert cluster.best_event_id == "r2"
    counts = {c.status: (c.reports, c.outlets, c.who) for c in cluster.status}
    assert counts == {
        "reported": (3, 2, ("Tass (RUS)", "eastdesk.example", "northwire.example")),
        "denied": (1, 1, ("gulfdaily.example",)),
        "expected": (1, 1, ("seoul.example",)),
    }
    assert cluster.summary.startswith("reported by 2 outlets (Tass (RUS), ")
    assert "denied by 1 outlet (gulfdaily.example)" in cluster.summary


def test_reprints_are_articles_but_one_story() -> None:
    found = [
        Report.from_record(record("a", url="https://one.example/x"), article_cluster="story"),
        Report.from_record(record("b", url="https://two.example/y"), article_cluster="story"),
        Report.from_record(record("c", url=None, doc_id="wire-3"), origin="feeds/wire.xml"),
    ]
    [cluster] = cluster_reports(found)
    assert (cluster.articles, cluster.stories, cluster.outlets) == (3, 2, 3)
    assert found[2].outlet == "feeds/wire.xml"


def test_one_article_mentioning_the_meeting_twice_is_one_event() -> None:
    found = reports(
        record("m1", doc_id="one", sentence="Kim met Putin on Wednesday."),
        record("m2", doc_id="one", trigger="held", sentence="The two held talks for hours."),
    )
    [cluster] = cluster_reports(found)
    assert (cluster.reports, cluster.articles) == (2, 1)


CORPUS = [
    record("k1", symmetric=True),
    record("k2", source="RUS", target="PRK", cameo="043", trigger="hosted"),
    record("k3", date="2023-09-14"),
    record("k4", date="2023-09-11", status="expected", trigger="meet"),
    record("k5", date="2019-04-25"),
    record("t1", cameo="057", trigger="signed", date="2024-06-19", sentence="signed a treaty"),
    record("t2", cameo="057", trigger="signed", date="2024-06-20", sentence="signed a pact"),
    record("x1", source="USA", target="CHN", date="2023-11-15"),
    record("x2", source="CHN", target="USA", date="2023-11-16", symmetric=True),
]


def test_incremental_and_shuffled_input_give_the_same_clusters() -> None:
    expected = groups(reports(*CORPUS))
    assert expected == {
        frozenset({"k1", "k2", "k3", "k4"}),
        frozenset({"k5"}),
        frozenset({"t1", "t2"}),
        frozenset({"x1", "x2"}),
    }
    rng = random.Random(6)
    for _ in range(20):
        shuffled = reports(*CORPUS)
        rng.shuffle(shuffled)
        index = EventIndex()
        cut = rng.randrange(len(shuffled))
        index.add(shuffled[:cut])
        for report in shuffled[cut:]:
            index.add([report])
        assert {frozenset(c.event_ids) for c in index.clusters()} == expected
        assert {c.cluster_id for c in index.clusters()} == {"k1", "k5", "t1", "x1"}


def test_a_bridging_report_merges_two_clusters() -> None:
    index = EventIndex()
    index.add(reports(record("b", date="2023-09-10"), record("c", date="2023-09-14")))
    assert len(index.clusters()) == 2
    [change] = index.add(reports(record("a", date="2023-09-12")))
    assert (change.cluster, change.absorbed, change.members) == ("a", ("b", "c"), ("a",))
    assert index.cluster_of("c") == "a"
    assert index.add(reports(record("a", date="2023-09-12"))) == []  # already known


def test_a_lookup_backed_index_matches_the_in_memory_one() -> None:
    # The store's way: known reports come from a lookup, the index remembers nothing.
    stored: dict[str, tuple[Report, str]] = {}

    def lookup(queries: list[Query]) -> list[tuple[Report, str]]:
        return [
            (r, c)
            for r, c in stored.values()
            if r.date is not None
            and any(q.key == block_key(r) and q.first <= r.date <= q.last for q in queries)
        ]

    index = EventIndex(lookup=lookup)
    every = reports(*CORPUS)
    for batch in (every[i : i + 2] for i in range(0, len(every), 2)):
        batch_ids = {r.event_id: r for r in batch}
        for change in index.add(batch):
            for event_id, (r, c) in list(stored.items()):
                if c in change.absorbed:
                    stored[event_id] = (r, change.cluster)
            for event_id in change.members:
                stored[event_id] = (batch_ids[event_id], change.cluster)
    by_cluster: dict[str, set[str]] = {}
    for event_id, (_, cluster) in stored.items():
        by_cluster.setdefault(cluster, set()).add(event_id)
    assert {frozenset(m) for m in by_cluster.values()} == groups(reports(*CORPUS))


def test_pairwise_scores() -> None:
    gold = {"a": "1", "b": "1", "c": "1", "d": "2"}
    predicted = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}
    scores = pairwise_scores(predicted, gold)
    assert (scores.true_pairs, scores.predicted_pairs, scores.gold_pairs) == (1, 2, 3)
    assert scores.precision == pytest.approx(0.5)
    assert scores.recall == pytest.approx(1 / 3)


def test_a_wider_window_is_a_setting() -> None:
    far = reports(record("a", date="2023-09-01"), record("b", date="2023-09-06"))
    assert len(cluster_reports(far)) == 2
    assert len(cluster_reports(far, Matcher(window_days=5))) == 1


def test_reports_with_one_match_key_match_the_same_reports() -> None:
    # What lets the index (and the store's lookup) compare one report per cluster and
    # key: the key must hold everything same_event reads.
    variants = [
        *CORPUS,
        record("w1", doc_id="wire-1"),
        record("w2", doc_id="wire-2", url="https://other.example/a", confidence=0.4),
        record("w3", doc_id="wire-3", status="denied"),
        record("w4", doc_id="wire-4", trigger="held talks", cameo="043"),
        record("u1", date="", doc_id="same"),
        record("u2", date="", doc_id="same"),
        record("u3", date="", doc_id="other"),
    ]
    matcher = Matcher()
    every = reports(*variants)
    for a in every:
        for b in every:
            if matcher.key(a) != matcher.key(b):
                continue
            for c in every:
                assert matcher.same_event(a, c) == matcher.same_event(b, c), (a, b, c)
    keys = {r.event_id: matcher.key(r) for r in every}
    assert keys["w1"] == keys["w2"]  # outlet and confidence are not compared
    assert keys["w1"] != keys["w3"] != keys["w4"]
    assert keys["u1"] == keys["u2"] != keys["u3"]  # undated: only within the article


def test_reprints_of_one_event_are_one_cluster_whatever_the_batches() -> None:
    wire = [record(f"r{n:02d}", doc_id=f"site-{n}") for n in range(30)]
    rng = random.Random(4)
    for _ in range(5):
        shuffled = reports(*wire)
        rng.shuffle(shuffled)
        index = EventIndex()
        for start in range(0, len(shuffled), 7):
            index.add(shuffled[start : start + 7])
        [cluster] = index.clusters()
        assert (cluster.cluster_id, cluster.reports, cluster.articles) == ("r00", 30, 30)
