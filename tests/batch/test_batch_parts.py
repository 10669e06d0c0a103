"""The Spark-free parts of dyadwatch.batch: input planning, one partition, columns, loading."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dyadwatch.batch import load_batch
from dyadwatch.batch.columns import (
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    FAILURE_COLUMNS,
    article_from_row,
    article_row,
    error_from_row,
    event_row,
    failure_row,
)
from dyadwatch.batch.partition import code_partition, plan_inputs
from dyadwatch.cli.main import main
from dyadwatch.dedupe import SCHEME, pack_signature, signature, unpack_signature
from dyadwatch.errors import (
    BadOption,
    DyadwatchError,
    InputNotFound,
    MalformedInput,
    MissingDependency,
)
from dyadwatch.model import Article
from dyadwatch.store import Store
from store.records import make_article, make_event


def test_plan_walks_directories_and_routes_by_kind(tmp_path: Path) -> None:
    for name in ("b.txt", "a.jsonl", "c.parquet", ".hidden.txt", "sub/d.html", "sub/e.ndjson"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x")
    root = str(tmp_path)
    plan = plan_inputs([root, f"{root}/gone.jsonl", "s3a://bucket/news.jsonl", "s3a://b/ds"])
    assert plan.files == [f"{root}/b.txt", f"{root}/sub/d.html", f"{root}/gone.jsonl"]
    assert plan.jsonl == [f"{root}/a.jsonl", f"{root}/sub/e.ndjson", "s3a://bucket/news.jsonl"]
    assert plan.parquet == [f"{root}/c.parquet", "s3a://b/ds"]


def test_plan_refuses_standard_input() -> None:
    with pytest.raises(BadOption, match="standard input"):
        plan_inputs(["-"])


def test_a_partition_names_lines_as_the_cli_does(tmp_path: Path) -> None:
    brief = tmp_path / "brief.txt"
    brief.write_text("Japan praised South Korea for the new agreement on Tuesday.\n")
    sources = [
        ("jsonl", "in.jsonl:1", '{"id": "j1", "text": "China condemned Japan on Monday."}'),
        ("jsonl", "in.jsonl:2", "{broken"),
        ("jsonl", "in.jsonl:3", "\ufeff" + '{"id": "j3", "text": ""}'),
        ("file", str(brief), ""),
        ("file", str(tmp_path / "missing.txt"), ""),
    ]
    rows = list(code_partition(sources))
    articles = [r[2] for r in rows if r[0] == "article"]
    failures = {r[3][0]: r[3][2] for r in rows if r[0] == "failure"}
    events = [json.loads(r[1][-1]) for r in rows if r[0] == "event"]
    assert articles[0][0] == "j1"
    # Each article row carries the signature of the text it was coded from.
    for row in articles:
        record = dict(zip([n for n, _ in ARTICLE_COLUMNS], row, strict=True))
        text = article_from_row(record["record"]).text
        assert unpack_signature(record["signature"]) == signature(text)
    assert [a[1] for a in articles] == ["in.jsonl:1", str(brief)]
    # The byte-order mark is dropped, so line 3 fails for its empty text, not as bad JSON.
    assert failures == {
        "in.jsonl:2": "E107",
        "in.jsonl:3": "E105",
        str(tmp_path / "missing.txt"): "E101",
    }
    assert {e["doc_id"] for e in events} == {"j1", articles[1][0]}
    assert all(r[0] in {"article", "event", "failure"} for r in rows)


def test_event_rows_flatten_the_contract_and_keep_the_record() -> None:
    record = make_event("doc-1", index=2, target=None, cameo="010").to_dict()
    record["cluster_id"] = "c-1"
    row = dict(zip([name for name, _ in EVENT_COLUMNS], event_row(record), strict=True))
    assert row["source_country"] == record["source"]["country"]
    assert row["target_code"] is None and row["attribution_text"] is None
    assert row["trigger_start"] == record["trigger"]["start"]
    assert row["plover_context"] == record["plover"]["context"]
    assert json.loads(row["record"]) == record


def test_article_rows_round_trip_and_ignore_unknown_fields() -> None:
    article = make_article("doc-9")
    made = signature(article.text)
    row = dict(zip([n for n, _ in ARTICLE_COLUMNS], article_row(article, 3, made), strict=True))
    assert row["events"] == 3 and row["origin"] == "doc-9.txt"
    assert unpack_signature(row["signature"]) == made
    record = json.loads(row["record"])
    record["cluster"] = "from a newer coder"
    assert article_from_row(json.dumps(record)) == article


def test_errors_are_rebuilt_with_their_class() -> None:
    error = MalformedInput("in.jsonl:4", "not JSON", "Fix the line")
    row = dict(
        zip([n for n, _ in FAILURE_COLUMNS], failure_row("in.jsonl:4", error, None), strict=True)
    )
    rebuilt = error_from_row(row["error_class"], row["subject"], row["problem"], row["fix"])
    assert type(rebuilt) is MalformedInput and rebuilt.message == error.message
    # A class this version does not know, or a name that is not an error, keeps the words.
    for name in ("NewerError", "Path"):
        other = error_from_row(name, "x", "went wrong", "")
        assert type(other) is DyadwatchError and other.problem == "went wrong"


def _write(root: Path, name: str, columns: Any, rows: list[tuple[Any, ...]]) -> None:
    types = {"string": pa.string(), "int": pa.int32(), "double": pa.float64()}
    types |= {"bool": pa.bool_(), "strings": pa.list_(pa.string()), "binary": pa.binary()}
    schema = pa.schema([(n, types[t]) for n, t in columns])
    (root / name).mkdir(parents=True)
    table = pa.Table.from_pylist([dict(zip(schema.names, r, strict=True)) for r in rows], schema)
    pq.write_table(table, root / name / "part-00000.parquet")


def test_load_stores_a_batch_output_once(tmp_path: Path) -> None:
    article = make_article("doc-1")
    events = [make_event("doc-1", index=0).to_dict(), make_event("doc-1", index=1).to_dict()]
    _write(tmp_path, "events", EVENT_COLUMNS, [event_row(e) for e in events])
    _write(
        tmp_path, "articles", ARTICLE_COLUMNS, [article_row(article, 2, signature(article.text))]
    )
    error = MalformedInput("in.jsonl:2", "not JSON")
    _write(tmp_path, "failures", FAILURE_COLUMNS, [failure_row("in.jsonl:2", error, None)])
    with Store(":memory:") as store:
        first = load_batch(store, tmp_path)
        second = load_batch(store, tmp_path)
        assert (first.articles, first.events, first.new_events, first.failures) == (1, 2, 2, 1)
        assert second.new_events == 0
        assert sorted(store.events(), key=lambda e: e["event_id"]) == sorted(
            events, key=lambda e: e["event_id"]
        )
        stored = store.article("doc-1")
        assert stored is not None and stored["text"] == article.text
        assert [(f.origin, f.code) for f in store.failures(first.run_id)] == [
            ("in.jsonl:2", "E107")
        ]


REPRINTS = [json.loads(line) for line in (Path(__file__).parent / "reprints.jsonl").open()]


def _reprint_output(root: Path, packed: dict[str, bytes] | None, scheme: str = SCHEME) -> None:
    """A batch output of the reprint fixtures, one event each; the articles' signatures
    are ``packed`` (by doc_id) under ``scheme``, or the columns are left out as older
    versions did."""
    articles = [make_article(r["id"], r["text"], published=r["date"]) for r in REPRINTS]
    events = [make_event(a.doc_id, index=0).to_dict() for a in articles]
    _write(root, "events", EVENT_COLUMNS, [event_row(e) for e in events])
    _write(root, "failures", FAILURE_COLUMNS, [])
    names = [n for n, _ in ARTICLE_COLUMNS]
    rows = [dict(zip(names, article_row(a, 1, signature(a.text)), strict=True)) for a in articles]
    for row in rows:
        if packed is None:
            del row["signature"], row["signature_scheme"]
        else:
            row["signature"] = packed[row["doc_id"]]
            row["signature_scheme"] = scheme
    columns = [(n, t) for n, t in ARTICLE_COLUMNS if n in rows[0]]
    _write(root, "articles", columns, [tuple(r.values()) for r in rows])


def test_load_puts_reprints_in_one_story_cluster_once(tmp_path: Path) -> None:
    packed = {r["id"]: pack_signature(signature(r["text"])) for r in REPRINTS}
    _reprint_output(tmp_path, packed)
    with Store(":memory:") as store:
        load_batch(store, tmp_path)
        clusters = store.clusters()
        load_batch(store, tmp_path)
        assert clusters == {"r1": "r1", "r2": "r1", "r3": "r1", "r4": "r4"}
        assert store.clusters() == clusters


def test_load_uses_the_signatures_the_executors_made(tmp_path: Path) -> None:
    # The other story (r4) is given the wire story's signature: if load made its own
    # from the text, r4 would stay apart.
    packed = {r["id"]: pack_signature(signature(r["text"])) for r in REPRINTS}
    packed["r4"] = packed["r1"]
    _reprint_output(tmp_path, packed)
    with Store(":memory:") as store:
        load_batch(store, tmp_path)
        assert set(store.clusters().values()) == {"r1"}


def test_load_makes_signatures_for_an_output_without_them(tmp_path: Path) -> None:
    _reprint_output(tmp_path / "old", None)
    # A signature of another length was made with other MinHash settings: made anew too.
    _reprint_output(tmp_path / "short", {r["id"]: b"\x00" * 16 for r in REPRINTS})
    # So is one of the right length under another scheme (r4 given r1's signature, as in
    # the test above, would otherwise join r1's story).
    packed = {r["id"]: pack_signature(signature(r["text"])) for r in REPRINTS}
    packed["r4"] = packed["r1"]
    _reprint_output(tmp_path / "other", packed, scheme="minhash-w4-p128-b32-s1")
    for name in ("old", "short", "other"):
        with Store(":memory:") as store:
            load_batch(store, tmp_path / name)
            assert store.clusters() == {"r1": "r1", "r2": "r1", "r3": "r1", "r4": "r4"}


def test_load_accepts_an_empty_dataset_folder(tmp_path: Path) -> None:
    for name in ("events", "articles", "failures"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "_SUCCESS").write_text("")
    with Store(":memory:") as store:
        result = load_batch(store, tmp_path)
    assert (result.articles, result.events, result.failures) == (0, 0, 0)


def test_load_names_a_directory_that_is_not_a_batch_output(tmp_path: Path) -> None:
    with Store(":memory:") as store:
        with pytest.raises(InputNotFound):
            load_batch(store, tmp_path / "nowhere")
        with pytest.raises(MalformedInput, match="no 'events' folder"):
            load_batch(store, tmp_path)
        (tmp_path / "events").mkdir()
        (tmp_path / "events" / "part-0.parquet").write_text("not parquet")
        with pytest.raises(MalformedInput, match="cannot read it as Parquet"):
            load_batch(store, tmp_path)


def test_ingest_parquet_command_prints_one_line_for_a_bad_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["ingest-parquet", str(tmp_path), "--db", str(tmp_path / "t.duckdb")])
    assert code == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("dyadwatch: E107") and "\n" not in err


def test_batch_without_pyspark_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)
    monkeypatch.delitem(sys.modules, "dyadwatch.batch.job", raising=False)
    code = main(["batch", "in.jsonl", "--out", str(tmp_path / "out")])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"dyadwatch: {MissingDependency.code} pyspark:") and "[spark]" in err


def test_article_fields_fit_the_article_columns() -> None:
    # Every column but the computed ones is an Article field, so none is always empty.
    fields = set(Article.__dataclass_fields__)
    computed = {"events", "signature", "signature_scheme", "record"}
    assert {n for n, _ in ARTICLE_COLUMNS} - computed <= fields


def test_remote_warc_paths_are_refused_with_a_way_out() -> None:
    with pytest.raises(BadOption, match=r"docs/spark\.md"):
        plan_inputs(["s3a://commoncrawl/crawl-data/CC-NEWS/2024/06/x.warc.gz"])


def test_batch_reports_a_missing_inputs_list_before_starting_spark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = str(tmp_path / "paths.txt")
    code = main(["batch", "--inputs-from", listed, "--out", str(tmp_path / "out")])
    assert code == 1
    assert capsys.readouterr().err.strip() == (
        f"dyadwatch: E101 {listed}: no such inputs list. Check the path given to --inputs-from"
    )
