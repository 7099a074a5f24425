"""``tocsin watch FEEDS_FILE [--every 15m] [--db URL] [--once]``: thin layer over ``tocsin.ingest.watch``."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from ..batch import Summary
from ..config import Settings
from ..errors import TocsinError
from ..ingest.watch import Watcher, parse_interval, read_feed_list
from ..store import open_store

__all__ = ["register"]


def _report(summary: Summary) -> None:
    for origin, why in summary.errors:
        click.echo(f"{origin}: {why}", err=True)
    click.echo("; ".join(summary.lines()))


def register(main: click.Group) -> None:
    @main.command("watch")
    @click.argument("feeds_file", type=click.Path(dir_okay=False, path_type=Path))
    @click.option("--every", default="15m", show_default=True, help="Poll interval: 30s, 15m, 2h, 1d.")
    @click.option("--db", help="SQLAlchemy URL (default: setting 'db').")
    @click.option("--once", is_flag=True, help="Poll every feed once and exit.")
    @click.pass_context
    def watch_cmd(ctx: click.Context, feeds_file: Path, every: str, db: str | None, once: bool) -> None:
        """Poll the feeds listed in FEEDS_FILE, storing each new article once (state kept in DB)."""
        settings: Settings = ctx.obj
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
        try:
            interval = parse_interval(every)
            feeds = read_feed_list(feeds_file)
            with open_store(db or settings.db) as store:
                Watcher(feeds, store, settings).run(interval, once=once, report=_report)
        except TocsinError as e:
            raise click.ClickException(str(e)) from e
        except KeyboardInterrupt:
            click.echo("stopped", err=True)
