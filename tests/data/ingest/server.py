"""A real HTTP server on 127.0.0.1 for the ingest tests, serving this folder's fixtures.

Started by the ``server`` fixtures of tests/test_ingest_*.py, test_watch.py and test_dedup.py
(``from data.ingest.server import serve``). ``{BASE}`` in served .xml/.txt files becomes the
server's own base URL. Besides the files under ``/page/`` it serves hostile answers: a gzip bomb,
an oversized body, a redirect loop, redirects to private and metadata addresses, a slow
trickle, a stall, wrong and missing charsets, an image, a flaky 503, a broken feed, a corrupt
gzip body, and WARC archives (whole and truncated) built with warcio.
"""

from __future__ import annotations

import gzip
import io
import threading
import time
from collections import Counter
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

if TYPE_CHECKING:
    from collections.abc import Iterator

DATA = Path(__file__).parent
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/rss+xml",
    ".jsonl": "application/x-ndjson",
    ".txt": "text/plain; charset=utf-8",
}


def make_warc(pages: list[tuple[str, bytes]], *, gz: bool = True) -> bytes:
    """A WARC holding a warcinfo record, then one request and one HTML response per page."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("fixture.warc", {"software": "tocsin tests"}))
    for url, body in pages:
        get = b"GET / HTTP/1.1\r\n\r\n"
        # length given: warcio then buffers nothing in a temporary file (left unclosed otherwise)
        request = writer.create_warc_record(url, "request", payload=io.BytesIO(get), length=len(get))
        writer.write_record(request)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        payload = io.BytesIO(body)
        response = writer.create_warc_record(url, "response", payload=payload, length=len(body), http_headers=headers)
        writer.write_record(response)
    image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    png = io.BytesIO(b"\x89PNG")
    record = writer.create_warc_record("http://x.invalid/i.png", "response", payload=png, length=4, http_headers=image)
    writer.write_record(record)
    return out.getvalue()


def warc_fixture() -> bytes:
    return make_warc([("https://marrow.example.invalid/rally", (DATA / "warc-page.html").read_bytes())])


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    hits: Counter[str]
    base: str


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        self.server.hits[path] += 1
        self.server.user_agent = self.headers.get("User-Agent", "")  # type: ignore[attr-defined]
        route = getattr(self, "_route_" + path.strip("/").split("/", 1)[0].replace("-", "_").replace(".", "_"), None)
        if path.startswith(("/page/", "/etag/")):
            self._page(path)
        elif route is not None:
            route(path)
        else:
            self._send(404, b"not found", "text/plain")

    def _page(self, path: str) -> None:
        name = path.rsplit("/", 1)[1]
        file = DATA / name
        if "/" in name or not file.is_file() or name.endswith(".py"):
            self._send(404, b"not found", "text/plain")
            return
        body = file.read_bytes()
        if file.suffix in {".xml", ".txt"}:
            body = body.replace(b"{BASE}", self.server.base.encode())
        content_type = "application/atom+xml" if name == "atom.xml" else _TYPES.get(file.suffix, "text/plain")
        if path.startswith("/etag/"):
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.send_header("ETag", '"v1"')
                self.end_headers()
                return
            self._send(200, body, content_type, ETag='"v1"')
            return
        self._send(200, body, content_type)

    def _route_bomb(self, _path: str) -> None:
        body = gzip.compress(b"\0" * 20_000_000, compresslevel=9)
        self._send(200, body, "text/html", Content_Encoding="gzip")

    def _route_corrupt_gz(self, _path: str) -> None:
        body = gzip.compress(b"<html><body><p>" + b"text " * 100 + b"</p></body></html>")[:-30] + b"garbage!" * 4
        self._send(200, body, "text/html", Content_Encoding="gzip")

    def _route_big(self, _path: str) -> None:
        self._send(200, b"a" * 3_000_000, "text/plain")

    def _route_loop(self, path: str) -> None:
        self._redirect("/loop/b" if path.endswith("/a") else "/loop/a")

    def _route_hops(self, path: str) -> None:
        n = int(path.rsplit("/", 1)[1])
        self._redirect(f"/hops/{n - 1}" if n > 0 else "/page/listed.html")

    def _route_to_metadata(self, _path: str) -> None:
        self._redirect("http://169.254.169.254/latest/meta-data/")

    def _route_to_private(self, _path: str) -> None:
        self._redirect("http://10.1.2.3/admin")

    def _route_slow(self, _path: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        for _ in range(40):
            try:
                self.wfile.write(b"x")
                self.wfile.flush()
            except OSError:
                return
            time.sleep(0.1)

    def _route_stall(self, _path: str) -> None:
        time.sleep(3)
        self._send(200, b"late", "text/plain")

    def _route_wrong_charset(self, _path: str) -> None:
        html = (DATA / "listed.html").read_text().replace("Saturday", "Saturday \u2013 caf\u00e9")
        self._send(200, html.encode("cp1252"), "text/html; charset=utf-8")

    def _route_bogus_charset(self, _path: str) -> None:
        self._send(200, (DATA / "listed.html").read_bytes(), "text/html; charset=x-no-such-charset")

    def _route_no_charset(self, _path: str) -> None:
        html = (DATA / "listed.html").read_text().replace("Saturday", "Saturday \u2013 caf\u00e9")
        self._send(200, html.encode("cp1252").replace(b' charset="utf-8"', b""), "text/html")

    def _route_image_png(self, _path: str) -> None:
        self._send(200, b"\x89PNG\r\n\x1a\n", "image/png")

    def _route_flaky(self, path: str) -> None:
        if self.server.hits[path] == 1:
            self._send(503, b"try later", "text/plain", Retry_After="0")
            return
        self._send(200, (DATA / "feed-one.html").read_bytes())

    def _route_broken_feed_xml(self, _path: str) -> None:
        self._send(200, (DATA / "broken-feed.xml").read_bytes(), "application/rss+xml")

    def _route_pages_warc_gz(self, _path: str) -> None:
        self._send(200, warc_fixture(), "application/warc")

    def _route_truncated_warc_gz(self, _path: str) -> None:
        data = warc_fixture()
        self._send(200, data[: len(data) // 2], "application/warc")


@contextmanager
def serve() -> Iterator[_Server]:
    """Run the fixture server on a free port of 127.0.0.1 until the block ends."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.hits = Counter()
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
