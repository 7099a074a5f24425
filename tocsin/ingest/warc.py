"""WARC (and WARC.gz) archives -> one Article per HTML response record (warcio).

Only ``response`` records with an HTML (or missing) Content-Type become articles; requests,
metadata, revisits and images are passed over. warcio removes chunking and content encoding;
each payload is read up to ``max_bytes`` (a compressed bomb is cut there and skipped as
``too_large``). The archive is streamed from disk, one record at a time.

A truncated or corrupt archive yields what came before the damage, then one ``failed``
result with reason code ``corrupt``; an archive without any HTML response is skipped as
``empty``. Origins are ``<file>#<record number>``; ``Article.url`` is the WARC-Target-URI.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from tocsin.errors import IngestError, SkipArticle

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["WarcPage", "warc_pages"]

_HTML_TYPES = ("text/html", "application/xhtml+xml", "")
_CHECK_STEP = 1 << 20


@dataclass(slots=True)
class WarcPage:
    """One HTML response from an archive, or why it could not be read."""

    number: int
    url: str | None
    body: bytes = b""
    charset: str | None = None
    error: IngestError | None = None


class _Members:
    """Passes a gzipped archive through to warcio while checking its gzip members.

    warcio ends quietly at a truncated gzip member, so a cut-off archive would look complete;
    this decompresses the same bytes (output discarded, ``_CHECK_STEP`` at a time, so memory
    stays bounded) and knows whether the last member ended.
    """

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.decoder: Any = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.in_member = False
        self.bad = False

    @property
    def complete(self) -> bool:
        return not (self.in_member or self.bad)

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        pending = data
        while pending and not self.bad:
            self.in_member = True
            try:
                self.decoder.decompress(pending, _CHECK_STEP)
            except zlib.error:
                self.bad = True
                break
            if self.decoder.eof:
                pending = self.decoder.unused_data
                self.decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
                self.in_member = False
            else:
                pending = self.decoder.unconsumed_tail
        return data

    def tell(self) -> int:
        return self.stream.tell()


def warc_pages(stream: IO[bytes], max_bytes: int) -> Iterator[WarcPage]:
    """Every HTML response of the archive in ``stream``; damage ends it with an error page."""
    number = 0
    found = False
    head = stream.read(2)
    stream.seek(0)
    checked = _Members(stream) if head == b"\x1f\x8b" else None
    try:
        for record in ArchiveIterator(checked or stream):
            number += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            media = content_type.split(";", 1)[0].strip().lower()
            if media not in _HTML_TYPES:
                continue
            found = True
            url = record.rec_headers.get_header("WARC-Target-URI")
            body = record.content_stream().read(max_bytes + 1)
            if len(body) <= max_bytes and getattr(record.raw_stream, "limit", 0) > 0:
                yield WarcPage(number, url, error=IngestError(f"corrupt: record {number} is cut off"))
                return
            if len(body) > max_bytes:
                yield WarcPage(number, url, error=SkipArticle("too_large", f"payload over max_bytes {max_bytes}"))
                continue
            yield WarcPage(number, url, body, _charset(content_type))
    except (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError) as e:
        problem = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        error = IngestError(f"corrupt: archive damaged after record {number}: {problem}")
        yield WarcPage(number + 1, None, error=error)
        return
    if checked is not None and not checked.complete:
        yield WarcPage(number + 1, None, error=IngestError(f"corrupt: archive cut off after record {number}"))
        return
    if not found:
        yield WarcPage(0, None, error=SkipArticle("empty", "no HTML response records in the archive"))


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None
