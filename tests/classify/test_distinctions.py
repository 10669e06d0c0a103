"""The distinctions that matter, on real parses of sentences written for the project.

Each case is one sentence and the (source country, CAMEO code, target country, status)
the coder must give for it; the model parses them, nothing here is built by hand.
"""

from __future__ import annotations

import pytest

from dyadwatch.pipeline import Pipeline

CASES = [
    # a visit, hosting a visit
    (
        "Indian Prime Minister Narendra Modi visited Moscow in July 2024.",
        "IND",
        "042",
        "RUS",
        "reported",
    ),
    (
        "Russia hosted Indian Prime Minister Narendra Modi in July 2024.",
        "RUS",
        "043",
        "IND",
        "reported",
    ),
    # military, economic and humanitarian aid
    ("Germany provided Ukraine with Patriot air defence systems.", "DEU", "072", "UKR", "reported"),
    ("Japan gave Ukraine a loan of $4.5 billion.", "JPN", "071", "UKR", "reported"),
    (
        "Turkey sent humanitarian aid to Syria after the earthquake.",
        "TUR",
        "073",
        "SYR",
        "reported",
    ),
    # threaten, accuse, demand
    ("North Korea threatened to attack South Korea.", "PRK", "138", "KOR", "reported"),
    (
        "South Korea accused North Korea of launching balloons across the border.",
        "KOR",
        "112",
        "PRK",
        "reported",
    ),
    (
        "China demanded that Japan halt the release of treated water.",
        "CHN",
        "10",
        "JPN",
        "reported",
    ),
    # sanction, expel, break relations
    ("The United States imposed sanctions on Iran.", "USA", "163", "IRN", "reported"),
    ("Ecuador broke off diplomatic relations with Mexico.", "ECU", "161", "MEX", "reported"),
    # sign an agreement, express intent
    ("Russia and North Korea signed a mutual defence treaty.", "RUS", "057", "PRK", "reported"),
    (
        "Saudi Arabia and Iran agreed to restore diplomatic relations.",
        "SAU",
        "03",
        "IRN",
        "intended",
    ),
    # mechanics: negation, expectation, passive, quotes, hedges
    ("Ukraine did not attack Russian civilians, Kyiv said.", "UKR", "19", "RUS", "denied"),
    ("Putin is expected to visit Turkey next month.", "RUS", "042", "TUR", "expected"),
    (
        "Sanctions were imposed on Russian banks by the United States.",
        "USA",
        "163",
        "RUS",
        "reported",
    ),
    ('"We will always stand with Russia," Kim Jong-un told reporters.', "PRK", "05", "RUS", None),
    (
        "North Korea is believed to have supplied artillery shells to Russia.",
        "PRK",
        "072",
        "RUS",
        "reported",
    ),
]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.mark.parametrize(("text", "source", "code", "target", "status"), CASES)
def test_distinction(
    pipeline: Pipeline, text: str, source: str, code: str, target: str, status: str | None
) -> None:
    events = pipeline.code_text(text, published="2024-07-08")
    found = [
        (e.source.actor.country, e.cameo, e.target.actor.country if e.target else None, e.status)
        for e in events
    ]
    matching = [
        f
        for f in found
        if f[0] == source
        and f[1].startswith(code)
        and f[2] == target
        and (status is None or f[3] == status)
    ]
    assert matching, f"wanted {source} {code} {target} {status}, got {found}"


def test_hedge_is_marked() -> None:
    events = Pipeline().code_text(
        "North Korea is believed to have supplied artillery shells to Russia."
    )
    assert events and all(e.hedged for e in events)
