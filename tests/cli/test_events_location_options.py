"""`dyadwatch events --location-country X --bbox W,S,E,N` (called in-process)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyadwatch.cli.main import main
from dyadwatch.store import Store
from store.records import make_article, make_event


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-loc") / "e.duckdb"
    places = [("Kharkiv", "UKR", 50.0, 36.25), ("Pyongyang", "PRK", 39.03, 125.75), None]
    events = []
    for i, place in enumerate(places):
        location = None
        if place is not None:
            name, country, lat, lon = place
            location = {
                "text": name, "start": 0, "end": len(name), "name": name, "country": country,
                "admin1": None, "lat": lat, "lon": lon, "geonames_id": None,
                "precision": "city",
            }  # fmt: skip
        events.append(make_event("d1", index=i, extra={"location": location}))
    with Store(path) as store:
        run = store.start_run([], "dyadwatch 0.1.0")
        store.add_articles(run, [(make_article("d1", "Text."), events)])
    return path


def _names(out: str) -> list[str | None]:
    records = [json.loads(line) for line in out.splitlines() if line]
    return [r["location"]["name"] if r["location"] else None for r in records]


def test_location_country_and_bbox(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["events", "--db", str(db), "--format", "jsonl"]
    assert main([*base, "--location-country", "ukr"]) == 0
    assert _names(capsys.readouterr().out) == ["Kharkiv"]
    assert main([*base, "--bbox", "120,30,130,45"]) == 0
    assert _names(capsys.readouterr().out) == ["Pyongyang"]
    assert main(base) == 0
    assert sorted(map(str, _names(capsys.readouterr().out))) == ["Kharkiv", "None", "Pyongyang"]


@pytest.mark.parametrize("value", ["1,2,3", "a,b,c,d", "0,10,5,5"])
def test_bad_bbox_is_one_line_and_nonzero(
    db: Path, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        code = main(["events", "--db", str(db), "--bbox", value])
        raise SystemExit(code)
    assert exit_info.value.code != 0
    err = capsys.readouterr().err.strip()
    assert "Traceback" not in err
    # argparse prints the usage, then one line naming the option; ours is one line too
    assert "bbox" in err.splitlines()[-1]
