# Copyright 2026 The tocsin authors. Licensed under the Apache License 2.0.
"""What ingestion keeps in the store besides articles: near-duplicate links and feed state.

Functions over an :class:`~tocsin.store.base.EventStore` (tables of migration 0002):

- ``article_bands``: each stored article's MinHash LSH buckets, so a later syndicated copy
  finds its canonical article (``tocsin.ingest.dedup``); ``articles.canonical_id`` links them;
- ``feed_state`` / ``feed_seen``: per feed the ETag/Last-Modified validators and every entry
  already taken, so ``tocsin watch`` never fetches an entry twice, across restarts too.
"""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, insert, or_, select, update

from tocsin.store.base import _storage_errors
from tocsin.store.schema import article_bands, articles, feed_seen, feed_state

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tocsin.store.base import EventStore

__all__ = [
    "add_bands",
    "canonical_id",
    "feed_validators",
    "link_duplicate",
    "mark_seen",
    "near_duplicate_candidates",
    "save_feed_validators",
    "seen_entries",
]

# The execution option base.EventStore._write sets: SQLite then takes its write lock up front.
_WRITE_OPTION = "tocsin_write"
# IN lists are sent in chunks of this many keys (SQLite's old limit is 999 parameters).
_CHUNK = 500


@contextmanager
def _write(store: EventStore) -> Iterator[Connection]:
    with store.engine.connect() as conn:
        conn.execution_options(**{_WRITE_OPTION: True})
        with conn.begin():
            yield conn


def _key(value: str) -> str:
    """Fixed-width key for a URL or entry id of any length."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def add_bands(store: EventStore, article_id: str, bands: dict[int, str]) -> None:
    """Index stored article ``article_id`` under its LSH ``bands`` (band number -> bucket)."""
    if not bands:
        return
    rows = [{"article_id": article_id, "band": b, "bucket": k} for b, k in sorted(bands.items())]
    with _storage_errors(f"cannot index article {article_id}"), _write(store) as conn:
        known = conn.execute(select(article_bands.c.band).where(article_bands.c.article_id == article_id))
        have = set(known.scalars())
        rows = [r for r in rows if r["band"] not in have]
        if rows:
            conn.execute(insert(article_bands), rows)


def link_duplicate(store: EventStore, article_id: str, canonical: str) -> None:
    """Record stored article ``article_id`` as a near-duplicate of ``canonical``."""
    stmt = update(articles).where(articles.c.id == article_id).values(canonical_id=canonical)
    with _storage_errors(f"cannot link article {article_id}"), _write(store) as conn:
        conn.execute(stmt)


def canonical_id(store: EventStore, article_id: str) -> str | None:
    """The article a stored near-duplicate copies (None for a canonical or unknown one)."""
    query = select(articles.c.canonical_id).where(articles.c.id == article_id)
    with _storage_errors("cannot read articles"), store.engine.connect() as conn:
        value = conn.execute(query).scalar()
    return str(value) if value is not None else None


def near_duplicate_candidates(store: EventStore, bands: dict[int, str], limit: int = 20) -> list[tuple[str, str]]:
    """``(id, text)`` of canonical articles sharing at least one LSH bucket with ``bands``."""
    if not bands:
        return []
    match = or_(*((article_bands.c.band == b) & (article_bands.c.bucket == k) for b, k in bands.items()))
    ids = select(article_bands.c.article_id).where(match).distinct()
    query = (
        select(articles.c.id, articles.c.text)
        .where(articles.c.id.in_(ids), articles.c.canonical_id.is_(None))
        .order_by(articles.c.ingested_at, articles.c.id)
        .limit(limit)
    )
    with _storage_errors("cannot read near-duplicates"), store.engine.connect() as conn:
        return [(str(i), str(t)) for i, t in conn.execute(query)]


def feed_validators(store: EventStore, url: str) -> tuple[str | None, str | None]:
    """The ``(ETag, Last-Modified)`` feed ``url`` last answered with (None when unknown)."""
    query = select(feed_state.c.etag, feed_state.c.last_modified).where(feed_state.c.feed == _key(url))
    with _storage_errors("cannot read feed state"), store.engine.connect() as conn:
        row = conn.execute(query).first()
    return (row[0], row[1]) if row else (None, None)


def save_feed_validators(store: EventStore, url: str, etag: str | None, last_modified: str | None) -> None:
    """Remember feed ``url``'s validators for the next conditional request."""
    values = {"url": url, "etag": etag, "last_modified": last_modified, "checked_at": datetime.now(UTC)}
    with _storage_errors("cannot write feed state"), _write(store) as conn:
        known = conn.execute(select(feed_state.c.feed).where(feed_state.c.feed == _key(url))).first()
        if known:
            conn.execute(update(feed_state).where(feed_state.c.feed == _key(url)).values(values))
        else:
            conn.execute(insert(feed_state).values(feed=_key(url), **values))


def seen_entries(store: EventStore, url: str, entries: list[str]) -> set[str]:
    """Which of feed ``url``'s ``entries`` (ids or links) are marked seen."""
    keys = {_key(e): e for e in entries}
    chunks = list(keys)
    found: set[str] = set()
    query = select(feed_seen.c.entry).where(feed_seen.c.feed == _key(url))
    with _storage_errors("cannot read feed state"), store.engine.connect() as conn:
        for i in range(0, len(chunks), _CHUNK):
            rows = conn.execute(query.where(feed_seen.c.entry.in_(chunks[i : i + _CHUNK])))
            found.update(keys[k] for k in rows.scalars())
    return found


def mark_seen(store: EventStore, url: str, entries: list[str]) -> None:
    """Record feed ``url``'s ``entries`` as taken."""
    new = sorted(set(entries) - seen_entries(store, url, entries))
    if not new:
        return
    now = datetime.now(UTC)
    rows = [{"feed": _key(url), "entry": _key(e), "seen_at": now} for e in new]
    with _storage_errors("cannot write feed state"), _write(store) as conn:
        conn.execute(insert(feed_seen), rows)
