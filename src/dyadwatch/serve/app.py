"""The dashboard and JSON API: one FastAPI app over a dyadwatch database.

Every request opens the database read-only and closes it before answering, because
DuckDB lets one process hold a file at a time: while the server holds nothing between
requests, ``dyadwatch ingest`` can write to the same file, and new events show up on
the next request. A request that finds the file held by a writer answers from a
snapshot of the last state it could read (see ``reader.py``; the response carries
``X-Dyadwatch-Snapshot: 1``), or waits ``lock_timeout`` seconds when there is none yet.

Nothing here writes: every route is GET, so there is no write route to protect.
"""

from __future__ import annotations

import math
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from dyadwatch import __version__
from dyadwatch.codebook import root_label
from dyadwatch.errors import (
    BadOption,
    ConfigError,
    DatabaseLocked,
    DyadwatchError,
    RecordNotFound,
    UnreadableDatabase,
)
from dyadwatch.query import (
    MAX_PAGE,
    PERIODS,
    STATUSES,
    make_filter,
    parse_dyad,
    search,
    timeline,
)
from dyadwatch.serve.evidence import article_marks, highlight, sentence_pieces
from dyadwatch.serve.reader import Reader
from dyadwatch.store import EventFilter, Store

__all__ = ["Settings", "create_app"]

# Events listed per dashboard page: one screen of evidence sentences to scan.
_PAGE_EVENTS = 50
# Dyads drawn in the network on the home page: past ~30 the circle is unreadable.
_NETWORK_DYADS = 30

_STATIC = resources.files("dyadwatch.serve") / "static"
_PLOTLY_JS = resources.files("plotly") / "package_data" / "plotly.min.js"

# Scripts come only from this server (plotly's own file and ours): an injected
# <script> in article text would not run even if escaping ever failed.
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


# An optional free-text query parameter; the length cap keeps probes and typos short.
Text = Annotated[str | None, Query(max_length=200)]


@dataclass(frozen=True, slots=True)
class FilterParams:
    """The filter query parameters every event view takes, declared once for all of them.

    Routes take it as ``filters: Filters``: FastAPI reads the fields as plain query
    parameters, so their schema, validation and error shape are those of parameters
    declared on the route itself; only their place differs, as FastAPI lists a route's
    own parameters first and validates a dependency's first. What only some routes take
    (dyad, actor, paging) stays on them and joins in ``event_filter``.
    """

    since: Text = None
    until: Text = None
    cameo: Text = None
    status: Text = None
    outlet: Text = None

    def event_filter(self, **narrower: Any) -> EventFilter:
        """``make_filter`` over these parameters and the route's own ``make_filter`` ones."""
        return make_filter(
            since=self.since,
            until=self.until,
            cameo=self.cameo,
            status=self.status,
            outlet=self.outlet,
            **narrower,
        )

    def form(self) -> dict[str, str]:
        """The values as a page's filter form shows them back, absent ones empty."""
        return {name: value or "" for name, value in asdict(self).items()}


Filters = Annotated[FilterParams, Depends()]


@dataclass(frozen=True, slots=True)
class Settings:
    db: Path
    # Seconds a request waits for a writer to let go of the database when it has no
    # snapshot to answer from: 10 s outlasts opening a store and one commit of an ingest
    # on a loaded 2-core machine.
    lock_timeout: float = 10.0
    # Seconds a request waits for the writer before it answers from the snapshot: long
    # enough to outlast another short reader (a CLI query), short enough to feel live.
    snapshot_wait: float = 0.5
    snapshots: bool = True


def _status(error: DyadwatchError) -> int:
    if isinstance(error, RecordNotFound):
        return 404
    if isinstance(error, DatabaseLocked | UnreadableDatabase):
        return 503
    if isinstance(error, ConfigError):
        return 400
    return 500


def create_app(settings: Settings) -> FastAPI:
    snapshot_dir = Path(tempfile.mkdtemp(prefix="dyadwatch-serve-")) if settings.snapshots else None
    reader = Reader(
        settings.db,
        lock_timeout=settings.lock_timeout,
        wait=settings.snapshot_wait,
        snapshot_dir=snapshot_dir,
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            if snapshot_dir is not None:
                shutil.rmtree(snapshot_dir, ignore_errors=True)

    app = FastAPI(
        lifespan=lifespan,
        title="dyadwatch",
        version=__version__,
        description="Read-only JSON API over coded events: dyads, events with evidence, "
        "timelines. Errors have one shape: "
        '`{"error": {"code", "subject", "problem", "fix", "message"}}`.',
    )
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("dyadwatch.serve", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["version"] = __version__

    @contextmanager
    def opened(request: Request) -> Iterator[Store]:
        with reader.open() as got:
            request.state.snapshot = got.snapshot
            yield got.store

    def page(name: str, http_status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**context), status_code=http_status)

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = _CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        if getattr(request.state, "snapshot", False):
            response.headers["X-Dyadwatch-Snapshot"] = "1"
        return response

    def error_response(request: Request, error: DyadwatchError, status: int) -> Response:
        if request.url.path.startswith("/api") or request.url.path.endswith(".json"):
            return JSONResponse({"error": error.as_dict()}, status_code=status)
        return page("error.html", status, error=error, status=status)

    @app.exception_handler(DyadwatchError)
    async def on_error(request: Request, error: DyadwatchError) -> Response:
        return error_response(request, error, _status(error))

    @app.exception_handler(Exception)
    async def on_bug(request: Request, exc: Exception) -> Response:
        # Starlette still re-raises after this answer, so the traceback reaches the log.
        error = DyadwatchError(
            request.url.path,
            f"internal error ({type(exc).__name__})",
            "This is a bug in dyadwatch: report it with the server log",
        )
        return error_response(request, error, 500)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = [str(part) for part in first.get("loc", ()) if part not in ("query", "path")]
        error = BadOption(
            ".".join(where) or "request",
            str(first.get("msg", "invalid value")),
            "See /docs for the accepted values",
        )
        return error_response(request, error, 400)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        error: DyadwatchError
        if exc.status_code == 405:
            error = BadOption(request.method, "method not allowed: the API is read-only", "Use GET")
        else:
            error = RecordNotFound(request.url.path, "no such page or route", "See /docs")
        return error_response(request, error, exc.status_code)

    # -- static files ------------------------------------------------------------------

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        # Served from the installed plotly package: no CDN, no vendored copy.
        return FileResponse(str(_PLOTLY_JS), media_type="text/javascript")

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> FileResponse:
        allowed = {"dyadwatch.js": "text/javascript", "dyadwatch.css": "text/css"}
        if name not in allowed:
            raise RecordNotFound(name, "no such static file", "See /")
        return FileResponse(str(_STATIC / name), media_type=allowed[name])

    # -- JSON API ----------------------------------------------------------------------

    @app.get("/api/dyads", tags=["api"], summary="Most active pairs of countries")
    def api_dyads(
        request: Request,
        filters: Filters,
        actor: Text = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
        count: Annotated[str, Query(pattern="^(events|reports)$")] = "events",
    ) -> dict[str, Any]:
        flt = filters.event_filter(actor=actor)
        with opened(request) as store:
            dyads = store.dyads(
                flt, limit=limit, count="reports" if count == "reports" else "events"
            )
            return {"dyads": [d.as_dict() for d in dyads]}

    @app.get("/api/events", tags=["api"], summary="Events in the event contract, paged")
    def api_events(
        request: Request,
        filters: Filters,
        dyad: Annotated[str | None, Query(max_length=40, examples=["PRK-RUS"])] = None,
        actor: Text = None,
        doc_id: Text = None,
        location_country: Annotated[
            str | None, Query(max_length=3, description="ISO3 country the event took place in")
        ] = None,
        bbox: Annotated[
            str | None, Query(max_length=80, description="W,S,E,N box, in degrees")
        ] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        flt = filters.event_filter(
            dyad=dyad,
            actor=actor,
            doc_id=doc_id,
            location_country=location_country,
            bbox=bbox,
            limit=limit,
            offset=offset,
        )
        with opened(request) as store:
            events = store.events(flt)
            total = store.count_events(flt)
        after = offset + len(events)
        return {
            "events": events,
            "total": total,
            "limit": limit,
            "offset": offset,
            "next_offset": after if after < total else None,
        }

    @app.get("/api/timeline", tags=["api"], summary="A dyad's events per week or month")
    def api_timeline(
        request: Request,
        filters: Filters,
        dyad: Annotated[str, Query(max_length=40, examples=["PRK-RUS"])],
        by: Annotated[str, Query(pattern="^(week|month)$")] = "month",
        count: Annotated[str, Query(pattern="^(events|reports)$")] = "events",
    ) -> dict[str, Any]:
        flt = filters.event_filter(dyad=dyad)
        with opened(request) as store:
            rows = timeline(store, flt, by, "reports" if count == "reports" else "events")
        a, b = parse_dyad(dyad)
        return {"dyad": f"{a}-{b}", "by": by, "timeline": [r.as_dict() for r in rows]}

    @app.get("/api/articles/{doc_id}", tags=["api"], summary="One article and its events")
    def api_article(request: Request, doc_id: str) -> dict[str, Any]:
        with opened(request) as store:
            article = store.article(doc_id)
            if article is None:
                raise RecordNotFound(doc_id, "no stored article with this doc_id")
            events = store.events(EventFilter(doc_id=doc_id))
        fields = _article_fields(article)
        del fields["link"]
        return {"article": fields, "events": events}

    @app.get("/api/search", tags=["api"], summary="Actors and article titles containing q")
    def api_search(request: Request, q: Annotated[str, Query(max_length=200)]) -> dict[str, Any]:
        with opened(request) as store:
            found = search(store, q)
        return {
            "actors": [a.as_dict() for a in found.actors],
            "articles": [a.as_dict() for a in found.articles],
        }

    # -- pages -------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(
        request: Request,
    ) -> HTMLResponse:
        with opened(request) as store:
            dyads = store.dyads(limit=_NETWORK_DYADS)
            total = store.count_events()
        return page(
            "index.html",
            dyads=dyads,
            total=total,
            network=_network([d.as_dict() for d in dyads]),
        )

    @app.get("/dyad/{pair}", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(
        request: Request,
        pair: str,
        filters: Filters,
        by: str = "month",
        page_no: Annotated[int, Query(alias="page", ge=1)] = 1,
    ) -> HTMLResponse:
        a, b = parse_dyad(pair)
        if by not in PERIODS:
            raise BadOption("by", f"{by!r} is not a period", "Pass week or month")
        flt = filters.event_filter(
            dyad=(a, b),
            limit=_PAGE_EVENTS,
            offset=(page_no - 1) * _PAGE_EVENTS,
        )
        with opened(request) as store:
            rows = timeline(store, flt, by)
            events = store.events(flt)
            total = store.count_events(flt)
            outlets = [
                r[0]
                for r in store.select(
                    "SELECT DISTINCT a.site FROM articles a JOIN events e USING (doc_id) "
                    "WHERE a.site IS NOT NULL AND ((e.source_country = ? AND e.target_country = ?)"
                    " OR (e.source_country = ? AND e.target_country = ?)) ORDER BY 1",
                    [a, b, b, a],
                )
            ]
        return page(
            "dyad.html",
            a=a,
            b=b,
            by=by,
            periods=PERIODS,
            form=filters.form(),
            roots=[(f"{i:02d}", root_label(f"{i:02d}")) for i in range(1, 21)],
            statuses=STATUSES,
            outlets=outlets,
            timeline=[r.as_dict() for r in rows],
            events=[{**e, "pieces": sentence_pieces(e)} for e in events],
            total=total,
            page_no=page_no,
            pages=max(1, math.ceil(total / _PAGE_EVENTS)),
        )

    @app.get("/article/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, doc_id: str, event: Text = None) -> HTMLResponse:
        with opened(request) as store:
            article = store.article(doc_id)
            if article is None:
                raise RecordNotFound(doc_id, "no stored article with this doc_id")
            events = store.events(EventFilter(doc_id=doc_id))
        text = str(article["text"])
        pieces = highlight(text, article_marks(text, events), selected=event)
        return page(
            "article.html",
            article=_article_fields(article),
            pieces=pieces,
            events=events,
            selected=event,
        )

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request, q: Annotated[str, Query(max_length=200)] = ""
    ) -> HTMLResponse:
        with opened(request) as store:
            found = search(store, q)
            dyads = {
                hit.code: store.dyads(EventFilter(actor=hit.code), limit=5) for hit in found.actors
            }
        return page("search.html", q=q, found=found, dyads=dyads)

    return app


def _article_fields(article: dict[str, Any]) -> dict[str, Any]:
    keep = ("doc_id", "url", "title", "published", "author", "site", "language", "text")
    fields = {key: article.get(key) for key in keep}
    url = str(article.get("url") or "")
    # Only web links become clickable: a javascript: URL in stored data must not run.
    fields["link"] = url if url.startswith(("http://", "https://")) else None
    return fields


def _network(dyads: list[dict[str, Any]]) -> dict[str, Any]:
    """States on a circle and one edge per dyad, for the home page's network chart."""
    weight: dict[str, int] = {}
    for d in dyads:
        for code in (d["a"], d["b"]):
            weight[code] = weight.get(code, 0) + d["events"]
    codes = sorted(weight, key=lambda c: (-weight[c], c))
    angle = {c: 2 * math.pi * i / max(len(codes), 1) for i, c in enumerate(codes)}
    nodes = [
        {"code": c, "x": round(math.cos(angle[c]), 4), "y": round(math.sin(angle[c]), 4),
         "events": weight[c]}
        for c in codes
    ]  # fmt: skip
    edges = [
        {"a": d["a"], "b": d["b"], "events": d["events"], "goldstein": round(d["goldstein"], 2)}
        for d in dyads
    ]
    return {"nodes": nodes, "edges": edges}
