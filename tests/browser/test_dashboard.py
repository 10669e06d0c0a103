"""The dashboard in a real browser: Debian's chromium driven by playwright.

The server is ``dyadwatch serve`` on 127.0.0.1, over the hand-made test database plus
one ``dyadwatch ingest --samples`` run.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from serve.dbs import build_db, dyadwatch, running_server

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

if not CHROMIUM.exists():
    pytest.skip("Debian chromium is not installed (make test installs it)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_db(tmp_path_factory.mktemp("browser") / "browser.duckdb")
    ingest = subprocess.run(
        dyadwatch("ingest", "--samples", "--db", str(db)), capture_output=True, text=True
    )
    assert ingest.returncode == 0, ingest.stderr
    with running_server(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser(base: str) -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield opened
    context.close()
    assert errors == [], errors


def test_dyad_timeline_renders_and_an_event_leads_to_its_evidence(page: object, base: str) -> None:
    p = page
    p.goto(base + "/dyad/PRK-RUS")  # type: ignore[attr-defined]
    chart = p.locator("#timeline[data-rendered=yes]")  # type: ignore[attr-defined]
    chart.wait_for(timeout=20_000)
    assert chart.locator(".main-svg").count() >= 1
    # One bar per month with events, per QuadClass present, and the Goldstein line.
    assert chart.locator(".barlayer .point").count() >= 2
    assert chart.locator(".scatterlayer .trace").count() == 1

    sample = p.locator("li.event", has=p.locator("a.open", has_text="Vostochny")).first  # type: ignore[attr-defined]
    trigger = sample.locator("blockquote mark.trigger").first.inner_text()
    sample.locator("a.open").click()
    p.wait_for_url("**/article/**")  # type: ignore[attr-defined]
    selected = p.locator("#article-text mark.trigger.selected")  # type: ignore[attr-defined]
    assert selected.count() >= 1
    assert selected.first.inner_text() == trigger
    assert selected.first.is_visible()
    assert p.locator("#evidence").count() == 1  # type: ignore[attr-defined]
    assert p.locator("#article-text mark.source.selected").count() >= 1  # type: ignore[attr-defined]


def test_home_draws_the_network(page: object, base: str) -> None:
    p = page
    p.goto(base + "/")  # type: ignore[attr-defined]
    network = p.locator("#network[data-rendered=yes]")  # type: ignore[attr-defined]
    network.wait_for(timeout=20_000)
    assert network.locator(".scatterlayer .trace").count() > 2
    assert p.locator("table.dyads a[href='/dyad/PRK-RUS']").count() == 1  # type: ignore[attr-defined]


def test_stored_script_does_not_run(page: object, base: str) -> None:
    p = page
    p.goto(base + "/article/d1")  # type: ignore[attr-defined]
    assert p.evaluate("typeof window.pwned") == "undefined"  # type: ignore[attr-defined]
    assert "<script>window.pwned = 1</script>" in p.locator("#article-text").inner_text()  # type: ignore[attr-defined]
    p.goto(base + "/dyad/PRK-RUS")  # type: ignore[attr-defined]
    assert p.evaluate("typeof window.pwned") == "undefined"  # type: ignore[attr-defined]


def test_the_page_loads_nothing_from_outside(browser: object, base: str) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    requested: list[str] = []
    page = context.new_page()
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base + "/dyad/PRK-RUS")
    page.locator("#timeline[data-rendered=yes]").wait_for(timeout=20_000)
    context.close()
    assert requested and all(url.startswith(base) for url in requested), requested
    assert httpx.get(base + "/static/plotly.min.js").status_code == 200
