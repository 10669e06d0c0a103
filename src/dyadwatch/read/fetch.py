"""Fetch web pages politely: timeouts, a size cap, retries, robots.txt, a per-host pace.

All network I/O goes through one ``httpx.Client`` handed to :class:`Fetcher` (tests pass
one built on ``httpx.MockTransport`` or pointed at a server on 127.0.0.1), and time
goes through an injectable ``clock``/``sleep`` pair, so every policy here is testable
without the network and without waiting.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from types import TracebackType
from typing import Protocol, Self
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from dyadwatch import __version__
from dyadwatch.errors import FetchFailed, InputError, InputTooLarge, RobotsDisallowed

__all__ = [
    "USER_AGENT",
    "FetchSettings",
    "Fetched",
    "Fetcher",
    "InMemoryValidators",
    "ValidatorMemory",
    "Validators",
    "is_url",
]

USER_AGENT = f"dyadwatch/{__version__} (news event coder; +https://pypi.org/project/dyadwatch/)"
# The token robots.txt rules are matched against (a "User-agent: dyadwatch" group).
_ROBOTS_AGENT = "dyadwatch"
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024


def is_url(text: str) -> bool:
    """True for an absolute http(s) URL with a host."""
    try:
        parts = urlsplit(text.strip())
        httpx.URL(text.strip())  # stricter: control characters, bad hosts
    except (ValueError, httpx.InvalidURL):
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@dataclass(frozen=True, slots=True)
class FetchSettings:
    # 10 s per connect/read: news sites answer in well under a second; a server that
    # sends nothing for 10 s is down or tarpitting.
    timeout: float = 10.0
    # A page that trickles bytes slowly never trips the read timeout; this caps the
    # whole transfer (3x the read timeout leaves room for large pages on slow links).
    total_timeout: float = 30.0
    max_bytes: int = 20 * 1024 * 1024  # the same cap as files (read.inputs)
    retries: int = 3  # after the first try: 4 tries in all
    backoff: float = 0.5  # seconds before the first retry, doubling each time
    max_backoff: float = 30.0  # also caps a server's Retry-After
    # One request per host per second: the usual polite-crawler default; a
    # robots.txt Crawl-delay that asks for more wins.
    per_host_interval: float = 1.0
    max_redirects: int = 5  # news links go through one or two redirects at most
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched page; ``text`` is None when the server said 304 Not Modified."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    content_type: str
    text: str | None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.text is None


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said identifies the version of a page it sent (RFC 9110 8.8)."""

    etag: str | None
    last_modified: str | None


class ValidatorMemory(Protocol):
    """Where a :class:`Fetcher` finds and keeps the validators of the pages it fetches.

    :class:`InMemoryValidators` lasts as long as the fetcher; ``dyadwatch ingest`` passes
    one backed by its database (:class:`dyadwatch.revalidate.StoredValidators`), so a
    page fetched by an earlier run is asked for conditionally.
    """

    def load(self, urls: Iterable[str]) -> None:
        """These URLs are about to be fetched: look up what is known of them at once."""
        ...

    def get(self, url: str) -> Validators | None:
        """The validators to send for ``url``, if any."""
        ...

    def learned(self, url: str, validators: Validators) -> None:
        """``url`` was fetched in full and its server sent these validators."""
        ...

    def confirmed(self, url: str) -> None:
        """The server answered 304 for ``url``: unchanged since :meth:`get`'s validators."""
        ...


@dataclass
class InMemoryValidators:
    """Validators kept for the life of one fetcher: a page fetched twice comes back 304."""

    known: dict[str, Validators] = field(default_factory=dict)

    def load(self, urls: Iterable[str]) -> None:
        pass  # everything known is in memory already

    def get(self, url: str) -> Validators | None:
        return self.known.get(url)

    def learned(self, url: str, validators: Validators) -> None:
        self.known[url] = validators

    def confirmed(self, url: str) -> None:
        pass  # the page is still the one remembered


@dataclass
class Fetcher:
    """Fetch URLs one at a time with the policies of :class:`FetchSettings`.

    The validators (ETag, Last-Modified) a full fetch returns go to ``validators``; a
    later fetch of the URL sends them as If-None-Match/If-Modified-Since, and a 304
    comes back as a :class:`Fetched` whose ``text`` is None. The HTTP client is made on
    first use when none is given, so a fetcher costs nothing until it fetches.
    """

    client: httpx.Client | None = None
    settings: FetchSettings = field(default_factory=FetchSettings)
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    validators: ValidatorMemory = field(default_factory=InMemoryValidators)
    _robots: dict[str, RobotFileParser | None] = field(default_factory=dict, init=False)
    _last_request: dict[str, float] = field(default_factory=dict, init=False)
    _own_client: bool = field(default=False, init=False)

    def close(self) -> None:
        if self._own_client and self.client is not None:
            self.client.close()
            self.client = None
            self._own_client = False

    def _http(self) -> httpx.Client:
        if self.client is None:
            self.client = httpx.Client()
            self._own_client = True
        return self.client

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- the public operations -------------------------------------------------------

    def expect(self, urls: Iterable[str]) -> None:
        """Say that ``urls`` (a feed's links, a URL list) are about to be fetched, so
        that their validators are looked up in one go rather than one by one."""
        self.validators.load([url for url in urls if is_url(url)])

    def fetch(
        self, url: str, *, accept: str = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
    ) -> Fetched | InputError:
        """Fetch ``url``; every failure comes back as an InputError, never raised."""
        if not is_url(url):
            return FetchFailed(url, "not an http(s) URL")
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        robots = self._robots_for(host)
        if robots is not None and not robots.can_fetch(_ROBOTS_AGENT, url):
            return RobotsDisallowed(url, f"{host}/robots.txt disallows it")
        delay = robots.crawl_delay(_ROBOTS_AGENT) if robots is not None else None
        interval = max(self.settings.per_host_interval, float(delay or 0))
        headers = {"User-Agent": self.settings.user_agent, "Accept": accept}
        known = self.validators.get(url)
        if known is not None and known.etag:
            headers["If-None-Match"] = known.etag
        if known is not None and known.last_modified:
            headers["If-Modified-Since"] = known.last_modified
        conditional = "If-None-Match" in headers or "If-Modified-Since" in headers
        wait = self.settings.backoff
        for attempt in range(self.settings.retries + 1):
            self._pace(host, interval)
            outcome = self._get(url, headers)
            retry_after = None
            if isinstance(outcome, httpx.Response):
                retry_after = _retry_after(outcome)
                failure: Fetched | InputError = FetchFailed(
                    url, f"HTTP {outcome.status_code} after {attempt + 1} tries"
                )
            elif isinstance(outcome, _Transient):
                failure = FetchFailed(url, f"{outcome.reason} after {attempt + 1} tries")
            else:
                if isinstance(outcome, Fetched):
                    return self._remember(url, outcome, conditional)
                return outcome
            if attempt == self.settings.retries:
                return failure
            self.sleep(
                min(retry_after if retry_after is not None else wait, self.settings.max_backoff)
            )
            wait *= 2
        raise AssertionError("unreachable: the loop returns on its last attempt")

    def _remember(self, url: str, fetched: Fetched, conditional: bool) -> Fetched | InputError:
        if fetched.not_modified:
            if not conditional:
                # "Not modified" since nothing: the caller has no copy of the page, and
                # taking it as unchanged would skip a page never read.
                return FetchFailed(url, "HTTP 304 Not Modified to an unconditional request")
            self.validators.confirmed(url)
        elif fetched.etag or fetched.last_modified:
            self.validators.learned(url, Validators(fetched.etag, fetched.last_modified))
        return fetched

    # -- one request -----------------------------------------------------------------

    def _get(
        self, url: str, headers: dict[str, str]
    ) -> Fetched | InputError | httpx.Response | _Transient:
        """One GET: a result, a final error, a response worth retrying, or a transient error."""
        started = self.clock()
        try:
            with self._stream(url, headers) as response:
                if _is_redirect(response):
                    target = _location(response)
                    response.close()
                    return self._follow(url, target, headers, 1, started)
                return self._read(url, response, started)
        except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as error:
            return _Transient(_describe(error))
        except httpx.HTTPError as error:
            return FetchFailed(url, _describe(error))
        except httpx.InvalidURL as error:
            return FetchFailed(url, f"not a valid URL ({error})")

    def _stream(self, url: str, headers: dict[str, str]) -> AbstractContextManager[httpx.Response]:
        # Redirects are followed by hand: the client's own limit is a setting of the
        # injected client, and each hop must obey robots.txt.
        return self._http().stream(
            "GET", url, headers=headers, follow_redirects=False, timeout=self.settings.timeout
        )

    def _follow(
        self, url: str, target: str, headers: dict[str, str], redirects: int, started: float
    ) -> Fetched | InputError | httpx.Response | _Transient:
        current = target
        while True:
            if redirects > self.settings.max_redirects:
                return FetchFailed(url, f"more than {self.settings.max_redirects} redirects")
            if not is_url(current):
                return FetchFailed(url, f"redirected to {current!r}, not an http(s) URL")
            parts = urlsplit(current)
            host = f"{parts.scheme}://{parts.netloc}"
            robots = self._robots_for(host)
            if robots is not None and not robots.can_fetch(_ROBOTS_AGENT, current):
                return RobotsDisallowed(
                    url, f"redirected to {current}, which {host}/robots.txt disallows"
                )
            self._pace(host, self.settings.per_host_interval)
            with self._stream(current, headers) as response:
                if not _is_redirect(response):
                    return self._read(url, response, started)
                redirects += 1
                current = _location(response)

    def _read(
        self, url: str, response: httpx.Response, started: float
    ) -> Fetched | InputError | httpx.Response:
        if response.status_code == 304:
            return Fetched(url, str(response.url), 304, "", None)
        if response.status_code in _RETRY_STATUSES:
            return response
        if response.status_code >= 400:
            return FetchFailed(url, f"HTTP {response.status_code}")
        cap = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            return InputTooLarge(url, f"{declared} bytes announced, over the cap of {cap} bytes")
        body = bytearray()
        for chunk in response.iter_bytes(_CHUNK):
            body.extend(chunk)
            if len(body) > cap:
                return InputTooLarge(url, f"more than {cap} bytes")
            if self.clock() - started > self.settings.total_timeout:
                return FetchFailed(
                    url, f"too slow: not done after {self.settings.total_timeout:g} s"
                )
        content_type = response.headers.get("content-type", "")
        # Web pages lie about their encoding often enough that one bad byte must not
        # cost the article: decode with the declared charset and replace the odd byte.
        encoding = response.charset_encoding or "utf-8"
        try:
            text = bytes(body).decode(encoding, errors="replace")
        except LookupError:
            text = bytes(body).decode("utf-8", errors="replace")
        return Fetched(
            url=url,
            final_url=str(response.url),
            status=response.status_code,
            content_type=content_type.split(";")[0].strip().lower(),
            text=text,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )

    # -- politeness ------------------------------------------------------------------

    def _pace(self, host: str, interval: float) -> None:
        last = self._last_request.get(host)
        if last is not None:
            wait = last + interval - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last_request[host] = self.clock()

    def _robots_for(self, host: str) -> RobotFileParser | None:
        """The host's robots.txt rules, fetched once; None means everything is allowed."""
        if host in self._robots:
            return self._robots[host]
        parser: RobotFileParser | None = None
        self._pace(host, self.settings.per_host_interval)
        try:
            response = self._http().get(
                f"{host}/robots.txt",
                headers={"User-Agent": self.settings.user_agent},
                timeout=self.settings.timeout,
                follow_redirects=True,
            )
            status = response.status_code
            text = response.text[: self.settings.max_bytes] if status < 400 else ""
        except (httpx.HTTPError, httpx.InvalidURL):
            # RFC 9309 2.3.1.4: an unreachable robots.txt means "assume disallowed";
            # the page fetch that follows would fail the same way anyway.
            status, text = 503, ""
        if 200 <= status < 300:
            parser = RobotFileParser()
            parser.parse(text.splitlines())
        elif status >= 500:
            parser = RobotFileParser()
            parser.parse(["User-agent: *", "Disallow: /"])
        # 4xx (most often 404): no rules, everything allowed (RFC 9309 2.3.1.3).
        self._robots[host] = parser
        return parser


@dataclass(frozen=True, slots=True)
class _Transient:
    reason: str


def _location(response: httpx.Response) -> str:
    """Where a redirect points, made absolute."""
    return str(response.url.join(response.headers.get("location", "")))


def _is_redirect(response: httpx.Response) -> bool:
    # Not httpx's is_redirect, which counts a 304 Not Modified as one.
    return response.status_code in _REDIRECTS and "location" in response.headers


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


def _describe(error: httpx.HTTPError) -> str:
    names: dict[type[httpx.HTTPError], str] = {
        httpx.ConnectTimeout: "connection timed out",
        httpx.ReadTimeout: "read timed out",
        httpx.WriteTimeout: "write timed out",
        httpx.PoolTimeout: "timed out waiting for a connection",
        httpx.ConnectError: "cannot connect",
        httpx.RemoteProtocolError: "the server broke the HTTP protocol",
    }
    name = names.get(type(error))
    detail = str(error).splitlines()[0] if str(error) else type(error).__name__
    return f"{name} ({detail})" if name else detail
