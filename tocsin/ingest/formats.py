"""Turn one input (file, stdin bytes, URL) of any format into ``Result`` items.

``read_inputs`` (``tocsin.ingest.files``) names the inputs; a :class:`Reader` reads each one
and dispatches on the kind ``detect.sniff`` finds in its bytes:

========  =====================================================================================
kind      becomes
========  =====================================================================================
text      one article (``files``: metadata header, decoding cascade)
html      one article: main text and metadata (``html``)
json(l)   one article per record (``jsonl``); JSONL and WARC files are streamed from disk
warc      one article per HTML response record (``warc``)
feed      one article per entry: its link fetched, else its own content (``feeds``)
urls      each listed URL fetched and read like a URL input (``# comments`` allowed)
gzip      decompressed (at most ``max_bytes``: a bomb is skipped as ``too_large``), then sniffed
sqlite    skipped as ``binary`` (a database beside the inputs)
========  =====================================================================================

A container yields one ``Result`` per article, with origin ``<input>#<n>`` (or the article's
URL); any error inside becomes a ``failed``/``skipped`` result and the batch goes on.
The fetcher is created on the first URL, so file-only runs never open a client.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Self

from tocsin.errors import IngestError, SkipArticle
from tocsin.ingest import files
from tocsin.ingest.detect import HEAD_BYTES, URL_LINE, sniff
from tocsin.ingest.feeds import Entry, parse_feed
from tocsin.ingest.html import decode_html, html_to_article
from tocsin.ingest.jsonl import Fields, record_to_article, records_of_json, records_of_lines
from tocsin.ingest.urls import Fetcher, FetchError, is_url
from tocsin.ingest.warc import WarcPage, warc_pages
from tocsin.models import Article
from tocsin.pipeline import Result

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from datetime import date
    from types import TracebackType

    from tocsin.config import Settings

__all__ = ["Reader", "guarded", "one"]

# Names whose files are streamed record by record, so they may exceed max_bytes as a whole.
_STREAMED_SUFFIXES = (".warc", ".warc.gz", ".arc.gz", ".jsonl", ".ndjson")


class Reader:
    """Reads inputs of every format; holds the (lazy) fetcher for URLs and feeds."""

    def __init__(
        self,
        settings: Settings,
        published: date | None = None,
        fetcher_factory: Callable[[Settings], Fetcher] = Fetcher,
    ) -> None:
        self.settings = settings
        self.published = published
        self._fetcher_factory = fetcher_factory
        self._fetcher: Fetcher | None = None
        self.fields = Fields.from_settings(settings)

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
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = self._fetcher_factory(self.settings)
        return self._fetcher

    # --- entry points: each yields Results and never raises --------------------------------

    def from_path(self, path: str) -> Iterator[Result]:
        return guarded(path, self._path(path))

    def from_bytes(self, data: bytes, origin: str, name: str = "") -> Iterator[Result]:
        return guarded(origin, self._bytes(data, origin, name))

    def from_url(self, url: str) -> Iterator[Result]:
        return guarded(url, self._url(url))

    # --- dispatch ---------------------------------------------------------------------------

    def _path(self, path: str) -> Iterator[Result]:
        size = files.regular_file_size(path)
        name = Path(path).name.lower()
        if size > self.settings.max_bytes and not name.endswith(_STREAMED_SUFFIXES):
            raise SkipArticle("too_large", f"{size} bytes > max_bytes {self.settings.max_bytes}")
        with _open(path) as stream:
            kind = sniff(stream.read(HEAD_BYTES), name)
            stream.seek(0)
            if kind == "warc":
                yield from self._warc(stream, path)
                return
            if kind == "jsonl":
                yield from self._jsonl(stream, path)
                return
        if size > self.settings.max_bytes:
            raise SkipArticle("too_large", f"{size} bytes > max_bytes {self.settings.max_bytes}")
        data = files.read_file(path, self.settings.max_bytes)
        yield from self._bytes(data, path, name)

    def _bytes(self, data: bytes, origin: str, name: str, charset: str | None = None) -> Iterator[Result]:
        if not data.strip():
            raise SkipArticle("empty", "no text")
        kind = sniff(data[:HEAD_BYTES], name)
        if kind == "gzip":
            inner = _gunzip(data, self.settings.max_bytes)
            yield from self._bytes(inner, origin, name.removesuffix(".gz"))
        elif kind == "warc":
            yield from self._warc(io.BytesIO(data), origin)
        elif kind == "jsonl":
            yield from self._jsonl(io.BytesIO(data), origin)
        elif kind == "json":
            yield from self._records(records_of_json(data), origin)
        elif kind == "sqlite":
            raise SkipArticle("binary", "an SQLite database")
        elif kind == "feed":
            yield from self._feed(data, origin)
        elif kind == "html":
            yield Result(origin, self._html(data, charset, origin if is_url(origin) else None))
        elif kind == "urls":
            text, _ = files.decode_bytes(data)
            for line in text.splitlines():
                if URL_LINE.fullmatch(line.strip()):
                    yield from self.from_url(line.strip())
        else:
            yield Result(origin, self._finish(files.text_to_article(data, origin, None)))

    def _url(self, url: str) -> Iterator[Result]:
        fetched = self.fetcher.fetch(url)
        name = Path(fetched.url.split("?", 1)[0]).name.lower()
        kind = sniff(fetched.body[:HEAD_BYTES], name, fetched.content_type)
        if kind == "text" and fetched.content_type in {"text/html", "application/xhtml+xml"}:
            kind = "html"
        if kind == "html":
            yield Result(fetched.url, self._html(fetched.body, fetched.charset, fetched.url))
        else:
            yield from self._bytes(fetched.body, fetched.url, name, fetched.charset)

    def page(self, url: str) -> Article:
        """The article at ``url``, which must be a page (HTML or text), never a feed or archive.

        Raises ``FetchError`` when it cannot be fetched, ``SkipArticle`` when it holds no article
        (``content_type`` for a feed or an archive, ``empty``).
        """
        fetched = self.fetcher.fetch(url)
        kind = sniff(fetched.body[:HEAD_BYTES], "", fetched.content_type)
        if kind == "html":
            return self._html(fetched.body, fetched.charset, fetched.url)
        if kind == "text":
            article = files.text_to_article(fetched.body, fetched.url, None)
            article.url = article.url or fetched.url
            return self._finish(article)
        raise SkipArticle("content_type", f"{fetched.url} is a {kind}, not a page")

    def _html(self, data: bytes, charset: str | None, url: str | None) -> Article:
        text, flags = decode_html(data, charset)
        article = html_to_article(text, self.settings, url)
        article.flags[:0] = flags
        return self._finish(article)

    def _warc(self, stream: IO[bytes], origin: str) -> Iterator[Result]:
        for page in warc_pages(stream, self.settings.max_bytes):
            where = f"{origin}#{page.number}"
            if page.error is not None:
                yield _problem(where, page.error)
                continue
            yield from guarded(where, one(self._warc_result, where, page))

    def _warc_result(self, where: str, page: WarcPage) -> Result:
        return Result(where, self._html(page.body, page.charset, page.url))

    def _jsonl(self, stream: IO[bytes], origin: str) -> Iterator[Result]:
        yield from self._records(records_of_lines(stream, self.settings.max_bytes), origin)

    def _records(self, records: Iterator[tuple[int, object]], origin: str) -> Iterator[Result]:
        for number, record in records:
            where = f"{origin}#{number}"
            if isinstance(record, IngestError):
                yield _problem(where, record)
                continue
            try:
                article = self._finish(record_to_article(record, self.fields, self.settings))
            except IngestError as e:
                yield _problem(where, e)
                continue
            yield Result(where, article)

    def _feed(self, data: bytes, origin: str) -> Iterator[Result]:
        entries = parse_feed(data, origin if is_url(origin) else None)
        if not entries:
            raise SkipArticle("empty", "feed has no entries")
        for number, entry in enumerate(entries, start=1):
            where = entry.link or f"{origin}#{number}"
            yield from guarded(where, one(self.entry_result, entry, where))

    def entry_result(self, entry: Entry, origin: str) -> Result:
        """The article of one feed entry: its page when it can be fetched, else its content.

        Raises ``FetchError`` when the page cannot be fetched and the entry's own content is
        too short to stand in for it.
        """
        article: Article | None = None
        error: FetchError | None = None
        if entry.link and is_url(entry.link):
            try:
                article = self.page(entry.link)
            except FetchError as e:
                error = e
            except IngestError:
                article = None
        if article is None and entry.content:
            try:
                article = self._finish(html_to_article(entry.content, self.settings, entry.link))
                article.flags.append("feed:summary")
            except SkipArticle:
                article = None
        if article is None:
            if error is not None:
                raise error
            raise SkipArticle("empty", "feed entry has no fetchable page and no content")
        article.title = article.title or entry.title
        article.author = article.author or entry.author
        article.published = self.published or article.published or entry.published
        return Result(origin, article)

    def _finish(self, article: Article) -> Article:
        if self.published is not None:
            article.published = self.published
        return article


def one(make: Callable[..., Result], *args: Any) -> Iterator[Result]:
    """One ``Result``, made lazily so that ``guarded`` catches what making it raises."""
    yield make(*args)


def guarded(origin: str, results: Iterator[Result]) -> Iterator[Result]:
    """``results``, with any error raised while making them turned into one last ``Result``."""
    try:
        yield from results
    except IngestError as e:
        yield _problem(origin, e)
    except Exception as e:  # noqa: BLE001 - a parser bug on one input must not stop the batch
        yield Result(origin=origin, status="failed", reason=f"error: {type(e).__name__}: {e}")


def _problem(origin: str, error: IngestError) -> Result:
    if isinstance(error, SkipArticle):
        detail = f": {error.detail}" if error.detail else ""
        return Result(origin=origin, status="skipped", reason=f"{error.reason}{detail}")
    if isinstance(error, FetchError):
        return Result(origin=origin, status="failed", reason=str(error))
    text = str(error)
    code = text.split(":", 1)[0]
    if code in {"malformed", "corrupt", "unreadable"}:
        return Result(origin=origin, status="failed", reason=text)
    return Result(origin=origin, status="failed", reason=f"unreadable: {text}")


def _open(path: str) -> IO[bytes]:
    try:
        return Path(path).open("rb")
    except OSError as e:
        raise IngestError((e.strerror or type(e).__name__).lower()) from e


def _gunzip(data: bytes, cap: int) -> bytes:
    """Decompress gzip ``data`` to at most ``cap`` bytes (``too_large`` beyond, ``corrupt`` if bad)."""
    decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = decoder.decompress(data, cap + 1)
    except zlib.error as e:
        raise IngestError(f"corrupt: bad gzip data: {e}") from e
    if len(out) > cap or decoder.unconsumed_tail:
        raise SkipArticle("too_large", f"decompresses to more than max_bytes {cap}")
    if not decoder.eof:
        raise IngestError("corrupt: truncated gzip data")
    return out
