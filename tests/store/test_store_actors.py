"""The actors table follows the stored events: new events add, corrected articles recount."""

from __future__ import annotations

from dyadwatch.store import Store
from store.records import make_article, make_event


def _counts(store: Store) -> dict[str, int]:
    return {row["code"]: row["events"] for row in store.actors()}


def test_actors_count_the_events_that_name_them() -> None:
    with Store(":memory:") as store:
        run = store.start_run(["x"], coder="test")
        article = make_article("doc-1")
        events = [
            make_event("doc-1", index=0, source="PRKGOV", target="RUS"),
            make_event("doc-1", index=1, source="RUSGOV", target="PRK", cameo="057"),
        ]
        store.add_articles(run, [(article, events)])
        assert _counts(store) == {"PRKGOV": 1, "RUS": 1, "RUSGOV": 1, "PRK": 1}
        row = next(r for r in store.actors() if r["code"] == "PRKGOV")
        assert (row["country"], row["sector"], row["first_seen"]) == ("PRK", "GOV", "2024-06-19")
        # Adding the same article again changes nothing.
        store.add_articles(run, [(article, events)])
        assert _counts(store) == {"PRKGOV": 1, "RUS": 1, "RUSGOV": 1, "PRK": 1}


def test_a_corrected_article_recounts_its_actors() -> None:
    with Store(":memory:") as store:
        run = store.start_run(["x"], coder="test")
        store.add_articles(run, [(make_article("doc-1"), [make_event("doc-1")])])
        corrected = make_article("doc-1", text="Russia praised China in a statement on Friday.")
        store.add_articles(run, [(corrected, [make_event("doc-1", source="RUS", target="CHN")])])
        assert _counts(store) == {"RUS": 1, "CHN": 1}
