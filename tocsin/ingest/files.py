"""Read files, folders, globs, URLs and stdin into ``Result`` items.

An input is a file path, a folder (walked recursively in sorted order, hidden files and
folders skipped), a glob (``news/**/*.txt``), an http(s) URL or ``-`` for stdin. Its format is
found from its bytes (``tocsin.ingest.detect``) and read by ``tocsin.ingest.formats``: a text or
HTML input yields one ``Result``, a container (WARC, JSONL, feed, list of URLs) one per article;
each is ``ok`` with an ``Article(raw=...)``, or ``skipped``/``failed`` with a reason. A bad input
never raises; the batch goes on. This module reads plain text; the other formats add the
codes ``malformed``, ``corrupt`` and the fetch codes of ``tocsin.ingest.urls``.

``Result.reason`` is ``"<code>: <detail>"``; the code (the part before the first colon) is one of:

============  ========  ===============================================================
code          status    meaning
============  ========  ===============================================================
empty         skipped   nothing but whitespace (after decoding and the metadata header)
binary        skipped   NUL bytes or a high share of control characters in the first 8 KB
too_large     skipped   larger than ``settings.max_bytes`` (checked with ``stat`` before
                        reading, so a huge file is never loaded)
unreadable    failed    cannot be read: missing, vanished, dangling link, permission
                        denied, or not a regular file (directory, FIFO, socket, device)
============  ========  ===============================================================

Decoding tries UTF-8 (with or without a BOM), UTF-16/UTF-32 when a BOM says so, then cp1252,
then latin-1 (which never fails). Anything but UTF-8 adds the article flag
``encoding:<name>`` so a mis-decoded article can be found later. Newlines are normalised to
``\\n`` as Python's text mode does; every offset refers to that decoded text.

A ``.txt`` file (or stdin) may start with a metadata header, keys case-insensitive, followed by
a blank line::

    Title: Police disperse march in Lima
    Published: 2024-03-05          (or Date:)
    URL: https://news.example.org/lima-march
    Source: Example Wire

The header is removed from ``Article.raw``. Without one the title is the first non-empty line.
"""

from __future__ import annotations

import codecs
import glob
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tocsin.errors import IngestError, SkipArticle
from tocsin.ingest.urls import is_url
from tocsin.models import Article
from tocsin.pipeline import Result

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator, Sequence

    from tocsin.config import Settings

__all__ = [
    "STDIN",
    "Header",
    "count_inputs",
    "decode_bytes",
    "parse_date",
    "parse_header",
    "read_file",
    "read_inputs",
    "regular_file_size",
    "text_to_article",
]

STDIN = "-"
_STDIN_ORIGIN = "<stdin>"

# Binary sniffing looks at this many leading bytes (as git and file(1) do).
_SNIFF_BYTES = 8192
# Share of C0 control bytes (other than whitespace) above which a file is binary. Plain text
# in any 8-bit encoding has essentially none; compressed or image data has ~10% or more.
_MAX_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\b\x1b")
# A title taken from the first line is cut to this many characters (a title-less article's
# first line can be a whole paragraph).
_MAX_TITLE_CHARS = 300
# Only these suffixes (and stdin) are checked for a metadata header.
_HEADER_SUFFIXES = frozenset({".txt", ".text", ""})
_HEADER_LINE = re.compile(r"(title|published|date|url|source)[ \t]*:[ \t]*(.*)", re.IGNORECASE)
# BOMs in the order they must be tested (UTF-32 LE starts with the UTF-16 LE BOM).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(slots=True)
class Header:
    """Metadata read from the top of a text file, and where the body starts."""

    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    body_start: int = 0
    flags: list[str] = field(default_factory=list)


def read_inputs(
    paths: Sequence[str],
    settings: Settings,
    published: date | None = None,
    *,
    exclude: Collection[str] = (),
) -> Iterator[Result]:
    """Yield ``Result`` items for the inputs named by ``paths`` (files, folders, globs, URLs, ``-``).

    Every format of ``tocsin.ingest.formats`` is read; a container (WARC, JSONL, feed, URL list)
    yields one item per article. ``published``, when given, overrides any date found in the
    input. Files whose real path is in ``exclude`` (e.g. the SQLite database being written) are
    passed over.
    """
    from tocsin.ingest.formats import Reader  # noqa: PLC0415 - formats imports this module

    excluded = {os.path.realpath(p) for p in exclude}
    with Reader(settings, published) as reader:
        for path, problem in _expand(paths):
            origin = _STDIN_ORIGIN if path == STDIN else path
            if problem is not None:
                yield Result(origin=origin, status="failed", reason=f"unreadable: {problem}")
            elif is_url(path):
                yield from reader.from_url(path)
            elif path == STDIN:
                try:
                    data = _read_stdin(settings.max_bytes)
                except SkipArticle as e:
                    yield Result(origin=origin, status="skipped", reason=f"{e.reason}: {e.detail}")
                    continue
                except IngestError as e:
                    yield Result(origin=origin, status="failed", reason=f"unreadable: {e}")
                    continue
                yield from reader.from_bytes(data, origin)
            elif os.path.realpath(path) not in excluded:
                yield from reader.from_path(path)


def count_inputs(paths: Sequence[str]) -> int | None:
    """How many ``Result`` items ``read_inputs(paths, ...)`` will yield (for a progress bar).

    Lists folders but reads no file; ``None`` if the count cannot be had cheaply.
    """
    try:
        return sum(1 for _ in _expand(paths))
    except OSError:
        return None


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Decode ``data``; return the text and the encoding's name when it is not UTF-8.

    Raises ``SkipArticle('binary', ...)`` when the bytes do not look like text.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            name = None if encoding == "utf-8-sig" else encoding
            return _normalise_newlines(text), name
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        raise SkipArticle("binary", "NUL bytes in the first 8 KB")
    controls = sum(1 for byte in head if byte < 0x20 and byte not in _TEXT_CONTROLS)
    if head and controls / len(head) > _MAX_CONTROL_SHARE:
        raise SkipArticle("binary", f"{controls} control bytes in the first 8 KB")
    for encoding in ("utf-8", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _normalise_newlines(text), None if encoding == "utf-8" else encoding
    return _normalise_newlines(data.decode("latin-1")), "latin-1"


def parse_header(text: str) -> Header:
    """Read a ``Title:/Published:/Date:/URL:/Source:`` header at the very top of ``text``.

    A header is one or more such lines followed by a blank line; anything else at the top
    means there is none (``body_start`` 0).
    """
    header = Header()
    values: dict[str, str] = {}
    pos = 0
    while True:
        end = text.find("\n", pos)
        if end < 0:
            return Header()  # no blank line: not a header
        line = text[pos:end]
        if not line.strip():
            if not values:
                return Header()
            header.body_start = end + 1
            break
        match = _HEADER_LINE.fullmatch(line.strip())
        if match is None:
            return Header()
        values.setdefault(match.group(1).lower(), match.group(2).strip())
        pos = end + 1
    header.title = values.get("title") or None
    header.url = values.get("url") or None
    header.source = values.get("source") or None
    when = values.get("published") or values.get("date")
    if when:
        header.published = parse_date(when)
        if header.published is None:
            header.flags.append("header:bad_date")
    return header


def parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def text_to_article(data: bytes, origin: str, published: date | None) -> Article:
    """The article of a text input: decoded, metadata header (for .txt and stdin) removed."""
    if not data.strip():
        raise SkipArticle("empty", "no text")
    text, encoding = decode_bytes(data)
    header = Header()
    if origin == _STDIN_ORIGIN or Path(origin).suffix.lower() in _HEADER_SUFFIXES:
        header = parse_header(text)
    raw = text[header.body_start :]
    if not raw.strip():
        raise SkipArticle("empty", "whitespace only")
    flags = list(header.flags)
    if encoding is not None:
        flags.append(f"encoding:{encoding}")
    return Article(
        raw=raw,
        title=header.title or _first_line(raw),
        published=published or header.published,
        url=header.url,
        source=header.source,
        flags=flags,
    )


def _first_line(text: str) -> str | None:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()[:_MAX_TITLE_CHARS]
    return None


def _normalise_newlines(text: str) -> str:
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def regular_file_size(path: str) -> int:
    """The size of regular file ``path``; ``IngestError`` for anything else (never blocks)."""
    try:
        info = Path(path).stat()
    except OSError as e:
        raise IngestError(_os_reason(e)) from e
    if not stat.S_ISREG(info.st_mode):
        kind = _file_kind(info.st_mode)
        raise IngestError(f"not a regular file ({kind})")
    return info.st_size


def read_file(path: str, max_bytes: int) -> bytes:
    """Read a regular file of at most ``max_bytes``; checks size before reading anything."""
    size = regular_file_size(path)
    if size > max_bytes:
        raise SkipArticle("too_large", f"{size} bytes > max_bytes {max_bytes}")
    try:
        with Path(path).open("rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise IngestError(_os_reason(e)) from e
    if len(data) > max_bytes:  # grew after stat
        raise SkipArticle("too_large", f"more than max_bytes {max_bytes} bytes")
    return data


def _read_stdin(max_bytes: int) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    try:
        if stream is not None:
            data: bytes = stream.read(max_bytes + 1)
        else:
            data = sys.stdin.read(max_bytes + 1).encode("utf-8")
    except (OSError, ValueError) as e:
        raise IngestError(f"stdin: {e}") from e
    if len(data) > max_bytes:
        raise SkipArticle("too_large", f"stdin has more than max_bytes {max_bytes} bytes")
    return data


def _os_reason(e: OSError) -> str:
    return (e.strerror or type(e).__name__).lower()


def _file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def _expand(paths: Sequence[str]) -> Iterator[tuple[str, str | None]]:
    """Yield ``(origin, problem)`` for every input; ``problem`` is set when it cannot be listed."""
    for path in paths:
        if path == STDIN or is_url(path):
            yield path, None
        elif Path(path).is_dir():
            yield from _walk(path, set())
        elif os.path.lexists(path) or not glob.has_magic(path):
            yield path, None  # a file, or a missing one reported when read
        else:
            # glob.glob, not Path.glob: patterns may be absolute ("/data/**/*.txt")
            matches = sorted(glob.glob(path, recursive=True))  # noqa: PTH207
            if not matches:
                yield path, "no file matches this pattern"
            for match in matches:
                if Path(match).is_dir():
                    yield from _walk(match, set())
                else:
                    yield match, None


def _walk(folder: str, seen: set[tuple[int, int]]) -> Iterator[tuple[str, str | None]]:
    """Files under ``folder`` in sorted path order, hidden entries skipped, links followed once."""
    try:
        info = Path(folder).stat()
        key = (info.st_dev, info.st_ino)
        if key in seen:  # a symlink loop or a folder linked twice
            return
        seen.add(key)
        with os.scandir(folder) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as e:
        yield folder, _os_reason(e)
        return
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(entry.path, seen)
        else:
            yield entry.path, None
