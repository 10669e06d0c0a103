"""Server-rendered pages: content, escaping of stored text, evidence highlighting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dyadwatch.serve import Settings, create_app
from serve.dbs import SCRIPT, build_db, events_d1


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = build_db(tmp_path_factory.mktemp("pages") / "pages.duckdb")
    return TestClient(create_app(Settings(db=db, lock_timeout=1.0, snapshots=False)))


def test_home_lists_dyads_and_embeds_the_network(client: TestClient) -> None:
    html = client.get("/").text
    assert '<a href="/dyad/PRK-RUS">' in html
    assert 'id="network-data"' in html and '"edges"' in html
    assert '<script src="/static/plotly.min.js">' in html
    assert "cdn" not in html.lower()


def test_plotly_is_served_from_the_installed_package(client: TestClient) -> None:
    response = client.get("/static/plotly.min.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert "plotly.js" in response.text[:200]
    assert client.get("/static/dyadwatch.js").status_code == 200
    assert client.get("/static/..%2Fapp.py").status_code == 404


def test_stored_script_tags_stay_inert_everywhere(client: TestClient) -> None:
    for route in ("/article/d1", "/dyad/PRK-RUS", "/search?q=summit", f"/search?q={SCRIPT}"):
        response = client.get(route)
        assert response.status_code == 200, route
        assert SCRIPT not in response.text, route
        assert "window.pwned" not in response.text or "&lt;script&gt;" in response.text, route
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in client.get("/article/d1").text
    # Defence in depth: the browser would not run an inline script even if one got through.
    csp = client.get("/article/d1").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src")[0]


def test_dyad_page_shows_events_badges_and_highlighted_evidence(client: TestClient) -> None:
    html = client.get("/dyad/PRK-RUS").text
    assert "6 events" in html
    assert html.count('<li class="event"') == 6
    assert '<mark class="source" data-events=' in html
    assert '<mark class="trigger" data-events=' in html and ">praise</mark>" in html
    assert '<span class="badge status-expected">expected</span>' in html
    assert '<span class="badge hedged">hedged</span>' in html
    assert "according to Tass" in html
    assert 'id="timeline-data"' in html and '"2024-06"' in html


def test_dyad_page_filters(client: TestClient) -> None:
    assert "1 event<" in client.get("/dyad/PRK-RUS?status=expected").text
    assert "2 events" in client.get("/dyad/RUS-PRK?since=2024-06-20&until=2024-06").text
    assert "1 event<" in client.get("/dyad/PRK-RUS?cameo=07").text
    assert "1 event<" in client.get("/dyad/PRK-RUS?outlet=daily.example").text
    weekly = client.get("/dyad/PRK-RUS?by=week").text
    assert '"2023-09-11"' in weekly and 'data-by="week"' in weekly
    # Empty form fields (what a browser submits) mean "no filter".
    assert "6 events" in client.get("/dyad/PRK-RUS?since=&until=&cameo=&status=&outlet=").text


def test_bad_page_requests_render_an_error_page(client: TestClient) -> None:
    response = client.get("/dyad/PRK")
    assert response.status_code == 400 and "E202" in response.text
    assert "text/html" in response.headers["content-type"]
    assert client.get("/article/missing").status_code == 404
    assert client.get("/no/such/page").status_code == 404


@pytest.mark.parametrize("name", ["since", "until", "cameo", "status", "outlet"])
def test_dyad_page_refuses_an_over_long_filter_with_an_error_page(
    client: TestClient, name: str
) -> None:
    response = client.get("/dyad/PRK-RUS", params={name: "x" * 201})
    assert response.status_code == 400 and "text/html" in response.headers["content-type"]
    assert f"<code>E202</code> {name}: String should have at most 200 characters" in response.text


def test_article_page_highlights_the_selected_event(client: TestClient) -> None:
    event = events_d1()[2]
    html = client.get(f"/article/d1?event={event.event_id}").text
    selected = re.findall(r'<mark class="([^"]*selected)" data-events="[^"]*">([^<]*)</mark>', html)
    assert ("trigger selected", event.trigger.text) in selected
    assert ("source selected", "Russia") in selected
    assert ("target selected", "North Korea") in selected
    # Other events' spans are highlighted too, but not selected.
    assert '<mark class="trigger" data-events=' in html
    assert html.count('<li class="event selected">') == 1


def test_search_finds_actors_and_titles(client: TestClient) -> None:
    html = client.get("/search?q=kim").text
    assert "<code>PRKGOV</code>" in html and '<a href="/dyad/PRK-RUS">' in html
    html = client.get("/search?q=moscow").text
    assert '<a href="/article/d3">Consultations in Moscow</a>' in html


def test_an_empty_database_shows_how_to_fill_it(tmp_path: Path) -> None:
    from dyadwatch.store import Store

    Store(tmp_path / "empty.duckdb").close()
    client = TestClient(create_app(Settings(db=tmp_path / "empty.duckdb", snapshots=False)))
    assert "dyadwatch ingest" in client.get("/").text
    assert client.get("/api/dyads").json() == {"dyads": []}
