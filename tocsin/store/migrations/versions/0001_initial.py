# Copyright 2026 The tocsin authors. Licensed under the Apache License 2.0.
"""Initial schema: articles, events, event_actors, stories.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

Frozen: later schema changes go in new revisions, never here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from collections.abc import Sequence

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COUNTS = ("killed", "injured", "arrested", "crowd")


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(16), nullable=False),
        sa.Column("url", sa.Text()),
        sa.Column("source", sa.Text()),
        sa.Column("title", sa.Text()),
        sa.Column("published", sa.Date()),
        sa.Column("language", sa.String(32)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(16), nullable=False),
        sa.Column("article_id", sa.String(16), nullable=False),
        sa.Column("plover_type", sa.String(16), nullable=False),
        sa.Column("plover_mode", sa.String(32)),
        sa.Column("acled_type", sa.String(64)),
        sa.Column("acled_subtype", sa.String(64)),
        sa.Column("country", sa.String(3)),
        sa.Column("admin1", sa.Text()),
        sa.Column("place_name", sa.Text()),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("geo_precision", sa.SmallInteger()),
        sa.Column("date", sa.Date()),
        sa.Column("date_precision", sa.String(16), nullable=False),
        *(sa.Column(f"{n}_{end}", sa.Integer()) for n in _COUNTS for end in ("min", "max")),
        sa.Column("confidence", sa.Float()),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_events_article_id_articles",
            ondelete="CASCADE",
        ),
        *(sa.CheckConstraint(f"{n}_min >= 0", name=f"ck_events_{n}_min_nonneg") for n in _COUNTS),
    )
    op.create_index("ix_events_article_id", "events", ["article_id"])
    op.create_index("ix_events_country", "events", ["country"])
    op.create_index("ix_events_date", "events", ["date"])
    op.create_table(
        "event_actors",
        sa.Column("event_id", sa.String(16), nullable=False),
        sa.Column("role", sa.String(6), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("name", sa.Text()),
        sa.Column("country", sa.String(3)),
        sa.Column("sector", sa.String(3)),
        sa.PrimaryKeyConstraint("event_id", "role", "position", name="pk_event_actors"),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name="fk_event_actors_event_id_events",
            ondelete="CASCADE",
        ),
        sa.CheckConstraint("role IN ('source', 'target')", name="ck_event_actors_role"),
    )
    op.create_index("ix_event_actors_country", "event_actors", ["country"])
    op.create_table(
        "stories",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_stories"),
    )


def downgrade() -> None:
    op.drop_table("stories")
    op.drop_index("ix_event_actors_country", table_name="event_actors")
    op.drop_table("event_actors")
    op.drop_index("ix_events_date", table_name="events")
    op.drop_index("ix_events_country", table_name="events")
    op.drop_index("ix_events_article_id", table_name="events")
    op.drop_table("events")
    op.drop_table("articles")
