"""tocsin.api in-process (FastAPI TestClient) on SQLite and, with TOCSIN_TEST_PG_URL, PostgreSQL."""

from __future__ import annotations

import re
from datetime import date

import pytest
import test_store
from data.ingest.server import serve
from fastapi.testclient import TestClient
from test_store import make_event, nairobi_article, paris_article

from tocsin.api import app as api_app
from tocsin.api import create_app
from tocsin.config import Settings
from tocsin.models import Actor, Article, Count, Place
from tocsin.store import EventStore, open_store

TOKEN = "s3cret-token"  # noqa: S105 - a test token
PARIS = Place("Paris", "FRA", "Île-de-France", 2988507, 48.85341, 2.3488, 1)

store_url = test_store.store_url  # the SQLite / PostgreSQL fixture, shared


def second_paris_report() -> Article:
    """Another outlet on the same Paris march, a day later, with arrests revised upward."""
    text = (
        "Protesters marched through Paris against the pension reform. "
        "Police arrested 30 people in Paris near the march."
    )
    article = Article(
        raw=text, text=text, url="https://other.example/paris", title="Paris march", published=date(2024, 3, 5)
    )
    article.events = [
        make_event(
            article,
            0,
            "marched",
            "PROTEST",
            plover_mode="demo",
            acled=("Protests", "PEACE_PROTEST"),
            sources=[Actor("Protesters", "protesters", None, "CVL")],
            place=PARIS,
            when=date(2024, 3, 5),
            crowd=Count(5000, None),
            confidence={"event": 0.7},
        ),
        make_event(
            article,
            1,
            "arrested",
            "COERCE",
            plover_mode="arrest",
            acled=("Strategic developments", "ARREST"),
            sources=[Actor("Police", "police", "FRA", "POL")],
            place=PARIS,
            when=date(2024, 3, 5),
            arrested=Count(30, 30),
            confidence={"event": 0.6},
        ),
    ]
    return article


@pytest.fixture
def client(store_url: str):
    with open_store(store_url) as store:
        for article in (paris_article(), nairobi_article(), second_paris_report()):
            assert store.add_article(article)
        app = create_app(store, Settings(api_token=TOKEN, progress=False))
        with TestClient(app, raise_server_exceptions=False) as c:
            yield c


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"ok", "error", "status"}
    assert body["ok"] is False
    assert body["status"] == status
    assert isinstance(body["error"], str)
    assert body["error"]
    return body


def _triggers(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [e["evidence"]["trigger"]["text"] for e in response.json()["events"]]


def test_api_events_all_with_paging_total(client) -> None:
    body = client.get("/events").json()
    assert body["ok"] is True
    assert body["total"] == 6
    assert len(body["events"]) == 6
    assert body["next"] is None
    page = client.get("/events", params={"limit": 2, "offset": 1}).json()
    assert page["total"] == 6
    assert len(page["events"]) == 2
    assert "offset=3" in page["next"]
    assert all(e["story_id"] for e in body["events"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "KEN"}, ["attacked"]),
        ({"country": "uga"}, ["attacked"]),
        ({"admin1": "nairobi"}, ["attacked"]),
        ({"type": "PROTEST"}, ["marched", "marched"]),
        ({"type": "protest", "since": "2024-03-05"}, ["marched"]),
        ({"acled_type": "Strategic developments"}, ["arrested", "arrested"]),
        ({"actor": "ugandan"}, ["attacked"]),
        ({"actor": "POLICE", "until": "2024-03-04"}, []),
        ({"min_confidence": 0.65}, ["marched", "marched"]),
        ({"q": "pension"}, ["marched", "arrested"]),
        ({"q": "100%"}, []),  # LIKE wildcards are escaped
        ({"since": "2024-03-05", "until": "2024-03-05"}, ["arrested", "marched", "arrested"]),
    ],
)
def test_api_events_filters(client, params, expected) -> None:
    assert sorted(_triggers(client.get("/events", params=params))) == sorted(expected)


def test_api_events_sorting(client) -> None:
    dates = [e["date"] for e in client.get("/events", params={"sort": "-date"}).json()["events"]]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates[-1] is None  # undated last either way
    confidences = [
        e["confidence"].get("event")
        for e in client.get("/events", params={"sort": "-confidence"}).json()["events"]
        if e["confidence"].get("event")
    ]
    assert confidences == sorted(confidences, reverse=True)


@pytest.mark.parametrize("path", ["/events.geojson?country=FRA", "/events?format=geojson&country=FRA"])
def test_api_events_geojson(client, path: str) -> None:
    body = client.get(path).json()
    assert body["type"] == "FeatureCollection"
    assert body["total"] == 4
    features = body["features"]
    assert len(features) == 3  # the first arrest has no place
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [2.3488, 48.85341]}
    assert {f["properties"]["plover_type"] for f in features} == {"PROTEST", "COERCE"}


def test_api_event_detail_and_404(client) -> None:
    event = client.get("/events", params={"country": "KEN"}).json()["events"][0]
    body = client.get(f"/events/{event['id']}").json()
    assert body["event"] == event
    _error(client.get("/events/0000000000000000"), 404)


@pytest.mark.parametrize(
    "params",
    [
        {"limit": -1},
        {"limit": 5000},
        {"since": "yesterday"},
        {"sort": "random"},
        {"min_confidence": 2},
        {"format": "xml"},
    ],
)
def test_api_bad_parameters_have_the_error_shape(client, params) -> None:
    _error(client.get("/events", params=params), 422)


def test_api_unknown_route_has_the_error_shape(client) -> None:
    _error(client.get("/no/such/page"), 404)
    _error(client.delete("/events"), 405)


def test_api_stats_by_day_and_type(client) -> None:
    body = client.get("/stats").json()
    assert body["days"] == ["2024-02-01", "2024-03-04", "2024-03-05"]
    assert {"date": "2024-03-05", "plover_type": "COERCE", "count": 2} in body["series"]
    assert sum(r["count"] for r in body["series"]) == 5  # the undated event is left out
    fra = client.get("/stats", params={"country": "KEN"}).json()
    assert fra["series"] == [{"date": "2024-02-01", "plover_type": "ASSAULT", "count": 1}]


def test_api_stories_merge_reports_and_log_changes(client) -> None:
    body = client.get("/stories", params={"min_articles": 2}).json()
    assert body["total"] == 1  # the march; the first arrest report has no place to match on
    march = body["stories"][0]
    assert march["plover_type"] == "PROTEST"
    assert march["n_articles"] == 2
    assert (march["date"], march["last_date"]) == ("2024-03-04", "2024-03-05")
    detail = client.get(f"/stories/{march['id']}").json()
    assert detail["story"]["crowd_size"] == {"min": 5000, "max": None}
    change = next(c for c in detail["story"]["changes"] if c["field"] == "crowd_size")
    assert (change["old"], change["new"]) == ({"min": 1000, "max": None}, {"min": 5000, "max": None})
    assert {e["article_id"] for e in detail["events"]} == set(detail["story"]["article_ids"])
    assert len(detail["story"]["sources"]) == 2
    _error(client.get("/stories/nope"), 404)
    assert client.get("/stories", params={"country": "KEN"}).json()["total"] == 1
    assert client.get("/stories").json()["total"] == 5


def test_api_articles_list_and_detail(client) -> None:
    body = client.get("/articles").json()
    assert body["total"] == 3
    assert all("text" not in a for a in body["articles"])
    paris = client.get("/articles", params={"q": "Thousands"}).json()["articles"]
    assert [a["title"] for a in paris] == ["Paris protest"]
    assert paris[0]["n_events"] == 2
    detail = client.get(f"/articles/{paris[0]['id']}").json()
    assert detail["article"]["text"].startswith("Thousands of protesters")
    assert len(detail["events"]) == 2
    _error(client.get("/articles/none"), 404)


def test_api_post_needs_the_bearer_token(client) -> None:
    _error(client.post("/articles", json={"text": "x"}), 401)
    _error(client.post("/articles", json={"text": "x"}, headers={"Authorization": "Bearer wrong"}), 401)
    _error(client.post("/articles", json={"url": "https://example.org/a"}), 401)  # checked before any fetch
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = _error(client.post("/articles", json={"title": "no text"}, headers=auth), 422)
    assert "text or url" in body["error"]
    _error(client.post("/articles", json={"text": "  ", "url": ""}, headers=auth), 422)
    _error(client.post("/articles", content=b"not json", headers={**auth, "Content-Type": "application/json"}), 422)


def test_api_post_is_disabled_without_a_token(store_url: str) -> None:
    with open_store(store_url) as store, TestClient(create_app(store, Settings())) as client:
        _error(client.post("/articles", json={"text": "x"}, headers={"Authorization": "Bearer "}), 403)


def test_api_post_ingests_text(store_url: str, pipeline) -> None:
    text = "Police fired tear gas at thousands of protesters in Nairobi on Tuesday, witnesses said."
    with open_store(store_url) as store:
        app = create_app(store, Settings(api_token=TOKEN), pipeline=pipeline)
        with TestClient(app) as client:
            auth = {"Authorization": f"Bearer {TOKEN}"}
            payload = {"text": text, "title": "Nairobi", "url": "https://example.org/n", "published": "2024-06-25"}
            first = client.post("/articles", json=payload, headers=auth)
            assert first.status_code == 201, first.text
            assert first.json()["added"] is True
            assert first.json()["events"]
            again = client.post("/articles", json=payload, headers=auth).json()
            assert again["added"] is False
            assert store.count_articles() == 1


@pytest.fixture(scope="module")
def server():
    with serve() as s:
        yield s


AUTH = {"Authorization": f"Bearer {TOKEN}"}
# The fixture server is on 127.0.0.1, which only the allow list opens.
FETCH = Settings(api_token=TOKEN, progress=False, fetch_allow_hosts="127.0.0.1", fetch_retries=0, fetch_host_delay=0.0)


def test_api_post_url_is_fetched_extracted_and_stored(store_url: str, pipeline, server) -> None:
    url = f"{server.base}/page/protest.html"
    hits = server.hits["/page/protest.html"]
    with open_store(store_url) as store, TestClient(create_app(store, FETCH, pipeline=pipeline)) as client:
        first = client.post("/articles", json={"url": url}, headers=AUTH)
        assert first.status_code == 201, first.text
        body = first.json()
        assert body["added"] is True
        assert {e["plover_type"] for e in body["events"]} >= {"PROTEST"}
        detail = client.get(f"/articles/{body['article_id']}").json()["article"]
        assert detail["url"] == url
        assert detail["title"] == "Teachers march on parliament in Veloria over unpaid wages"
        assert (detail["source"], detail["author"], detail["published"]) == (
            "Northern Ledger",
            "Ines Marlow",
            "2024-11-05",
        )
        assert "Several thousand teachers marched" in detail["text"]
        assert "Reader42" not in detail["text"]  # comments dropped, as for `tocsin ingest URL`
        listed = client.get("/articles").json()["articles"]
        assert [(a["id"], a["author"]) for a in listed] == [(body["article_id"], "Ines Marlow")]
        again = client.post("/articles", json={"url": url, "author": "Someone Else"}, headers=AUTH).json()
        assert again["added"] is False
        assert server.hits["/page/protest.html"] == hits + 2


def test_api_post_text_keeps_the_given_author(store_url: str, pipeline) -> None:
    text = "Police fired tear gas at thousands of protesters in Nairobi on Tuesday, witnesses said."
    with open_store(store_url) as store, TestClient(create_app(store, FETCH, pipeline=pipeline)) as client:
        body = client.post("/articles", json={"text": text, "author": "Ana Ruiz"}, headers=AUTH).json()
        assert client.get(f"/articles/{body['article_id']}").json()["article"]["author"] == "Ana Ruiz"


@pytest.mark.parametrize(
    ("path", "overrides", "status", "code"),
    [
        ("/page/protest.html", {"fetch_allow_hosts": ""}, 400, "blocked"),  # loopback refused by default
        ("http://10.0.0.8/", {}, 400, "blocked"),
        ("http://169.254.169.254/latest/meta-data/", {"fetch_allow_hosts": "169.254.0.0/16"}, 400, "blocked"),
        ("/to-private", {}, 400, "blocked"),  # a redirect hop is checked too
        ("ftp://example.org/a", {}, 400, "bad_url"),
        ("not a url", {}, 400, "bad_url"),
        ("/big", {"fetch_max_bytes": 1_000_000}, 413, "too_large"),
        ("/bomb", {"fetch_max_bytes": 1_000_000}, 413, "too_large"),
        ("/image.png", {}, 415, "content_type"),
        ("/stall", {"fetch_timeout": 0.5}, 504, "timeout"),
        ("/nowhere", {}, 502, "http"),
        ("/loop/a", {}, 502, "redirects"),
        ("/corrupt.gz", {}, 502, "corrupt"),
        ("/page/feed.xml", {}, 422, "content_type"),  # a feed is not one article
    ],
)
def test_api_post_url_failures_have_the_error_shape(store_url, server, path, overrides, status, code) -> None:  # noqa: PLR0917 - pytest fills parameters by name
    url = f"{server.base}{path}" if path.startswith("/") else path
    with open_store(store_url) as store:
        with TestClient(create_app(store, FETCH.with_overrides(overrides))) as client:
            body = _error(client.post("/articles", json={"url": url}, headers=AUTH), status)
        assert f"{code}:" in body["error"]
        assert store.count_articles() == 0


_EXTERNAL = re.compile(r"""(?:https?:)?//[^\s"'<>]+""")


def test_api_docs_served_offline(client) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert _EXTERNAL.findall(page.text) == []  # no CDN, no validator badge: nothing leaves the host
    assert client.get("/redoc").status_code == 404  # FastAPI's ReDoc page would load a CDN script
    if not api_app.docs_available():  # `make setup` installs Swagger UI; without it, the fallback
        assert 'href="/openapi.json"' in page.text
        return
    assert "SwaggerUIBundle" in page.text
    assert "validatorUrl" in page.text
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sorted(assets) == ["/vendor/swagger-favicon.png", "/vendor/swagger-ui-bundle.js", "/vendor/swagger-ui.css"]
    types = {a: client.get(a).headers["content-type"].split(";")[0] for a in assets}
    assert types == {
        "/vendor/swagger-favicon.png": "image/png",
        "/vendor/swagger-ui-bundle.js": "text/javascript",
        "/vendor/swagger-ui.css": "text/css",
    }
    assert "url(http" not in client.get("/vendor/swagger-ui.css").text


def test_api_docs_without_swagger_ui_links_to_the_spec(client, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(api_app, "_MODULES", tmp_path)  # as before `make setup` ran npm
    page = client.get("/docs")
    assert page.status_code == 200
    assert 'href="/openapi.json"' in page.text
    assert "make setup" in page.text
    assert "<script" not in page.text
    assert _EXTERNAL.findall(page.text) == []
    _error(client.get("/vendor/swagger-ui-bundle.js"), 404)
    assert client.get("/openapi.json").status_code == 200


def test_api_cors_is_off_unless_configured(store_url: str) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    with open_store(store_url) as store:
        with TestClient(create_app(store, Settings())) as client:
            assert "access-control-allow-origin" not in client.get("/events", headers=origin).headers
        settings = Settings(cors_origins="https://elsewhere.example")
        with TestClient(create_app(store, settings)) as client:
            got = client.get("/events", headers=origin).headers
            assert got["access-control-allow-origin"] == "https://elsewhere.example"


def test_api_openapi_and_dashboard(client) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/events", "/events.geojson", "/stories", "/articles", "/stats"} <= set(spec["paths"])
    page = client.get("/")
    assert page.status_code == 200
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert client.get("/static/app.js").status_code == 200
    _error(client.get("/static/package.json"), 404)
    _error(client.get("/vendor/..%2Fpackage.json"), 404)


def test_api_server_error_has_the_error_shape(client, monkeypatch) -> None:
    def boom(*_args, **_kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(EventStore, "count_query", boom)
    body = _error(client.get("/events"), 500)
    assert "secret" not in body["error"]
