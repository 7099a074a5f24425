"""Fetch URLs politely and safely (httpx), for URL inputs, feeds and ``tocsin watch``.

Every request of a :class:`Fetcher`:

1. checks the URL: http or https only, and, unless its host is in ``fetch_allow_hosts``, every
   address its host resolves to must be global: private, loopback, link-local (cloud metadata
   169.254.169.254 included), multicast, reserved and unspecified addresses are refused
   (``blocked``). Redirects are followed by hand, so each hop is checked the same way;
2. waits its turn for the host: at most ``fetch_host_concurrency`` requests in flight to one
   host, starts at least ``fetch_host_delay`` seconds apart;
3. sends a clear User-Agent and, when known, ``If-None-Match``/``If-Modified-Since``; a 304
   comes back as ``Fetched.not_modified``;
4. refuses media types that cannot hold an article (``content_type``), bodies announced or
   found larger than ``fetch_max_bytes`` *after decompression* (``too_large``: the body is
   streamed, decompressed here with an output cap, and dropped at the cap, so a gzip bomb
   costs at most the cap), and bodies not complete within ``fetch_timeout`` (``timeout``, which
   also catches a server trickling bytes);
5. retries network errors, timeouts, 429 and 5xx answers ``fetch_retries`` times, waiting
   ``fetch_backoff`` seconds, doubled each time (or the server's Retry-After, capped).

Failures raise :class:`FetchError`, an ``IngestError`` whose ``code`` (``blocked``, ``http``,
``timeout``, ``network``, ``redirects``, ``too_large``, ``content_type``, ``corrupt``,
``bad_url``) becomes the reason code of the input's ``Result``.

The address check resolves each host once, and the connection goes to the addresses it vetted
(issue #3, DNS rebinding): the client's network backend is pinned, never resolving a host
itself, so a DNS server answering differently on a second lookup is never asked one. The URL is
not rewritten, so the Host header, TLS SNI and certificate checks still name the host.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Self

import httpcore
import httpx

from tocsin import __version__
from tocsin.errors import IngestError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from types import TracebackType

    from tocsin.config import Settings

__all__ = ["USER_AGENT", "FetchError", "Fetched", "Fetcher", "is_url"]

USER_AGENT = f"tocsin/{__version__} (+https://example.invalid/tocsin)"
# Media types that may hold an article, a feed, a list of URLs or an archive of pages. A
# missing Content-Type is allowed too (the bytes are sniffed).
_ACCEPTED_TYPES = frozenset(
    {
        "application/xhtml+xml",
        "application/xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/json",
        "application/x-ndjson",
        "application/jsonl",
        "application/warc",
        "application/gzip",
        "application/x-gzip",
        "application/octet-stream",
    }
)
# Cloud instance-metadata addresses, refused even when link-local ones are allowed.
_METADATA = frozenset({ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")})
# A server asking for a longer Retry-After than this is waited on for this long only.
_MAX_RETRY_AFTER = 60.0
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})


class FetchError(IngestError):
    """A URL could not be fetched; ``code`` is the reason code, ``retryable`` if worth retrying."""

    def __init__(self, code: str, detail: str, *, retryable: bool = False, retry_after: float | None = None) -> None:
        self.code = code
        self.detail = detail
        self.retryable = retryable
        self.retry_after = retry_after
        super().__init__(f"{code}: {detail}")


@dataclass(slots=True)
class Fetched:
    """One fetched body; ``url`` is the final URL after redirects."""

    url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


@dataclass(slots=True)
class _Host:
    slots: threading.Semaphore
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_start: float = 0.0


class _PinnedBackend(httpcore.SyncBackend):
    """Connects to the addresses :meth:`Fetcher.check_url` vetted for a host; never resolves one.

    A host with no vetted addresses is refused, so no connection can reach an address that was
    not checked. Pins are replaced on every check: any pin of a host passed the same checks.
    """

    def __init__(self) -> None:
        self._pins: dict[str, tuple[str, ...]] = {}
        self._lock = threading.Lock()

    def pin(self, host: str, addresses: Iterable[str]) -> None:
        with self._lock:
            self._pins[host.lower()] = tuple(dict.fromkeys(addresses))

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        with self._lock:
            addresses = self._pins.get(host.lower(), ())
        if not addresses:
            raise httpcore.ConnectError(f"{host} has no vetted address")
        options = list(socket_options or ())
        error: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in addresses:  # in resolver order, as socket.create_connection tries them
            try:
                return super().connect_tcp(address, port, timeout, local_address, options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                error = e
        raise error or httpcore.ConnectError(f"{host}: no address could be reached")


class _PinnedTransport(httpx.HTTPTransport):
    """httpx's transport, connecting through a :class:`_PinnedBackend`."""

    def __init__(self, backend: _PinnedBackend) -> None:
        super().__init__(trust_env=False)
        # httpx 0.28's HTTPTransport takes no network backend, so its pool is swapped for one
        # built with httpx's own defaults and ours.
        limits = httpx.Limits()
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=backend,
        )


def is_url(value: str) -> bool:
    """Whether an input names an http(s) URL rather than a path."""
    return value.lower().startswith(("http://", "https://"))


class Fetcher:
    """An httpx client with the checks and limits of the module docstring.

    ``transport`` is injected as httpx does (``Client(transport=...)``); tests use a real
    server on 127.0.0.1 (allowed through ``fetch_allow_hosts``) instead. The default transport
    connects only to the addresses ``check_url`` vetted; an injected one connects as it likes.
    """

    def __init__(self, settings: Settings, transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self._backend = _PinnedBackend()
        self.client = httpx.Client(
            transport=transport or _PinnedTransport(self._backend),
            timeout=httpx.Timeout(settings.fetch_timeout),
            follow_redirects=False,
            trust_env=False,  # a proxy from the environment would see every URL, and skip our checks
            headers={
                "User-Agent": USER_AGENT,
                "Accept-Encoding": "gzip, deflate",
                "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                "application/xml;q=0.9,*/*;q=0.5",
            },
        )
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self._allow_names, self._allow_nets = _allow_list(settings.fetch_allow_hosts)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET ``url`` with retries; raises :class:`FetchError`."""
        retries = max(0, self.settings.fetch_retries)
        for attempt in range(retries + 1):
            try:
                return self._fetch_once(url, etag, last_modified)
            except FetchError as e:
                if not e.retryable or attempt == retries:
                    raise
                wait = self.settings.fetch_backoff * 2**attempt
                if e.retry_after is not None:
                    wait = max(wait, min(e.retry_after, _MAX_RETRY_AFTER))
                time.sleep(wait)
        raise FetchError("network", "no attempt made")  # pragma: no cover - the loop returns or raises

    def check_url(self, url: str) -> httpx.URL:
        """The parsed ``url`` if it may be fetched; raises ``FetchError('blocked'|'bad_url')``.

        Its host is resolved here, once, and the addresses vetted are the only ones a
        connection to it may then use.
        """
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, TypeError, ValueError) as e:
            raise FetchError("bad_url", f"{url!r}: {e}") from e
        if parsed.scheme not in {"http", "https"} or not parsed.host:
            raise FetchError("bad_url", f"{url!r}: only http and https URLs with a host are fetched")
        host = parsed.host.lower()
        # What the connection is made to: the IDNA (ASCII) form, as httpcore names the host.
        raw_host = parsed.raw_host.decode("ascii").lower()
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        try:
            infos = socket.getaddrinfo(raw_host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError, OSError) as e:
            raise FetchError("network", f"cannot resolve {host}: {e}") from e
        vetted = [str(info[4][0]) for info in infos]
        if host not in self._allow_names:
            for value in vetted:
                address = _address(value)
                if any(address in net for net in self._allow_nets) and address not in _METADATA:
                    continue
                if _forbidden(address):
                    raise FetchError("blocked", f"{host} resolves to {address}, a non-public address")
        self._backend.pin(raw_host, vetted)
        return parsed

    def _fetch_once(self, url: str, etag: str | None, last_modified: str | None) -> Fetched:
        deadline = time.monotonic() + self.settings.fetch_timeout
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        visited: set[str] = set()
        for _hop in range(self.settings.fetch_max_redirects + 1):
            parsed = self.check_url(current)
            visited.add(str(parsed))
            with self._host_slot(parsed.host.lower()), self._stream(parsed, headers) as response:
                if response.status_code in _REDIRECT_STATUS and "location" in response.headers:
                    target = str(parsed.join(response.headers["location"]))
                    if target in visited:
                        raise FetchError("redirects", f"redirect loop at {target}")
                    current = target
                    continue
                return self._read(response, str(parsed), deadline)
        raise FetchError("redirects", f"more than {self.settings.fetch_max_redirects} redirects from {url}")

    @contextmanager
    def _stream(self, url: httpx.URL, headers: dict[str, str]) -> Iterator[httpx.Response]:
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                yield response
        except httpx.TimeoutException as e:
            detail = f"{url}: no answer within {self.settings.fetch_timeout}s"
            raise FetchError("timeout", detail, retryable=True) from e
        except httpx.TransportError as e:
            raise FetchError("network", f"{url}: {type(e).__name__}: {e}", retryable=True) from e

    def _read(self, response: httpx.Response, url: str, deadline: float) -> Fetched:
        status = response.status_code
        validators = {"etag": response.headers.get("etag"), "last_modified": response.headers.get("last-modified")}
        if status == 304:
            return Fetched(url=url, status=status, not_modified=True, **validators)
        if status in _RETRY_STATUS:
            raise FetchError("http", f"{url}: HTTP {status}", retryable=True, retry_after=_retry_after(response))
        if status >= 400 or status < 200:
            raise FetchError("http", f"{url}: HTTP {status}")
        content_type = response.headers.get("content-type", "")
        media = content_type.split(";", 1)[0].strip().lower()
        if media and not media.startswith("text/") and media not in _ACCEPTED_TYPES:
            raise FetchError("content_type", f"{url}: {media} cannot hold an article")
        cap = self.settings.fetch_max_bytes
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > cap:
            raise FetchError("too_large", f"{url}: Content-Length {length} > fetch_max_bytes {cap}")
        body = _read_body(response, url, cap, deadline, self.settings.fetch_timeout)
        return Fetched(
            url=url,
            status=status,
            body=body,
            content_type=media,
            charset=_charset(content_type),
            **validators,
        )

    @contextmanager
    def _host_slot(self, host: str) -> Iterator[None]:
        with self._hosts_lock:
            state = self._hosts.get(host)
            if state is None:
                slots = threading.Semaphore(max(1, self.settings.fetch_host_concurrency))
                state = self._hosts[host] = _Host(slots)
        with state.slots:
            with state.lock:
                now = time.monotonic()
                wait = state.next_start - now
                state.next_start = max(now, state.next_start) + self.settings.fetch_host_delay
            if wait > 0:
                time.sleep(wait)
            yield


def _read_body(response: httpx.Response, url: str, cap: int, deadline: float, timeout: float) -> bytes:
    """The decompressed body, at most ``cap`` bytes, complete before ``deadline``."""
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding in {"", "identity"}:
        decoder = None
    elif encoding in {"gzip", "x-gzip"}:
        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decoder = zlib.decompressobj()
    else:
        raise FetchError("corrupt", f"{url}: unsupported Content-Encoding {encoding!r}")
    out = bytearray()
    try:
        for chunk in response.iter_raw():  # as received: a chunk size would wait for that many bytes
            if time.monotonic() > deadline:
                raise FetchError("timeout", f"{url}: body not complete within {timeout}s", retryable=True)
            if decoder is None:
                out += chunk
            else:
                out += decoder.decompress(chunk, cap + 1 - len(out))
                if decoder.unconsumed_tail:  # output hit the cap with input left
                    out += b"\0"
            if len(out) > cap:
                raise FetchError("too_large", f"{url}: body larger than fetch_max_bytes {cap} (decompressed)")
        if decoder is not None:
            out += decoder.flush(cap + 1 - len(out))
            if len(out) > cap:
                raise FetchError("too_large", f"{url}: body larger than fetch_max_bytes {cap} (decompressed)")
            if not decoder.eof:
                raise FetchError("corrupt", f"{url}: truncated {encoding} body")
    except zlib.error as e:
        raise FetchError("corrupt", f"{url}: bad {encoding} body: {e}") from e
    except httpx.TimeoutException as e:
        raise FetchError("timeout", f"{url}: body stalled for {timeout}s", retryable=True) from e
    except httpx.TransportError as e:
        raise FetchError("network", f"{url}: body cut off: {type(e).__name__}", retryable=True) from e
    return bytes(out)


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    address = ipaddress.ip_address(value.split("%", 1)[0])
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _forbidden(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return (
        not address.is_global
        or address.is_multicast
        or address.is_reserved
        or address.is_link_local
        or address in _METADATA
    )


def _allow_list(value: str) -> tuple[frozenset[str], tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]]:
    names: set[str] = set()
    nets: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
    for item in (part.strip().lower() for part in value.split(",")):
        if not item:
            continue
        try:
            nets.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            names.add(item)
    return frozenset(names), tuple(nets)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "").strip()
    return float(value) if value.isdigit() else None
