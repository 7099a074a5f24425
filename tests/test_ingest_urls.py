"""tocsin.ingest.urls against a real HTTP server on 127.0.0.1 (tests/data/ingest/server.py)."""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from data.ingest.server import DATA, serve

from tocsin.config import Settings
from tocsin.ingest.files import read_inputs
from tocsin.ingest.urls import USER_AGENT, Fetcher, FetchError

LOCAL = Settings(
    progress=False,
    fetch_allow_hosts="127.0.0.1",
    fetch_host_delay=0.0,
    fetch_retries=0,
    fetch_backoff=0.0,
    fetch_timeout=2.0,
)


@pytest.fixture(scope="module")
def server():
    with serve() as s:
        yield s


def fetch(url: str, settings: Settings = LOCAL, **kwargs):
    with Fetcher(settings) as fetcher:
        return fetcher.fetch(url, **kwargs)


def fetch_error(url: str, settings: Settings = LOCAL) -> FetchError:
    with pytest.raises(FetchError) as info:
        fetch(url, settings)
    return info.value


def test_ingest_urls_fetches_page_with_user_agent(server):
    fetched = fetch(f"{server.base}/page/listed.html")
    assert fetched.status == 200
    assert b"Curfew declared in Tessaly" in fetched.body
    assert (fetched.content_type, fetched.charset) == ("text/html", "utf-8")
    assert server.user_agent == USER_AGENT
    assert USER_AGENT.startswith("tocsin/")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/",
        "http://localhost:9/",
        "http://[::1]:9/",
        "http://10.0.0.8/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:127.0.0.1]/",
        "http://224.0.0.1/",
        "http://0.0.0.0/",
    ],
)
def test_ingest_urls_refuses_non_public_addresses_by_default(url):
    assert fetch_error(url, Settings(progress=False, fetch_retries=0)).code == "blocked"


def test_ingest_urls_allow_list_does_not_open_metadata_address():
    settings = Settings(progress=False, fetch_allow_hosts="169.254.0.0/16", fetch_retries=0)
    assert fetch_error("http://169.254.169.254/latest/meta-data/", settings).code == "blocked"


def test_ingest_urls_loopback_server_blocked_without_allow_list(server):
    settings = Settings(progress=False, fetch_retries=0)
    assert fetch_error(f"{server.base}/page/listed.html", settings).code == "blocked"


@pytest.mark.parametrize("path", ["/to-metadata", "/to-private"])
def test_ingest_urls_every_redirect_hop_is_checked(server, path):
    error = fetch_error(f"{server.base}{path}")
    assert error.code == "blocked"


def test_ingest_urls_redirect_loop(server):
    error = fetch_error(f"{server.base}/loop/a")
    assert error.code == "redirects"
    assert "loop" in error.detail


def test_ingest_urls_redirects_followed_up_to_the_limit(server):
    assert b"Tessaly" in fetch(f"{server.base}/hops/3").body
    assert fetch_error(f"{server.base}/hops/9").code == "redirects"


def test_ingest_urls_gzip_bomb_is_capped(server):
    small = LOCAL.with_overrides({"fetch_max_bytes": 1_000_000})
    error = fetch_error(f"{server.base}/bomb", small)
    assert error.code == "too_large"
    assert "decompressed" in error.detail


def test_ingest_urls_corrupt_gzip_body(server):
    assert fetch_error(f"{server.base}/corrupt.gz").code == "corrupt"


def test_ingest_urls_body_over_cap(server):
    error = fetch_error(f"{server.base}/big", LOCAL.with_overrides({"fetch_max_bytes": 1_000_000}))
    assert error.code == "too_large"


def test_ingest_urls_slow_trickle_is_cut_off(server):
    started = time.monotonic()
    error = fetch_error(f"{server.base}/slow", LOCAL.with_overrides({"fetch_timeout": 1.0}))
    assert error.code == "timeout"
    assert time.monotonic() - started < 3


def test_ingest_urls_stalled_server_times_out(server):
    error = fetch_error(f"{server.base}/stall", LOCAL.with_overrides({"fetch_timeout": 0.5}))
    assert error.code == "timeout"


def test_ingest_urls_wrong_content_type(server):
    assert fetch_error(f"{server.base}/image.png").code == "content_type"


def test_ingest_urls_http_error(server):
    error = fetch_error(f"{server.base}/nowhere")
    assert (error.code, error.retryable) == ("http", False)


def test_ingest_urls_retries_with_backoff(server):
    settings = LOCAL.with_overrides({"fetch_retries": 2})
    assert b"Port Saltire" in fetch(f"{server.base}/flaky", settings).body
    assert server.hits["/flaky"] == 2


def test_ingest_urls_conditional_request(server):
    first = fetch(f"{server.base}/etag/feed.xml")
    assert first.etag == '"v1"'
    again = fetch(f"{server.base}/etag/feed.xml", etag=first.etag)
    assert again.not_modified
    assert again.body == b""


def test_ingest_urls_per_host_delay(server):
    settings = LOCAL.with_overrides({"fetch_host_delay": 0.3})
    started = time.monotonic()
    with Fetcher(settings) as fetcher:
        for _ in range(3):
            fetcher.fetch(f"{server.base}/page/listed.html")
    assert time.monotonic() - started >= 0.6


# --- DNS: resolved once, connected to the vetted address (issue #3, DNS rebinding) ---------


class FakeDNS:
    """``socket.getaddrinfo`` answering for ``*.test`` names; the real resolver otherwise.

    ``answers[host]`` lists one ``(address, port or None)`` per lookup, the last repeated; a
    None port is the one asked for, so a later answer can point at another local server.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answers: dict[str, list[tuple[str, int | None]]] = {}
        self.lookups: Counter[str] = Counter()
        real = socket.getaddrinfo

        def getaddrinfo(host, port, *args, **kwargs):
            name = host.decode() if isinstance(host, bytes) else host
            if name not in self.answers:
                return real(host, port, *args, **kwargs)
            answers = self.answers[name]
            address, answer_port = answers[min(self.lookups[name], len(answers) - 1)]
            self.lookups[name] += 1
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, answer_port or port))]

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def dns(monkeypatch):
    return FakeDNS(monkeypatch)


@contextmanager
def recording_server():
    """A server on 127.0.0.1 answering every GET with a page, recording each Host header."""
    hosts: list[str] = []
    page = (DATA / "listed.html").read_bytes()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_args) -> None:
            pass

        def do_GET(self) -> None:
            hosts.append(self.headers.get("Host", ""))
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.hosts = hosts
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.mark.parametrize(
    ("allow", "code"),
    [("", "blocked"), ("10.0.0.0/8", "blocked"), ("127.0.0.1", None), ("127.0.0.0/8", None), ("intranet.test", None)],
)
def test_ingest_urls_name_resolving_to_loopback_needs_the_allow_list(server, dns, allow, code):
    dns.answers["intranet.test"] = [("127.0.0.1", None)]
    url = f"http://intranet.test:{server.server_address[1]}/page/listed.html"
    settings = LOCAL.with_overrides({"fetch_allow_hosts": allow})
    if code is None:
        assert b"Tessaly" in fetch(url, settings).body
    else:
        error = fetch_error(url, settings)
        assert error.code == code
        assert "127.0.0.1" in error.detail


def test_ingest_urls_connection_pinned_to_the_vetted_address(dns):
    # A rebinding DNS server: the first answer passes the check, a second would lead elsewhere
    # (here another local server standing in for an internal service). It is never asked.
    with recording_server() as target, recording_server() as decoy:
        port = target.server_address[1]
        dns.answers["rebind.test"] = [("127.0.0.1", None), ("127.0.0.1", decoy.server_address[1])]
        with Fetcher(LOCAL) as fetcher:
            for _ in range(2):  # again: a fresh check and pin, and no lookup beside it
                fetched = fetcher.fetch(f"http://rebind.test:{port}/article")
                assert b"Tessaly" in fetched.body
        assert dns.lookups["rebind.test"] == 2  # one per check, none when connecting
        assert target.hosts == [f"rebind.test:{port}"] * 2  # the Host header names the host
        assert decoy.hosts == []


def test_ingest_urls_client_never_connects_to_an_unchecked_host(server):
    with Fetcher(LOCAL) as fetcher, pytest.raises(httpx.ConnectError, match="no vetted address"):
        fetcher.client.get(f"{server.base}/page/listed.html")  # bypassing check_url


@pytest.mark.parametrize("url", ["ftp://example.org/x", "file:///etc/passwd", "http://"])
def test_ingest_urls_bad_urls(url):
    assert fetch_error(url, Settings(progress=False)).code == "bad_url"


# --- URLs as inputs ------------------------------------------------------------------------


def read(inputs: list[str], settings: Settings = LOCAL):
    return list(read_inputs(inputs, settings))


@pytest.mark.parametrize("path", ["/wrong-charset", "/no-charset"])
def test_ingest_urls_wrong_or_missing_charset(server, path):
    (result,) = read([f"{server.base}{path}"])
    assert result.status == "ok", result.reason
    assert "Saturday \u2013 caf\u00e9" in result.article.raw
    assert "encoding:cp1252" in result.article.flags
    if path == "/wrong-charset":
        assert "charset:utf-8" in result.article.flags


def test_ingest_urls_unknown_charset_falls_back(server):
    (result,) = read([f"{server.base}/bogus-charset"])
    assert result.status == "ok"
    assert "charset:x-no-such-charset" in result.article.flags


def test_ingest_urls_page_becomes_article_with_metadata(server):
    (result,) = read([f"{server.base}/page/protest.html"])
    article = result.article
    assert result.status == "ok"
    assert article.url == f"{server.base}/page/protest.html"
    assert article.title == "Teachers march on parliament in Veloria over unpaid wages"
    assert article.source == "Northern Ledger"
    assert article.author == "Ines Marlow"
    assert article.published is not None
    assert article.published.isoformat() == "2024-11-05"
    assert "Several thousand teachers marched" in article.raw
    assert "Reader42" not in article.raw  # comments excluded
    assert "Storm closes northern ports" not in article.raw  # navigation excluded


def test_ingest_urls_feed_url_expands_to_articles(server):
    results = read([f"{server.base}/page/feed.xml"])
    assert [r.status for r in results] == ["ok", "ok"]
    assert [r.article.title for r in results] == [
        "Dock workers strike in Port Saltire",
        "Students occupy university in Ambrel",
    ]
    assert results[0].origin == f"{server.base}/page/feed-one.html"


def test_ingest_urls_hostile_urls_do_not_stop_the_batch(server):
    urls = [f"{server.base}{p}" for p in ("/bomb", "/loop/a", "/image.png", "/broken-feed.xml", "/page/listed.html")]
    results = read(urls, LOCAL.with_overrides({"fetch_max_bytes": 1_000_000}))
    reasons = [(r.reason or "").split(":", 1)[0] for r in results]
    assert [r.status for r in results] == ["failed", "failed", "failed", "failed", "ok"]
    assert reasons[:4] == ["too_large", "redirects", "content_type", "malformed"]


def test_ingest_urls_warc_over_http(server):
    results = read([f"{server.base}/pages.warc.gz", f"{server.base}/truncated.warc.gz"])
    assert results[0].status == "ok"
    assert results[0].article.url == "https://marrow.example.invalid/rally"
    assert results[-1].status in {"failed", "skipped"}
