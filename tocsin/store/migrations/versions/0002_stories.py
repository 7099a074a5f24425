# Copyright 2026 The tocsin authors. Licensed under the Apache License 2.0.
"""Stories (issue #6): events.story_id, story columns for filtering, the story change log.

Revision ID: 0002
Revises: 0001
Create Date: 2026-01-01

Frozen: later schema changes go in new revisions, never here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from collections.abc import Sequence

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("story_id", sa.String(64)))
        batch.create_index("ix_events_story_id", ["story_id"])
    with op.batch_alter_table("stories") as batch:
        batch.add_column(sa.Column("plover_type", sa.String(16)))
        batch.add_column(sa.Column("acled_type", sa.String(64)))
        batch.add_column(sa.Column("country", sa.String(3)))
        batch.add_column(sa.Column("admin1", sa.Text()))
        batch.add_column(sa.Column("date", sa.Date()))
        batch.add_column(sa.Column("last_date", sa.Date()))
        batch.add_column(sa.Column("n_events", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("n_articles", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("confidence", sa.Float()))
        batch.create_index("ix_stories_country", ["country"])
        batch.create_index("ix_stories_date", ["date"])
    op.create_table(
        "story_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("story_id", sa.String(64), nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("old", sa.JSON()),
        sa.Column("new", sa.JSON()),
        sa.Column("article_id", sa.String(16)),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_story_changes"),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name="fk_story_changes_story_id_stories",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_story_changes_story_id", "story_changes", ["story_id"])


def downgrade() -> None:
    op.drop_index("ix_story_changes_story_id", table_name="story_changes")
    op.drop_table("story_changes")
    with op.batch_alter_table("stories") as batch:
        batch.drop_index("ix_stories_date")
        batch.drop_index("ix_stories_country")
        for name in (
            "confidence",
            "n_articles",
            "n_events",
            "last_date",
            "date",
            "admin1",
            "country",
            "acled_type",
            "plover_type",
        ):
            batch.drop_column(name)
    with op.batch_alter_table("events") as batch:
        batch.drop_index("ix_events_story_id")
        batch.drop_column("story_id")
