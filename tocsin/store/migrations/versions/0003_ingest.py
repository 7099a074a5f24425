# Copyright 2026 The tocsin authors. Licensed under the Apache License 2.0.
"""Ingest (issue #3): near-duplicate links, MinHash LSH bands, feed-watching state.

Revision ID: 0003
Revises: 0002
Create Date: 2026-01-01

Frozen: later schema changes go in new revisions, never here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from collections.abc import Sequence

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("canonical_id", sa.String(16)))
        batch.create_index("ix_articles_canonical_id", ["canonical_id"])
    op.create_table(
        "article_bands",
        sa.Column("article_id", sa.String(16), nullable=False),
        sa.Column("band", sa.SmallInteger(), nullable=False),
        sa.Column("bucket", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "band", name="pk_article_bands"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_article_bands_article_id_articles",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_article_bands_bucket", "article_bands", ["bucket"])
    op.create_table(
        "feed_state",
        sa.Column("feed", sa.String(64), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("feed", name="pk_feed_state"),
    )
    op.create_table(
        "feed_seen",
        sa.Column("feed", sa.String(64), nullable=False),
        sa.Column("entry", sa.String(64), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("feed", "entry", name="pk_feed_seen"),
    )


def downgrade() -> None:
    op.drop_table("feed_seen")
    op.drop_table("feed_state")
    op.drop_index("ix_article_bands_bucket", table_name="article_bands")
    op.drop_table("article_bands")
    with op.batch_alter_table("articles") as batch:
        batch.drop_index("ix_articles_canonical_id")
        batch.drop_column("canonical_id")
