"""Hand-made test databases for the query layer, the API and the dashboard.

Import as ``from serve.dbs import build_db, free_port, running_server``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx

from dyadwatch.model import Article, Attribution, Event
from dyadwatch.store import Store
from store.records import make_article, make_event

SCRIPT = "<script>window.pwned = 1</script>"


def article_for(doc_id: str, events: Sequence[Event], *, title: str, filler: str = "") -> Article:
    """An article whose text holds each event's sentence where its offsets say (100
    characters apart, as ``make_event`` lays them out), with ``filler`` between."""
    size = (max(e.sentence_index for e in events) + 1) * 100
    chars = list(" " * size)
    for event in events:
        at = event.sentence_index * 100
        chars[at : at + len(event.sentence)] = event.sentence
        if filler:
            gap = at + len(event.sentence) + 1
            chars[gap : gap + len(filler)] = filler[: 99 - len(event.sentence) - 1]
    base = make_article(doc_id, "".join(chars)[:size], title=title)
    return Article(
        **{**_fields(base), "site": "wire.example" if doc_id != "d3" else "daily.example"}
    )


def _fields(article: Article) -> dict[str, object]:
    return {name: getattr(article, name) for name in Article.__dataclass_fields__}


def events_d1() -> list[Event]:
    tass = Attribution("Tass", 0, 4, "RUS", "MED")
    return [
        make_event("d1", index=0, source="PRKGOV", target="RUS", cameo="051", date="2024-06-19"),
        make_event("d1", index=1, source="RUSGOV", target="PRK", cameo="057", date="2024-06-19",
                   status="expected"),
        make_event("d1", index=2, source="RUS", target="PRK", cameo="072", date="2024-06-21",
                   hedged=True, attribution=tass),
        make_event("d1", index=3, source="PRK", target="RUSGOV", cameo="111", date="2023-09-13"),
        make_event("d1", index=4, source="RUSGOV", target="UKRMIL", cameo="190", date="2024-02-01",
                   extra={"location": {"text": "Kharkiv", "start": None, "end": None,
                                       "name": "Kharkiv", "country": "UKR", "admin1": "07",
                                       "lat": 49.98, "lon": 36.25, "geonames_id": 706483,
                                       "precision": "city"}}),
    ]  # fmt: skip


def events_d2() -> list[Event]:
    return [
        make_event("d2", index=0, source="CHN", target="USAGOV", cameo="036", date="2023-11-15"),
        make_event("d2", index=1, source="USAGOV", target="RUS", cameo="163", date="2023-12-01"),
        make_event("d2", index=2, source="PRKGOV", target="RUS", cameo="042", date="2023-09-12"),
    ]


def build_db(path: Path) -> Path:
    """A small database: two wire articles (one carrying a <script>) and one from another
    outlet; dyads PRK-RUS (6 events: 4 in d1, 1 in d2, 1 in d3), RUS-UKR, CHN-USA, RUS-USA."""
    d1, d2 = events_d1(), events_d2()
    d3 = [make_event("d3", index=0, source="RUS", target="PRK", cameo="040", date="2024-06-20")]
    with Store(path) as store:
        run = store.start_run(["hand-made"], "dyadwatch 0.1.0")
        store.add_articles(
            run,
            [
                (article_for("d1", d1, title="Summit in Pyongyang " + SCRIPT, filler=SCRIPT), d1),
                (article_for("d2", d2, title="Sanctions and talks"), d2),
                (article_for("d3", d3, title="Consultations in Moscow"), d3),
            ],
        )
        store.finish_run(run, documents=3, events=len(d1) + len(d2) + len(d3), failures=0)
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def dyadwatch(*args: str) -> list[str]:
    return [sys.executable, "-m", "dyadwatch.cli.main", *args]


@contextmanager
def running_server(db: Path) -> Iterator[str]:
    """``dyadwatch serve`` on 127.0.0.1 and a free port; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        dyadwatch("serve", "--db", str(db), "--port", str(port)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/api/dyads", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"server did not start: {process.stderr.read() if process.stderr else ''!r}"
                )
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
