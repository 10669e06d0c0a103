"""Event clusters kept in the store at ingest, and the counts that use them."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from dyadwatch.cluster import Report, cluster_reports
from dyadwatch.model import Article, Event
from dyadwatch.pipeline import Pipeline
from dyadwatch.query import GDELT_COLUMNS, export_events, make_filter, timeline
from dyadwatch.store import EventFilter, Store, event_clusters

BRIEFS = Path(__file__).parent / "data" / "briefs.jsonl"
Coded = list[tuple[Article, list[Event]]]


@pytest.fixture(scope="module")
def coded() -> Coded:
    briefs = [json.loads(line) for line in BRIEFS.read_text(encoding="utf-8").splitlines()]
    articles = [
        Article(
            doc_id=b["id"],
            origin="briefs.jsonl",
            text=b["text"],
            url=b["url"],
            title=b["title"],
            published=b["date"],
        )
        for b in briefs
    ]
    return [(c.article, c.events) for c in Pipeline().code_articles(articles)]


@pytest.fixture(scope="module")
def db(coded: Coded, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("clusters") / "c.duckdb"
    with Store(path) as store:
        run = store.start_run(["briefs"], coder="test")
        store.add_articles(run, coded)
    return path


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    with Store(db, read_only=True) as opened:
        yield opened


def groups(mapping: dict[str, str]) -> set[frozenset[str]]:
    found: dict[str, set[str]] = {}
    for event_id, cluster in mapping.items():
        found.setdefault(cluster, set()).add(event_id)
    return {frozenset(g) for g in found.values()}


def test_ingest_in_any_batches_gives_the_in_memory_clusters(coded: Coded) -> None:
    expected = {
        frozenset(c.event_ids)
        for c in cluster_reports(
            [Report.from_record(e, site=a.site, origin=a.origin) for a, evs in coded for e in evs]
        )
    }
    for seed in (1, 2):
        order = list(coded)
        random.Random(seed).shuffle(order)
        with Store(":memory:") as store:
            run = store.start_run(["briefs"], coder="test")
            for i in range(0, len(order), 4):
                store.add_articles(run, order[i : i + 4])
            assert groups(store.event_cluster_of()) == expected
            before = store.event_clusters()
            store.add_articles(run, order)  # re-ingesting changes nothing
            assert store.event_clusters() == before
            assert len(before) == len(expected)


def test_a_cluster_row_keeps_counts_and_disagreement(store: Store) -> None:
    [shells] = [c for c in store.event_clusters() if c["cameo"] == "072" and c["reports"] == 2]
    assert shells["status"]["reported"]["who"] == ["US officials (USA)"]
    assert shells["status"]["denied"]["reports"] == 1
    assert shells["outlets"] == 2
    [summit] = [c for c in store.event_clusters() if c["first_seen"] == "2023-09-11"]
    assert (summit["reports"], summit["articles"], summit["outlets"]) == (9, 6, 6)


def test_a_corrected_article_leaves_its_cluster(coded: Coded) -> None:
    with Store(":memory:") as store:
        run = store.start_run(["briefs"], coder="test")
        store.add_articles(run, coded)
        [(article, events)] = [(a, e) for a, e in coded if a.doc_id == "bx-2"]
        gone = events[0].event_id
        before = store.event_cluster_of()
        survivors = {e for e, c in before.items() if c == before[gone]} - {gone}
        # The corrected text codes no event: the old one is removed from its cluster.
        store.add_articles(run, [(replace(article, text=article.text + " (corrected)"), [])])
        after = store.event_cluster_of()
        assert gone not in after and len(after) == len(before) - 1
        assert len({after[e] for e in survivors}) == 1
        assert sum(c["reports"] for c in store.event_clusters()) == len(after)


def test_timelines_and_dyads_count_events_or_reports(store: Store) -> None:
    flt = make_filter(dyad="PRK-RUS", since="2023-09", until="2023-09")
    [events] = timeline(store, flt, "month")
    [reports] = timeline(store, flt, "month", count="reports")
    # September 2023: the summit (9 reports), shells (2) and Putin's praise (1).
    assert (events.events, reports.events) == (3, 12)
    by_events = {(d.a, d.b): d.events for d in store.dyads(EventFilter())}
    by_reports = {(d.a, d.b): d.events for d in store.dyads(EventFilter(), count="reports")}
    assert by_events[("PRK", "RUS")] < by_reports[("PRK", "RUS")]
    assert sum(by_events.values()) < sum(by_reports.values())


def test_gdelt_rows_carry_cluster_counts(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "g.tsv"
    flt = make_filter(dyad="PRK-RUS", since="2023-09-11", until="2023-09-14")
    written = export_events(store, flt, "gdelt", out)
    everything = export_events(store, flt, "gdelt", tmp_path / "all.tsv", count="reports")
    assert (written, everything) == (3, 12)
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    at = {name: GDELT_COLUMNS.index(name) for name in ("NumMentions", "NumSources", "NumArticles")}
    counts = sorted(
        (int(r[at["NumMentions"]]), int(r[at["NumSources"]]), int(r[at["NumArticles"]]))
        for r in rows
    )
    assert counts == [(1, 1, 1), (2, 2, 2), (9, 6, 6)]


def test_a_database_from_before_clustering_gets_its_clusters_on_upgrade(
    coded: Coded, tmp_path: Path
) -> None:
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        run = store.start_run(["briefs"], coder="test")
        store.add_articles(run, coded)
        expected = groups(store.event_cluster_of())
    # Undo migration 0004 (and 0006, which alters its table) by hand, as if the file
    # came from an older dyadwatch.
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE event_clusters")
    con.execute("DROP TABLE event_cluster_members")
    con.execute("DROP TABLE event_clusters_stale")
    con.execute(
        "DELETE FROM schema_migrations "
        "WHERE name IN ('0004_event_clusters', '0006_cluster_reports')"
    )
    con.close()
    with Store(path) as store:
        assert groups(store.event_cluster_of()) == expected
        assert len(store.event_clusters()) == len(expected)


def test_clusters_from_before_clustering_views_are_filled_on_upgrade(
    coded: Coded, tmp_path: Path
) -> None:
    # A file clustered before 0006_cluster_reports: members without match keys or views.
    path = tmp_path / "old.duckdb"
    half = len(coded) // 2
    with Store(path) as store:
        store.add_articles(store.start_run(["briefs"], coder="test"), coded[:half])
    # DuckDB cannot drop a column of an indexed table: rebuild the tables as 0004 made them.
    con = duckdb.connect(str(path))
    con.execute(
        "CREATE TEMP TABLE members AS SELECT event_id, cluster_id, block, date "
        "FROM event_cluster_members"
    )
    con.execute("CREATE TEMP TABLE summaries AS SELECT * FROM event_clusters")
    con.execute("DROP TABLE event_cluster_members")
    con.execute("DROP TABLE event_clusters")
    con.execute(event_clusters.MIGRATION)
    con.execute("INSERT INTO event_cluster_members SELECT * FROM members")
    con.execute("INSERT INTO event_clusters SELECT * FROM summaries")
    con.execute("DROP TABLE event_clusters_stale")
    con.execute("DELETE FROM schema_migrations WHERE name = '0006_cluster_reports'")
    con.close()
    with Store(path) as store:
        store.add_articles(store.start_run(["briefs"], coder="test"), coded[half:])
        upgraded = groups(store.event_cluster_of())
        clusters = store.event_clusters()
    with Store(tmp_path / "new.duckdb") as store:
        store.add_articles(store.start_run(["briefs"], coder="test"), coded)
        assert upgraded == groups(store.event_cluster_of())
        assert clusters == store.event_clusters()


def test_the_api_counts_events_unless_asked_for_reports(db: Path) -> None:
    from fastapi.testclient import TestClient

    from dyadwatch.serve import Settings, create_app

    client = TestClient(create_app(Settings(db=db, lock_timeout=1.0, snapshots=False)))
    query = "/api/timeline?dyad=PRK-RUS&since=2023-09&until=2023-09"
    [events] = client.get(query).json()["timeline"]
    [reports] = client.get(query + "&count=reports").json()["timeline"]
    assert (events["events"], reports["events"]) == (3, 12)
    assert client.get(query + "&count=stories").status_code == 400  # one error shape
    dyads = client.get("/api/dyads?count=reports").json()["dyads"]
    assert dyads and all("events" in d for d in dyads)


def test_deferred_summaries_match_immediate_ones_once_refreshed(
    coded: Coded, tmp_path: Path
) -> None:
    with Store(tmp_path / "now.duckdb") as store:
        run = store.start_run(["briefs"], coder="test")
        for start in range(0, len(coded), 5):
            store.add_articles(run, coded[start : start + 5])
        expected = store.event_clusters()
    with Store(tmp_path / "later.duckdb") as store:
        run = store.start_run(["briefs"], coder="test")
        for start in range(0, len(coded), 5):
            store.add_articles(run, coded[start : start + 5], defer_summaries=True)
        assert store.event_clusters() == []  # members are placed, summaries wait
        assert len(groups(store.event_cluster_of())) == len(expected)
        assert store.refresh_event_clusters() == len(expected)
        assert store.event_clusters() == expected
        assert store.refresh_event_clusters() == 0  # nothing left stale


def test_a_write_that_does_not_defer_catches_up_stale_summaries(
    coded: Coded, tmp_path: Path
) -> None:
    # As after an ingest killed between a deferred write and its refresh.
    with Store(tmp_path / "s.duckdb") as store:
        run = store.start_run(["briefs"], coder="test")
        store.add_articles(run, coded[:-1], defer_summaries=True)
        store.add_articles(run, coded[-1:])
        clustered = groups(store.event_cluster_of())
        assert len(store.event_clusters()) == len(clustered)
        assert store.refresh_event_clusters() == 0
