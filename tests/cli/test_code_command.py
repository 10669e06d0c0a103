"""``dyadwatch code`` end to end through the real CLI process: output contract and errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parents[1] / "data" / "pages"
SCHEMA = Path(__file__).parents[3] / "shared" / "event.schema.json"


def _dyadwatch(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "dyadwatch.cli.main", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def chrome_page_events() -> list[dict[str, object]]:
    result = _dyadwatch("code", str(DATA / "kim_putin_chrome.txt"))
    assert result.returncode == 0, result.stderr.decode()
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def test_events_follow_the_public_contract(chrome_page_events: list[dict[str, object]]) -> None:
    if not SCHEMA.exists():
        pytest.skip("../shared/event.schema.json is not beside the project")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert chrome_page_events
    for event in chrome_page_events:
        jsonschema.validate(event, schema)


def test_page_about_kim_and_putin_yields_their_dyad(
    chrome_page_events: list[dict[str, object]],
) -> None:
    dyads = {
        frozenset({e["source"]["country"], e["target"]["country"]})  # type: ignore[index]
        for e in chrome_page_events
        if e["target"]
    }
    assert frozenset({"PRK", "RUS"}) in dyads


def test_a_missing_file_is_one_line_naming_it_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(
        "Russian President Vladimir Putin praised North Korea on Tuesday.\n", encoding="utf-8"
    )
    result = _dyadwatch("code", str(tmp_path / "missing.txt"), str(good))
    assert result.returncode == 1
    error_lines = result.stderr.decode().strip().splitlines()
    assert len(error_lines) == 1
    assert "E101" in error_lines[0] and "missing.txt" in error_lines[0]
    assert "Traceback" not in result.stderr.decode()
    assert result.stdout.decode().strip(), "the good file was still coded"


def test_binary_input_is_refused_without_a_traceback(tmp_path: Path) -> None:
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result = _dyadwatch("code", str(png))
    stderr = result.stderr.decode()
    assert result.returncode != 0
    assert "E103" in stderr and "photo.txt" in stderr and "Traceback" not in stderr


def test_stdin_and_formats() -> None:
    text = (
        b"Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergei Lavrov in Beijing.\n"
    )
    as_csv = _dyadwatch("code", "-", "--format", "csv", "--date", "2024-04-09", stdin=text)
    assert as_csv.returncode == 0, as_csv.stderr.decode()
    header, *rows = as_csv.stdout.decode().splitlines()
    assert header.startswith("event_id,doc_id,url,title,published,date")
    assert rows and "2024-04-09" in rows[0]
    as_table = _dyadwatch("code", "-", "--format", "table", stdin=text)
    assert as_table.stdout.decode().splitlines()[0].split()[:3] == ["date", "source", "cameo"]


def test_a_bad_date_option_is_an_argument_error() -> None:
    result = _dyadwatch("code", "-", "--date", "yesterday", stdin=b"text")
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr.decode()
