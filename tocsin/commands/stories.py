"""``tocsin stories rebuild [--db URL]``: assign every stored event to stories again."""

from __future__ import annotations

import click

from ..config import Settings
from ..errors import TocsinError
from ..store import open_store

__all__ = ["register"]


def register(main: click.Group) -> None:
    @main.group("stories")
    def stories_group() -> None:
        """Stories: events from different articles that report the same real-world event."""

    @stories_group.command("rebuild")
    @click.option("--db", help="SQLAlchemy URL (default: setting 'db').")
    @click.pass_context
    def rebuild_cmd(ctx: click.Context, db: str | None) -> None:
        """Forget all stories and merge every stored event again (ids stay the same)."""
        settings: Settings = ctx.obj
        try:
            with open_store(db or settings.db) as store:
                n = store.rebuild_stories()
                events = store.count_events()
        except TocsinError as e:
            raise click.ClickException(str(e)) from e
        click.echo(f"stories: {n} from {events} events")
