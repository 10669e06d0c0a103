"""Store.add_records: events coded elsewhere (dyadwatch batch) stored from contract dicts."""

from __future__ import annotations

import pytest

from dyadwatch.store import AddResult, Store
from store.records import make_article, make_event


def test_records_are_stored_exactly_and_idempotently() -> None:
    article = make_article()
    events = [
        make_event("doc-1", index=0, cameo="051").to_dict(),
        make_event("doc-1", index=1, source="RUSGOV", target="PRK", cameo="057").to_dict(),
    ]
    # A field a newer coder added must survive the trip.
    events[0]["cluster_id"] = "c-7"
    with Store(":memory:") as store:
        run = store.start_run(["out/"], "dyadwatch 0.1.0")
        assert store.add_records(run, [(article, events)]) == AddResult(
            new_articles=1, new_events=2
        )
        assert store.add_records(run, [(article, events)]) == AddResult(unchanged_articles=1)
        stored = {e["event_id"]: e for e in store.events()}
    assert stored == {e["event_id"]: e for e in events}


def test_a_record_of_another_article_is_refused() -> None:
    record = make_event("doc-2", index=0).to_dict()
    with Store(":memory:") as store:
        run = store.start_run(["out/"], "dyadwatch 0.1.0")
        with pytest.raises(ValueError, match="doc-2"):
            store.add_records(run, [(make_article("doc-1"), [record])])
        assert store.events() == []
