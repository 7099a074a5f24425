"""RSS/Atom/RDF feeds (feedparser) -> their entries; ``formats`` expands entries to articles.

An entry's key (for ``tocsin watch``'s memory of what it took) is its ``id``/``guid``, else
its link, else a hash of its title and summary. A feed feedparser cannot read at all, or that
is malformed and has no entry, raises ``IngestError`` (reason code ``malformed``); a malformed
feed with entries (feedparser's lenient parser recovered them) is read.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import feedparser

from tocsin.errors import IngestError

__all__ = ["Entry", "parse_feed"]

# RSS <author> holds an email, by convention followed by the name in parentheses; feedparser
# writes an Atom author with an email as "Name (email)".
_EMAIL = re.compile(r"\S+@\S+")
_EMAIL_NAME = re.compile(r"\S+@\S+\s*\((.+)\)|(.+?)\s*\(\S+@\S+\)")


@dataclass(frozen=True, slots=True)
class Entry:
    """One feed entry: where its article is and what the feed says about it."""

    key: str
    link: str | None
    title: str | None
    published: date | None
    content: str  # the entry's content or summary (HTML), a fallback for the page
    author: str | None = None  # the entry's author (RSS <author>/<dc:creator>, Atom <author><name>)


def parse_feed(data: bytes, url: str | None = None) -> list[Entry]:
    """The entries of feed ``data`` (links resolved against ``url``)."""
    headers = {"content-location": url} if url else None
    try:
        parsed = feedparser.parse(data, response_headers=headers)
    except Exception as e:  # feedparser may raise anything on hostile XML
        raise IngestError(f"malformed: feed could not be parsed: {type(e).__name__}") from e
    if not parsed.entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            raise IngestError(f"malformed: feed is not well-formed XML ({problem})")
        if not parsed.get("version"):
            raise IngestError("malformed: not an RSS, Atom or RDF feed")
    return [_entry(raw) for raw in parsed.entries]


def _entry(raw: Any) -> Entry:
    link = raw.get("link") or None
    title = " ".join(str(raw.get("title") or "").split()) or None
    content = ""
    if raw.get("content"):
        content = str(raw["content"][0].get("value") or "")
    content = content or str(raw.get("summary") or "")
    key = raw.get("id") or link
    if not key:
        key = "sha256:" + hashlib.sha256(f"{title}\n{content}".encode()).hexdigest()
    return Entry(
        key=str(key),
        link=link,
        title=title,
        published=_published(raw),
        content=content,
        author=_author(raw),
    )


def _author(raw: Any) -> str | None:
    """The entry's author(s), names only: RSS's ``email (Name)`` gives Name, a bare email nothing.

    feedparser's own ``author_detail`` split mangles emails at some domains, so a single
    author is read from its ``author`` string here.
    """
    names = [str(a.get("name") or "") for a in raw.get("authors") or [] if isinstance(a, dict)]
    if len([n for n in names if n.strip()]) > 1:  # Atom's several <author><name>
        found = [_name(n) for n in names]
        return "; ".join(n for n in found if n) or None
    return _name(str(raw.get("author") or ""))


def _name(value: str) -> str | None:
    value = " ".join(value.split())
    match = _EMAIL_NAME.fullmatch(value)
    if match:
        value = (match.group(1) or match.group(2)).strip()
    return None if not value or _EMAIL.fullmatch(value) else value


def _published(raw: Any) -> date | None:
    for name in ("published_parsed", "updated_parsed"):
        value = raw.get(name)
        if value:
            try:
                return date(value.tm_year, value.tm_mon, value.tm_mday)
            except (AttributeError, ValueError):
                continue
    return None
