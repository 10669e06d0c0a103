"""A scraped page like the one this project started from, coded end to end.

``tests/data/pages/kim_putin_chrome.txt`` (written for the project) is a plain-text
page about the 2023 Kim–Putin summit wrapped in page chrome, attributed to a state
news agency and full of hedges. The real seed page (``../shared/eval/seed``) is coded
by the same checks when it is present.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dyadwatch.pipeline import Coded, Pipeline
from dyadwatch.read import read_inputs

PAGES = Path(__file__).parent / "data" / "pages"
SEED = Path(__file__).parents[2] / "shared" / "eval" / "seed" / "000_e7d6364f3b0af2e2.txt"
CHROME_WORDS = ("Share on", "cookies", "You may also like", "JavaScript", "Subscribe")


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _code(pipeline: Pipeline, path: Path) -> tuple[str, list[dict[str, Any]]]:
    outcomes = list(pipeline.code_documents(read_inputs([str(path)])))
    assert len(outcomes) == 1 and isinstance(outcomes[0], Coded), outcomes
    coded = outcomes[0]
    return coded.article.text, [event.to_dict() for event in coded.events]


def _between(events: list[dict[str, Any]], a: str, b: str) -> list[dict[str, Any]]:
    return [
        e
        for e in events
        if e["target"] and {e["source"]["country"], e["target"]["country"]} == {a, b}
    ]


def _check_summit_page(text: str, events: list[dict[str, Any]]) -> None:
    dyad = _between(events, "PRK", "RUS")
    roots = {e["cameo"][:2] for e in dyad}
    assert "04" in roots, "the meeting"
    assert "05" in roots or "03" in roots, "praise or pledged support"
    assert not [e for e in dyad if e["quad_class"] in (3, 4)], "no conflict between allies"
    assert any(e["symmetric"] for e in dyad if e["cameo"][:2] == "04")
    for event in events:
        for key in ("source", "target", "trigger"):
            span = event[key]
            if span:
                assert text[span["start"] : span["end"]] == span["text"]
        assert event["sentence"] in text
        assert not any(word in event["sentence"] for word in CHROME_WORDS)


def test_chrome_page_yields_the_summit_with_evidence(pipeline: Pipeline) -> None:
    text, events = _code(pipeline, PAGES / "kim_putin_chrome.txt")
    _check_summit_page(text, events)
    agency = [e for e in events if e["attribution"] and e["attribution"]["sector"] == "MED"]
    assert agency and all(e["attribution"]["country"] == "PRK" for e in agency)
    supply = [e for e in _between(events, "PRK", "RUS") if e["cameo"] in ("072", "0332")]
    assert supply and supply[0]["hedged"] is True, "'is believed to be preparing to supply'"
    assert all(word not in text for word in CHROME_WORDS)


def test_html_version_of_the_page_yields_the_same_dyad(pipeline: Pipeline) -> None:
    text, events = _code(pipeline, PAGES / "kim_putin.html")
    _check_summit_page(text, events)


@pytest.mark.skipif(not SEED.exists(), reason="../shared/eval/seed is not beside the project")
def test_the_seed_page(pipeline: Pipeline) -> None:
    text, events = _code(pipeline, SEED)
    _check_summit_page(text, events)
    assert any(e["hedged"] for e in _between(events, "PRK", "RUS"))
    assert any(e["attribution"] for e in events)


def _essence(events: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted(
        (
            e["sentence"],
            e["source"]["code"],
            e["cameo"],
            e["target"]["code"] if e["target"] else None,
            e["status"],
            e["hedged"],
            e["trigger"]["text"],
        )
        for e in events
    )


def test_text_html_and_jsonl_give_the_same_events(pipeline: Pipeline, tmp_path: Path) -> None:
    import html
    import json

    raw = (PAGES / "kim_putin_chrome.txt").read_text(encoding="utf-8")
    _, from_text = _code(pipeline, PAGES / "kim_putin_chrome.txt")
    as_jsonl = tmp_path / "page.jsonl"
    as_jsonl.write_text(json.dumps({"id": "page-1", "text": raw}) + "\n", encoding="utf-8")
    _, from_jsonl = _code(pipeline, as_jsonl)
    # An HTML page wrapping the same text, one element per line as a scraper would save it.
    lines = [line for line in raw.splitlines() if line.strip()]
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    as_html = tmp_path / "page.html"
    as_html.write_text(f"<html><body><article>{body}</article></body></html>", encoding="utf-8")
    _, from_html = _code(pipeline, as_html)
    assert _essence(from_text) == _essence(from_jsonl)
    assert _essence(from_text) == _essence(from_html)
