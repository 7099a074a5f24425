"""``tocsin places PATH [--format json|table]``: every toponym of a text file, resolved.

A thin layer over :func:`tocsin.geocode.toponyms.find_toponyms`.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import TocsinError
from ..geocode import get_gazetteer
from ..geocode.toponyms import Toponym, find_toponyms

__all__ = ["format_table", "register", "to_dict"]


def to_dict(toponym: Toponym) -> dict[str, object]:
    """The JSON form of one toponym."""
    return {
        "span": toponym.span.to_dict(),
        "place": toponym.place.to_dict() if toponym.place else None,
        "score": toponym.score,
        "reason": toponym.reason,
    }


def format_table(toponyms: list[Toponym]) -> str:
    """One line per toponym: offsets, text, resolved place, score and reason."""
    lines = [f"{'start':>6} {'end':>6}  {'text':30} {'place':34} {'score':>5}  reason"]
    for t in toponyms:
        place = t.place
        where = "-"
        if place is not None:
            where = f"{place.name} ({place.country or '-'}, p{place.precision})"
        lines.append(
            f"{t.span.start:>6} {t.span.end:>6}  {t.span.text[:30]:30} {where[:34]:34} {t.score:5.2f}  {t.reason}"
        )
    return "\n".join(lines)


def register(main: click.Group) -> None:
    @main.command("places")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
    def places_cmd(path: Path, fmt: str) -> None:
        """Print every toponym of the text file PATH with its span, resolved place and score."""
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
            toponyms = find_toponyms(text, get_gazetteer())
        except (OSError, TocsinError) as e:
            raise click.ClickException(str(e)) from e
        if fmt == "json":
            click.echo(json.dumps([to_dict(t) for t in toponyms], indent=2, ensure_ascii=False))
        else:
            click.echo(format_table(toponyms))
