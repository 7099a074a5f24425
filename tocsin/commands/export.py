"""``tocsin export --format csv|jsonl|parquet|geojson|acled [--out FILE] [filters]``: over ``tocsin.export``."""

from __future__ import annotations

import sys
from datetime import date

import click

from ..config import Settings
from ..errors import TocsinError
from ..export import FORMATS, export
from ..store import open_store
from ..store.queries import EVENT_SORTS, EventQuery

__all__ = ["register"]


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from e


def register(main: click.Group) -> None:
    @main.command("export")
    @click.option("--format", "fmt", type=click.Choice(FORMATS), required=True)
    @click.option("--out", type=click.Path(dir_okay=False), help="Output file (default: standard output).")
    @click.option("--db", help="SQLAlchemy URL (default: setting 'db').")
    @click.option("--country", help="ISO 3166-1 alpha-3 code of the place or an actor.")
    @click.option("--admin1", help="First-level region of the place.")
    @click.option("--type", "plover_type", help="PLOVER event type, e.g. PROTEST.")
    @click.option("--acled-type", help="ACLED event type, e.g. Riots.")
    @click.option("--actor", help="Substring of an actor's text or name.")
    @click.option("--since", callback=_date, help="Events on or after YYYY-MM-DD.")
    @click.option("--until", callback=_date, help="Events on or before YYYY-MM-DD.")
    @click.option("--min-confidence", type=float)
    @click.option("--text", help="Substring of the article's title or text.")
    @click.option("--sort", type=click.Choice(EVENT_SORTS), default="date", show_default=True)
    @click.option("--limit", type=int)
    @click.pass_context
    def export_cmd(  # noqa: PLR0917 - click passes options positionally
        ctx: click.Context,
        fmt: str,
        out: str | None,
        db: str | None,
        country: str | None,
        admin1: str | None,
        plover_type: str | None,
        acled_type: str | None,
        actor: str | None,
        since: date | None,
        until: date | None,
        min_confidence: float | None,
        text: str | None,
        sort: str,
        limit: int | None,
    ) -> None:
        """Write stored events, filtered as in the API, streaming (memory stays flat)."""
        settings: Settings = ctx.obj
        if fmt == "parquet" and out is None:
            raise click.UsageError("--format parquet needs --out FILE")
        try:
            query = EventQuery(
                country=country,
                admin1=admin1,
                plover_type=plover_type,
                acled_type=acled_type,
                actor=actor,
                since=since,
                until=until,
                min_confidence=min_confidence,
                text=text,
                sort=sort,
                limit=limit,
            )
            with open_store(db or settings.db) as store:
                n = export(store, query, fmt, out if out is not None else sys.stdout)
        except TocsinError as e:
            raise click.ClickException(str(e)) from e
        if out is not None:
            click.echo(f"exported {n} events to {out}", err=True)
