# Copyright 2026 The tocsin authors. Licensed under the Apache License 2.0.
"""The REST API and the dashboard: thin FastAPI routes over ``EventStore`` queries.

Reads: ``/events`` (also ``/events.geojson`` or ``?format=geojson``), ``/events/{id}``,
``/stories``, ``/stories/{id}`` (with its change log), ``/articles``, ``/articles/{id}``,
``/stats`` (counts by day and type) and ``/facets``. Write: ``POST /articles`` with an
article's ``text``, or a ``url`` that is fetched with ingest's fetcher (the same address checks
and limits, ``fetch_allow_hosts`` included) and read like a URL input; it needs
``Authorization: Bearer <api_token>``, and with no ``api_token`` set writing is disabled. Every
error, 404 and 422 included, has one JSON shape (datasette's): ``{"ok": false, "error": "...",
"status": N}``; a URL that cannot be fetched is 400 (refused or invalid), 413 (too large), 415
(not a page), 504 (timed out) or 502 (any other fetch failure). CORS is off unless
``cors_origins`` names origins. ``/`` serves the dashboard and ``/docs`` Swagger UI; their
third-party files come from ``dashboard/node_modules`` (``make setup`` runs npm there) under
``/vendor/``, so both work offline (issue #6). Without them ``/docs`` links to the OpenAPI
description instead.
"""

from __future__ import annotations

import hmac
import threading
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from tocsin import __version__
from tocsin.config import Settings
from tocsin.errors import IngestError, SkipArticle, TocsinError
from tocsin.export import event_feature
from tocsin.ingest.formats import Reader
from tocsin.ingest.urls import FetchError
from tocsin.models import Article
from tocsin.pipeline import Pipeline
from tocsin.store import EventStore
from tocsin.store.queries import ArticleQuery, EventQuery, StoryQuery

__all__ = ["DASHBOARD", "DOCS_FILES", "VENDOR_FILES", "create_app", "docs_available", "error_body", "vendor_available"]

DASHBOARD = Path(__file__).with_name("dashboard")
_MODULES = DASHBOARD / "node_modules"
# The only files served from node_modules: name under /vendor/ -> path in node_modules.
VENDOR_FILES: dict[str, str] = {
    "d3-array.js": "d3-array/dist/d3-array.min.js",
    "d3-geo.js": "d3-geo/dist/d3-geo.min.js",
    "topojson-client.js": "topojson-client/dist/topojson-client.min.js",
    "countries-110m.json": "world-atlas/countries-110m.json",
}
# Swagger UI for /docs (npm's swagger-ui-dist), served under /vendor/ beside the dashboard's.
DOCS_FILES: dict[str, str] = {
    "swagger-ui-bundle.js": "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui.css": "swagger-ui-dist/swagger-ui.css",
    "swagger-favicon.png": "swagger-ui-dist/favicon-32x32.png",
}
_MEDIA_TYPES = {".js": "text/javascript", ".json": "application/json", ".css": "text/css", ".png": "image/png"}
_OWN_FILES = {"app.js": "text/javascript", "app.css": "text/css"}
# FetchError code -> status of POST /articles {"url": ...}; any other code is 502 (bad gateway).
_FETCH_STATUS = {"bad_url": 400, "blocked": 400, "too_large": 413, "content_type": 415, "timeout": 504}
_DOCS_FALLBACK = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>tocsin API</title></head>
<body><h1>tocsin API</h1>
<p>The OpenAPI description of this API: <a href="{openapi}">{openapi}</a>.</p>
<p>Swagger UI is not installed, so it cannot be shown here: run <code>make setup</code>
(npm install in tocsin/api/dashboard) to browse the API on this page.</p>
</body></html>
"""
MAX_LIMIT = 1000
_bearer = HTTPBearer(auto_error=False)


def error_body(status: int, error: str) -> dict[str, Any]:
    """The one JSON shape of every error response."""
    return {"ok": False, "error": error, "status": status}


def vendor_available() -> bool:
    """Whether npm has installed the dashboard's libraries and the world atlas."""
    return all((_MODULES / path).is_file() for path in VENDOR_FILES.values())


def docs_available() -> bool:
    """Whether npm has installed Swagger UI for ``/docs``."""
    return all((_MODULES / path).is_file() for path in DOCS_FILES.values())


class Submission(BaseModel):
    """An article submitted for ingestion: its ``text``, or a ``url`` to fetch it from."""

    text: str | None = Field(None, description="Article text; without it, the page at url is fetched")
    url: str | None = Field(None, description="Where the article was published (fetched when no text is given)")
    title: str | None = Field(None, description="Overrides the fetched page's title")
    source: str | None = Field(None, description="Overrides the fetched page's site name")
    author: str | None = Field(None, description="Overrides the fetched page's author")
    published: date | None = Field(None, description="Publication date (resolves 'on Monday')")


def fetch_article(url: str, settings: Settings) -> Article:
    """The article at ``url``, fetched and read as ``tocsin ingest URL`` does; HTTP errors otherwise."""
    try:
        with Reader(replace(settings, progress=False)) as reader:
            return reader.page(url)
    except FetchError as e:
        raise HTTPException(_FETCH_STATUS.get(e.code, 502), f"cannot fetch the url: {e}") from e
    except IngestError as e:  # SkipArticle included: a feed, an archive or a page without text
        raise HTTPException(422, f"no article at the url: {e}") from e


def _page(limit: int, offset: int, total: int, request: Request) -> dict[str, Any]:
    following = offset + limit
    next_url = str(request.url.include_query_params(offset=following)) if following < total else None
    return {"ok": True, "total": total, "limit": limit, "offset": offset, "next": next_url}


def event_query(  # noqa: PLR0917 - FastAPI fills query parameters by name
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-3 of the place or an actor")] = None,
    admin1: Annotated[str | None, Query(description="first-level region, e.g. Nairobi")] = None,
    type: Annotated[str | None, Query(description="PLOVER type, e.g. PROTEST")] = None,  # noqa: A002
    acled_type: Annotated[str | None, Query(description="ACLED type, e.g. Riots")] = None,
    actor: Annotated[str | None, Query(description="substring of an actor's text or name")] = None,
    since: Annotated[date | None, Query(description="on or after YYYY-MM-DD")] = None,
    until: Annotated[date | None, Query(description="on or before YYYY-MM-DD")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    q: Annotated[str | None, Query(description="substring of the article's title or text")] = None,
    story_id: str | None = None,
    article_id: str | None = None,
    sort: Annotated[str, Query(pattern="^-?(date|confidence)$|^id$")] = "date",
    limit: Annotated[int, Query(ge=0, le=MAX_LIMIT)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> EventQuery:
    """The event filters shared by ``/events``, ``/events.geojson`` and ``/stats``."""
    return EventQuery(
        country=country,
        admin1=admin1,
        plover_type=type,
        acled_type=acled_type,
        actor=actor,
        since=since,
        until=until,
        min_confidence=min_confidence,
        text=q,
        story_id=story_id,
        article_id=article_id,
        sort=sort,
        limit=limit,
        offset=offset,
    )


def create_app(store: EventStore, settings: Settings | None = None, pipeline: Pipeline | None = None) -> FastAPI:
    """The API over ``store``; ``pipeline`` (built lazily from settings when None) serves POSTs."""
    settings = settings or Settings()
    app = FastAPI(
        title="tocsin",
        version=__version__,
        description="Political-unrest events with evidence: events, stories, articles, statistics.",
        # FastAPI's own pages load Swagger UI and ReDoc from a CDN; /docs is served below instead.
        docs_url=None,
        redoc_url=None,
    )
    if settings.cors_origins.strip():
        origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"])
    state: dict[str, Pipeline | None] = {"pipeline": pipeline}
    lock = threading.Lock()

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(error_body(exc.status_code, str(exc.detail)), exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        return JSONResponse(error_body(422, "; ".join(parts)), 422)

    @app.exception_handler(TocsinError)
    async def tocsin_error(_request: Request, exc: TocsinError) -> JSONResponse:
        return JSONResponse(error_body(400, str(exc)), 400)

    @app.exception_handler(Exception)
    async def server_error(_request: Request, _exc: Exception) -> JSONResponse:
        return JSONResponse(error_body(500, "internal server error"), 500)

    def require_token(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> None:
        if not settings.api_token:
            raise HTTPException(403, "writing is disabled: set the api_token setting to enable it")
        given = credentials.credentials if credentials else ""
        if not hmac.compare_digest(given.encode(), settings.api_token.encode()):
            raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})

    def geojson(query: EventQuery, total: int, request: Request) -> dict[str, Any]:
        features = [f for f in map(event_feature, store.query_events(query)) if f is not None]
        page = _page(query.limit or 0, query.offset, total, request)
        return {"type": "FeatureCollection", "features": features, **page}

    @app.get("/events", summary="Events, filtered, sorted and paged (JSON or GeoJSON)")
    def list_events(
        request: Request,
        query: Annotated[EventQuery, Depends(event_query)],
        format: Annotated[str, Query(pattern="^(json|geojson)$")] = "json",  # noqa: A002
    ) -> dict[str, Any]:
        total = store.count_query(query)
        if format == "geojson":
            return geojson(query, total, request)
        return {**_page(query.limit or 0, query.offset, total, request), "events": store.query_events(query)}

    @app.get("/events.geojson", summary="Events with coordinates as a GeoJSON FeatureCollection")
    def events_geojson(request: Request, query: Annotated[EventQuery, Depends(event_query)]) -> dict[str, Any]:
        return geojson(query, store.count_query(query), request)

    @app.get("/events/{event_id}", summary="One event with its evidence")
    def get_event(event_id: str) -> dict[str, Any]:
        event = store.event(event_id)
        if event is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return {"ok": True, "event": event}

    @app.get("/stats", summary="Counts of dated events by day and PLOVER type")
    def stats(query: Annotated[EventQuery, Depends(event_query)]) -> dict[str, Any]:
        series = store.stats(replace(query, limit=None, offset=0))
        return {
            "ok": True,
            "series": series,
            "days": sorted({row["date"] for row in series}),
            "types": sorted({row["plover_type"] for row in series}),
        }

    @app.get("/facets", summary="Event counts by country and type, and whether the map layer is installed")
    def facets() -> dict[str, Any]:
        return {
            "ok": True,
            **store.facets(),
            "events": store.count_events(),
            "stories": store.count_stories(),
            "map": vendor_available(),
        }

    @app.get("/stories", summary="Stories (events merged across articles), filtered, sorted and paged")
    def list_stories(  # noqa: PLR0917 - FastAPI fills query parameters by name
        request: Request,
        country: str | None = None,
        admin1: str | None = None,
        type: str | None = None,  # noqa: A002
        since: date | None = None,
        until: date | None = None,
        min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
        min_articles: Annotated[int | None, Query(ge=1)] = None,
        sort: Annotated[str, Query(pattern="^-?(date|confidence|articles)$")] = "-date",
        limit: Annotated[int, Query(ge=0, le=MAX_LIMIT)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        query = StoryQuery(country, admin1, type, since, until, min_confidence, min_articles, sort, limit, offset)
        total = store.count_stories(query)
        return {**_page(limit, offset, total, request), "stories": store.stories(query)}

    @app.get("/stories/{story_id}", summary="One story with its member events and change log")
    def get_story(story_id: str) -> dict[str, Any]:
        story = store.story(story_id)
        if story is None:
            raise HTTPException(404, f"no story {story_id!r}")
        members = store.query_events(EventQuery(story_id=story_id, limit=MAX_LIMIT))
        return {"ok": True, "story": story, "events": members}

    @app.get("/articles", summary="Articles (without their text), newest first")
    def list_articles(  # noqa: PLR0917 - FastAPI fills query parameters by name
        request: Request,
        q: str | None = None,
        source: str | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: Annotated[int, Query(ge=0, le=MAX_LIMIT)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        query = ArticleQuery(q, source, since, until, limit, offset)
        total = store.count_article_query(query)
        return {**_page(limit, offset, total, request), "articles": store.articles(query)}

    @app.get("/articles/{article_id}", summary="One article with its clean text and events")
    def get_article(article_id: str) -> dict[str, Any]:
        article = store.article(article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id!r}")
        events = store.query_events(EventQuery(article_id=article_id, limit=MAX_LIMIT))
        return {"ok": True, "article": article, "events": events}

    @app.post(
        "/articles",
        status_code=201,
        dependencies=[Depends(require_token)],
        summary="Ingest an article's text, or the page at a URL (bearer token)",
    )
    def submit(submission: Submission) -> dict[str, Any]:
        if submission.text and submission.text.strip():
            article = Article(raw=submission.text, url=submission.url)
        elif submission.url and submission.url.strip():
            article = fetch_article(submission.url.strip(), settings)
        else:
            raise HTTPException(422, "text or url is required")
        article.title = submission.title or article.title
        article.source = submission.source or article.source
        article.author = submission.author or article.author
        article.published = submission.published or article.published
        with lock:
            runner = state["pipeline"]
            if runner is None:
                runner = Pipeline.from_settings(replace(settings, progress=False, n_process=1))
                state["pipeline"] = runner
        try:
            article = runner.process(article)
        except SkipArticle as e:
            raise HTTPException(422, f"article skipped: {e}") from e
        article.doc = None
        added = store.add_article(article)
        events = store.query_events(EventQuery(article_id=article.id, limit=MAX_LIMIT))
        return {"ok": True, "article_id": article.id, "added": added, "events": events}

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(DASHBOARD / "index.html", media_type="text/html")

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> FileResponse:
        if name not in _OWN_FILES:
            raise HTTPException(404, f"no file {name!r}")
        return FileResponse(DASHBOARD / name, media_type=_OWN_FILES[name])

    @app.get("/vendor/{name}", include_in_schema=False)
    def vendor(name: str) -> Response:
        path = VENDOR_FILES.get(name) or DOCS_FILES.get(name)
        if path is None or not (_MODULES / path).is_file():
            raise HTTPException(404, f"{name} is not installed: run `make setup` (npm install in {DASHBOARD})")
        media = _MEDIA_TYPES[Path(path).suffix]
        return FileResponse(_MODULES / path, media_type=media, headers={"Cache-Control": "max-age=86400"})

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "").rstrip("/")
        openapi = f"{root}{app.openapi_url}"
        if not docs_available():
            return HTMLResponse(_DOCS_FALLBACK.format(openapi=openapi))
        return get_swagger_ui_html(
            openapi_url=openapi,
            title="tocsin API",
            swagger_js_url=f"{root}/vendor/swagger-ui-bundle.js",
            swagger_css_url=f"{root}/vendor/swagger-ui.css",
            swagger_favicon_url=f"{root}/vendor/swagger-favicon.png",
            oauth2_redirect_url=None,
            # Swagger UI would otherwise send the spec to validator.swagger.io for its badge.
            swagger_ui_parameters={"validatorUrl": None},
        )

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if request.url.path != "/" and not request.url.path.startswith("/static/"):
            return response  # /docs runs Swagger UI's inline start-up script; the API returns JSON only
        # Defence in depth behind the dashboard's textContent-only rendering: no inline script runs.
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'",
        )
        return response

    return app
