"""JSON and JSON Lines -> one Article per record.

A record is a JSON object; the names of its text, title, URL and date fields come from the
``json_fields`` setting (default ``text,title,url,date``); a fifth name, if given, is the
author field (default ``author``; a list of names is joined with ``"; "``). A ``.json`` file holds one record or
an array of them; a JSONL file one record per line, read line by line so a large file is never
held in memory. A text field holding markup is read as HTML (``tocsin.ingest.html``).

Per record: a line that is not JSON, or JSON that is not an object, fails with reason code
``malformed``; a record without text is skipped as ``empty``. Origins are ``<file>#<n>``
(line number, or array index for ``.json``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tocsin.errors import IngestError, SkipArticle
from tocsin.ingest.files import parse_date
from tocsin.ingest.html import html_to_article
from tocsin.models import Article

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from tocsin.config import Settings

__all__ = ["Fields", "record_to_article", "records_of_json", "records_of_lines"]

_MARKUP = re.compile(r"<(?:p|div|br|html|body|article|span|h[1-6])[\s>/]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Fields:
    """Names of the record fields read (``json_fields``; the author's name is optional)."""

    text: str = "text"
    title: str = "title"
    url: str = "url"
    date: str = "date"
    author: str = "author"

    @classmethod
    def from_settings(cls, settings: Settings) -> Fields:
        names = [n.strip() for n in settings.json_fields.split(",")]
        if len(names) not in {4, 5} or not all(names):
            wanted = "4 or 5 comma-separated names (text,title,url,date[,author])"
            raise IngestError(f"json_fields needs {wanted}, got {settings.json_fields!r}")
        return cls(*names)


def records_of_lines(lines: Iterable[bytes], max_bytes: int) -> Iterator[tuple[int, Any]]:
    """``(line number, record or exception)`` for each non-blank line of a JSONL stream."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if len(line) > max_bytes:
            yield number, SkipArticle("too_large", f"line of {len(line)} bytes > max_bytes {max_bytes}")
            continue
        try:
            yield number, json.loads(line)
        except (ValueError, RecursionError) as e:
            yield number, IngestError(f"malformed: line {number} is not JSON ({e})")


def records_of_json(data: bytes) -> Iterator[tuple[int, Any]]:
    """``(index, record)`` of a JSON document holding one record or an array of them."""
    try:
        document = json.loads(data)
    except (ValueError, RecursionError) as e:
        yield 1, IngestError(f"malformed: not JSON ({e})")
        return
    if isinstance(document, list):
        yield from enumerate(document, start=1)
    else:
        yield 1, document


def record_to_article(record: Any, fields: Fields, settings: Settings) -> Article:
    """The article of one record; raises ``IngestError``/``SkipArticle`` for a bad one."""
    if not isinstance(record, dict):
        raise IngestError(f"malformed: record is a JSON {type(record).__name__}, not an object")
    text = record.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        raise SkipArticle("empty", f"no {fields.text!r} field with text")
    url = _string(record.get(fields.url))
    if _MARKUP.search(text[:2000]):
        article = html_to_article(text, settings, url)
    else:
        article = Article(raw=text.replace("\r\n", "\n").replace("\r", "\n"), url=url)
    article.title = _string(record.get(fields.title)) or article.title
    article.author = _author(record.get(fields.author)) or article.author
    when = _string(record.get(fields.date))
    if when:
        article.published = parse_date(when) or article.published
    return article


def _author(value: Any) -> str | None:
    """An author field: a name, a list of names, or an object with a ``name`` (schema.org)."""
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        names = [_author(item) for item in value]
        return "; ".join(name for name in names if name) or None
    return _string(value)


def _string(value: Any) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None
