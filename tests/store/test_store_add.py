"""Storing coded articles: idempotency, corrections, exact round trips, atomicity."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dyadwatch.errors import StoreError
from dyadwatch.model import Attribution
from dyadwatch.store import AddResult, EventFilter, Store, content_hash
from store.records import make_article, make_event

SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "event.schema.json"


@pytest.fixture
def store(tmp_path: Path) -> Any:
    with Store(tmp_path / "t.duckdb") as opened:
        yield opened


def _two_events(doc_id: str = "doc-1") -> list[Any]:
    return [
        make_event(doc_id, index=0, cameo="051"),
        make_event(doc_id, index=1, source="RUSGOV", target="PRK", cameo="057"),
    ]


def test_adding_the_same_article_twice_changes_nothing(store: Store) -> None:
    article = make_article()
    first_run = store.start_run(["a.txt"], "dyadwatch 0.1.0")
    first = store.add_articles(first_run, [(article, _two_events())])
    assert first == AddResult(new_articles=1, new_events=2)

    second_run = store.start_run(["a.txt"], "dyadwatch 0.1.0")
    second = store.add_articles(second_run, [(article, _two_events())])
    assert second == AddResult(unchanged_articles=1)
    assert store.count_events() == 2
    stored = store.article("doc-1")
    assert stored is not None
    assert (stored["first_run"], stored["last_run"]) == (first_run, second_run)


def test_a_corrected_article_replaces_its_events(store: Store) -> None:
    run = store.start_run(["a.txt"], "dyadwatch 0.1.0")
    store.add_articles(run, [(make_article(), _two_events())])
    other = make_event("doc-2", index=0, source="USAGOV", target="CHN", cameo="111")
    store.add_articles(run, [(make_article("doc-2", "Washington criticized China."), [other])])

    corrected_text = "Kim Jong-un praised Russia. Putin criticized Washington, officials said."
    kept = make_event("doc-1", index=0, cameo="051")  # same id as before: deleted, re-inserted
    added = make_event("doc-1", index=1, source="RUSGOV", target="USAGOV", cameo="111")
    later = store.start_run(["a.txt"], "dyadwatch 0.1.0")
    result = store.add_articles(later, [(make_article(text=corrected_text), [kept, added])])

    assert result == AddResult(replaced_articles=1, new_events=2, removed_events=2)
    assert store.events(EventFilter(doc_id="doc-1")) == [kept.to_dict(), added.to_dict()]
    assert store.events(EventFilter(doc_id="doc-2")) == [other.to_dict()]
    stored = store.article("doc-1")
    assert stored is not None
    assert stored["text"] == corrected_text
    assert stored["content_hash"] == content_hash(corrected_text)
    assert (stored["first_run"], stored["last_run"]) == (run, later)


def test_a_corrected_article_with_no_events_left_keeps_none(store: Store) -> None:
    run = store.start_run([], "dyadwatch 0.1.0")
    store.add_articles(run, [(make_article(), _two_events())])
    result = store.add_articles(run, [(make_article(text="The weather was mild."), [])])
    assert result.removed_events == 2
    assert store.count_events() == 0


def test_a_doc_id_given_twice_in_one_call_counts_once_and_the_last_wins(store: Store) -> None:
    run = store.start_run([], "dyadwatch 0.1.0")
    late = make_event(index=0, cameo="111", source="RUSGOV", target="USAGOV")
    result = store.add_articles(
        run,
        [
            (make_article(text="First draft."), _two_events()),
            (make_article(text="Final text."), [late]),
        ],
    )
    assert result == AddResult(new_articles=1, new_events=1)
    assert store.events() == [late.to_dict()]


def test_events_round_trip_exactly(store: Store) -> None:
    events = [
        make_event(index=0, hedged=True, status="expected", confidence=0.1 + 0.2),
        make_event(
            index=1,
            source="IGOUNO",
            target=None,
            cameo="010",
            date=None,
            attribution=Attribution("the Tass news agency", 300, 320, "RUS", "MED"),
            extra={"location": None, "note": "Пхеньян — 평양", "scores": [0.5, 1e-12]},
        ),
        make_event(index=2, source="RUS", target="PRK", cameo="040", symmetric=True),
    ]
    run = store.start_run([], "dyadwatch 0.1.0")
    store.add_articles(run, [(make_article(), events)])
    stored = {e["event_id"]: e for e in store.events()}
    for event in events:
        expected = event.to_dict()
        assert stored[event.event_id] == expected
        assert list(stored[event.event_id]) == list(expected)  # field order too


def test_round_tripped_events_match_the_contract_schema(store: Store) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.exists():
        pytest.skip(f"{SCHEMA} is absent")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    run = store.start_run([], "dyadwatch 0.1.0")
    events = [
        *_two_events(),
        make_event(index=2, source="IGOUNO", target=None, cameo="010", date=None),
        make_event(index=3, attribution=Attribution("Tass", 0, 4, "RUS", "MED"), status="intended"),
    ]
    store.add_articles(run, [(make_article(), events)])
    stored = store.events()
    assert len(stored) == 4
    for record in stored:
        jsonschema.validate(record, schema)


def test_a_failure_mid_call_leaves_nothing_written(store: Store) -> None:
    run = store.start_run([], "dyadwatch 0.1.0")
    good = (make_article("doc-ok"), [make_event("doc-ok")])
    # An event that cannot be serialised fails after the article rows were inserted.
    broken = (make_article("doc-bad"), [make_event("doc-bad", extra={"x": object()})])
    with pytest.raises(TypeError):
        store.add_articles(run, [good, broken])
    assert store.article("doc-ok") is None
    assert store.article("doc-bad") is None
    assert store.count_events() == 0
    # The store is still usable afterwards.
    assert store.add_articles(run, [good]).new_articles == 1


def test_an_event_of_another_document_is_refused_before_writing(store: Store) -> None:
    run = store.start_run([], "dyadwatch 0.1.0")
    with pytest.raises(ValueError, match="doc-2"):
        store.add_articles(run, [(make_article("doc-1"), [make_event("doc-2")])])
    assert store.article("doc-1") is None


def test_an_event_id_taken_by_another_article_is_skipped_and_counted(store: Store) -> None:
    run = store.start_run([], "dyadwatch 0.1.0")
    store.add_articles(run, [(make_article("doc-1"), [make_event("doc-1", event_id="same-id-0")])])
    clash = make_event("doc-2", event_id="same-id-0", cameo="111", source="USAGOV", target="CHN")
    result = store.add_articles(run, [(make_article("doc-2", "Other text."), [clash])])
    assert result == AddResult(new_articles=1, skipped_events=1)
    assert [e["doc_id"] for e in store.events()] == ["doc-1"]


def test_an_unknown_run_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="no such run"):
        store.add_articles("not-a-run", [(make_article(), [])])
    assert store.article("doc-1") is None


def test_empty_input_is_a_no_op(store: Store) -> None:
    run = store.start_run([], "dyadwatch 0.1.0")
    assert store.add_articles(run, []) == AddResult()


def test_article_returns_the_stored_metadata(store: Store) -> None:
    run = store.start_run([], "dyadwatch 0.1.0")
    article = make_article()
    store.add_articles(run, [(article, [])])
    stored = store.article("doc-1")
    assert stored is not None
    assert {k: stored[k] for k in ("origin", "url", "title", "published", "author")} == {
        "origin": article.origin,
        "url": article.url,
        "title": article.title,
        "published": article.published,
        "author": article.author,
    }
    assert (stored["site"], stored["language"], stored["text"]) == (
        article.site,
        article.language,
        article.text,
    )
    assert store.article("missing") is None


def test_many_articles_in_one_call(store: Store) -> None:
    run = store.start_run([], "dyadwatch 0.1.0")
    coded = [
        (
            make_article(f"doc-{n}", f"Article number {n}."),
            [make_event(f"doc-{n}", index=i, cameo=c) for i, c in enumerate(("051", "111", "190"))],
        )
        for n in range(2000)
    ]
    result = store.add_articles(run, coded)
    assert result == AddResult(new_articles=2000, new_events=6000)
    assert store.count_events(EventFilter(cameo="19")) == 2000
    assert store.add_articles(run, coded) == AddResult(unchanged_articles=2000)


def test_a_read_only_store_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "t.duckdb"
    with Store(path) as writer:
        run = writer.start_run([], "dyadwatch 0.1.0")
        writer.add_articles(run, [(make_article(), _two_events())])
    with Store(path, read_only=True) as reader:
        assert reader.count_events() == 2
        with pytest.raises(StoreError, match="read-only"):
            reader.add_articles(run, [(make_article(), [])])
        with pytest.raises(StoreError, match="read-only"):
            reader.start_run([], "dyadwatch 0.1.0")
