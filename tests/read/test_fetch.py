"""The fetcher's policies, through httpx.MockTransport and a fake clock: no network."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import httpx
import pytest

from dyadwatch.errors import FetchFailed, InputTooLarge, RobotsDisallowed
from dyadwatch.read.fetch import USER_AGENT, Fetched, Fetcher, FetchSettings, Validators

PAGE = "<html><body><p>The two governments agreed to reopen the border crossing.</p></body></html>"


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def make(
    handler: Callable[[httpx.Request], httpx.Response], **settings: object
) -> tuple[Fetcher, FakeTime, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return handler(request)

    fake = FakeTime()
    fetcher = Fetcher(
        client=httpx.Client(transport=httpx.MockTransport(record)),
        settings=FetchSettings(**settings),  # type: ignore[arg-type]
        clock=fake.clock,
        sleep=fake.sleep,
    )
    return fetcher, fake, seen


def html(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, text=PAGE, headers={"content-type": "text/html; charset=utf-8"})


def test_fetches_a_page_with_a_user_agent_that_names_dyadwatch() -> None:
    fetcher, _, seen = make(html)
    result = fetcher.fetch("http://news.test/a")
    assert isinstance(result, Fetched)
    assert result.text == PAGE and result.content_type == "text/html"
    assert all(r.headers["user-agent"] == USER_AGENT for r in seen)
    assert "dyadwatch" in USER_AGENT


def test_robots_txt_disallow_is_respected() -> None:
    pages: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: dyadwatch\nDisallow: /private/\n")
        pages.append(request.url.path)
        return html(request)

    fetcher = Fetcher(
        client=httpx.Client(transport=httpx.MockTransport(handler)), sleep=lambda s: None
    )
    blocked = fetcher.fetch("http://news.test/private/x")
    allowed = fetcher.fetch("http://news.test/public/y")
    assert isinstance(blocked, RobotsDisallowed) and blocked.code == "E110"
    assert isinstance(allowed, Fetched)
    assert pages == ["/public/y"]


def test_server_errors_are_retried_with_growing_backoff() -> None:
    calls = 0

    def flaky(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return httpx.Response(503) if calls < 3 else html(request)

    fetcher, fake, _ = make(flaky, backoff=0.5, per_host_interval=0.0)
    assert isinstance(fetcher.fetch("http://news.test/a"), Fetched)
    assert fake.slept == [0.5, 1.0]


def test_gives_up_after_the_retries_with_one_error() -> None:
    fetcher, fake, _ = make(lambda r: httpx.Response(500), retries=2, per_host_interval=0.0)
    result = fetcher.fetch("http://news.test/a")
    assert isinstance(result, FetchFailed)
    assert "HTTP 500 after 3 tries" in result.message
    assert len(fake.slept) == 2


def test_timeouts_are_retried_then_reported() -> None:
    def hang(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    fetcher, _, _ = make(hang, retries=1, per_host_interval=0.0)
    result = fetcher.fetch("http://slow.test/a")
    assert isinstance(result, FetchFailed)
    assert "read timed out" in result.message and "after 2 tries" in result.message


def test_requests_to_one_host_are_paced() -> None:
    fetcher, fake, _ = make(html, per_host_interval=2.0)
    fetcher.fetch("http://news.test/a")  # robots.txt, then the page: one wait between
    fetcher.fetch("http://news.test/b")
    fetcher.fetch("http://other.test/c")  # another host: its own robots.txt wait only
    assert fake.slept == [2.0, 2.0, 2.0]


def test_conditional_request_after_an_etag() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304)
        return httpx.Response(
            200,
            text=PAGE,
            headers={
                "content-type": "text/html",
                "etag": '"v1"',
                "last-modified": "Mon, 03 Jun 2024 10:00:00 GMT",
            },
        )

    fetcher, _, seen = make(handler, per_host_interval=0.0)
    first = fetcher.fetch("http://news.test/a")
    second = fetcher.fetch("http://news.test/a")
    assert isinstance(first, Fetched) and not first.not_modified
    assert isinstance(second, Fetched) and second.not_modified
    assert seen[-1].headers["if-modified-since"] == "Mon, 03 Jun 2024 10:00:00 GMT"


@dataclass
class LoggedMemory:
    """A validator memory of the caller's own that logs what the fetcher asks and tells."""

    stored: dict[str, Validators]
    log: list[tuple[object, ...]] = field(default_factory=list)

    def load(self, urls: Iterable[str]) -> None:
        self.log.append(("load", list(urls)))

    def get(self, url: str) -> Validators | None:
        self.log.append(("get", url))
        return self.stored.get(url)

    def learned(self, url: str, validators: Validators) -> None:
        self.log.append(("learned", url, validators))

    def confirmed(self, url: str) -> None:
        self.log.append(("confirmed", url))


def test_a_validator_memory_of_the_callers_own_is_asked_and_told() -> None:
    modified = "Tue, 04 Jun 2024 10:00:00 GMT"

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/a" and request.headers.get("if-none-match") == '"a1"':
            return httpx.Response(304)
        headers = {"content-type": "text/html"}
        if request.url.path == "/a":
            headers["etag"] = '"a1"'
        elif request.url.path == "/b":
            headers["last-modified"] = modified
        return httpx.Response(200, text=PAGE, headers=headers)

    fetcher, _, seen = make(handler, per_host_interval=0.0)
    memory = LoggedMemory({"http://news.test/a": Validators('"a1"', None)})
    memory.stored["http://news.test/b"] = Validators('"b-old"', "Mon, 03 Jun 2024 10:00:00 GMT")
    fetcher.validators = memory
    fetcher.expect(["http://news.test/a", "not a url", "http://news.test/b"])
    a, b, c = (fetcher.fetch(f"http://news.test/{name}") for name in "abc")
    assert isinstance(a, Fetched) and a.not_modified
    assert isinstance(b, Fetched) and isinstance(c, Fetched) and c.text == PAGE
    sent = {r.url.path: r.headers for r in seen}
    assert sent["/a"]["if-none-match"] == '"a1"' and "if-modified-since" not in sent["/a"]
    assert sent["/b"]["if-none-match"] == '"b-old"'
    assert "if-none-match" not in sent["/c"] and "if-modified-since" not in sent["/c"]
    assert memory.log == [
        ("load", ["http://news.test/a", "http://news.test/b"]),
        ("get", "http://news.test/a"),
        ("confirmed", "http://news.test/a"),
        ("get", "http://news.test/b"),
        ("learned", "http://news.test/b", Validators(None, modified)),
        ("get", "http://news.test/c"),  # no validators sent back: nothing to learn
    ]


def test_a_304_to_an_unconditional_request_is_a_failure() -> None:
    fetcher, _, _ = make(lambda request: httpx.Response(304))
    result = fetcher.fetch("http://news.test/a")
    assert isinstance(result, FetchFailed) and "not modified" in result.message.lower()


def test_size_cap_announced_or_streamed() -> None:
    big = "x" * 5000

    def announced(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text=big, headers={"content-type": "text/html"})

    def streamed(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            content=iter([big.encode()[:3000], big.encode()[3000:]]),
            headers={"content-type": "text/html"},
        )

    for handler in (announced, streamed):
        fetcher, _, _ = make(handler, max_bytes=4000, per_host_interval=0.0)
        result = fetcher.fetch("http://news.test/big")
        assert isinstance(result, InputTooLarge), handler
        assert result.code == "E104"


def test_a_redirect_loop_stops_at_the_limit() -> None:
    def loop(request: httpx.Request) -> httpx.Response:
        n = int(request.url.path.strip("/") or 0)
        return httpx.Response(302, headers={"location": f"/{n + 1}"})

    fetcher, _, seen = make(loop, max_redirects=3, per_host_interval=0.0)
    result = fetcher.fetch("http://news.test/0")
    assert isinstance(result, FetchFailed)
    assert "more than 3 redirects" in result.message
    assert len([r for r in seen if r.url.path != "/robots.txt"]) == 4


def test_a_redirect_is_followed_to_the_page() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/short":
            return httpx.Response(301, headers={"location": "http://news.test/long/story"})
        return html(request)

    fetcher, _, _ = make(handler, per_host_interval=0.0)
    result = fetcher.fetch("http://news.test/short")
    assert isinstance(result, Fetched)
    assert (
        result.final_url == "http://news.test/long/story" and result.url == "http://news.test/short"
    )


def test_a_slow_trickle_hits_the_total_timeout() -> None:
    fake_holder: list[FakeTime] = []

    def trickle() -> object:
        for _ in range(10):
            fake_holder[0].now += 5.0  # each chunk arrives 5 s after the last
            yield b"<p>slow</p>"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=trickle(), headers={"content-type": "text/html"})  # type: ignore[arg-type]

    fetcher, fake, _ = make(handler, total_timeout=12.0, per_host_interval=0.0)
    fake_holder.append(fake)
    result = fetcher.fetch("http://slow.test/a")
    assert isinstance(result, FetchFailed)
    assert "too slow" in result.message


@pytest.mark.parametrize("url", ["ftp://news.test/a", "news.test/a", "http://"])
def test_not_a_url(url: str) -> None:
    fetcher, _, seen = make(html)
    assert isinstance(fetcher.fetch(url), FetchFailed)
    assert seen == []


def test_unreachable_robots_txt_means_disallowed() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503) if request.url.path == "/robots.txt" else html(request)

    fetcher = Fetcher(
        client=httpx.Client(transport=httpx.MockTransport(handler)), sleep=lambda s: None
    )
    assert isinstance(fetcher.fetch("http://news.test/a"), RobotsDisallowed)


@pytest.mark.parametrize("url", ["http://[::1/x", "http://exa\x00mple.test/"])
def test_malformed_urls_are_one_error(url: str) -> None:
    fetcher, _, _ = make(html)
    result = fetcher.fetch(url)
    assert isinstance(result, FetchFailed) and "\n" not in result.message
