"""The JSON API: every route, every filter, paging bounds and the one error shape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from fastapi.testclient import TestClient

from dyadwatch.serve import Settings, create_app
from dyadwatch.store import Store
from serve.dbs import SCRIPT, build_db

SCHEMA_PATH = Path(__file__).parents[3] / "shared" / "event.schema.json"
ERROR_KEYS = {"code", "subject", "problem", "fix", "message"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("api") / "api.duckdb")


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(Settings(db=db, lock_timeout=1.0, snapshots=False)))


def error_of(response: Any, status: int, code: str) -> dict[str, str]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == ERROR_KEYS
    assert body["error"]["code"] == code
    assert body["error"]["message"].startswith(code)
    return dict(body["error"])


def ids(response: Any) -> set[str]:
    assert response.status_code == 200, response.text
    return {e["doc_id"] + ":" + str(e["sentence_index"]) for e in response.json()["events"]}


def test_dyads_lists_pairs_most_active_first(client: TestClient) -> None:
    dyads = client.get("/api/dyads").json()["dyads"]
    assert next((d["a"], d["b"], d["events"]) for d in dyads) == ("PRK", "RUS", 6)
    assert {(d["a"], d["b"]) for d in dyads} == {
        ("PRK", "RUS"), ("CHN", "USA"), ("RUS", "UKR"), ("RUS", "USA"),
    }  # fmt: skip
    assert len(client.get("/api/dyads?limit=1").json()["dyads"]) == 1
    only = client.get("/api/dyads?cameo=19").json()["dyads"]
    assert [(d["a"], d["b"]) for d in only] == [("RUS", "UKR")]
    assert [d["a"] for d in client.get("/api/dyads?actor=chn").json()["dyads"]] == ["CHN"]
    wire = client.get("/api/dyads?outlet=daily.example").json()["dyads"]
    assert [(d["a"], d["events"]) for d in wire] == [("PRK", 1)]


def test_events_follow_the_event_contract(client: TestClient) -> None:
    body = client.get("/api/events?dyad=PRK-RUS").json()
    assert body["total"] == 6 and len(body["events"]) == 6 and body["next_offset"] is None
    if not SCHEMA_PATH.exists():
        pytest.skip("../shared/event.schema.json is not on this machine")
    schema = json.loads(SCHEMA_PATH.read_text())
    for event in body["events"]:
        jsonschema.validate(event, schema)


def test_every_event_filter(client: TestClient) -> None:
    assert ids(client.get("/api/events?dyad=rus-prk")) == ids(
        client.get("/api/events?dyad=PRK-RUS")
    )
    assert ids(client.get("/api/events?dyad=PRK-RUS&since=2024-06-20")) == {"d1:2", "d3:0"}
    assert ids(client.get("/api/events?dyad=PRK-RUS&until=2023-09")) == {"d1:3", "d2:2"}
    assert ids(client.get("/api/events?dyad=PRK-RUS&since=2024&until=2024-06-19")) == {
        "d1:0", "d1:1",
    }  # fmt: skip
    assert ids(client.get("/api/events?cameo=05")) == {"d1:0", "d1:1"}
    assert ids(client.get("/api/events?cameo=057")) == {"d1:1"}
    assert ids(client.get("/api/events?status=expected")) == {"d1:1"}
    assert ids(client.get("/api/events?outlet=DAILY.example")) == {"d3:0"}
    assert ids(client.get("/api/events?actor=UKR")) == {"d1:4"}
    assert ids(client.get("/api/events?doc_id=d2")) == {"d2:0", "d2:1", "d2:2"}
    assert ids(client.get("/api/events?dyad=PRK-USA")) == set()


def test_events_are_paged_with_a_bounded_page_size(client: TestClient) -> None:
    first = client.get("/api/events?limit=4").json()
    assert (len(first["events"]), first["total"], first["next_offset"]) == (4, 9, 4)
    rest = client.get("/api/events?limit=4&offset=4").json()
    last = client.get("/api/events?limit=4&offset=8").json()
    assert last["next_offset"] is None and len(last["events"]) == 1
    seen = [e["event_id"] for page in (first, rest, last) for e in page["events"]]
    assert len(set(seen)) == 9
    assert client.get("/api/events?limit=500").status_code == 200
    assert error_of(client.get("/api/events?limit=501"), 400, "E202")["subject"] == "limit"
    assert error_of(client.get("/api/events?limit=0"), 400, "E202")["subject"] == "limit"
    assert error_of(client.get("/api/events?offset=-1"), 400, "E202")["subject"] == "offset"
    assert error_of(client.get("/api/dyads?limit=501"), 400, "E202")["subject"] == "limit"


def test_timeline_counts_quad_classes_per_month_and_week(client: TestClient) -> None:
    body = client.get("/api/timeline?dyad=PRK-RUS&by=month").json()
    assert body["dyad"] == "PRK-RUS" and body["by"] == "month"
    rows = {r["period"]: r for r in body["timeline"]}
    assert next(iter(rows)) == "2023-09" and list(rows)[-1] == "2024-06" and len(rows) == 10
    june = rows["2024-06"]
    assert june["events"] == 4
    assert june["quad_class"] == {"1": 3, "2": 1, "3": 0, "4": 0}
    assert june["goldstein"] == pytest.approx((3.4 + 8.0 + 8.3 + 1.0) / 4, abs=1e-3)
    assert rows["2024-01"]["events"] == 0 and rows["2024-01"]["goldstein"] is None
    sept = rows["2023-09"]
    assert sept["quad_class"]["3"] == 1 and sept["events"] == 2
    weeks = client.get("/api/timeline?dyad=RUS-PRK&by=week").json()["timeline"]
    assert weeks[0]["period"] == "2023-09-11" and weeks[-1]["period"] == "2024-06-17"
    assert sum(w["events"] for w in weeks) == 6
    filtered = client.get("/api/timeline?dyad=PRK-RUS&status=expected").json()["timeline"]
    assert [(r["period"], r["events"]) for r in filtered] == [("2024-06", 1)]
    assert client.get("/api/timeline?dyad=PRK-USA").json()["timeline"] == []


def test_article_and_search_routes(client: TestClient) -> None:
    body = client.get("/api/articles/d2").json()
    assert body["article"]["title"] == "Sanctions and talks"
    assert len(body["events"]) == 3
    error_of(client.get("/api/articles/nope"), 404, "E303")
    found = client.get("/api/search?q=korea").json()
    assert {a["code"] for a in found["actors"]} == {"PRK"}
    assert [a["doc_id"] for a in client.get("/api/search?q=SANCTIONS").json()["articles"]] == ["d2"]


def test_bad_values_get_one_error_shape(client: TestClient) -> None:
    assert error_of(client.get("/api/events?dyad=PRK"), 400, "E202")["subject"] == "dyad"
    assert error_of(client.get("/api/events?since=2024-13"), 400, "E202")["subject"] == "since"
    assert error_of(client.get("/api/events?until=june"), 400, "E202")["subject"] == "until"
    assert error_of(client.get("/api/events?cameo=abc"), 400, "E202")["subject"] == "cameo"
    assert error_of(client.get("/api/events?status=done"), 400, "E202")["subject"] == "status"
    assert error_of(client.get("/api/events?actor=R"), 400, "E202")["subject"] == "actor"
    assert error_of(client.get("/api/timeline"), 400, "E202")["subject"] == "dyad"
    assert error_of(client.get("/api/timeline?dyad=PRK-RUS&by=day"), 400, "E202")["subject"] == "by"
    assert error_of(client.get("/api/search"), 400, "E202")["subject"] == "q"
    assert error_of(client.get("/api/nowhere"), 404, "E303")["subject"] == "/api/nowhere"


FILTERS = {
    "/api/dyads": ("actor", "since", "until", "cameo", "status", "outlet"),
    "/api/events": (
        "dyad",
        "actor",
        "since",
        "until",
        "cameo",
        "status",
        "outlet",
        "doc_id",
        "location_country",
        "bbox",
    ),
    "/api/timeline": ("dyad", "since", "until", "cameo", "status", "outlet"),
}
# Parameters a route needs before its filters are even read.
REQUIRED = {"/api/timeline": {"dyad": "PRK-RUS"}}


@pytest.mark.parametrize(
    ("route", "name"), [(route, name) for route, names in FILTERS.items() for name in names]
)
def test_every_filter_refuses_an_over_long_value_in_the_one_error_shape(
    client: TestClient, route: str, name: str
) -> None:
    # 201 characters is past every cap: 200 for free text, less for dyad, country and bbox.
    response = client.get(route, params={**REQUIRED.get(route, {}), name: "x" * 201})
    error = error_of(response, 400, "E202")
    # Refused by the declared cap itself, before any check of what the value means.
    assert (error["subject"], error["problem"][:26]) == (name, "String should have at most")


def test_no_route_writes(client: TestClient) -> None:
    for route in ("/api/dyads", "/api/events", "/api/timeline", "/api/articles/d1", "/"):
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            response = client.request(method, route)
            assert response.status_code == 405, (method, route)
    error_of(client.post("/api/events"), 405, "E202")


PROBES = (
    "' OR '1'='1",
    "'; DROP TABLE events; --",
    '" OR 1=1 --',
    "RUS') OR ('a'='a",
    "%' UNION SELECT record FROM events --",
    "1; DELETE FROM articles",
    "PRK-RUS' --",
    SCRIPT,
)


@pytest.mark.parametrize("probe", PROBES)
def test_injection_probes_in_every_filter_change_nothing(
    client: TestClient, db: Path, probe: str
) -> None:
    routes = {
        **FILTERS,
        "/dyad/PRK-RUS": ("since", "until", "cameo", "status", "outlet", "by"),
        "/api/search": ("q",),
        "/search": ("q",),
    }
    for route, names in routes.items():
        for name in names:
            params = {**REQUIRED.get(route, {}), name: probe}
            response = client.get(route, params=params)
            # Either refused as a bad value, or taken as data that matches nothing.
            assert response.status_code in (200, 400), (route, name, response.text)
            if response.status_code == 400 and route.startswith("/api"):
                error = response.json()["error"]
                assert (error["code"], error["subject"]) == ("E202", name)
            if response.status_code == 200 and route.startswith("/api/events"):
                assert response.json()["events"] == [], (name, probe)
    for route in ("/api/articles/", "/dyad/", "/article/"):
        assert client.get(route + probe.replace("/", "%2F")).status_code in (400, 404)
    with Store(db, read_only=True) as store:
        assert store.count_events() == 9
        assert {a for (a,) in store.select("SELECT doc_id FROM articles")} == {"d1", "d2", "d3"}


def test_location_filters_reach_the_api(client: TestClient) -> None:
    everything = client.get("/api/events").json()["total"]
    whole_world = client.get("/api/events", params={"bbox": "-180,-90,180,90"}).json()
    nowhere = client.get("/api/events", params={"location_country": "ATA"}).json()
    assert whole_world["total"] <= everything and nowhere["events"] == []
    bad = client.get("/api/events", params={"bbox": "west,south"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "E202"


def test_openapi_documents_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/dyads", "/api/events", "/api/timeline", "/api/articles/{doc_id}"} <= set(
        spec["paths"]
    )
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"dyad", "since", "until", "cameo", "status", "outlet", "limit", "offset"} <= names
    assert client.get("/docs").status_code == 200


def test_missing_database_is_a_503_with_the_error_shape(tmp_path: Path) -> None:
    client = TestClient(
        create_app(Settings(db=tmp_path / "none.duckdb", lock_timeout=0.1, snapshots=False))
    )
    error_of(client.get("/api/dyads"), 503, "E302")


def test_serve_binds_to_localhost_by_default() -> None:
    from dyadwatch.cli.main import build_parser, main

    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)
    assert main(["serve", "--port", "0"]) == 2


def test_an_unexpected_failure_still_answers_in_the_error_shape(db: Path) -> None:
    app = create_app(Settings(db=db, snapshots=False))

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("boom")

    client = TestClient(app, raise_server_exceptions=False)
    error_of(client.get("/api/boom"), 500, "E000")
