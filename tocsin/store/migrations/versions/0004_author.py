# Copyright 2026 The tocsin authors. Licensed under the Apache License 2.0.
"""Article author (issue #3: title, date, author and site name of a page).

Revision ID: 0004
Revises: 0003
Create Date: 2026-01-02

Frozen: later schema changes go in new revisions, never here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from collections.abc import Sequence

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("author", sa.Text()))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("author")
