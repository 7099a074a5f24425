# Copyright 2026 The tocsin authors. Licensed under the Apache License 2.0.
"""Persistence of stories: assign stored events to stories inside the writer's transaction.

The matching itself is ``tocsin.stories`` (pure); this module only finds candidate stories in
SQL (same country, compatible type, overlapping date window), writes the chosen story back,
sets ``events.story_id`` and records field changes in ``story_changes``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, func, insert, or_, select, text, update

from tocsin import stories as story_logic
from tocsin.store.schema import articles, events, stories, story_changes

__all__ = ["assign_article", "rebuild"]

# Writers on PostgreSQL take this transaction lock before assigning stories, so two articles
# about one event ingested at once cannot found two stories (SQLite writers are serial).
_PG_STORY_LOCK = 0x746F6373696F
# An undated event is compared with at most this many of the country's latest stories.
_UNDATED_CANDIDATES = 200


def _story_row(story: dict[str, Any], now: datetime) -> dict[str, Any]:
    return {
        "id": story["id"],
        "data": story,
        "updated_at": now,
        "plover_type": story["plover_type"],
        "acled_type": story.get("acled_type"),
        "country": story.get("country"),
        "admin1": story.get("admin1"),
        "date": date.fromisoformat(story["date"]) if story.get("date") else None,
        "last_date": date.fromisoformat(story["last_date"]) if story.get("last_date") else None,
        "n_events": story["n_events"],
        "n_articles": story["n_articles"],
        "confidence": story.get("confidence"),
    }


def _candidates(conn: Connection, event: dict[str, Any]) -> list[dict[str, Any]]:
    place = event.get("place") or {}
    country = place.get("country")
    if not country:
        return []
    types = [stories.c.plover_type == event["plover_type"]]
    if event.get("acled_type"):
        types.append(stories.c.acled_type == event["acled_type"])
    query = select(stories.c.data).where(stories.c.country == country, or_(*types))
    if event.get("date"):
        when = date.fromisoformat(event["date"])
        window = timedelta(days=story_logic.DATE_WINDOW_DAYS)
        query = query.where(
            or_(
                stories.c.date.is_(None),
                (stories.c.last_date >= when - window) & (stories.c.date <= when + window),
            )
        )
    else:
        query = query.order_by(stories.c.date.desc(), stories.c.id).limit(_UNDATED_CANDIDATES)
    return [dict(data) for data in conn.execute(query).scalars()]


def assign_article(conn: Connection, article_id: str, event_dicts: list[dict[str, Any]]) -> None:
    """Assign each of one article's stored events to a story (new or existing)."""
    if not event_dicts:
        return
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_STORY_LOCK})
    now = datetime.now(UTC)
    for event in sorted(event_dicts, key=story_logic.event_order):
        story = story_logic.best_story(event, _candidates(conn, event))
        if story is None:
            story = story_logic.found(event)
            conn.execute(insert(stories), [_story_row(story, now)])
        else:
            story, changes = story_logic.merge(story, event)
            conn.execute(update(stories).where(stories.c.id == story["id"]).values(_story_row(story, now)))
            if changes:
                conn.execute(
                    insert(story_changes),
                    [
                        {
                            "story_id": story["id"],
                            "field": name,
                            "old": old,
                            "new": new,
                            "article_id": article_id,
                            "changed_at": now,
                        }
                        for name, old, new in changes
                    ],
                )
        conn.execute(update(events).where(events.c.id == event["id"]).values(story_id=story["id"]))


def rebuild(conn: Connection) -> int:
    """Forget every story and assign all events again, article by article in ingestion order.

    Replaying in the order articles were added gives the same founding events, hence the same
    story ids, as the incremental assignment did. Returns the number of stories.
    """
    conn.execute(update(events).values(story_id=None))
    conn.execute(delete(story_changes))
    conn.execute(delete(stories))
    order = select(articles.c.id).order_by(articles.c.ingested_at, articles.c.id)
    for article_id in list(conn.execute(order).scalars()):
        rows = conn.execute(select(events.c.data).where(events.c.article_id == article_id)).scalars()
        assign_article(conn, article_id, [dict(data) for data in rows])
    return int(conn.execute(select(func.count()).select_from(stories)).scalar_one())
