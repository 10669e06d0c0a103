"""The bundled sample briefs: present, sorted, and in the shape the README promises."""

from __future__ import annotations

import re

from dyadwatch.samples import sample_paths

DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z .,'-]+, [A-Z][a-z]+ \d{1,2}, \d{4} —|Published: \d{4}-\d{2}-\d{2})$"
)


def test_sample_paths_are_sorted_text_files() -> None:
    paths = sample_paths()
    assert len(paths) == 14
    assert [p.name for p in paths] == sorted(p.name for p in paths)
    assert all(p.suffix == ".txt" and p.is_file() for p in paths)


def test_each_brief_has_headline_dateline_and_paragraphs() -> None:
    for path in sample_paths():
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        assert lines[0].strip() and not lines[0].endswith("."), path.name
        assert DATELINE.match(lines[1]), f"{path.name}: {lines[1]!r}"
        paragraphs = [block for block in text.split("\n\n")[1:] if block.strip()]
        assert len(paragraphs) >= 3, path.name
        words = len(text.split())
        assert 120 <= words <= 300, f"{path.name}: {words} words"


def test_briefs_carry_the_language_the_coder_must_handle() -> None:
    corpus = " ".join(p.read_text(encoding="utf-8") for p in sample_paths()).lower()
    for cue in (
        "reportedly",
        "is believed to",
        "allegedly",
        "according to",
        "denied",
        "did not",
        "pledged to",
        "plans to",
        "are expected to",
        "the two leaders",
    ):
        assert cue in corpus, cue
