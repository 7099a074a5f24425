"""``tocsin serve [--db URL] [--host H] [--port N]``: the API and dashboard (``tocsin.api``) under uvicorn."""

from __future__ import annotations

import click

from ..config import Settings
from ..errors import TocsinError
from ..store import open_store

__all__ = ["register", "serve"]


def serve(db: str, settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Open the store at ``db`` and serve the API and dashboard until interrupted."""
    import uvicorn  # noqa: PLC0415 - only serving needs the web stack

    from ..api import create_app  # noqa: PLC0415

    with open_store(db) as store:
        app = create_app(store, settings)
        click.echo(f"tocsin dashboard: http://{host}:{port}/  (API docs: http://{host}:{port}/docs)")
        uvicorn.run(app, host=host, port=port, log_level="warning")


def register(main: click.Group) -> None:
    @main.command("serve")
    @click.option("--db", help="SQLAlchemy URL (default: setting 'db').")
    @click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
    @click.option("--port", type=int, default=8000, show_default=True)
    @click.pass_context
    def serve_cmd(ctx: click.Context, db: str | None, host: str, port: int) -> None:
        """Serve the REST API and the dashboard (map, timeline, evidence) over a store."""
        settings: Settings = ctx.obj
        try:
            serve(db or settings.db, settings, host, port)
        except TocsinError as e:
            raise click.ClickException(str(e)) from e
