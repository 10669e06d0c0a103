"""``dyadwatch batch`` on Spark local[2] codes exactly what ``dyadwatch code`` codes,
and ``dyadwatch ingest-parquet`` stores what ``dyadwatch ingest`` stores.

One SparkSession and one batch run for the whole module: Spark takes several seconds
to start, so every test here reads the same run's output.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from dyadwatch.batch.columns import article_from_row
from dyadwatch.batch.job import BatchResult, run_batch, spark_session
from dyadwatch.cli.main import main
from dyadwatch.dedupe import signature, unpack_signature
from dyadwatch.errors import BadOption
from dyadwatch.store import Store

BRIEFS = Path(__file__).parent / "briefs.jsonl"
# One wire story three times (r1, a reprint r2, a corrected reprint r3) and another
# story about the same two countries (r4): one story cluster of three, one of one.
REPRINTS = Path(__file__).parent / "reprints.jsonl"

# Written for these tests. The Parquet rows go in as Parquet to the batch and as the
# equivalent JSONL to the CLI, which does not read Parquet.
PARQUET_ROWS = [
    {
        "id": 11,
        "date": dt.date(2024, 2, 8),
        "text": "Egypt hosted talks between Israel and Hamas in Cairo. Qatar welcomed the talks.",
    },
    {"id": 12, "date": None, "text": "Canada expelled two Indian diplomats on Monday."},
]
TEXT_BRIEF = "Kenya and Ethiopia signed a border agreement in Nairobi on Thursday.\n"
WARC_PAGE = (
    "<html><body><article><h1>Port deal</h1><p>Chile signed a port agreement with "
    "Peru in Lima on Tuesday, the foreign ministry said.</p></article></body></html>"
)
HTML_BRIEF = (
    "<html><head><title>Visit</title></head><body><article><p>Vietnam welcomed the "
    "visit of the Australian prime minister to Hanoi on Wednesday, and the two leaders "
    "agreed to expand trade.</p></article></body></html>"
)


@dataclass(frozen=True)
class Run:
    out: Path
    result: BatchResult
    cli_events: list[dict[str, Any]]
    cli_errors: list[str]
    cli_inputs: list[str]  # the batch's inputs, with the Parquet rows as JSONL


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = spark_session("local[2]", "dyadwatch tests")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def run(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> Run:
    root = tmp_path_factory.mktemp("batch")
    briefs = root / "briefs.jsonl"
    shutil.copy(BRIEFS, briefs)
    folder = root / "pages"
    folder.mkdir()
    (folder / "kenya.txt").write_text(TEXT_BRIEF)
    (folder / "vietnam.html").write_text(HTML_BRIEF)
    parquet = root / "rows.parquet"
    pq.write_table(_table(PARQUET_ROWS), parquet)
    as_jsonl = root / "rows.jsonl"
    as_jsonl.write_text(
        "".join(
            json.dumps({**r, "date": r["date"] and r["date"].isoformat()}) + "\n"
            for r in PARQUET_ROWS
        )
    )
    missing = str(root / "missing.txt")
    _write_warc(folder / "crawl.warc.gz")
    reprints = root / "reprints.jsonl"
    shutil.copy(REPRINTS, reprints)

    out = root / "out"
    inputs = [str(briefs), str(folder), str(parquet), str(reprints), missing]
    result = run_batch(spark, inputs, str(out))

    cli_inputs = [str(briefs), str(folder), str(as_jsonl), str(reprints), missing]
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        main(["code", "--format", "jsonl", *cli_inputs])
    cli_events = [json.loads(line) for line in stdout.getvalue().splitlines()]
    cli_errors = [line.removeprefix("dyadwatch: ") for line in stderr.getvalue().splitlines()]
    return Run(out, result, cli_events, cli_errors, cli_inputs)


def _write_warc(path: Path) -> None:
    """A gzipped WARC with one HTML response and one image response (reported, skipped)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, kind, body in (
            ("http://news.test/port", "text/html; charset=utf-8", WARC_PAGE.encode()),
            ("http://news.test/logo.png", "image/png", b"PNG"),
        ):
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)


def _table(rows: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    return pa.Table.from_pylist(
        rows, pa.schema([("id", pa.int64()), ("date", pa.date32()), ("text", pa.string())])
    )


def _records(out: Path) -> dict[str, dict[str, Any]]:
    table = pq.read_table(out / "events", columns=["record"])
    records = [json.loads(r) for r in table.column("record").to_pylist()]
    return {r["event_id"]: r for r in records}


def test_events_equal_the_cli_events(run: Run) -> None:
    cli = {e["event_id"]: e for e in run.cli_events}
    # Every kind of input gave events: JSONL lines, text, HTML, WARC and Parquet.
    assert {"b1", "4", "11", "12"} <= {e["doc_id"] for e in cli.values()}
    assert "http://news.test/port" in {e["url"] for e in cli.values()}
    assert len(cli) >= 10
    assert _records(run.out) == cli
    assert run.result.events == len(cli)


def test_flat_columns_agree_with_the_record(run: Run) -> None:
    rows = pq.read_table(run.out / "events").to_pylist()
    for row in rows:
        record = json.loads(row["record"])
        target = record["target"] or {}
        assert row["event_id"] == record["event_id"]
        assert row["source_code"] == record["source"]["code"]
        assert row["target_country"] == target.get("country")
        assert row["trigger_end"] == record["trigger"]["end"]
        assert row["goldstein"] == record["goldstein"]
        assert row["plover_context"] == record["plover"]["context"]


def test_failures_are_the_cli_failures(run: Run) -> None:
    table = pq.read_table(run.out / "failures").to_pylist()
    assert sorted(r["message"] for r in table) == sorted(run.cli_errors)
    assert {r["code"] for r in table} == {"E101", "E105", "E106", "E107"}
    assert run.result.failures == len(table)


def test_ingest_parquet_makes_the_events_queryable(
    run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "batch.duckdb")
    assert main(["ingest-parquet", str(run.out), "--db", db]) == 0
    assert main(["ingest-parquet", str(run.out), "--db", db]) == 0
    capsys.readouterr()
    assert main(["events", "--db", db, "--format", "jsonl"]) == 0
    stored = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {e["event_id"]: e for e in stored} == {e["event_id"]: e for e in run.cli_events}
    assert main(["dyads", "--db", db, "--format", "json"]) == 0
    pairs = {(d["a"], d["b"]) for d in json.loads(capsys.readouterr().out)}
    expected = set()
    for event in run.cli_events:
        a, b = event["source"]["country"], (event["target"] or {}).get("country")
        if a and b and a != b:
            expected.add((min(a, b), max(a, b)))
    assert pairs == expected and len(pairs) >= 5


def test_articles_carry_the_signature_of_their_text(run: Run) -> None:
    rows = pq.read_table(run.out / "articles", columns=["record", "signature"]).to_pylist()
    assert len(rows) == run.result.articles
    for row in rows:
        text = article_from_row(row["record"]).text
        assert unpack_signature(row["signature"]) == signature(text)


def test_ingest_parquet_gives_the_story_and_event_clusters_of_ingest(
    run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli_db, batch_db = str(tmp_path / "cli.duckdb"), str(tmp_path / "batch.duckdb")
    assert main(["ingest", *run.cli_inputs, "--db", cli_db]) == 0
    assert main(["ingest-parquet", str(run.out), "--db", batch_db]) == 0
    with Store(batch_db) as store:
        once = (store.clusters(), store.event_clusters())
    assert main(["ingest-parquet", str(run.out), "--db", batch_db]) == 0
    capsys.readouterr()
    with Store(cli_db) as cli, Store(batch_db) as batch:
        stories, events = batch.clusters(), batch.event_clusters()
        assert (stories, events) == once  # loading again changed nothing
        assert stories == cli.clusters()
        assert _counts(events) == _counts(cli.event_clusters())
    # Every coded article has a story; the reprints share one, the other story is apart.
    assert len(stories) == run.result.articles
    assert [stories[d] for d in ("r1", "r2", "r3", "r4")] == ["r1", "r1", "r1", "r4"]
    # So the three reports of the signing are three articles but one story.
    doc_of = {e["event_id"]: e["doc_id"] for e in run.cli_events}
    signing = [e for e in events if {"r1", "r2", "r3"} <= {doc_of[i] for i in e["event_ids"]}]
    assert [(e["articles"], e["stories"]) for e in signing] == [(3, 1)]


def _counts(clusters: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Event clusters without the outlets' names: an article with no URL or site is
    named by its origin, which differs for the Parquet rows (``file#id=11``, not
    ``rows.jsonl:1``)."""
    names = ("cluster_id", "event_ids", "reports", "articles", "stories", "outlets")
    return [tuple(c[n] for n in names) for c in clusters]


def test_a_used_output_directory_is_refused(spark: Any, run: Run) -> None:
    with pytest.raises(BadOption, match="not empty"):
        run_batch(spark, [str(BRIEFS)], str(run.out))
