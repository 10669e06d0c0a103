"""``dyadwatch timeline`` and ``dyadwatch export``: thin commands over the query layer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyadwatch.cli.main import main
from serve.dbs import build_db


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(build_db(tmp_path_factory.mktemp("cli") / "cli.duckdb"))


def test_timeline_prints_a_table(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", "PRK", "RUS", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "period", "events", "verb.coop", "mat.coop", "verb.conf", "mat.conf", "goldstein",
    ]  # fmt: skip
    assert lines[1].split()[:2] == ["2023-09", "2"] and lines[-1].split()[:2] == ["2024-06", "4"]
    assert main(["timeline", "prk", "rus", "--by", "week", "--format", "json", "--db", db]) == 0
    weeks = json.loads(capsys.readouterr().out)
    assert weeks[0]["period"] == "2023-09-11" and sum(w["events"] for w in weeks) == 6


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_timeline_plots_png_and_svg(db: str, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"t.{suffix}"
    assert main(["timeline", "PRK", "RUS", "--db", db, "--plot", str(out)]) == 0
    head = out.read_bytes()[:200]
    assert head.startswith(b"\x89PNG") if suffix == "png" else b"<svg" in out.read_bytes()


def test_timeline_rejects_bad_input(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["timeline", "PRK", "RUS", "--db", db, "--plot", str(tmp_path / "t.gif")]) == 2
    assert main(["timeline", "P", "RUS", "--db", db]) == 2
    assert main(["timeline", "PRK", "RUS", "--db", db, "--since", "June"]) == 2
    assert main(["timeline", "PRK", "RUS", "--db", str(tmp_path / "none.duckdb")]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert [line.split()[1] for line in errors] == ["E202", "E202", "E202", "E101"]


def test_export_writes_each_format_with_filters(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for fmt in ("parquet", "csv", "jsonl", "gdelt", "plover"):
        out = tmp_path / f"e.{fmt}"
        assert main(["export", "--format", fmt, "--db", db, "--dyad", "PRK-RUS", str(out)]) == 0
        assert out.stat().st_size > 0
    assert "exported 6 events" in capsys.readouterr().err
    assert main(["export", "--format", "jsonl", "--db", db, "--outlet", "daily.example", "-"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["doc_id"] for line in out] == ["d3"]
    assert main(["export", "--format", "parquet", "--db", db, "-"]) == 2
