# Copyright 2026 The tocsin authors. Licensed under the Apache License 2.0.
"""The event store's tables (SQLAlchemy Core) and the mapping of models to rows.

The tables here describe the schema at Alembic head; ``migrations/versions`` holds the frozen
steps that build it, and ``tests/test_store.py`` checks the two agree. ``events.data`` keeps the
whole ``Event.to_dict()`` so reads return the JSON contract unchanged; the other ``events``
columns are copies of its fields for filtering and for SQL users.
"""

from __future__ import annotations

from datetime import UTC, datetime
from statistics import fmean
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
)

if TYPE_CHECKING:
    from tocsin.models import Actor, Article, Count, Event

__all__ = [
    "ALEMBIC_VERSION_TABLE",
    "actor_rows",
    "article_bands",
    "article_row",
    "articles",
    "event_actors",
    "event_row",
    "events",
    "feed_seen",
    "feed_state",
    "metadata",
    "stories",
    "story_changes",
]

# Not Alembic's default "alembic_version", so tocsin can share a database with another
# Alembic-managed application.
ALEMBIC_VERSION_TABLE = "tocsin_alembic_version"

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("url", Text),
    Column("source", Text),
    Column("title", Text),
    Column("published", Date),
    Column("language", String(32)),
    Column("text", Text, nullable=False),
    Column("flags", JSON, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # A near-duplicate (syndicated copy) points at the article it copies (migration 0002).
    Column("canonical_id", String(16), index=True),
    Column("author", Text),  # the byline (migration 0004)
)

# MinHash LSH: one bucket per band of each article's signature (tocsin/ingest/dedup.py).
article_bands = Table(
    "article_bands",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("band", SmallInteger, primary_key=True),
    Column("bucket", String(16), nullable=False, index=True),
)

# Feed watching (tocsin/ingest/watch.py): validators per feed and every entry already taken.
# ``feed`` and ``entry`` are SHA-256 prefixes of the feed URL and the entry's id or link.
feed_state = Table(
    "feed_state",
    metadata,
    Column("feed", String(64), primary_key=True),
    Column("url", Text, nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("checked_at", DateTime(timezone=True), nullable=False),
)

feed_seen = Table(
    "feed_seen",
    metadata,
    Column("feed", String(64), primary_key=True),
    Column("entry", String(64), primary_key=True),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)

_COUNTS = ("killed", "injured", "arrested", "crowd")

events = Table(
    "events",
    metadata,
    Column("id", String(16), primary_key=True),
    Column(
        "article_id",
        String(16),
        ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("plover_type", String(16), nullable=False),
    Column("plover_mode", String(32)),
    Column("acled_type", String(64)),
    Column("acled_subtype", String(64)),
    Column("country", String(3), index=True),  # the place's country
    Column("admin1", Text),
    Column("place_name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", SmallInteger),
    Column("date", Date, index=True),
    Column("date_precision", String(16), nullable=False),
    *(Column(f"{name}_{end}", Integer) for name in _COUNTS for end in ("min", "max")),
    Column("confidence", Float),
    Column("data", JSON, nullable=False),
    # The story the event belongs to (migration 0003); events.data keeps the extracted
    # contract, and reads overlay this column as "story_id".
    Column("story_id", String(64), index=True),
    # Counts are "at least min" people: a negative one is an extractor bug, not news.
    *(CheckConstraint(f"{name}_min >= 0", name=f"{name}_min_nonneg") for name in _COUNTS),
)

event_actors = Table(
    "event_actors",
    metadata,
    Column(
        "event_id",
        String(16),
        ForeignKey("events.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("role", String(6), primary_key=True),
    Column("position", SmallInteger, primary_key=True),  # order within sources/targets
    Column("text", Text, nullable=False),
    Column("name", Text),
    Column("country", String(3), index=True),
    Column("sector", String(3)),
    CheckConstraint("role IN ('source', 'target')", name="role"),
)

# Stories (tocsin/stories.py): ``data`` is the story dict; the other columns copy its fields
# for filtering (migration 0003).
stories = Table(
    "stories",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("data", JSON, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("plover_type", String(16)),
    Column("acled_type", String(64)),
    Column("country", String(3), index=True),
    Column("admin1", Text),
    Column("date", Date, index=True),
    Column("last_date", Date),
    Column("n_events", Integer, nullable=False, server_default="0"),
    Column("n_articles", Integer, nullable=False, server_default="0"),
    Column("confidence", Float),
)

# One row each time a story's field changes after it was founded (e.g. a later report
# revises the death toll upward).
story_changes = Table(
    "story_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("story_id", String(64), ForeignKey("stories.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("field", String(32), nullable=False),
    Column("old", JSON),
    Column("new", JSON),
    Column("article_id", String(16)),
    Column("changed_at", DateTime(timezone=True), nullable=False),
)


def article_row(article: Article) -> dict[str, Any]:
    """The ``articles`` row of ``article`` (its events go to ``events``)."""
    return {
        "id": article.id,
        "url": article.url,
        "source": article.source,
        "title": article.title,
        "author": article.author,
        "published": article.published,
        "language": article.language,
        "text": article.text,
        "flags": list(article.flags),
        "ingested_at": datetime.now(UTC),
        "canonical_id": None,
    }


def _confidence(event: Event) -> float | None:
    """The event's overall confidence: its ``"event"`` score, else the mean of all scores."""
    if "event" in event.confidence:
        return float(event.confidence["event"])
    if event.confidence:
        return fmean(float(v) for v in event.confidence.values())
    return None


def _count(row: dict[str, Any], name: str, count: Count | None) -> None:
    row[f"{name}_min"] = count.min if count else None
    row[f"{name}_max"] = count.max if count else None


def event_row(event: Event, article_id: str) -> dict[str, Any]:
    """The ``events`` row of ``event``, stored under ``article_id``."""
    place = event.place
    row: dict[str, Any] = {
        "id": event.id,
        "article_id": article_id,
        "plover_type": event.plover_type,
        "plover_mode": event.plover_mode,
        "acled_type": event.acled_type,
        "acled_subtype": event.acled_subtype,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "place_name": place.name if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geo_precision": place.precision if place else None,
        "date": event.date,
        "date_precision": event.date_precision,
        "confidence": _confidence(event),
        "data": event.to_dict(),
    }
    _count(row, "killed", event.killed)
    _count(row, "injured", event.injured)
    _count(row, "arrested", event.arrested)
    _count(row, "crowd", event.crowd_size)
    return row


def actor_rows(event: Event) -> list[dict[str, Any]]:
    """The ``event_actors`` rows of ``event``: its sources, then its targets."""

    def rows(role: str, actors: list[Actor]) -> list[dict[str, Any]]:
        return [
            {
                "event_id": event.id,
                "role": role,
                "position": i,
                "text": a.text,
                "name": a.name,
                "country": a.country,
                "sector": a.sector,
            }
            for i, a in enumerate(actors)
        ]

    return rows("source", event.sources) + rows("target", event.targets)
