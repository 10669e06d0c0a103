"""The dyad page's event map (locate stage): markers link to their events' evidence."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from dyadwatch.serve import Settings, create_app
from dyadwatch.store import Store
from serve.dbs import SCRIPT, article_for
from store.records import make_event


def _loc(name: str, country: str, lat: float, lon: float, text: str = "") -> dict[str, Any]:
    return {
        "text": text or name, "start": 0, "end": len(text or name), "name": name,
        "country": country, "admin1": None, "lat": lat, "lon": lon, "geonames_id": None,
        "precision": "city",
    }  # fmt: skip


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path = tmp_path_factory.mktemp("map") / "m.duckdb"
    located = [
        make_event("m1", index=0, extra={"location": _loc("Pyongyang", "PRK", 39.03, 125.75)}),
        make_event(
            "m1",
            index=1,
            source="RUSGOV",
            target="PRK",
            extra={"location": _loc("Vladivostok", "RUS", 43.1, 131.9, SCRIPT)},
        ),
        make_event("m1", index=2, extra={"location": None}),
    ]
    unlocated = [make_event("m2", index=0, source="USAGOV", target="CHN")]
    with Store(path) as store:
        run = store.start_run([], "dyadwatch 0.1.0")
        store.add_articles(
            run,
            [
                (article_for("m1", located, title="Summit"), located),
                (article_for("m2", unlocated, title="Other"), unlocated),
            ],
        )
    return TestClient(create_app(Settings(db=path, lock_timeout=1.0, snapshots=False)))


def test_markers_link_to_the_located_events(client: TestClient) -> None:
    html = client.get("/dyad/PRK-RUS").text
    assert '<svg id="event-map"' in html
    assert "2 of 3 events on this page located" in html
    pyongyang = next(e for e in client.get("/api/events?dyad=PRK-RUS").json()["events"]
                     if (e["location"] or {}).get("name") == "Pyongyang")  # fmt: skip
    assert f'href="#ev-{pyongyang["event_id"]}"' in html
    assert f'id="ev-{pyongyang["event_id"]}"' in html  # the anchor the marker leads to
    assert 'cx="125.75" cy="-39.03"' in html
    assert SCRIPT not in html  # evidence text in the tooltip is escaped


def test_no_map_without_located_events(client: TestClient) -> None:
    html = client.get("/dyad/CHN-USA").text
    assert "event-map" not in html
