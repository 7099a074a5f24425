"""The ``tocsin`` command: a thin layer over ``tocsin.batch`` and ``tocsin.store``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import click

from . import __version__
from .batch import Summary, extract, ingest, sample_dir
from .commands import register_all
from .config import SETTINGS_HELP, Settings, load_settings
from .errors import TocsinError
from .pipeline import Result
from .store import open_store

_FORMATS = click.Choice(["table", "json", "jsonl"])


def _settings(ctx: click.Context) -> Settings:
    settings: Settings = ctx.obj
    return settings


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        msg = f"expected YYYY-MM-DD, got {value!r}"
        raise click.BadParameter(msg) from e


def _print_help_settings(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    defaults = Settings()
    for name, text in SETTINGS_HELP.items():
        click.echo(f"{name:16} {getattr(defaults, name)!r:28} {text}")
    ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tocsin")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), help="TOML settings file.")
@click.option(
    "-s",
    "--setting",
    "overrides",
    type=(str, str),
    multiple=True,
    metavar="KEY VALUE",
    help="Override a setting (see --help-settings).",
)
@click.option(
    "--help-settings",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_help_settings,
    help="List every setting with its default and exit.",
)
@click.pass_context
def main(ctx: click.Context, config: Path | None, overrides: tuple[tuple[str, str], ...]) -> None:
    """tocsin: political-unrest events, with evidence, from news text."""
    if config is None and Path("tocsin.toml").is_file():
        config = Path("tocsin.toml")
    try:
        ctx.obj = load_settings(config, dict(overrides))
    except TocsinError as e:
        raise click.ClickException(str(e)) from e


@main.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_date, help="Publication date YYYY-MM-DD (resolves 'on Wednesday').")
@click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True)
@click.pass_context
def extract_cmd(ctx: click.Context, paths: tuple[str, ...], published: date | None, fmt: str) -> None:
    """Print the events of PATHS (files, folders, globs or - for stdin) with their evidence."""
    settings = _settings(ctx)
    summary = Summary()
    documents: list[dict[str, Any]] = []
    try:
        for result in extract(paths, settings, published):
            summary.record(result)
            if result.status != "ok" or result.article is None:
                continue
            summary.ingested += 1
            document = {
                "article": result.article.to_dict(),
                "events": [e.to_dict() for e in result.article.events],
            }
            if fmt == "jsonl":
                click.echo(json.dumps(document, ensure_ascii=False))
            elif fmt == "json":
                documents.append(document)
            else:
                _print_table(result)
    except TocsinError as e:
        raise click.ClickException(str(e)) from e
    if fmt == "json":
        payload: Any = documents[0] if len(documents) == 1 else documents
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    _finish(summary, quiet=True)


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", help="SQLAlchemy URL (default: setting 'db', sqlite:///tocsin.db).")
@click.option("--published", callback=_date, help="Publication date YYYY-MM-DD for inputs without one.")
@click.pass_context
def ingest_cmd(ctx: click.Context, paths: tuple[str, ...], db: str | None, published: date | None) -> None:
    """Extract events from PATHS and store articles and events (re-ingesting adds nothing)."""
    settings = _settings(ctx)
    try:
        with open_store(db or settings.db) as store:
            summary = ingest(paths, store, settings, published)
    except TocsinError as e:
        raise click.ClickException(str(e)) from e
    _finish(summary, quiet=False)


@main.command("events")
@click.option("--db", help="SQLAlchemy URL (default: setting 'db').")
@click.option("--country", help="ISO 3166-1 alpha-3 code of the place or an actor.")
@click.option("--type", "plover_type", help="PLOVER event type, e.g. PROTEST.")
@click.option("--acled-type", help="ACLED event type, e.g. Riots.")
@click.option("--since", callback=_date, help="Events on or after YYYY-MM-DD.")
@click.option("--until", callback=_date, help="Events on or before YYYY-MM-DD.")
@click.option("--limit", type=int, default=None)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def events_cmd(
    ctx: click.Context,
    db: str | None,
    country: str | None,
    plover_type: str | None,
    acled_type: str | None,
    since: date | None,
    until: date | None,
    limit: int | None,
    fmt: str,
) -> None:
    """List stored events, filtered."""
    settings = _settings(ctx)
    try:
        with open_store(db or settings.db) as store:
            events = store.events(
                country=country.upper() if country else None,
                plover_type=plover_type.upper() if plover_type else None,
                acled_type=acled_type,
                since=since,
                until=until,
                limit=limit,
            )
    except TocsinError as e:
        raise click.ClickException(str(e)) from e
    if fmt == "json":
        click.echo(json.dumps(events, ensure_ascii=False, indent=2))
    else:
        _table(events)


@main.command("demo")
@click.option("--db", default="sqlite:///tocsin.db", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True, help="Port of the dashboard on 127.0.0.1.")
@click.option("--no-serve", is_flag=True, help="Only ingest and list; do not start the dashboard.")
@click.pass_context
def demo_cmd(ctx: click.Context, db: str, port: int, no_serve: bool) -> None:
    """Ingest the bundled sample articles into DB, list their events and serve the dashboard."""
    ctx.invoke(ingest_cmd, paths=(str(sample_dir()),), db=db, published=None)
    ctx.invoke(
        events_cmd,
        db=db,
        country=None,
        plover_type=None,
        acled_type=None,
        since=None,
        until=None,
        limit=None,
        fmt="table",
    )
    if not no_serve:
        from .commands.serve import serve  # noqa: PLC0415 - the web stack loads only to serve

        try:
            serve(db, _settings(ctx), "127.0.0.1", port)
        except TocsinError as e:
            raise click.ClickException(str(e)) from e


def _finish(summary: Summary, *, quiet: bool) -> None:
    for origin, why in summary.errors:
        click.echo(f"{origin}: {why}", err=True)
    if not quiet:
        for line in summary.lines():
            click.echo(line)
    if summary.processed == 0:
        raise click.ClickException("no input could be processed")


def _print_table(result: Result) -> None:
    article = result.article
    if article is None:
        return
    click.echo(f"== {result.origin}  [{article.id}] {article.title or ''}".rstrip())
    if article.flags:
        click.echo(f"   flags: {', '.join(article.flags)}")
    _table([e.to_dict() for e in article.events])


def _actors(actors: Iterable[dict[str, Any]]) -> str:
    return "; ".join(f"{a['text']} ({a['country'] or '?'} {a['sector'] or '?'})" for a in actors) or "-"


def _range(count: dict[str, Any] | None) -> str:
    if not count:
        return "-"
    high = count["max"]
    return str(count["min"]) if high == count["min"] else f"{count['min']}-{high if high is not None else ''}"


def _table(events: list[dict[str, Any]]) -> None:
    if not events:
        click.echo("   (no events)")
        return
    for event in events:
        place = event["place"]
        where = f"{place['name']} ({place['country']}, p{place['precision']})" if place else "-"
        kind = f"{event['plover_type']}/{event['plover_mode'] or '-'}"
        acled = event["acled_subtype"] or "-"
        click.echo(f"-- {kind:22} {acled:22} {event['date'] or '-'} ({event['date_precision']})  {where}")
        click.echo(f"   source: {_actors(event['sources'])}   target: {_actors(event['targets'])}")
        counts = {k: _range(event[k]) for k in ("killed", "injured", "arrested", "crowd_size") if event[k]}
        if counts or event["context"]:
            click.echo(f"   counts: {counts or '-'}   context: {', '.join(event['context']) or '-'}")
        evidence = event["evidence"]
        trig = evidence["trigger"]
        sentence, start = evidence["sentence"], evidence["start"]
        a, b = trig["start"] - start, trig["end"] - start
        click.echo(f"   \u201c{sentence[:a]}[{sentence[a:b]}]{sentence[b:]}\u201d")


register_all(main)

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
