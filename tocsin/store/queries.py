# Copyright 2026 The tocsin authors. Licensed under the Apache License 2.0.
"""Query objects for the API, the exports and the dashboard, and the SQL they build.

One ``EventQuery`` describes a filtered, sorted page of events (or all of them, streamed); the
same filters drive ``/events``, ``/stats``, ``tocsin export`` and the dashboard. Text filters
use ``LIKE`` with escaping on both SQLite and PostgreSQL, so they need no extension.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select

from tocsin.errors import StorageError
from tocsin.store.schema import articles, event_actors, events, stories

__all__ = [
    "EVENT_SORTS",
    "STORY_SORTS",
    "ArticleQuery",
    "EventQuery",
    "StoryQuery",
    "article_conditions",
    "event_conditions",
    "event_order",
    "paged",
    "story_conditions",
    "story_order",
]

EVENT_SORTS = ("date", "-date", "confidence", "-confidence", "id")
STORY_SORTS = ("date", "-date", "confidence", "-confidence", "articles", "-articles")


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters, sort and page of an events query; every filter is optional.

    ``country`` (ISO alpha-3) matches the place or any actor; ``actor`` and ``text`` are
    case-insensitive substrings of an actor's text or name, and of the article's title or text.
    """

    country: str | None = None
    admin1: str | None = None
    plover_type: str | None = None
    acled_type: str | None = None
    actor: str | None = None
    since: date | None = None
    until: date | None = None
    min_confidence: float | None = None
    text: str | None = None
    story_id: str | None = None
    article_id: str | None = None
    sort: str = "date"
    limit: int | None = None
    offset: int = 0

    def __post_init__(self) -> None:
        _check_page(self.limit, self.offset)
        if self.sort not in EVENT_SORTS:
            raise StorageError(f"sort must be one of {', '.join(EVENT_SORTS)}, got {self.sort!r}")


@dataclass(frozen=True, slots=True)
class StoryQuery:
    """Filters, sort and page of a stories query."""

    country: str | None = None
    admin1: str | None = None
    plover_type: str | None = None
    since: date | None = None
    until: date | None = None
    min_confidence: float | None = None
    min_articles: int | None = None
    sort: str = "-date"
    limit: int | None = None
    offset: int = 0

    def __post_init__(self) -> None:
        _check_page(self.limit, self.offset)
        if self.sort not in STORY_SORTS:
            raise StorageError(f"sort must be one of {', '.join(STORY_SORTS)}, got {self.sort!r}")


@dataclass(frozen=True, slots=True)
class ArticleQuery:
    """Filters and page of an articles query (newest ingested first)."""

    text: str | None = None
    source: str | None = None
    since: date | None = None
    until: date | None = None
    limit: int | None = None
    offset: int = 0

    def __post_init__(self) -> None:
        _check_page(self.limit, self.offset)


def _check_page(limit: int | None, offset: int) -> None:
    if limit is not None and limit < 0:
        raise StorageError(f"limit must be >= 0, got {limit}")
    if offset < 0:
        raise StorageError(f"offset must be >= 0, got {offset}")


def _contains(column: Any, needle: str) -> ColumnElement[bool]:
    return func.lower(column).contains(needle.lower(), autoescape=True)


def event_conditions(query: EventQuery) -> list[ColumnElement[bool]]:
    """The WHERE conditions of ``query`` over ``events``."""
    where: list[ColumnElement[bool]] = []
    if query.country:
        code = query.country.upper()
        by_actor = select(event_actors.c.event_id).where(event_actors.c.country == code)
        where.append(or_(events.c.country == code, events.c.id.in_(by_actor)))
    if query.admin1:
        where.append(func.lower(events.c.admin1) == query.admin1.lower())
    if query.plover_type:
        where.append(events.c.plover_type == query.plover_type.upper())
    if query.acled_type:
        where.append(events.c.acled_type == query.acled_type)
    if query.actor:
        needle = query.actor
        named = select(event_actors.c.event_id).where(
            or_(_contains(event_actors.c.text, needle), _contains(event_actors.c.name, needle))
        )
        where.append(events.c.id.in_(named))
    if query.since is not None:
        where.append(events.c.date >= query.since)
    if query.until is not None:
        where.append(events.c.date <= query.until)
    if query.min_confidence is not None:
        where.append(events.c.confidence >= query.min_confidence)
    if query.text:
        matching = select(articles.c.id).where(
            or_(_contains(articles.c.title, query.text), _contains(articles.c.text, query.text))
        )
        where.append(events.c.article_id.in_(matching))
    if query.story_id:
        where.append(events.c.story_id == query.story_id)
    if query.article_id:
        where.append(events.c.article_id == query.article_id)
    return where


def event_order(sort: str) -> list[Any]:
    """ORDER BY for an events sort; always ends with the id so pages are stable."""
    # NULLS LAST spelled portably: SQLite and PostgreSQL disagree on the default.
    if sort == "date":
        return [events.c.date.is_(None), events.c.date, events.c.id]
    if sort == "-date":
        return [events.c.date.is_(None), events.c.date.desc(), events.c.id]
    if sort == "confidence":
        return [events.c.confidence.is_(None), events.c.confidence, events.c.id]
    if sort == "-confidence":
        return [events.c.confidence.is_(None), events.c.confidence.desc(), events.c.id]
    return [events.c.id]


def story_conditions(query: StoryQuery) -> list[ColumnElement[bool]]:
    """The WHERE conditions of ``query`` over ``stories``."""
    where: list[ColumnElement[bool]] = []
    if query.country:
        where.append(stories.c.country == query.country.upper())
    if query.admin1:
        where.append(func.lower(stories.c.admin1) == query.admin1.lower())
    if query.plover_type:
        where.append(stories.c.plover_type == query.plover_type.upper())
    if query.since is not None:
        where.append(stories.c.last_date >= query.since)
    if query.until is not None:
        where.append(stories.c.date <= query.until)
    if query.min_confidence is not None:
        where.append(stories.c.confidence >= query.min_confidence)
    if query.min_articles is not None:
        where.append(stories.c.n_articles >= query.min_articles)
    return where


def story_order(sort: str) -> list[Any]:
    """ORDER BY for a stories sort; always ends with the id."""
    column = {"date": stories.c.date, "confidence": stories.c.confidence, "articles": stories.c.n_articles}[
        sort.lstrip("-")
    ]
    return [column.is_(None), column.desc() if sort.startswith("-") else column, stories.c.id]


def article_conditions(query: ArticleQuery) -> list[ColumnElement[bool]]:
    """The WHERE conditions of ``query`` over ``articles``."""
    where: list[ColumnElement[bool]] = []
    if query.text:
        where.append(or_(_contains(articles.c.title, query.text), _contains(articles.c.text, query.text)))
    if query.source:
        where.append(func.lower(articles.c.source) == query.source.lower())
    if query.since is not None:
        where.append(articles.c.published >= query.since)
    if query.until is not None:
        where.append(articles.c.published <= query.until)
    return where


def paged(query: Select[Any], limit: int | None, offset: int) -> Select[Any]:
    """``query`` limited to one page (``limit`` None: all rows from ``offset``)."""
    return query.limit(limit).offset(offset or None)
